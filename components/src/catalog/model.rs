//! The city catalog in plain Rust (tested natively): entries read from the platform's catalog
//! summaries, search as you type, grouping by category, recently used first, and the
//! availability badge of each service at a given instant.
//!
//! Built for large catalogs (a thousand services in one city): each entry's search text is
//! folded once when the catalog is read ([`Entry::hay`]), [`layout`] names the shown entries by
//! index, and [`patch`] turns one shown list into the next with the fewest insertions and
//! removals, so the view moves DOM nodes it built once instead of rebuilding every item.

use crate::i18n::{t, Msg};
use citypanel_descriptor::availability::{Availability, CapabilityState};
use citypanel_descriptor::map::Map;
use citypanel_descriptor::model::{Capability, Category, ServiceKind};
use citypanel_descriptor::{parse_availability, Text};
use serde_json::Value as Json;

/// How many recently used services are listed first.
pub const MAX_RECENT: usize = 4;

/// One service in a city's catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub kind: ServiceKind,
    pub category: Category,
    pub title: Text,
    pub summary: Text,
    pub keywords: Text,
    pub availability: Option<Availability>,
    /// The search text, prepared once: title, summary and keywords in every locale, [`fold`]ed
    /// and joined by spaces (a query word has no whitespace, so it never spans two texts).
    pub hay: String,
}

/// A localized text from a summary field (anything malformed reads as empty).
fn text(v: &Json) -> Text {
    let mut map = Map::new();
    for (k, s) in v.as_object().into_iter().flatten() {
        if let Some(s) = s.as_str() {
            map.insert(k.clone(), s.to_string());
        }
    }
    Text(map)
}

/// Reads `{"city", "services": [...]}`; entries that are not usable are skipped and named in the
/// second list (for the developer console).
pub fn parse_catalog(body: &str) -> Result<(Vec<Entry>, Vec<String>), String> {
    let doc: Json = serde_json::from_str(body).map_err(|e| format!("catalog is not JSON: {e}"))?;
    let services =
        doc.get("services").and_then(Json::as_array).ok_or("catalog has no `services` array")?;
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    for s in services {
        let id = s.get("id").and_then(Json::as_str).unwrap_or_default().to_string();
        let kind = s.get("kind").and_then(Json::as_str).and_then(ServiceKind::parse);
        let category = s.get("category").and_then(Json::as_str).and_then(Category::parse);
        match (id.is_empty(), kind, category) {
            (false, Some(kind), Some(category)) => {
                let (title, summary, keywords) =
                    (text(&s["title"]), text(&s["summary"]), text(&s["keywords"]));
                entries.push(Entry {
                    availability: s
                        .get("availability")
                        .filter(|a| !a.is_null())
                        .and_then(|a| parse_availability(a).0),
                    hay: haystack(&[&title, &summary, &keywords]),
                    title,
                    summary,
                    keywords,
                    id,
                    kind,
                    category,
                })
            }
            _ => skipped.push(format!("catalog entry `{id}` has an unknown kind or category")),
        }
    }
    Ok((entries, skipped))
}

/// Folds text for search: Latin letters to lower case, full-width letters and digits (typed with
/// a Chinese input method in full-width mode) to their ASCII forms. Chinese has no case; the
/// catalog's other text is Chinese or English, so no Unicode case tables are needed.
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c).to_ascii_lowercase()
            }
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The folded search text of some localized texts (every locale), joined by spaces.
pub fn haystack(texts: &[&Text]) -> String {
    let mut hay = String::new();
    for s in texts.iter().flat_map(|t| t.0.values()) {
        if !hay.is_empty() {
            hay.push(' ');
        }
        hay.push_str(&fold(s));
    }
    hay
}

/// The folded words of a query (what [`Entry::has_words`] looks for).
pub fn words(query: &str) -> Vec<String> {
    query.split_whitespace().map(fold).collect()
}

impl Entry {
    /// Whether every word of `query` appears in the title, summary or keywords (any locale).
    pub fn matches(&self, query: &str) -> bool {
        self.has_words(&words(query))
    }

    /// Whether every one of these folded words (from [`words`]) is in the search text.
    pub fn has_words(&self, words: &[String]) -> bool {
        words.iter().all(|w| self.hay.contains(w.as_str()))
    }

    /// The capability a citizen uses first in this service.
    pub fn capability(&self) -> Capability {
        self.kind.capability()
    }

    /// The availability state at `now_ms` (open when the service declares none).
    pub fn state(&self, now_ms: i64) -> CapabilityState {
        self.availability
            .as_ref()
            .map_or(CapabilityState::Open, |a| a.state(self.capability(), now_ms))
    }
}

/// The catalog as shown: recently used first, then groups in the standard category order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Arranged {
    pub recent: Vec<Entry>,
    pub groups: Vec<(Category, Vec<Entry>)>,
}

impl Arranged {
    pub fn is_empty(&self) -> bool {
        self.recent.is_empty() && self.groups.is_empty()
    }
}

/// Which entries are shown where, as indices into the entries (keys for a keyed view):
/// recently used first (most recent first), then each non-empty category in the standard
/// order, its entries in catalog order (so every group's list is ascending).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    pub recent: Vec<usize>,
    pub groups: Vec<(Category, Vec<usize>)>,
}

impl Layout {
    pub fn is_empty(&self) -> bool {
        self.recent.is_empty() && self.groups.is_empty()
    }
}

/// Filters by `query` and lays out; `recent` lists service ids, most recent first.
pub fn layout(entries: &[Entry], query: &str, recent: &[String]) -> Layout {
    let words = words(query);
    let hits: Vec<usize> = (0..entries.len()).filter(|&i| entries[i].has_words(&words)).collect();
    let recent = recent
        .iter()
        .filter_map(|id| hits.iter().copied().find(|&i| &entries[i].id == id))
        .take(MAX_RECENT)
        .collect();
    let mut groups: Vec<(Category, Vec<usize>)> =
        Category::ALL.iter().map(|c| (*c, Vec::new())).collect();
    for &i in &hits {
        if let Some((_, list)) = groups.iter_mut().find(|(c, _)| *c == entries[i].category) {
            list.push(i);
        }
    }
    groups.retain(|(_, list)| !list.is_empty());
    Layout { recent, groups }
}

/// Filters by `query` and arranges; `recent` lists service ids, most recent first.
pub fn arrange(entries: &[Entry], query: &str, recent: &[String]) -> Arranged {
    let l = layout(entries, query, recent);
    let pick = |list: &[usize]| list.iter().map(|&i| entries[i].clone()).collect::<Vec<_>>();
    Arranged {
        recent: pick(&l.recent),
        groups: l.groups.iter().map(|(c, list)| (*c, pick(list))).collect(),
    }
}

/// One change to a mounted keyed list (keys are what the list shows, e.g. entry indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Patch {
    /// Take the node of this key out.
    Remove(usize),
    /// Put the node of `key` before the node of `before` (at the end when `None`).
    Insert { key: usize, before: Option<usize> },
}

/// The changes, applied in order, that turn the mounted list `old` into `new`. When both are
/// ascending (a filtered list in catalog order) nodes that stay are never moved: a keystroke
/// only removes what no longer matches and inserts what matches again. Otherwise (the recently
/// used list, in recency order) every old node is removed and every new one appended.
pub fn patch(old: &[usize], new: &[usize]) -> Vec<Patch> {
    if old == new {
        return Vec::new();
    }
    let ascending = |l: &[usize]| l.windows(2).all(|w| w[0] < w[1]);
    if !ascending(old) || !ascending(new) {
        let removes = old.iter().map(|&k| Patch::Remove(k));
        let inserts = new.iter().map(|&k| Patch::Insert { key: k, before: None });
        return removes.chain(inserts).collect();
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < old.len() && j < new.len() {
        if old[i] == new[j] {
            i += 1;
            j += 1;
        } else if old[i] < new[j] {
            out.push(Patch::Remove(old[i]));
            i += 1;
        } else {
            out.push(Patch::Insert { key: new[j], before: Some(old[i]) });
            j += 1;
        }
    }
    out.extend(old[i..].iter().map(|&k| Patch::Remove(k)));
    out.extend(new[j..].iter().map(|&k| Patch::Insert { key: k, before: None }));
    out
}

/// Puts `id` first in the recently-used list (no duplicates, bounded).
pub fn touch(recent: &mut Vec<String>, id: &str) {
    recent.retain(|r| r != id);
    recent.insert(0, id.to_string());
    recent.truncate(MAX_RECENT * 2);
}

/// The localized name of a category.
pub fn category_label(c: Category, locale: &str) -> &'static str {
    let msg = match c {
        Category::Vehicle => Msg::CategoryVehicle,
        Category::Medical => Msg::CategoryMedical,
        Category::Life => Msg::CategoryLife,
        Category::SocialSecurity => Msg::CategorySocialSecurity,
        Category::CivilAffairs => Msg::CategoryCivilAffairs,
        Category::Immigration => Msg::CategoryImmigration,
        Category::Culture => Msg::CategoryCulture,
        Category::Transport => Msg::CategoryTransport,
    };
    t(locale, msg)
}
