//! What the generator cannot write but the contract still decides: the runtime encoders and
//! decoders agree with the wire shapes, and the hand-written host kit with the contract.

use super::root;
use crate::bridge::contract::{
    method_name, parse_outcome, Event, HostCapability, MessageType, Payload, OUTCOME_WORDS,
    PAY_OUTCOMES,
};
use crate::bridge::envelope::{decode_capabilities, decode_identity, pay_payload};
use crate::bridge::wire::{Shape, HELLO, HOST_IDENTITY, HOST_NOTICE, PAY_ORDER};
use crate::bridge::PayOrder;
use serde_json::{json, Value};

fn names(shape: &Shape) -> Vec<&'static str> {
    shape.fields.iter().map(|f| f.name).collect()
}

/// An object's keys, sorted (serde_json's map may keep them sorted).
fn keys(v: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

fn sorted(mut names: Vec<&str>) -> Vec<&str> {
    names.sort_unstable();
    names
}

#[test]
fn every_capability_has_a_typed_signature_and_a_payload_rule() {
    for c in HostCapability::ALL {
        let (types, _) = c.ts_signature();
        assert_eq!(types.len(), c.params().len(), "{c}");
        let args: Vec<Value> = c.params().iter().map(|p| json!({ "arg": p })).collect();
        let payload = c.request_payload(args.clone());
        match c.payload() {
            Payload::Nothing => assert!(c.params().is_empty() && payload.is_null(), "{c}"),
            Payload::Whole => assert_eq!((c.params().len(), &payload), (1, &args[0]), "{c}"),
            Payload::Named => assert_eq!(keys(&payload), sorted(c.params().to_vec()), "{c}"),
        }
        assert_eq!(method_name(c.as_str()), Some(c.as_str()));
    }
    for e in Event::ALL {
        assert_eq!(method_name(e.as_str()), Some(e.as_str()));
        assert!(HostCapability::parse(e.as_str()).is_none(), "`{e}` is both");
    }
    assert_eq!(method_name("teleport"), None);
    assert_eq!(MessageType::parse("event"), Some(MessageType::Event));
}

#[test]
fn the_pay_payload_is_the_pay_order_shape() {
    let order = PayOrder {
        order: "ord_1".into(),
        amount_fen: 5130,
        title: "Water bill".into(),
        payee: "Water".into(),
        service: "water-bill".into(),
    };
    let payload = pay_payload(&order);
    assert_eq!(keys(&payload), sorted(names(&PAY_ORDER)));
    assert_eq!(payload["amount"], "51.30");
}

#[test]
fn the_decoders_read_the_wire_shapes() {
    // Every field of `HostIdentity` is read…
    let identity = decode_identity(&json!({ "token": "v1.a.b", "attributes": { "name": "陈" } }));
    assert_eq!(names(&HOST_IDENTITY), ["token", "attributes"]);
    assert_eq!(identity.unwrap().token.as_deref(), Some("v1.a.b"));
    // …every field of `HostNotice`, and nothing else.
    let mut notice = serde_json::Map::new();
    for f in HOST_NOTICE.fields {
        notice.insert(f.name.into(), json!(if f.name == "topic" { "violations" } else { "k" }));
    }
    assert!(crate::notice::parse_notice(&Value::Object(notice.clone())).is_ok());
    notice.insert("extra".into(), json!("x"));
    assert!(crate::notice::parse_notice(&Value::Object(notice)).is_err());
    // `hello` carries the capabilities.
    let mut hello = serde_json::Map::new();
    hello.insert(HELLO.fields[0].name.into(), json!(HostCapability::NAMES));
    let hello = Value::Object(hello);
    assert_eq!(decode_capabilities(&hello).unwrap(), HostCapability::ALL);
}

#[test]
fn outcome_words_are_one_list() {
    for (word, outcome) in PAY_OUTCOMES {
        assert_eq!(parse_outcome(word), Some(outcome));
        assert!(OUTCOME_WORDS.contains(&format!("`{word}`")), "{word}");
    }
    assert_eq!(OUTCOME_WORDS.matches('`').count(), 2 * PAY_OUTCOMES.len());
}

/// The demo hosts' kit (`embed/hosts/host-kit.js`) is written by hand: its `subscribe` takes
/// the contract's arguments and its pay sheet answers contract outcome words.
#[test]
fn the_host_kit_follows_the_contract() {
    let kit = std::fs::read_to_string(root().join("embed/hosts/host-kit.js")).unwrap();
    let params = HostCapability::Subscribe.params().join(", ");
    assert!(kit.contains(&format!("export async function subscribe({params}, ")), "{params}");
    let mut words = 0;
    for marker in ["done('", "? outcome : '"] {
        for (at, _) in kit.match_indices(marker) {
            let rest = &kit[at + marker.len()..];
            let word = &rest[..rest.find('\'').unwrap()];
            assert!(parse_outcome(word).is_some(), "`{word}` is not an outcome word");
            words += 1;
        }
    }
    assert!(words >= 3, "found {words} outcome words in the host kit");
}
