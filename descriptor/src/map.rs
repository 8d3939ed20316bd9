//! [`Map`]: a string-keyed map kept as a list sorted by key.
//!
//! Descriptors and panels hold small maps (a handful of error codes, enum codes, field errors,
//! option lists). `BTreeMap` would serve, but every value type instantiates its whole node
//! machinery again — several KiB of wasm each in the browser bundle. A sorted `Vec` needs only
//! a binary search and `Vec`'s own code, and iterates in the same (key) order as `BTreeMap`.

use std::fmt;

/// A map from `String` keys, iterated in key order.
#[derive(Clone, PartialEq, Eq)]
pub struct Map<V>(Vec<(String, V)>);

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map(Vec::new())
    }
}

impl<V: fmt::Debug> fmt::Debug for Map<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V> Map<V> {
    pub const fn new() -> Self {
        Map(Vec::new())
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.find(key).ok().map(|i| &mut self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; the value it had, if any.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut V) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &V)> + ExactSizeIterator {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.0.iter().map(|(_, v)| v)
    }
}

impl Map<()> {
    /// As a set: adds `key`; false when it was there already.
    pub fn add(&mut self, key: &str) -> bool {
        match self.find(key) {
            Ok(_) => false,
            Err(i) => {
                self.0.insert(i, (key.to_string(), ()));
                true
            }
        }
    }
}

impl<V> FromIterator<(String, V)> for Map<V> {
    /// Later entries win, as with `BTreeMap`.
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut out = Map::new();
        for (k, v) in iter {
            out.insert(k, v);
        }
        out
    }
}

impl<V> Extend<(String, V)> for Map<V> {
    fn extend<I: IntoIterator<Item = (String, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<V, const N: usize> From<[(String, V); N]> for Map<V> {
    fn from(entries: [(String, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V> IntoIterator for Map<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

#[cfg(feature = "schema")]
impl<V: schemars::JsonSchema> schemars::JsonSchema for Map<V> {
    fn inline_schema() -> bool {
        <std::collections::BTreeMap<String, V>>::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<String, V>>::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<String, V>>::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <std::collections::BTreeMap<String, V>>::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::Map;
    use std::collections::BTreeMap;

    #[test]
    fn behaves_like_a_btreemap() {
        let mut m = Map::new();
        let mut b = BTreeMap::new();
        for (i, k) in ["m", "b", "x", "b", "a", "m", "z"].iter().enumerate() {
            assert_eq!(m.insert(k.to_string(), i), b.insert(k.to_string(), i));
        }
        assert!(m.iter().eq(b.iter()), "same entries, same order");
        assert_eq!(m.len(), b.len());
        assert_eq!(m.get("b"), b.get("b"));
        assert_eq!(m.get("q"), None);
        assert_eq!(m.remove("m"), b.remove("m"));
        assert_eq!(m.remove("m"), None);
        m.retain(|k, _| k != "x");
        b.retain(|k, _| k != "x");
        assert!(m.keys().eq(b.keys()));
        assert!(m.values().eq(b.values()));
        let collected: Map<usize> = b.clone().into_iter().collect();
        assert_eq!(collected, m);
        assert_eq!(format!("{m:?}"), format!("{b:?}"));
    }

    #[test]
    fn as_a_set_add_says_whether_the_key_is_new() {
        let mut s = Map::<()>::new();
        assert!(s.add("b"));
        assert!(s.add("a"));
        assert!(!s.add("b"));
        assert!(s.keys().eq(["a", "b"].iter()));
    }
}
