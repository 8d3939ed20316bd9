//! Geometry of the road picture, as plain data: a schematic map in a 320 × 220 box, north up.
//! A few Hangzhou roads have hand-placed strokes; any other segment is laid out
//! deterministically by its position among the unknown ones: horizontal, vertical and
//! diagonal strokes in turn, spread evenly over the box.

/// Width of the picture's view box.
pub const WIDTH: i16 = 320;
/// Height of the picture's view box.
pub const HEIGHT: i16 = 220;
const PAD: i16 = 16;

/// A point in view-box units.
pub type Pt = (i16, i16);

/// One road's stroke and where its number label sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stroke {
    pub points: Vec<Pt>,
    pub label: Pt,
    /// Whether the stroke was hand-placed for a known road.
    pub known: bool,
}

/// Known roads: a name fragment, the label point and the polyline.
const KNOWN: &[(&str, Pt, &[Pt])] = &[
    ("留石快速路", (60, 20), &[(30, 20), (290, 20)]),
    ("德胜快速路", (250, 44), &[(80, 44), (300, 44)]),
    ("艮山快速路", (280, 68), &[(170, 68), (305, 68)]),
    ("文一路", (40, 62), &[(10, 62), (150, 62)]),
    ("天目山路", (50, 94), &[(20, 92), (110, 98)]),
    ("环城北路", (190, 98), &[(110, 98), (215, 98)]),
    ("中河高架", (160, 32), &[(160, 10), (160, 50), (165, 100), (165, 138)]),
    ("秋石高架", (215, 120), &[(215, 14), (215, 132)]),
    ("紫之隧道", (90, 78), &[(90, 30), (90, 100), (100, 148)]),
    ("之江路", (60, 163), &[(40, 168), (100, 152), (150, 140)]),
    ("钱江三桥", (138, 172), &[(145, 140), (135, 180)]),
    ("复兴大桥", (182, 160), &[(185, 136), (180, 178)]),
    ("望江隧道", (231, 158), &[(235, 130), (230, 170)]),
    ("时代大道", (175, 205), &[(180, 178), (172, 215)]),
    ("机场快速路", (290, 130), &[(215, 106), (270, 110), (310, 150)]),
    ("延安路", (140, 120), &[(140, 100), (140, 138)]),
];

/// The Qiantang river, drawn behind the roads when a known Hangzhou road is shown.
pub const RIVER: &[Pt] = &[(0, 190), (70, 165), (150, 150), (230, 144), (320, 120)];

/// The hand-placed stroke of a known road (matched by a name fragment).
pub fn known(name: &str) -> Option<Stroke> {
    KNOWN.iter().find(|(key, ..)| name.contains(key)).map(|(_, label, points)| Stroke {
        points: points.to_vec(),
        label: *label,
        known: true,
    })
}

/// One stroke per name, in order: known roads where they are, the others on the grid; then
/// the number labels are moved apart (see [`place_labels`]).
pub fn layout(names: &[String]) -> Vec<Stroke> {
    let unknown = names.iter().filter(|n| known(n).is_none()).count();
    let mut j = 0;
    let mut strokes: Vec<Stroke> = names
        .iter()
        .map(|n| {
            known(n).unwrap_or_else(|| {
                let s = grid(j, unknown);
                j += 1;
                s
            })
        })
        .collect();
    place_labels(&mut strokes);
    strokes
}

/// Whether the river backdrop belongs in the picture.
pub fn shows_river(strokes: &[Stroke]) -> bool {
    strokes.iter().any(|s| s.known)
}

/// The `j`-th of `n` unknown segments: kind `j % 3` (horizontal, vertical, diagonal rising
/// or falling in turn), slot `j / 3` among the strokes of that kind, spread evenly. Labels
/// sit between the crossing lines (horizontals' between the verticals and so on), not on
/// crossings, so each is clearly on its own stroke.
pub fn grid(j: usize, n: usize) -> Stroke {
    let (kind, slot) = (j % 3, (j / 3) as i32);
    let n = n.max(j + 1);
    let of_kind = (n + 2 - kind) as i32 / 3;
    let (nh, nv) = ((n as i32 + 2) / 3, (n as i32 + 1) / 3);
    let (w, h, pad) = (WIDTH as i32, HEIGHT as i32, PAD as i32);
    let at = |span: i32| pad + (slot + 1) * span / (of_kind + 1);
    let col = |c: i32| pad + (2 * c + 1) * (w - 2 * pad) / (2 * (nv + 1));
    let row = |r: i32| pad + (2 * r + 1) * (h - 2 * pad) / (2 * (nh + 1));
    let (points, label) = match kind {
        0 => {
            let y = at(h - 2 * pad);
            (vec![(pad, y), (w - pad, y)], (col(slot % (nv + 1)), y))
        }
        1 => {
            let x = at(w - 2 * pad);
            (vec![(x, pad), (x, h - pad)], (x, row((nh - slot).rem_euclid(nh + 1))))
        }
        _ => {
            let run = 150;
            let x0 = at(w - 2 * pad - run);
            let (a, b) = if slot % 2 == 0 {
                ((x0, h - pad), (x0 + run, pad))
            } else {
                ((x0, pad), (x0 + run, h - pad))
            };
            let y = row((2 * slot + 1) % (nh + 1));
            let x = a.0 + (y - a.1) * (b.0 - a.0) / (b.1 - a.1);
            (vec![a, b], (x, y))
        }
    };
    let pt = |(x, y): (i32, i32)| (x as i16, y as i16);
    Stroke { points: points.into_iter().map(pt).collect(), label: pt(label), known: false }
}

/// The point at fraction `t` (0–1) of a polyline's length.
pub fn point_at(points: &[Pt], t: f32) -> Pt {
    let seg = |a: Pt, b: Pt| (f32::from(b.0 - a.0)).hypot(f32::from(b.1 - a.1));
    let total: f32 = points.windows(2).map(|w| seg(w[0], w[1])).sum();
    let mut left = total * t.clamp(0.0, 1.0);
    for w in points.windows(2) {
        let len = seg(w[0], w[1]);
        if left <= len && len > 0.0 {
            let k = left / len;
            let lerp = |a: i16, b: i16| (f32::from(a) + k * f32::from(b - a)).round() as i16;
            return (lerp(w[0].0, w[1].0), lerp(w[0].1, w[1].1));
        }
        left -= len;
    }
    points.last().copied().unwrap_or((0, 0))
}

/// Closest two label centres may be (two label circles and a gap).
const LABEL_GAP: i32 = 18;

/// Keeps number labels apart: each, in order, stays where it is unless it would touch an
/// earlier one; then it moves to the first free point along its own stroke (mid, then
/// outwards). Deterministic.
pub fn place_labels(strokes: &mut [Stroke]) {
    const ALONG: [f32; 9] = [0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.1, 0.9];
    let mut placed: Vec<Pt> = Vec::new();
    for s in strokes.iter_mut() {
        let free = |p: &Pt| {
            placed.iter().all(|q| {
                let (dx, dy) = (i32::from(p.0 - q.0), i32::from(p.1 - q.1));
                dx * dx + dy * dy >= LABEL_GAP * LABEL_GAP
            })
        };
        let candidates =
            std::iter::once(s.label).chain(ALONG.iter().map(|t| point_at(&s.points, *t)));
        if let Some(p) = candidates.into_iter().find(|p| free(p)) {
            s.label = p;
        }
        placed.push(s.label);
    }
}

/// An SVG `points` attribute: `"30,20 290,20"`.
pub fn points_attr(points: &[Pt]) -> String {
    points.iter().map(|(x, y)| format!("{x},{y}")).collect::<Vec<_>>().join(" ")
}

/// The SVG `viewBox`.
pub fn view_box() -> String {
    format!("0 0 {WIDTH} {HEIGHT}")
}
