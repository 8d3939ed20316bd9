//! Host themes: a host's theme object → CSS custom properties on the panel root, plus the
//! dark and large-text ("elder") token sets (`data-cp-theme="dark"`, `data-cp-mode="elder"`,
//! defined in `styles/tokens.css`). Pure data, tested natively.
//!
//! ```json
//! { "primary": "#07c160", "primaryText": "#ffffff", "radius": 8, "fontFamily": "system-ui",
//!   "fontScale": 1.1, "dark": false, "elder": false }
//! ```

use serde_json::Value;

/// A validated host theme.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Theme {
    /// `(custom property, value)` pairs to set on the panel root.
    pub vars: Vec<(&'static str, String)>,
    /// The dark token set.
    pub dark: bool,
    /// The large-text token set.
    pub elder: bool,
}

/// Colour keys of a theme and the tokens they set.
const COLOURS: [(&str, &[&str]); 7] = [
    ("primary", &["--cp-color-primary", "--cp-color-focus"]),
    ("primaryText", &["--cp-color-primary-text"]),
    ("primarySoft", &["--cp-color-primary-soft"]),
    ("text", &["--cp-color-text"]),
    ("textMuted", &["--cp-color-text-muted"]),
    ("surface", &["--cp-color-surface"]),
    ("surfaceMuted", &["--cp-color-surface-muted"]),
];

/// Every key a theme may have.
pub const THEME_KEYS: [&str; 12] =
    ["primary", "primaryText", "primarySoft", "text", "textMuted", "surface", "surfaceMuted", "radius", "fontFamily", "fontScale", "dark", "elder"];

/// `#rgb`, `#rrggbb` or `#rrggbbaa`.
pub fn valid_colour(s: &str) -> bool {
    s.strip_prefix('#').is_some_and(|h| matches!(h.len(), 3 | 6 | 8) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `x` exactly as `format!("{x}")` prints a finite float, but through serde_json's float printer
/// (already in the bundle for JSON) instead of core's `Display for f64`, which costs ~14 KiB of
/// wasm (7.5 KiB gzip). Both print the shortest digits that read back as `x`, the closest of
/// them; they differ only in layout (serde_json may use an exponent and always shows a
/// fraction), which this rewrites, and in a tie between two closest candidates, where core
/// prints the upper one. Checked against `format!` in `tests/embed.rs`.
/// A JSON number in text (`"12"`, `"12.5"`), read by the JSON reader the bundle has anyway:
/// `str::parse::<f64>` would add core's own float parser and its tables (≈7 KiB gzip).
fn json_number(s: &str) -> Option<f64> {
    serde_json::from_str::<Value>(s).ok()?.as_f64()
}

pub fn plain_f64(x: f64) -> String {
    let printed = serde_json::Number::from_f64(x).map(|n| n.to_string()).unwrap_or_default();
    let (neg, rest) = match printed.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, printed.as_str()),
    };
    let (mantissa, exp) = match rest.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
        None => (rest, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
    // `point`: how many of `digits` stand before the decimal point (may be < 0 or > len).
    let mut point = int.len() as i32 + exp;
    let lead = digits.iter().take_while(|d| **d == 0).count();
    digits.drain(..lead);
    point -= lead as i32;
    while digits.last() == Some(&0) {
        digits.pop();
    }
    // A tie between two shortest candidates: core prints the upper one, zmij may print the
    // lower one (`x` is then exactly halfway above the digits).
    if !digits.is_empty() && halfway_above(x.abs(), &digits, point) {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                point += 1;
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
        while digits.last() == Some(&0) {
            digits.pop();
        }
    }
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    let len = digits.len() as i32;
    let push = |out: &mut String, ds: &[u8]| out.extend(ds.iter().map(|d| char::from(b'0' + d)));
    if digits.is_empty() {
        out.push('0');
    } else if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        push(&mut out, &digits);
    } else if point >= len {
        push(&mut out, &digits);
        out.extend(std::iter::repeat_n('0', (point - len) as usize));
    } else {
        push(&mut out, &digits[..point as usize]);
        out.push('.');
        push(&mut out, &digits[point as usize..]);
    }
    out
}

/// Whether `x` (≥ 0) is exactly the decimal `digits` (point after `point` of them) plus half a
/// unit in its last place.
fn halfway_above(x: f64, digits: &[u8], point: i32) -> bool {
    if digits.len() > 17 {
        return false;
    }
    // mid = d · 10^e10 with d = digits·10 + 5.
    let d = digits.iter().fold(0u128, |a, &g| a * 10 + u128::from(g)) * 10 + 5;
    let e10 = point - digits.len() as i32 - 1;
    // mid = q · 2^e2 with q odd (d is odd); exact as a double only if q < 2^53.
    let (q, e2) = if e10 >= 0 {
        let mut q = d;
        for _ in 0..e10 {
            match q.checked_mul(5) {
                Some(v) => q = v,
                None => return false,
            }
        }
        (q, e10)
    } else {
        let mut q = d;
        for _ in 0..-e10 {
            if q % 5 != 0 {
                return false;
            }
            q /= 5;
        }
        (q, e10)
    };
    if q >= 1 << 53 || !(-1074..=971).contains(&e2) {
        return false;
    }
    // q < 2^53 and |e2| small enough: both factors and the product are exact.
    q as f64 * 2f64.powi(e2) == x
}

fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 { format!("{}…", s.chars().take(60).collect::<String>()) } else { s }
}

/// Checks a host's theme object; errors name the key and the value.
pub fn parse_theme(v: &Value) -> Result<Theme, String> {
    let obj = match v {
        Value::Null => return Ok(Theme::default()),
        Value::Object(o) => o,
        other => return Err(format!("`theme` must be an object, got `{}`", show(other))),
    };
    let mut theme = Theme::default();
    for (key, value) in obj {
        if let Some((_, props)) = COLOURS.iter().find(|(k, _)| k == key) {
            let colour = value.as_str().filter(|c| valid_colour(c)).ok_or_else(|| {
                format!("`theme.{key}` must be a hex colour like `#1560d4`, got `{}`", show(value))
            })?;
            theme.vars.extend(props.iter().map(|p| (*p, colour.to_ascii_lowercase())));
            continue;
        }
        match key.as_str() {
            "radius" => {
                let px = value.as_f64().or_else(|| value.as_str().and_then(|s| s.strip_suffix("px")).and_then(|n| json_number(n.trim())));
                let px = px.filter(|p| (0.0..=32.0).contains(p)).ok_or_else(|| {
                    format!("`theme.radius` must be 0–32 (pixels), got `{}`", show(value))
                })?;
                theme.vars.push(("--cp-radius", plain_f64(px) + "px"));
                theme.vars.push(("--cp-radius-small", plain_f64((px * 2.0 / 3.0).round()) + "px"));
            }
            "fontFamily" => {
                let f = value
                    .as_str()
                    .filter(|f| !f.trim().is_empty() && f.len() <= 200 && !f.contains([';', '{', '}', '(', ')', '\\', '<']))
                    .ok_or_else(|| format!("`theme.fontFamily` must be a CSS font list, got `{}`", show(value)))?;
                theme.vars.push(("--cp-font-family", f.trim().to_string()));
            }
            "fontScale" => {
                let s = value.as_f64().filter(|s| (0.75..=2.0).contains(s)).ok_or_else(|| {
                    format!("`theme.fontScale` must be a number from 0.75 to 2, got `{}`", show(value))
                })?;
                theme.vars.push(("--cp-font-scale", plain_f64(s)));
            }
            "dark" | "elder" => {
                let b = value.as_bool().ok_or_else(|| format!("`theme.{key}` must be true or false, got `{}`", show(value)))?;
                if key == "dark" { theme.dark = b } else { theme.elder = b }
            }
            other => {
                return Err(format!("`theme` has an unknown key `{other}` (known: {})", THEME_KEYS.join(", ")));
            }
        }
    }
    Ok(theme)
}
