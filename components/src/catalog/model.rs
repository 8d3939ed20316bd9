//! The city catalog in plain Rust (tested natively): entries read from the platform's catalog
//! summaries, search as you type, grouping by category, recently used first, and the
//! availability badge of each service at a given instant.

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
            (false, Some(kind), Some(category)) => entries.push(Entry {
                availability: s
                    .get("availability")
                    .filter(|a| !a.is_null())
                    .and_then(|a| parse_availability(a).0),
                title: text(&s["title"]),
                summary: text(&s["summary"]),
                keywords: text(&s["keywords"]),
                id,
                kind,
                category,
            }),
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

impl Entry {
    /// Whether every word of `query` appears in the title, summary or keywords (any locale).
    pub fn matches(&self, query: &str) -> bool {
        let hay: String = [&self.title, &self.summary, &self.keywords]
            .iter()
            .flat_map(|t| t.0.values())
            .map(|s| fold(s))
            .collect::<Vec<_>>()
            .join(" ");
        query.split_whitespace().all(|w| hay.contains(&fold(w)))
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

/// Filters by `query` and arranges; `recent` lists service ids, most recent first.
pub fn arrange(entries: &[Entry], query: &str, recent: &[String]) -> Arranged {
    let hits: Vec<&Entry> = entries.iter().filter(|e| e.matches(query)).collect();
    let recent: Vec<Entry> = recent
        .iter()
        .filter_map(|id| hits.iter().find(|e| &e.id == id).map(|e| (*e).clone()))
        .take(MAX_RECENT)
        .collect();
    let groups = Category::ALL
        .iter()
        .map(|c| {
            (*c, hits.iter().filter(|e| e.category == *c).map(|e| (*e).clone()).collect::<Vec<_>>())
        })
        .filter(|(_, list)| !list.is_empty())
        .collect();
    Arranged { recent, groups }
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
