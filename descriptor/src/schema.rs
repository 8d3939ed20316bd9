//! The JSON Schema of the format, generated from the raw serde types (feature `schema`), then
//! tightened with every structural rule of the validator a schema can express: id, locale,
//! pointer, endpoint and city-code patterns, ranges, sizes of arrays, required members per
//! service kind, input kind and widget, `format` versions, newer kinds and widgets only with a
//! known `fallback`. Committed as `descriptor/schema/descriptor-v1.schema.json`; a test keeps
//! it in sync and another checks that it agrees with the validator on the whole corpus. The
//! rules only the validator can check are listed in `docs/descriptor.md`.

use crate::model::{InputKind, ServiceKind};
use crate::model::{MAX_DUE_SOON_DAYS, MAX_MATTER_SPECS};
use crate::parse::{MAX_ACTIONS, MAX_CITIES, MAX_FIELDS, MAX_INPUTS, MAX_OPTIONS};
use crate::raw::RawDescriptor;
use crate::vocab::{ActionKind, WidgetKind};
use schemars::generate::SchemaSettings;
use serde_json::{json, Value};

/// The schema's `$id`.
pub const SCHEMA_ID: &str = "urn:citypanel:descriptor:v1";

/// Service ids.
const SERVICE_ID: &str = "^[a-z0-9-]{1,64}$";
/// Input, field and value ids.
const ID: &str = "^[a-z0-9_]{1,64}$";
/// RFC 6901 JSON pointers.
const POINTER: &str = "^(/([^~]|~[01])*)?$";
/// A platform-relative path: `/…`, no scheme, host, `..` segment, query, fragment, backslash,
/// brace, space or control character.
const ENDPOINT: &str =
    "^/(?!/)(?!.*://)(?!(.*/)?\\.\\.(/|$))[^\\s\\u0000-\\u001f\\u007f-\\u009f?#\\\\{}]*$";
/// Locale tags: `zh-CN`, `en`, `zh-Hant`, `zh-Hant-TW`.
const LOCALE: &str = "^[a-z]{2,3}(-([A-Z]{2}|[A-Za-z]{4}))*$";
/// `HH:MM`; a closing time may be `24:00`.
const CLOCK: &str = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$";
/// A `format` this reader speaks: major 1.
const FORMAT: &str = "^0*1\\.[0-9]{1,9}$";
/// Headers a descriptor may not set, and what a header name is.
const HEADER_NAME: &str = "^(?!([Aa][Uu][Tt][Hh][Oo][Rr][Ii][Zz][Aa][Tt][Ii][Oo][Nn]|[Cc][Oo][Oo][Kk][Ii][Ee]|[Hh][Oo][Ss][Tt])$)[-!#$%&'*+.^_`|~0-9A-Za-z]+$";
/// What every RFC 3339 timestamp with an offset the validator accepts starts with (a date, `T`
/// or a space, and a clock with seconds); the rest is checked by the validator.
const TIMESTAMP: &str = "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}";
/// A date bound: `yyyy-MM-dd`, `today`, `today+N`, `today-N`.
const DATE_BOUND: &str = "^([0-9]{4}-[0-9]{2}-[0-9]{2}|today([+-][0-9]{1,5})?)$";
/// Members asking for a regular expression, which the format does not have.
const REGEX_MEMBERS: [&str; 3] = ["pattern", "regex", "regexp"];

/// The JSON Schema (draft 2020-12) of format 1.x descriptors.
pub fn schema() -> schemars::Schema {
    let mut schema =
        SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<RawDescriptor>();
    schema.insert("$id".into(), SCHEMA_ID.into());
    let mut value = schema.as_value().clone();
    tighten(&mut value);
    schemars::Schema::try_from(value).unwrap_or(schema)
}

/// The schema as pretty-printed JSON ending with a newline, as committed.
pub fn schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}

fn names<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str) -> Value {
    Value::Array(all.iter().map(|k| Value::String(name(*k).to_string())).collect())
}

/// Merges `patch` into the object at `pointer` (objects merged member by member; `allOf`
/// arrays extended).
fn merge(root: &mut Value, pointer: &str, patch: Value) {
    let Some(target) = root.pointer_mut(pointer).and_then(Value::as_object_mut) else {
        return;
    };
    let Value::Object(patch) = patch else { return };
    for (k, v) in patch {
        match (target.get_mut(&k), v) {
            (Some(Value::Array(a)), Value::Array(b)) if k == "allOf" => a.extend(b),
            (Some(Value::Object(a)), Value::Object(b)) => {
                for (bk, bv) in b {
                    a.insert(bk, bv);
                }
            }
            (_, v) => {
                target.insert(k, v);
            }
        }
    }
}

fn props(p: &str) -> String {
    format!("{p}/properties")
}

fn tighten(s: &mut Value) {
    let d = "/$defs";
    let input_kinds = names(InputKind::ALL, InputKind::as_str);
    let widgets = names(WidgetKind::ALL, WidgetKind::as_str);
    let actions = names(ActionKind::ALL, ActionKind::as_str);
    let non_query: Vec<&str> =
        ServiceKind::ALL.iter().filter(|k| **k != ServiceKind::Query).map(|k| k.as_str()).collect();
    let pattern = |p: &str| json!({ "pattern": p });
    let ranged = |lo: i64, hi: i64| json!({ "minimum": lo, "maximum": hi });

    // Top level.
    let top = props("");
    merge(s, &format!("{top}/format"), pattern(FORMAT));
    merge(s, &format!("{top}/id"), pattern(SERVICE_ID));
    merge(s, &format!("{top}/cities"), json!({ "minItems": 1, "maxItems": MAX_CITIES }));
    merge(s, &format!("{top}/inputs"), json!({ "maxItems": MAX_INPUTS }));
    merge(
        s,
        "",
        json!({ "allOf": [
            { "if": { "properties": { "kind": { "enum": non_query } }, "required": ["kind"] },
              "then": {
                "required": ["lifecycle"],
                "properties": {
                  "lifecycle": { "required": ["idempotency"] },
                  "request": { "properties": { "cache_ttl_s": { "maximum": 0 } } }
                } } }
        ] }),
    );

    // Localized text: locale tags, at least one non-blank string.
    merge(
        s,
        &format!("{d}/Text"),
        json!({
            "propertyNames": { "pattern": LOCALE },
            "minProperties": 1,
            "not": { "additionalProperties": { "pattern": "^\\s*$" } }
        }),
    );

    // Cities.
    let city = props(&format!("{d}/City"));
    merge(s, &format!("{city}/code"), pattern("^[0-9]{6}$"));
    merge(s, &format!("{city}/endpoint"), pattern(ENDPOINT));

    // Inputs.
    let input = format!("{d}/Input");
    let ip = props(&input);
    merge(s, &format!("{ip}/id"), pattern(ID));
    merge(s, &format!("{ip}/fallback"), json!({ "enum": input_kinds }));
    merge(s, &format!("{ip}/min_length"), ranged(0, 10_000));
    merge(s, &format!("{ip}/max_length"), ranged(1, 10_000));
    merge(s, &format!("{ip}/options"), json!({ "minItems": 1, "maxItems": MAX_OPTIONS }));
    let regex_free: Vec<Value> =
        REGEX_MEMBERS.iter().map(|m| json!({ "not": { "required": [m] } })).collect();
    let kind_is =
        |k: &[&str]| json!({ "properties": { "kind": { "enum": k } }, "required": ["kind"] });
    let bound = |kinds: &[&str], then: Value| json!({ "if": kind_is(kinds), "then": { "properties": { "min": then.clone(), "max": then } } });
    let prefill = |from: &str, kind: &str| {
        json!({ "if": { "properties": { "prefill": { "properties": { "from": { "const": from } }, "required": ["from"] } }, "required": ["prefill"] },
                "then": kind_is(&[kind]) })
    };
    let mut input_rules = vec![
        // A kind this version does not know needs a `fallback` it knows.
        json!({ "if": { "properties": { "kind": { "not": { "enum": input_kinds } } }, "required": ["kind"] },
                "then": { "required": ["fallback"] } }),
        json!({ "if": kind_is(&["select"]),
                "then": { "oneOf": [ { "required": ["options"] }, { "required": ["options_from"] } ] } }),
        json!({ "if": kind_is(&["slot"]),
                "then": { "required": ["options_from"], "not": { "required": ["options"] },
                          "properties": { "options_from": { "required": ["capacity"] } } } }),
        bound(&["number"], json!({ "type": "integer" })),
        bound(&["amount"], json!({ "type": "number" })),
        bound(&["date"], json!({ "type": "string", "pattern": DATE_BOUND })),
        // Personal data is never defaulted.
        json!({ "if": { "properties": { "pii": { "not": { "const": "none" } } }, "required": ["pii"] },
                "then": { "not": { "required": ["default"] } } }),
        prefill("name", "text"),
        prefill("id_number", "id_number"),
        prefill("mobile", "mobile"),
        prefill("plates", "plate"),
    ];
    input_rules.extend(regex_free);
    merge(s, &input, json!({ "allOf": input_rules }));
    let of = props(&format!("{d}/OptionsFrom"));
    merge(s, &format!("{of}/endpoint"), pattern(ENDPOINT));
    for k in ["records", "value", "label", "capacity"] {
        merge(s, &format!("{of}/{k}"), pattern(POINTER));
    }
    merge(s, &format!("{of}/depends_on"), json!({ "items": { "pattern": ID } }));
    let cond = format!("{d}/Condition");
    merge(s, &format!("{}/input", props(&cond)), pattern(ID));
    merge(s, &format!("{}/in", props(&cond)), json!({ "minItems": 1 }));
    merge(
        s,
        &cond,
        json!({ "oneOf": [ { "required": ["equals"] }, { "required": ["in"] }, { "required": ["filled"] } ] }),
    );

    // Request.
    let req = format!("{d}/Request");
    let rp = props(&req);
    merge(s, &format!("{rp}/timeout_ms"), ranged(100, 60_000));
    merge(s, &format!("{rp}/cache_ttl_s"), ranged(0, 86_400));
    merge(
        s,
        &format!("{rp}/headers"),
        json!({
            "propertyNames": { "pattern": HEADER_NAME },
            "additionalProperties": {
                "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*$",
                "not": { "pattern": "\\{[\\s\\S]*\\}" }
            }
        }),
    );
    merge(
        s,
        &req,
        json!({ "if": { "properties": { "method": { "const": "GET" } }, "required": ["method"] },
                "then": { "not": { "required": ["body"] } } }),
    );

    // Response.
    let rs = props(&format!("{d}/Response"));
    merge(s, &format!("{rs}/fields"), json!({ "maxItems": MAX_FIELDS }));
    merge(s, &format!("{rs}/values"), json!({ "maxItems": MAX_FIELDS }));
    merge(s, &format!("{rs}/records"), pattern(POINTER));
    let fp = props(&format!("{d}/Field"));
    merge(s, &format!("{fp}/id"), pattern(ID));
    merge(s, &format!("{fp}/pointer"), pattern(POINTER));
    merge(s, &format!("{}/pointer", props(&format!("{d}/Status"))), pattern(POINTER));

    // Result widgets.
    let result = format!("{d}/Result");
    let rsp = props(&result);
    merge(s, &format!("{rsp}/fallback"), json!({ "enum": widgets }));
    merge(s, &format!("{rsp}/actions"), json!({ "maxItems": MAX_ACTIONS }));
    merge(s, &format!("{rsp}/refresh_s"), ranged(15, 3600));
    let widget_needs = |w: &str, req: &[&str]| {
        json!({ "if": { "properties": { "widget": { "const": w } }, "required": ["widget"] },
                "then": { "required": req } })
    };
    merge(
        s,
        &result,
        json!({ "allOf": [
            { "if": { "properties": { "widget": { "not": { "enum": widgets } } }, "required": ["widget"] },
              "then": { "required": ["fallback"] } },
            widget_needs("record_list", &["fields"]),
            widget_needs("table", &["columns"]),
            widget_needs("bill", &["amount"]),
            widget_needs("ticket", &["code"]),
            widget_needs("timeline", &["stage"]),
            widget_needs("key_value", &["fields"]),
            widget_needs("status_board", &["segment", "level"]),
        ] }),
    );

    // Actions: the members of a known kind are checked; an unknown kind is dropped with a
    // warning, whatever its members.
    let action = format!("{d}/Action");
    let known_props = s.pointer(&props(&action)).cloned().unwrap_or_else(|| json!({}));
    let known_required = s.pointer(&format!("{action}/required")).cloned();
    if let Some(a) = s.pointer_mut(&action).and_then(Value::as_object_mut) {
        a.remove("properties");
        a.insert("required".into(), json!(["kind"]));
        a.insert("properties".into(), json!({ "kind": { "type": "string" } }));
    }
    let mut known = json!({ "properties": known_props });
    if let Some(r) = known_required {
        known["required"] = r;
    }
    let action_needs = |k: &str, req: &[&str]| json!({ "if": { "properties": { "kind": { "const": k } } }, "then": { "required": req } });
    let service = json!({ "pattern": SERVICE_ID });
    known["properties"]["service"] =
        json!({ "allOf": [known["properties"]["service"].take(), service] });
    known["properties"]["key"] =
        json!({ "allOf": [known["properties"]["key"].take(), pattern(ID)] });
    known["allOf"] = json!([
        action_needs("pay", &["amount", "order"]),
        action_needs("book", &["service"]),
        action_needs("subscribe", &["topic", "key"]),
        action_needs("open_service", &["service"]),
    ]);
    merge(
        s,
        &action,
        json!({ "if": { "properties": { "kind": { "enum": actions } } }, "then": known }),
    );
    merge(s, &format!("{}/endpoint", props(&format!("{d}/Order"))), pattern(ENDPOINT));

    // Lifecycle.
    let lp = props(&format!("{d}/Lifecycle"));
    merge(s, &format!("{lp}/hold_s"), ranged(1, 3600));
    merge(
        s,
        &format!("{d}/Lifecycle"),
        json!({ "allOf": [
            { "if": { "required": ["confirm"] }, "then": { "required": ["hold_s"] } },
            { "if": { "required": ["reschedule"] }, "then": { "required": ["confirm"] } }
        ] }),
    );
    let sp = props(&format!("{d}/StatusPoll"));
    merge(s, &format!("{sp}/endpoint"), pattern(ENDPOINT));
    merge(s, &format!("{sp}/reference"), pattern(POINTER));
    merge(s, &format!("{sp}/interval_ms"), ranged(500, 60_000));
    merge(s, &format!("{sp}/max_wait_ms"), ranged(1_000, 600_000));
    let cp = props(&format!("{d}/Confirm"));
    for k in ["endpoint", "release"] {
        merge(s, &format!("{cp}/{k}"), pattern(ENDPOINT));
    }
    for k in ["reference", "expires"] {
        merge(s, &format!("{cp}/{k}"), pattern(POINTER));
    }
    merge(s, &format!("{}/endpoint", props(&format!("{d}/Cancel"))), pattern(ENDPOINT));

    // Digest (format 1.1): person queries.
    let dg = format!("{d}/Digest");
    let dp = props(&dg);
    merge(s, &format!("{dp}/needs"), json!({ "minItems": 1, "uniqueItems": true }));
    merge(s, &format!("{dp}/matters"), json!({ "minItems": 1, "maxItems": MAX_MATTER_SPECS }));
    merge(s, &format!("{dp}/response"), json!({ "required": ["records"] }));
    merge(s, &format!("{city}/person_endpoint"), pattern(ENDPOINT));
    let mt = props(&format!("{d}/Matter"));
    for k in ["group", "amount", "date"] {
        merge(s, &format!("{mt}/{k}"), pattern(ID));
    }
    merge(s, &format!("{mt}/due_soon_days"), ranged(0, MAX_DUE_SOON_DAYS));
    merge(s, &format!("{mt}/undated"), json!({ "enum": ["info", "due", "due_soon", "overdue"] }));
    merge(s, &format!("{mt}/open"), json!({ "propertyNames": { "pattern": ID } }));
    let wp = props(&format!("{d}/Where"));
    merge(s, &format!("{wp}/field"), pattern(ID));
    merge(s, &format!("{wp}/in"), json!({ "minItems": 1 }));
    // A city's `person_endpoint` needs a `digest` (in a `1.0` document both are ignored).
    merge(
        s,
        "",
        json!({ "allOf": [
            { "if": { "properties": {
                        "cities": { "contains": { "required": ["person_endpoint"] } },
                        "format": { "not": { "pattern": "^0*1\\.0+$" } } },
                      "required": ["cities", "format"] },
              "then": { "required": ["digest"] } }
        ] }),
    );

    // Availability.
    let hp = props(&format!("{d}/Hours"));
    merge(s, &format!("{hp}/days"), json!({ "minItems": 1, "items": ranged(1, 7) }));
    merge(s, &format!("{hp}/from"), pattern(CLOCK));
    merge(s, &format!("{hp}/to"), pattern(CLOCK));
    let mp = props(&format!("{d}/Maintenance"));
    merge(s, &format!("{mp}/from"), pattern(TIMESTAMP));
    merge(s, &format!("{mp}/to"), pattern(TIMESTAMP));
}
