//! The catalog and descriptors as published bytes, each with a strong `ETag` (a hash of
//! the content) so clients can revalidate with `If-None-Match` and get `304 Not Modified`.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::catalog::Catalog;
use crate::ids::etag;

/// The `Cache-Control` of published documents.
pub const CACHE_CONTROL: &str = "public, max-age=60";

/// One published JSON document and its entity tag.
#[derive(Debug, Clone)]
pub struct Entry {
    body: Bytes,
    etag: HeaderValue,
}

impl Entry {
    fn new(value: &Value) -> Entry {
        Entry::raw(Bytes::from(serde_json::to_vec(value).unwrap_or_default()))
    }

    /// An entry served exactly as these bytes (a JSON document kept as written).
    fn raw(body: Bytes) -> Entry {
        let tag = etag(&body);
        let etag = HeaderValue::from_str(&tag).unwrap_or(HeaderValue::from_static("\"0\""));
        Entry { body, etag }
    }

    /// The entity tag, quotes included.
    pub fn etag(&self) -> &HeaderValue {
        &self.etag
    }

    /// `304` when `If-None-Match` names this entity (or `*`), else `200` with the body;
    /// both carry `ETag` and `Cache-Control`.
    pub fn respond(&self, request: &HeaderMap) -> Response {
        let headers = [
            (header::ETAG, self.etag.clone()),
            (header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL)),
        ];
        if self.matches(request) {
            return (StatusCode::NOT_MODIFIED, headers).into_response();
        }
        let json = [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))];
        (StatusCode::OK, headers, json, self.body.clone()).into_response()
    }

    fn matches(&self, request: &HeaderMap) -> bool {
        let ours = self.etag.as_bytes();
        request
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .any(|tag| tag == "*" || tag.trim_start_matches("W/").as_bytes() == ours)
    }
}

/// Every city's catalog and every (city, service) descriptor, serialized once at start.
#[derive(Debug, Clone, Default)]
pub struct Published {
    catalogs: HashMap<String, Entry>,
    descriptors: HashMap<(String, String), Entry>,
    schema: Option<Entry>,
}

/// The descriptor standard's JSON Schema (`descriptor/schema/`), served for editors' `$schema`.
pub const DESCRIPTOR_SCHEMA: &str =
    include_str!("../../descriptor/schema/descriptor-v1.schema.json");

impl Published {
    /// Serializes the catalog of each city and each descriptor it serves.
    pub fn build(catalog: &Catalog) -> Published {
        let mut published = Published {
            schema: Some(Entry::raw(Bytes::from_static(DESCRIPTOR_SCHEMA.as_bytes()))),
            ..Published::default()
        };
        let codes = catalog.cities();
        for code in codes.iter().filter_map(|c| c["code"].as_str()) {
            let services = catalog.summaries(code);
            let body = json!({ "city": code, "services": services });
            published.catalogs.insert(code.to_string(), Entry::new(&body));
            for id in services.iter().filter_map(|s| s["id"].as_str()) {
                if let Some(descriptor) = catalog.service(code, id) {
                    let key = (code.to_string(), id.to_string());
                    // Serve the city-resolved document: that city's request/response overrides
                    // applied, so the panel never needs to know about other cities' shapes.
                    let resolved = citypanel_descriptor::resolve_json(descriptor, code);
                    let body = resolved.as_ref().unwrap_or(descriptor);
                    published.descriptors.insert(key, Entry::new(body));
                }
            }
        }
        published
    }

    /// The catalog of a city.
    pub fn catalog(&self, city: &str) -> Option<&Entry> {
        self.catalogs.get(city)
    }

    /// The descriptor standard's JSON Schema.
    pub fn schema(&self) -> Option<&Entry> {
        self.schema.as_ref()
    }

    /// The descriptor `id` as served in `city`.
    pub fn descriptor(&self, city: &str, id: &str) -> Option<&Entry> {
        self.descriptors.get(&(city.to_string(), id.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_follow_the_content_and_match_lists() {
        let a = Entry::new(&json!({ "a": 1 }));
        assert_eq!(a.etag(), Entry::new(&json!({ "a": 1 })).etag());
        assert_ne!(a.etag(), Entry::new(&json!({ "a": 2 })).etag());
        let mut headers = HeaderMap::new();
        assert_eq!(a.respond(&headers).status(), StatusCode::OK);
        let list = format!("\"x\", W/{}", a.etag().to_str().unwrap_or_default());
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&list).expect("ascii"));
        assert_eq!(a.respond(&headers).status(), StatusCode::NOT_MODIFIED);
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert_eq!(a.respond(&headers).status(), StatusCode::OK);
    }
}
