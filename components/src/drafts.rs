//! What the citizen typed into a service's form, kept in memory while the page lives, so that
//! leaving a panel (back to the catalog, another service) and coming back finds the form as it
//! was. Nothing is written to storage: a reload or a closed tab forgets it.
//!
//! Kept: what the citizen typed or picked from a fixed list. Not kept: secrets, consents
//! (given afresh each time), values prefilled from the host identity (their own consent
//! governs them), slots and options that come from the department (they may be gone).

use citypanel_descriptor::map::Map;
use citypanel_descriptor::model::{Descriptor, Input};
use citypanel_descriptor::{InputKind, PiiClass};
use std::cell::RefCell;

/// How many forms are remembered; the least recently kept is forgotten first.
pub const MAX_FORMS: usize = 24;

/// Whether an input's value is kept between visits.
pub fn keepable(input: &Input) -> bool {
    !matches!(input.kind, InputKind::Slot | InputKind::Consent)
        && input.pii != PiiClass::Secret
        && input.prefill.is_none()
        && input.options_from.is_none()
}

/// Remembered forms, keyed `city/service`, least recently kept first.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Drafts(Vec<(String, Vec<(String, String)>)>);

impl Drafts {
    /// Keeps the keepable, non-empty values of `d`'s form in `city`, in the form's order. An
    /// empty form forgets the draft.
    pub fn keep(&mut self, city: &str, d: &Descriptor, values: &Map<String>) {
        let key = format!("{city}/{}", d.id);
        let kept: Vec<(String, String)> = d
            .inputs
            .iter()
            .filter(|i| keepable(i))
            .filter_map(|i| {
                values.get(&i.id).filter(|v| !v.is_empty()).map(|v| (i.id.clone(), v.clone()))
            })
            .collect();
        let existing = self.0.iter().position(|(k, _)| *k == key);
        if let Some(at) = existing {
            if self.0[at].1 == kept {
                return;
            }
            self.0.remove(at);
        }
        if kept.is_empty() {
            return;
        }
        if self.0.len() >= MAX_FORMS {
            self.0.remove(0);
        }
        self.0.push((key, kept));
    }

    /// The values kept for `service` in `city`, in the form's order.
    pub fn recall(&self, city: &str, service: &str) -> Vec<(String, String)> {
        let key = format!("{city}/{service}");
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()).unwrap_or_default()
    }
}

thread_local! {
    static PAGE: RefCell<Drafts> = RefCell::new(Drafts::default());
}

/// [`Drafts::keep`] on the page's drafts.
pub fn keep(city: &str, d: &Descriptor, values: &Map<String>) {
    PAGE.with(|p| p.borrow_mut().keep(city, d, values));
}

/// Forgets every form kept on the page: a host signing its user out without a reload calls
/// this (JS: `forgetTyped()`), so the next person at the device sees none of it.
pub fn forget() {
    PAGE.with(|p| *p.borrow_mut() = Drafts::default());
}

/// [`Drafts::recall`] on the page's drafts.
pub fn recall(city: &str, service: &str) -> Vec<(String, String)> {
    PAGE.with(|p| p.borrow().recall(city, service))
}
