//! City resolution at the JSON level, for a platform that serves descriptors as JSON: the
//! same document with only the chosen city, whose `request`/`response` overrides replace the
//! top-level ones (and its `person_request`/`person_response` those of `digest`).
//! [`crate::Descriptor::resolve`] does the same on the model.

use serde_json::Value as Json;

/// The city-resolved document for `city`, or `None` if the document does not list that city.
pub fn resolve_json(doc: &Json, city: &str) -> Option<Json> {
    let mut out = doc.clone();
    let top = out.as_object_mut()?;
    let cities = top.get("cities")?.as_array()?;
    let mut binding =
        cities.iter().find(|c| c.get("code").and_then(Json::as_str) == Some(city))?.clone();
    if let Some(b) = binding.as_object_mut() {
        for key in ["request", "response"] {
            if let Some(v) = b.remove(key) {
                top.insert(key.to_string(), v);
            }
        }
        // Format 1.1: the city's person overrides replace the digest's; a city without a
        // person endpoint has no digest (as `Descriptor::resolve`).
        if !b.contains_key("person_endpoint") {
            top.remove("digest");
        }
        for (key, into) in [("person_request", "request"), ("person_response", "response")] {
            if let Some(v) = b.remove(key) {
                if let Some(d) = top.get_mut("digest").and_then(Json::as_object_mut) {
                    d.insert(into.to_string(), v);
                }
            }
        }
    }
    top.insert("cities".to_string(), Json::Array(vec![binding]));
    Some(out)
}
