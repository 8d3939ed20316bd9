//! `cities`: codes, departments, endpoints and per-city request/response overrides.

use super::inputs::Names;
use super::response::Gaps;
use super::MAX_CITIES;
use crate::diag::{join, Collector};
use crate::map::Map;
use crate::model::{CityBinding, ServiceKind};
use crate::raw::{Lenient, RawCity, Req};

/// A parsed city: its index in the document (for override paths), the binding, and what its
/// response override could not read.
pub(crate) type City = (usize, CityBinding, Gaps, super::digest::PersonCity);

/// Parses the cities.
pub(crate) fn cities(
    f: &Req<Vec<Lenient<RawCity>>>,
    names: &Names,
    kind: Option<ServiceKind>,
    format: (u32, u32),
    c: &mut Collector,
) -> Vec<City> {
    let Some(items) = c.req(f, "", "cities") else { return Vec::new() };
    if items.is_empty() {
        c.error(
            "/cities",
            "required",
            "`cities` is empty: a service must be offered in at least one city",
        );
    }
    if items.len() > MAX_CITIES {
        c.error(
            "/cities",
            "too-many",
            format!("`{}` cities; the limit is {MAX_CITIES}", items.len()),
        );
    }
    let mut seen = Map::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = format!("/cities/{i}");
        let Some(raw) = c.lenient(item, &p) else { continue };
        c.extra(&raw.extra, &p);
        let code = c.req(&raw.code, &p, "code").cloned();
        if let Some(code) = code.as_ref().filter(|_| c.publish()) {
            let cp = join(&p, "code");
            if !crate::rules::is_city_code(code) {
                c.error(
                    &cp,
                    "city-code",
                    format!("`{code}` is not a six-digit GB/T 2260 city code"),
                );
            } else if !seen.add(code) {
                c.error(&cp, "duplicate-city", format!("city `{code}` is listed twice"));
            }
        }
        let name = c.req_text(&raw.name, &p, "name");
        let department = c.req_text(&raw.department, &p, "department");
        let hotline = c.opt(&raw.hotline, &p, "hotline").cloned().unwrap_or_default();
        let endpoint = c
            .req(&raw.endpoint, &p, "endpoint")
            .filter(|e| c.endpoint(e, &join(&p, "endpoint")))
            .cloned();
        let request = c
            .opt(&raw.request, &p, "request")
            .and_then(|r| super::request::request(r, &join(&p, "request"), names, kind, c));
        let parsed = c
            .opt(&raw.response, &p, "response")
            .and_then(|r| super::response::response(r, &join(&p, "response"), names, c));
        let (response, gaps) = match parsed {
            Some((r, g)) => (Some(r), g),
            None => (None, Gaps::default()),
        };
        let person = super::digest::city(raw, &p, names, format, c);
        if let (Some(code), Some(name), Some(department), Some(endpoint)) =
            (code, name, department, endpoint)
        {
            let binding = CityBinding {
                code,
                name,
                department,
                hotline,
                endpoint,
                request,
                response,
                #[cfg(feature = "validate")]
                person_endpoint: person.endpoint.clone(),
                #[cfg(feature = "validate")]
                person_request: person.request.as_ref().map(|r| r.0.clone()),
                #[cfg(feature = "validate")]
                person_response: person.response.as_ref().map(|r| r.0.clone()),
            };
            out.push((i, binding, gaps, person));
        }
    }
    out
}
