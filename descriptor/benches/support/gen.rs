//! Generated bench inputs: valid descriptor variants of the traffic descriptor, and large
//! department answers in the Hangzhou traffic police's shape.

use serde_json::{json, Value};

/// Cities from the design (GB/T 2260 code, zh-CN, en).
const CITIES: [(&str, &str, &str); 11] = [
    ("110100", "北京", "Beijing"),
    ("310100", "上海", "Shanghai"),
    ("440100", "广州", "Guangzhou"),
    ("440300", "深圳", "Shenzhen"),
    ("330100", "杭州", "Hangzhou"),
    ("330200", "宁波", "Ningbo"),
    ("360100", "南昌", "Nanchang"),
    ("370200", "青岛", "Qingdao"),
    ("140100", "太原", "Taiyuan"),
    ("440600", "佛山", "Foshan"),
    ("420100", "武汉", "Wuhan"),
];

/// Formatters for the extra response fields of generated variants.
const FORMATS: [&str; 7] =
    ["text", "integer", "money_fen", "money_yuan", "date8", "datetime14", "epoch_millis"];

fn text(zh: &str, en: &str) -> Value {
    json!({ "zh-CN": zh, "en": en })
}

/// Appends `extra` response fields to a response mapping (when it has a field list).
fn add_fields(response: &mut Value, extra: usize) {
    if let Some(fields) = response.get_mut("fields").and_then(Value::as_array_mut) {
        fields.extend((0..extra).map(|j| json!({ "id": format!("extra_{j}"), "pointer": format!("/extra{j}"), "format": FORMATS[j % FORMATS.len()] })));
    }
}

/// Variant `n` of the traffic descriptor: its own id, 2–20 inputs (the base's two plus
/// plain-text ones sent in the body), more cities (1–10 added to the base's), and 0–6 extra
/// response fields shown in the result. The base's own parts are kept, so every reference
/// stays valid (the bench checks every variant is clean before measuring).
pub fn descriptor(base: &Value, n: usize) -> Value {
    let mut v = base.clone();
    v["id"] = json!(format!("generated-service-{n}"));
    let extra_inputs = n % 19;
    if let Some(inputs) = v["inputs"].as_array_mut() {
        inputs.extend((0..extra_inputs).map(|i| {
            json!({
                "id": format!("extra_{i}"), "kind": "text", "required": i % 2 == 0,
                "label": text(&format!("附加信息{i}"), &format!("Extra {i}")),
            })
        }));
    }
    if let Some(body) = v["request"]["body"].as_object_mut() {
        body.extend((0..extra_inputs).map(|i| (format!("x{i}"), json!(format!("{{extra_{i}}}")))));
    }
    let first = base["cities"][0].clone();
    if let Some(cities) = v["cities"].as_array_mut() {
        let taken: Vec<Value> = cities.iter().map(|c| c["code"].clone()).collect();
        let fresh = CITIES.iter().filter(|(code, _, _)| !taken.contains(&json!(code)));
        for (code, zh, en) in fresh.take(1 + n % 10) {
            let mut c = first.clone();
            c["code"] = json!(code);
            c["name"] = text(zh, en);
            c["department"] =
                text(&format!("{zh}市公安局交通警察支队"), &format!("{en} Traffic Police"));
            c["endpoint"] = json!(format!("/dept/{}-traffic-police/wfcx", en.to_lowercase()));
            cities.push(c);
        }
    }
    let extra_fields = n % 7;
    add_fields(&mut v["response"], extra_fields);
    if let Some(cities) = v["cities"].as_array_mut() {
        cities
            .iter_mut()
            .filter_map(|c| c.get_mut("response"))
            .for_each(|r| add_fields(r, extra_fields));
    }
    if let Some(shown) = v["result"]["fields"].as_array_mut() {
        shown.extend((0..extra_fields).map(|j| json!({ "field": format!("extra_{j}"), "label": text(&format!("附加{j}"), &format!("Extra {j}")) })));
    }
    v
}

/// A department answer with `n` violation records, in the fixture's shape.
pub fn body(n: usize) -> String {
    let records: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "xh": format!("33010012025{i:08}"),
                "wfsj": format!("2025{:02}{:02}{:02}3015", 1 + i % 12, 1 + i % 28, i % 24),
                "wfdd": format!("杭州市西湖区文三路{i}号"),
                "wfxw": "机动车违反禁令标志指示的",
                "fkje": 5000 * (1 + i % 4), "wfjf": i % 7,
                "clzt": (i % 2).to_string(), "cjfs": (1 + i % 2).to_string(),
            })
        })
        .collect();
    json!({ "code": "0000", "msg": "成功", "data": { "hphm": "浙A12345", "total": n, "wfjl": records } }).to_string()
}
