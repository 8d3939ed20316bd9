//! Every catalog service in every city it serves, over real HTTP: the request is built from
//! the descriptor with a demo citizen's inputs (options chosen through the hub like the
//! panel), and the department's answer must map cleanly through the city-resolved descriptor.

use crate::common;
use crate::departments_support;

use citypanel_descriptor::map::Map;

use citypanel_descriptor::request::{build_request, validate_value};
use citypanel_descriptor::{Descriptor, InputKind, Outcome, ServiceKind, Value as Mapped};
use common::Sandbox;
use departments_support::{booking_values, call, catalog, map, post};
use serde_json::{json, Value};

/// Which inputs a test may corrupt (free-typed ones, not choices).
fn typed(kind: InputKind) -> bool {
    !matches!(kind, InputKind::Select | InputKind::Slot | InputKind::Date | InputKind::Consent)
}

#[tokio::test]
async fn every_service_in_every_city_answers_the_demo_citizen() {
    let mut failures = Vec::new();
    let mut cases = 0;
    let shared = Sandbox::start().await;
    for d in catalog() {
        // What files something (bookings, subscriptions, renewals) gets a sandbox of its own.
        let files = matches!(d.kind, ServiceKind::Booking | ServiceKind::Transaction);
        for binding in &d.cities {
            let city = binding.code.as_str();
            let own = if files { Some(Sandbox::start().await) } else { None };
            let sandbox = own.as_ref().unwrap_or(&shared);
            let values = booking_values(sandbox, &d.id, city).await;
            let (status, body) = call(sandbox, &d, city, &values).await;
            if status == 422 {
                failures.push(format!("{} {city}: valid panel input refused: {body}", d.id));
            }
            let outcome = map(&d, city, status, &body);
            let record_widget = d.result.record_list().is_some()
                || d.response_for(city).is_some_and(|r| r.records.is_some() && r.values.is_empty());
            match outcome {
                Outcome::Records { records, values, problems, truncated } => {
                    let filled =
                        values.fields.iter().filter(|(_, v)| *v != Mapped::Missing).count();
                    let empty = records.is_empty() && (record_widget || filled == 0);
                    let nothing =
                        records.iter().all(|r| r.fields.iter().all(|(_, v)| *v == Mapped::Missing))
                            && filled == 0;
                    if !problems.is_empty() || truncated || empty || nothing {
                        failures.push(format!(
                            "{} {city}: problems {problems:?}, {} records, {filled} values: {body}",
                            d.id,
                            records.len()
                        ));
                    }
                }
                other => failures.push(format!("{} {city}: {other:?}: {status} {body}", d.id)),
            }
            cases += 1;
            if let Some(own) = own {
                own.running.shutdown().await.expect("shutdown");
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(cases, 146, "service × city cases");
}

/// Checks a `422 validation_failed` answer names `input` at the pointer where the built
/// request carries it, with the browser rule's code and English message for `raw`.
fn check_field_error(
    d: &Descriptor,
    city: &str,
    values: &Map<String>,
    input: &str,
    (status, text): (u16, String),
) -> Result<(), String> {
    let resolved = d.resolve(city).ok_or("no city")?;
    let spec = resolved.inputs.iter().find(|i| i.id == input).ok_or("no input")?;
    let raw = values.get(input).map_or("", String::as_str);
    let Err(rule) = validate_value(spec, raw) else {
        return Err(format!("`{raw}` passes the rule of `{input}`"));
    };
    let body: Value = serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))?;
    let fields = body["error"]["fields"].as_array().cloned().unwrap_or_default();
    let field = fields.iter().find(|f| f["input"] == input);
    let built = build_request(d, city, values).map_err(|e| e.to_string())?;
    let at = |f: &Value| {
        let path = f["path"].as_str().unwrap_or("");
        match &built.body {
            Some(b) => b.pointer(path).and_then(Value::as_str) == Some(raw),
            None => built.path.contains(&format!("{}=", path.trim_start_matches('/'))),
        }
    };
    match field {
        Some(f)
            if status == 422
                && body["error"]["code"] == "validation_failed"
                && f["code"] == rule.code()
                && f["message"] == rule.user_message("en")
                && at(f) =>
        {
            Ok(())
        }
        _ => Err(format!("{status} {text}")),
    }
}

#[tokio::test]
async fn malformed_or_missing_inputs_get_the_browsers_field_errors() {
    let sandbox = Sandbox::start().await;
    let mut failures = Vec::new();
    let mut cases = 0;
    for d in catalog() {
        for binding in &d.cities {
            let city = binding.code.as_str();
            let good = booking_values(&sandbox, &d.id, city).await;
            if let Some(first) = d.inputs.iter().find(|i| typed(i.kind)) {
                let mut bad = good.clone();
                bad.insert(first.id.clone(), "!!".into());
                let answer = call(&sandbox, &d, city, &bad).await;
                if let Err(e) = check_field_error(&d, city, &bad, &first.id, answer) {
                    failures.push(format!("{} {city} `{}`: {e}", d.id, first.id));
                }
                cases += 1;
            }
            let Some(last) = d.inputs.iter().rev().find(|i| i.required) else {
                continue;
            };
            let mut missing: Map<String> = good;
            missing.remove(&last.id);
            let answer = call(&sandbox, &d, city, &missing).await;
            if let Err(e) = check_field_error(&d, city, &missing, &last.id, answer) {
                failures.push(format!("{} {city} without `{}`: {e}", d.id, last.id));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(cases >= 100, "{cases} malformed cases");
}

#[tokio::test]
async fn every_endpoint_the_catalog_names_is_routed() {
    let sandbox = Sandbox::start().await;
    let mut endpoints = std::collections::BTreeSet::new();
    for d in catalog() {
        endpoints.extend(d.cities.iter().map(|c| c.endpoint.clone()));
        endpoints.extend(
            d.inputs.iter().filter_map(|i| i.options_from.as_ref().map(|o| o.endpoint.clone())),
        );
        if let Some(lifecycle) = &d.lifecycle {
            endpoints.extend(lifecycle.status.iter().map(|s| s.endpoint.clone()));
            endpoints.extend(lifecycle.cancel.iter().map(|c| c.endpoint.clone()));
            if let Some(confirm) = &lifecycle.confirm {
                endpoints.insert(confirm.endpoint.clone());
                endpoints.extend(confirm.release.clone());
            }
        }
    }
    endpoints.retain(|e| !e.starts_with("/platform/"));
    assert_eq!(
        endpoints.len(),
        146 + 16 + 3 + 3,
        "department and hub endpoints (with confirms and releases)"
    );
    for endpoint in &endpoints {
        let road = endpoint.ends_with("/road-conditions");
        let (status, text) = if road {
            let response = sandbox
                .client
                .get(sandbox.url(&format!("{endpoint}?scope=main")))
                .send()
                .await
                .expect("get");
            (response.status().as_u16(), response.text().await.expect("text"))
        } else {
            post(&sandbox, endpoint, &json!({}), None).await
        };
        let answer: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("{endpoint}: {text}"));
        // A department checks an empty body with its descriptor's rules; a hub answers it.
        let refused = status == 422
            && answer["error"]["code"] == "validation_failed"
            && endpoint.starts_with("/dept/");
        assert!(
            refused || (status == 200 && answer.get("error").is_none()),
            "{endpoint}: {status} {text}"
        );
    }
}
