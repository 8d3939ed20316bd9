//! Native tests of the embed API's pure parts: the postMessage envelope, the mount config and
//! host themes.

use citypanel::bridge::envelope::{
    decode_capabilities, decode_city, decode_identity, decode_outcome, envelope, parse_envelope,
    valid_origin, Kind, Rejection,
};
use citypanel::bridge::HostCapability;
use citypanel::embed::parse_config;
use citypanel::payment::HostOutcome;
use citypanel::theme::parse_theme;
use serde_json::json;

#[test]
fn a_valid_response_parses() {
    let m = json!({ "citypanel": "1.0", "id": "cp-1", "type": "response", "method": "pay", "payload": "success" });
    let e = parse_envelope(&m).unwrap();
    assert_eq!((e.id.as_str(), e.kind, e.method), ("cp-1", Kind::Response, "pay"));
    assert_eq!(decode_outcome(&e.payload), Ok(HostOutcome::Success));
}

#[test]
fn a_host_notice_arrives_as_a_notify_event() {
    let m = json!({ "citypanel": "1.0", "id": "h-2", "type": "event", "method": "notify",
        "payload": { "topic": "violations", "key": "浙A12345" } });
    let e = parse_envelope(&m).unwrap();
    assert_eq!((e.kind, e.method), (Kind::Event, "notify"));
    let n = citypanel::notice::parse_notice(&e.payload).unwrap();
    assert_eq!(n.key, "浙A12345");
}

#[test]
fn foreign_and_malformed_messages_are_rejected() {
    assert_eq!(parse_envelope(&json!("hello")), Err(Rejection::Foreign));
    assert_eq!(parse_envelope(&json!({ "type": "webpackOk" })), Err(Rejection::Foreign));
    assert!(matches!(
        parse_envelope(
            &json!({ "citypanel": "2.0", "id": "a", "type": "event", "method": "hello" })
        ),
        Err(Rejection::Version(_))
    ));
    let bad = [
        json!({ "citypanel": "1.0", "id": 5, "type": "response", "method": "pay" }),
        json!({ "citypanel": "1.0", "id": "a b", "type": "response", "method": "pay" }),
        json!({ "citypanel": "1.0", "id": "a", "type": "shout", "method": "pay" }),
        json!({ "citypanel": "1.0", "id": "a", "type": "response", "method": "eval" }),
        json!({ "citypanel": "1.0", "id": "a", "type": "event", "method": "hello", "error": { "code": "x" } }),
        json!({ "citypanel": "1.0", "id": "a", "type": "response", "method": "pay", "error": "boom" }),
        json!({ "citypanel": "1.0", "id": "a", "type": "response", "method": "pay", "extra": 1 }),
    ];
    for m in bad {
        assert!(matches!(parse_envelope(&m), Err(Rejection::Shape { .. })), "{m}");
    }
}

#[test]
fn outgoing_envelopes_carry_the_version() {
    let m = envelope("cp-2", Kind::Request, "identity", json!(null));
    assert_eq!(m["citypanel"], "1.0");
    assert_eq!(parse_envelope(&m).unwrap().method, "identity");
}

#[test]
fn payloads_are_shape_checked() {
    assert!(decode_outcome(&json!("paid")).is_err());
    assert_eq!(decode_outcome(&json!({ "outcome": "cancelled" })), Ok(HostOutcome::Cancelled));
    let id = decode_identity(&json!({ "token": "v1.a.b", "attributes": { "name": "陈思远", "plates": ["浙A12345", "浙B1"] } })).unwrap();
    assert_eq!(id.attribute("plates"), Some("浙A12345"));
    assert!(decode_identity(&json!({ "token": 5 })).is_err());
    assert!(decode_identity(&json!({ "attributes": { "name": 5 } })).is_err());
    assert_eq!(decode_city(&json!("330100")), Ok("330100".into()));
    assert!(decode_city(&json!("33010")).is_err());
    assert_eq!(
        decode_capabilities(&json!({ "capabilities": ["pay", "teleport", "identity", "pay"] })),
        Ok(vec![HostCapability::Identity, HostCapability::Pay])
    );
}

#[test]
fn origins_must_be_exact() {
    for ok in ["https://wallet.example", "http://127.0.0.1:8080", "http://localhost:3000"] {
        assert!(valid_origin(ok), "{ok}");
    }
    for bad in [
        "*",
        "null",
        "https://a.example/",
        "https://a.example/path",
        "ftp://a.example",
        "https://",
        "https://a.example:99999",
        "https://user@a.example",
    ] {
        assert!(!valid_origin(bad), "{bad}");
    }
}

#[test]
fn config_errors_name_the_key_and_value() {
    let ok = parse_config(&json!({ "city": "330100", "locale": "en", "service": "traffic-violations", "theme": { "dark": true } })).unwrap();
    assert_eq!(ok.service.as_deref(), Some("traffic-violations"));
    assert!(ok.theme.dark);
    let err = |v| parse_config(&v).unwrap_err();
    assert!(err(json!({})).contains("`config.city` is required"));
    assert!(err(json!({ "city": "3301" })).contains("`3301`"));
    assert!(err(json!({ "city": "330100", "locale": "fr" })).contains("`fr`"));
    assert!(err(json!({ "city": "330100", "colour": "red" })).contains("unknown key `colour`"));
    assert!(err(json!({ "city": "330100", "service": "../x" })).contains("`../x`"));
    assert!(err(json!({ "city": "330100", "theme": { "primary": "red" } }))
        .contains("`config.theme.primary`"));
    // `view`: the catalog (default) or the citizen's "My City", never beside a service.
    assert!(parse_config(&json!({ "city": "330100", "view": "mine" })).unwrap().mine);
    assert!(!parse_config(&json!({ "city": "330100", "view": "catalog" })).unwrap().mine);
    assert!(!ok.mine);
    assert_eq!(err(json!({ "city": "330100", "view": "mine", "service": "water-bill" })),
        "`config.view` `mine` shows the citizen's own matters and cannot be combined with `config.service`");
    assert_eq!(
        err(json!({ "city": "330100", "view": "mine-city" })),
        "`config.view` must be `catalog` or `mine`, got `mine-city`"
    );
}

#[test]
fn a_link_names_the_city_and_an_unreadable_one_is_left_to_explain() {
    let linked =
        parse_config(&json!({ "link": "citypanel:1/110100/service/water-bill?account=1" }))
            .unwrap();
    assert_eq!(linked.city, "110100", "the link's city, no `city` needed");
    assert_eq!(linked.link.as_deref(), Some("citypanel:1/110100/service/water-bill?account=1"));
    let wins =
        parse_config(&json!({ "city": "330100", "link": "citypanel:1/110100/mine" })).unwrap();
    assert_eq!(wins.city, "110100");
    // Unreadable: mounted anyway (the panel explains it) in the city given.
    let bad = parse_config(&json!({ "city": "330100", "link": "citypanel:9/x" })).unwrap();
    assert_eq!((bad.city.as_str(), bad.link.as_deref()), ("330100", Some("citypanel:9/x")));
    let err = |v| parse_config(&v).unwrap_err();
    assert_eq!(
        err(json!({ "link": "citypanel:9/x" })),
        "`config.link` `\"citypanel:9/x\"` cannot be read and there is no `config.city` to explain it in"
    );
    assert!(err(
        json!({ "city": "330100", "link": "citypanel:1/330100", "service": "water-bill" })
    )
    .contains("cannot be combined with `config.service` or `config.view`"));
    assert!(err(json!({ "city": "330100", "link": 7 })).contains("`config.link` must be a string"));
}

#[test]
fn themes_become_tokens() {
    let t = parse_theme(&json!({ "primary": "#07C160", "radius": 8, "fontScale": 1.2, "fontFamily": "system-ui", "elder": true })).unwrap();
    assert!(t.vars.contains(&("--cp-color-primary", "#07c160".into())));
    assert!(t.vars.contains(&("--cp-radius", "8px".into())));
    assert!(t.vars.contains(&("--cp-font-scale", "1.2".into())));
    assert!(t.elder && !t.dark);
    assert!(parse_theme(&json!({ "fontFamily": "x; background: url(evil)" })).is_err());
    assert!(parse_theme(&json!({ "fontScale": 5 })).is_err());
    assert!(parse_theme(&json!({ "radius": "12em" })).is_err());
    // Pixels as text: `"12px"`, `"10.5 px"`; not a number, out of range or not JSON grammar.
    assert!(parse_theme(&json!({ "radius": "12px" }))
        .unwrap()
        .vars
        .contains(&("--cp-radius", "12px".into())));
    assert!(parse_theme(&json!({ "radius": "10.5 px" }))
        .unwrap()
        .vars
        .contains(&("--cp-radius", "10.5px".into())));
    for bad in ["px", "33px", "-1px", "1e1e1px", "0x10px", "twelvepx", "nullpx"] {
        assert!(parse_theme(&json!({ "radius": bad })).is_err(), "{bad}");
    }
}

#[test]
fn theme_numbers_print_as_css_numbers() {
    use citypanel::theme::css_number;
    let cases = [
        (0.0, "0"),
        (-0.0, "0"),
        (12.0, "12"),
        (32.0, "32"),
        (0.75, "0.75"),
        (1.2, "1.2"),
        (2.0, "2"),
        (1.1, "1.1"),
        (0.1 + 0.2, "0.3"),
        (10.5, "10.5"),
        (32.0 * 2.0 / 3.0, "21.333"),
        (1.0005, "1.001"),
        (1.0004, "1"),
        (0.001, "0.001"),
        (0.0004, "0"),
        (-1.25, "-1.25"),
        (7.07, "7.07"),
    ];
    for (x, want) in cases {
        assert_eq!(css_number(x), want, "{x}");
    }
    // Every radius in hundredths of a pixel prints as Rust prints the same value.
    for h in 0..=3200 {
        let x = f64::from(h) / 100.0;
        assert_eq!(css_number(x), format!("{x}"), "{x}");
    }
}
