//! Native tests of the form drafts kept between visits to a panel.

mod support;

use citypanel::drafts::{keepable, Drafts, MAX_FORMS};
use citypanel_descriptor::map::Map;

fn values(pairs: &[(&str, &str)]) -> Map<String> {
    let mut m = Map::new();
    for (k, v) in pairs {
        m.insert(k.to_string(), v.to_string());
    }
    m
}

#[test]
fn typed_values_come_back_in_form_order_per_city_and_service() {
    let mut drafts = Drafts::default();
    let d = support::published("water-bill");
    drafts.keep("330100", &d, &values(&[("account", "3301287645"), ("nonsense", "x")]));
    assert_eq!(
        drafts.recall("330100", "water-bill"),
        [("account".to_string(), "3301287645".to_string())]
    );
    let d = support::published("traffic-violations");
    drafts.keep("330100", &d, &values(&[("engine", "123456"), ("plate", "浙A12345")]));
    assert_eq!(
        drafts.recall("330100", "traffic-violations"),
        [("plate".to_string(), "浙A12345".to_string())],
        "the engine number is a secret"
    );
    assert!(
        drafts.recall("310100", "traffic-violations").is_empty(),
        "another city's form is its own"
    );
    assert!(drafts.recall("330100", "gas-bill").is_empty());
    drafts.keep("330100", &d, &values(&[("plate", "浙B54321")]));
    assert_eq!(
        drafts.recall("330100", "traffic-violations"),
        [("plate".to_string(), "浙B54321".to_string())],
        "the latest values replace the draft"
    );
    drafts.keep("330100", &d, &values(&[("plate", "")]));
    assert!(
        drafts.recall("330100", "traffic-violations").is_empty(),
        "a cleared form forgets its draft"
    );
}

#[test]
fn secrets_consents_identity_prefills_slots_and_remote_options_are_not_kept() {
    for d in support::every() {
        for input in &d.inputs {
            let sensitive = input.pii == citypanel_descriptor::PiiClass::Secret
                || matches!(
                    input.kind,
                    citypanel_descriptor::InputKind::Slot
                        | citypanel_descriptor::InputKind::Consent
                )
                || input.prefill.is_some()
                || input.options_from.is_some();
            assert_eq!(keepable(input), !sensitive, "{}: {}", d.id, input.id);
        }
    }
    // The catalog has each case at least once.
    let all: Vec<_> = support::every().into_iter().flat_map(|d| d.inputs).collect();
    assert!(
        all.iter().any(|i| i.pii == citypanel_descriptor::PiiClass::Secret),
        "a library password"
    );
    assert!(all.iter().any(|i| i.prefill.is_some()));
    assert!(all.iter().any(|i| i.options_from.is_some()));
    assert!(all.iter().any(|i| i.kind == citypanel_descriptor::InputKind::Slot));
    let library = support::published("library-loans");
    let mut drafts = Drafts::default();
    let typed: Vec<(String, String)> =
        library.inputs.iter().map(|i| (i.id.clone(), "0330012345678".to_string())).collect();
    let pairs: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    drafts.keep("330100", &library, &values(&pairs));
    let kept = drafts.recall("330100", "library-loans");
    assert!(!kept.is_empty());
    for (id, _) in &kept {
        let input = library.input(id).expect("input");
        assert_ne!(
            input.pii,
            citypanel_descriptor::PiiClass::Secret,
            "{id} is a secret and must not be kept"
        );
    }
}

#[test]
fn only_the_latest_forms_are_remembered() {
    let d = support::published("traffic-violations");
    let mut drafts = Drafts::default();
    let cities: Vec<String> = (0..=MAX_FORMS).map(|n| format!("{:06}", 100000 + n)).collect();
    for city in &cities {
        drafts.keep(city, &d, &values(&[("plate", "浙A12345")]));
    }
    assert!(drafts.recall(&cities[0], "traffic-violations").is_empty(), "the oldest is forgotten");
    assert_eq!(drafts.recall(&cities[MAX_FORMS], "traffic-violations").len(), 1);
    assert_eq!(drafts.recall(&cities[1], "traffic-violations").len(), 1);
}
