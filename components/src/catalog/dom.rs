//! The catalog's results in the DOM, built by hand for large catalogs: each service's item is
//! built once and then only moved, as [`patch`] says, when the search or the recently used list
//! changes; no per-item reactive closure, no per-item listener (the view handles clicks once,
//! by `data-service`). The markup is the catalog's contract: `h3.cp-catalog__group` +
//! `ul.cp-catalog__list` per group, `li > button.cp-catalog__item[data-service]` with
//! `.cp-catalog__name`, `.cp-catalog__summary` and `.cp-catalog__badge[data-availability]`.

use crate::catalog::model::{category_label, patch, Entry, Layout, Patch};
use crate::i18n::Msg;
use citypanel_descriptor::availability::CapabilityState;
use citypanel_descriptor::model::{Capability, Category};
use web_sys::{Document, Element};

/// The badge (`data-availability` value, text) for a service at `now_ms`.
fn badge(e: &Entry, now_ms: i64, locale: &str) -> (&'static str, &'static str) {
    let (state, msg) = match (e.state(now_ms), e.capability()) {
        (CapabilityState::Open, _) => ("open", Msg::BadgeOpen),
        (CapabilityState::Closed { .. }, _) => ("closed", Msg::BadgeClosed),
        (CapabilityState::Paused { .. }, Capability::Payment) => ("paused", Msg::BadgePayPaused),
        (CapabilityState::Paused { .. }, _) => ("paused", Msg::BadgeMaintenance),
    };
    (state, crate::i18n::t(locale, msg))
}

/// An element with a class (and text); `None` only if the document refuses to create it.
fn element(doc: &Document, tag: &str, class: &str, text: Option<&str>) -> Option<Element> {
    let el = doc.create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    if text.is_some() {
        el.set_text_content(text);
    }
    Some(el)
}

/// Values by small index (an entry's, a section's): a vector, lighter than a hash map.
struct Slots<T>(Vec<Option<T>>);

impl<T> Default for Slots<T> {
    fn default() -> Self {
        Slots(Vec::new())
    }
}

impl<T> Slots<T> {
    fn get(&self, k: &usize) -> Option<&T> {
        self.0.get(*k).and_then(Option::as_ref)
    }

    fn get_mut(&mut self, k: &usize) -> Option<&mut T> {
        self.0.get_mut(*k).and_then(Option::as_mut)
    }

    fn contains_key(&self, k: &usize) -> bool {
        self.get(k).is_some()
    }

    fn insert(&mut self, k: usize, value: T) {
        if self.0.len() <= k {
            self.0.resize_with(k + 1, || None);
        }
        if let Some(slot) = self.0.get_mut(k) {
            *slot = Some(value);
        }
    }
}

/// One service's `<li>` (built once, then only moved) and its badge, kept up to date.
struct Item {
    li: Element,
    badge: Element,
    state: &'static str,
}

impl Item {
    /// `<li><button class="cp-catalog__item" data-service>` name, summary, badge. Clicks are
    /// handled once on the results (by `data-service`), not by a listener per button.
    fn build(doc: &Document, e: &Entry, locale: &str, now: i64) -> Option<Item> {
        let li = element(doc, "li", "", None)?;
        let button = element(doc, "button", "cp-catalog__item", None)?;
        button.set_attribute("type", "button").ok()?;
        button.set_attribute("data-service", &e.id).ok()?;
        let name = element(doc, "span", "cp-catalog__name", Some(e.title.get(locale)))?;
        let summary = element(doc, "span", "cp-catalog__summary", Some(e.summary.get(locale)))?;
        let badge = element(doc, "span", "cp-catalog__badge", None)?;
        button.append_with_node_3(&name, &summary, &badge).ok()?;
        li.append_child(&button).ok()?;
        let mut item = Item { li, badge, state: "" };
        item.refresh(e, locale, now);
        Some(item)
    }

    /// Sets the badge for `now` when its state changed (a service may open or close meanwhile).
    fn refresh(&mut self, e: &Entry, locale: &str, now: i64) {
        let (state, text) = badge(e, now, locale);
        if state != self.state {
            let _ = self.badge.set_attribute("data-availability", state);
            self.badge.set_text_content(Some(text));
            self.state = state;
        }
    }
}

/// One shown list: its heading, its `<ul>`, the items built for it (by entry index, kept while
/// the panel lives) and the entries it shows now.
struct Section {
    heading: Element,
    list: Element,
    items: Slots<Item>,
    shown: Vec<usize>,
}

/// The results as built in the DOM: section 0 is "recently used", section `1 + n` the n-th
/// category of [`Category::ALL`]. The view applies each new [`Layout`] to it with [`patch`], so
/// a keystroke removes and inserts nodes built once instead of rebuilding every item.
#[derive(Default)]
pub struct Built {
    locale: String,
    sections: Slots<Section>,
    shown: Vec<usize>,
}

impl Built {
    /// Makes `root` show `layout` in `locale` at `now`.
    pub fn apply(
        &mut self,
        root: &Element,
        entries: &[Entry],
        layout: &Layout,
        locale: &str,
        now: i64,
    ) {
        let Some(doc) = root.owner_document() else { return };
        if self.locale != locale {
            // Every text changes with the locale: build again (rare; no keystroke does it).
            root.set_text_content(None);
            *self = Built { locale: locale.to_string(), ..Built::default() };
        }
        let mut wanted: Vec<(usize, &[usize])> = Vec::new();
        if !layout.recent.is_empty() {
            wanted.push((0, &layout.recent));
        }
        for (c, list) in &layout.groups {
            if let Some(n) = Category::ALL.iter().position(|x| x == c) {
                wanted.push((n + 1, list));
            }
        }
        for &(key, list) in &wanted {
            if !self.sections.contains_key(&key) {
                let title = match key.checked_sub(1).and_then(|n| Category::ALL.get(n)) {
                    Some(c) => category_label(*c, locale),
                    None => crate::i18n::t(locale, Msg::RecentlyUsed),
                };
                let (Some(heading), Some(ul)) = (
                    element(&doc, "h3", "cp-catalog__group", Some(title)),
                    element(&doc, "ul", "cp-catalog__list", None),
                ) else {
                    continue;
                };
                let items = Slots::default();
                self.sections.insert(key, Section { heading, list: ul, items, shown: vec![] });
            }
            if let Some(section) = self.sections.get_mut(&key) {
                section.show(&doc, entries, list, locale, now);
            }
        }
        let keys: Vec<usize> = wanted.iter().map(|(k, _)| *k).collect();
        for step in patch(&self.shown, &keys) {
            match step {
                Patch::Remove(k) => {
                    if let Some(s) = self.sections.get(&k) {
                        s.heading.remove();
                        s.list.remove();
                    }
                }
                Patch::Insert { key, before } => {
                    let next = before.and_then(|b| self.sections.get(&b)).map(|s| &s.heading);
                    if let Some(s) = self.sections.get(&key) {
                        let _ = root.insert_before(&s.heading, next.map(|n| n.as_ref()));
                        let _ = root.insert_before(&s.list, next.map(|n| n.as_ref()));
                    }
                }
            }
        }
        self.shown = keys;
    }
}

impl Section {
    /// Shows the entries `list` (indices) in this section's `<ul>`, building the missing items.
    fn show(&mut self, doc: &Document, entries: &[Entry], list: &[usize], locale: &str, now: i64) {
        for &i in list {
            match (self.items.get_mut(&i), entries.get(i)) {
                (Some(item), Some(e)) => item.refresh(e, locale, now),
                (None, Some(e)) => {
                    if let Some(item) = Item::build(doc, e, locale, now) {
                        self.items.insert(i, item);
                    }
                }
                _ => {}
            }
        }
        let list: Vec<usize> =
            list.iter().copied().filter(|i| self.items.contains_key(i)).collect();
        for step in patch(&self.shown, &list) {
            match step {
                Patch::Remove(k) => {
                    if let Some(item) = self.items.get(&k) {
                        item.li.remove();
                    }
                }
                Patch::Insert { key, before } => {
                    let next = before.and_then(|b| self.items.get(&b)).map(|it| &it.li);
                    if let Some(item) = self.items.get(&key) {
                        let _ = self.list.insert_before(&item.li, next.map(|n| n.as_ref()));
                    }
                }
            }
        }
        self.shown = list;
    }
}
