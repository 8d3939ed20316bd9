//! The top level: identity, then every section, then the rules that span sections.

use super::refs::Uses;
use crate::diag::{join, Collector};
use crate::model::{Descriptor, Effect, InputKind, ResultSpec, ServiceKind};
use crate::raw::RawDescriptor;

pub(crate) fn descriptor(
    raw: &RawDescriptor,
    format: (u32, u32),
    c: &mut Collector,
) -> Option<Descriptor> {
    if c.publish() {
        // `$schema` points editors at the JSON Schema; it means nothing to the reader.
        let mut extra = raw.extra.clone();
        if extra.get("$schema").is_some_and(|v| v.is_string()) {
            extra.remove("$schema");
        }
        c.extra(&extra, "");
    }
    let id = c.req(&raw.id, "", "id").filter(|id| c.id(id, '-', "/id")).cloned();
    let kind = c.req(&raw.kind, "", "kind").copied();
    let category = c.req(&raw.category, "", "category").copied();
    let title = c.req_text(&raw.title, "", "title");
    let summary = c.opt_text(&raw.summary, "", "summary").unwrap_or_default();
    let keywords = c.opt_text(&raw.keywords, "", "keywords").unwrap_or_default();
    let (inputs, names) = super::inputs::inputs(&raw.inputs, c);
    let cities = super::cities::cities(&raw.cities, &names, kind, format, c);
    let request = c
        .req(&raw.request, "", "request")
        .and_then(|r| super::request::request(r, "/request", &names, kind, c));
    let response = c
        .req(&raw.response, "", "response")
        .and_then(|r| super::response::response(r, "/response", &names, c));
    let mut uses = Uses::default();
    let result = c
        .req(&raw.result, "", "result")
        .and_then(|r| super::result::result(r, "/result", &names, &mut uses, c));
    let lifecycle = super::lifecycle::lifecycle(&raw.lifecycle, kind, &names, &mut uses, c);
    let availability = super::availability::availability(&raw.availability, c);
    #[cfg(feature = "validate")]
    let persons: Vec<(usize, &super::digest::PersonCity)> =
        cities.iter().map(|(i, _, _, pc)| (*i, pc)).collect();
    #[cfg(feature = "validate")]
    let digest = super::digest::digest(&raw.digest, format, &names, &persons, c);
    let publish = c.publish();
    if let Some((resp, gaps)) = response.as_ref().filter(|_| publish) {
        uses.check(resp, gaps, "/response", false, c);
    }
    for (i, city, gaps, _) in cities.iter().filter(|_| publish) {
        if let Some(resp) = &city.response {
            uses.check(resp, gaps, &join(&format!("/cities/{i}"), "response"), true, c);
        }
    }
    if let (true, Some(ServiceKind::Payment), Some(res)) = (c.publish(), kind, &result) {
        let receipt = lifecycle.as_ref().and_then(|l| l.receipt.as_ref());
        let pays = |r: Option<&ResultSpec>| {
            r.is_some_and(|r| r.actions.iter().any(|a| matches!(a.effect, Effect::Pay { .. })))
        };
        let amount_input = inputs.iter().any(|i| i.kind == InputKind::Amount);
        // An action refused for its own errors (a bad order endpoint…) is already reported;
        // "needs a `pay` action" would send the author looking for the wrong fault.
        let broken_action = c.diagnostics.iter().any(|d| {
            d.severity == crate::diag::Severity::Error
                && (d.path.starts_with("/result/actions/")
                    || d.path.starts_with("/lifecycle/receipt/actions/"))
        });
        if !(broken_action || amount_input || pays(Some(res)) || pays(receipt)) {
            c.error(
                "",
                "missing-amount",
                "a `payment` service needs an amount: an `amount` input or a `pay` action",
            );
        }
    }
    Some(Descriptor {
        format,
        id: id?,
        kind: kind?,
        category: category?,
        title: title?,
        summary,
        keywords,
        cities: cities.into_iter().map(|(_, city, _, _)| city).collect(),
        inputs,
        request: request?,
        response: response?.0,
        result: result?,
        lifecycle,
        availability,
        #[cfg(feature = "validate")]
        digest,
    })
}
