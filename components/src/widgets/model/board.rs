//! A status board: road segments, their levels and a summary for the picture and the list.

use crate::i18n::{t, Msg};
use crate::kit::cells::{record_cell, Cell};
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{ResponseSpec, StatusBoardSpec, Tone};

/// One road segment, numbered from 1 in the department's order (the picture's labels).
#[derive(Debug, Clone, PartialEq)]
pub struct Road {
    pub number: usize,
    pub name: Cell,
    pub level: Cell,
}

impl Road {
    /// The level's tone name (`data-tone`), if the descriptor gave one.
    pub fn tone(&self) -> Option<&'static str> {
        self.level.tone()
    }
}

/// The roads of the answer.
pub fn roads(spec: &StatusBoardSpec, response: &ResponseSpec, records: &[Record]) -> Vec<Road> {
    records
        .iter()
        .enumerate()
        .map(|(i, r)| Road {
            number: i + 1,
            name: record_cell(response, r, &spec.segment),
            level: record_cell(response, r, &spec.level),
        })
        .collect()
}

/// Worst first: danger, warning, info, neutral, success, then untoned levels.
fn severity(tone: Option<Tone>) -> u8 {
    match tone {
        Some(Tone::Danger) => 0,
        Some(Tone::Warning) => 1,
        Some(Tone::Info) => 2,
        Some(Tone::Neutral) => 3,
        Some(Tone::Success) => 4,
        None => 5,
    }
}

/// How many roads are at each level, worst first (ties in order of first appearance), with
/// the level's label in `locale`.
pub fn level_counts(roads: &[Road], locale: &str) -> Vec<(String, usize)> {
    let mut groups: Vec<(Option<String>, Option<Tone>, String, usize)> = Vec::new();
    for r in roads {
        let code = r.level.code().map(str::to_string);
        match groups
            .iter_mut()
            .find(|g| g.0 == code && (code.is_some() || g.2 == r.level.text(locale, false)))
        {
            Some(g) => g.3 += 1,
            None => groups.push((code, r.level.value.tone(), r.level.text(locale, false), 1)),
        }
    }
    // Grouped by severity with a loop, not a sort: a stable sort costs ~3 KiB of wasm per use.
    (0..=5)
        .flat_map(|s| groups.iter().filter(move |g| severity(g.1) == s))
        .map(|(_, _, label, n)| (label.clone(), *n))
        .collect()
}

/// "共 15 条道路：拥堵 6 条、…" / "15 roads: Congested 6, …".
pub fn summary(roads: &[Road], locale: &str) -> String {
    crate::i18n::catalog(locale).roads(roads.len(), &level_counts(roads, locale))
}

/// The picture's accessible name: "路况示意图：共 15 条道路：…".
pub fn map_label(roads: &[Road], locale: &str) -> String {
    let sep = t(locale, Msg::MapLabelSep);
    format!("{}{sep}{}", t(locale, Msg::RoadMap), summary(roads, locale))
}
