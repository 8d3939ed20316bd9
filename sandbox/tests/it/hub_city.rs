//! The `x-citypanel-city` header the panel sends on every call: shared first lists on
//! `/hub/...` answer for the city it names; city departments (`/dept/...`) ignore it.

use crate::common;

use common::Sandbox;
use serde_json::{json, Value};

/// The first lists and where their ids are: (path, pointer to the list, id field).
const FIRST_LISTS: [(&str, &str, &str); 3] = [
    ("/hub/health/hospitals", "/data/hospitals", "hospitalId"),
    ("/hub/traffic/inspection-stations", "/data/list", "jczbh"),
    ("/hub/civil/marriage-offices", "/data/offices", "orgCode"),
];

async fn ids(
    s: &Sandbox,
    path: &str,
    body: &Value,
    city: Option<&str>,
    at: (&str, &str),
) -> Vec<String> {
    let mut request = s.client.post(s.url(path)).json(body);
    if let Some(city) = city {
        request = request.header("x-citypanel-city", city);
    }
    let response = request.send().await.expect("post");
    assert_eq!(response.status(), 200, "{path}");
    let answer: Value = response.json().await.expect("json");
    let list = answer.pointer(at.0).and_then(Value::as_array).cloned();
    let list = list.unwrap_or_else(|| panic!("{path}: {answer}"));
    list.iter()
        .map(|item| {
            let id = item[at.1].as_str().unwrap_or_default();
            id.trim_start_matches(|c: char| c.is_ascii_uppercase()).to_string()
        })
        .collect()
}

#[tokio::test]
async fn first_lists_follow_the_city_header() {
    let s = Sandbox::start().await;
    for (path, list, id) in FIRST_LISTS {
        let at = (list, id);
        let cases = [
            (json!({}), Some("440300"), "4403"),
            (json!({}), Some("110100"), "1101"),
            (json!({}), None, "3301"),
            (json!({}), Some("999999"), "3301"),
            (json!({"city": "310100"}), None, "3101"),
            (json!({"city": "310100"}), Some("440300"), "4403"),
        ];
        for (body, header, prefix) in cases {
            let found = ids(&s, path, &body, header, at).await;
            assert!(!found.is_empty(), "{path} {header:?}");
            assert!(
                found.iter().all(|i| i.starts_with(prefix)),
                "{path} {body} {header:?}: {found:?}"
            );
        }
    }
}

#[tokio::test]
async fn city_departments_ignore_the_header() {
    let s = Sandbox::start().await;
    let body = json!({ "hphm": "浙A12345", "fdjh": "123456" });
    let response = s
        .client
        .post(s.url("/dept/hz-traffic-police/wfcx"))
        .header("x-citypanel-city", "110100")
        .json(&body)
        .send()
        .await
        .expect("post");
    let answer: Value = response.json().await.expect("json");
    assert_eq!(answer["code"], "0000");
    assert_eq!(answer["data"]["total"], 3);
}
