//! Deep links, format 1: a city, and a view in it — the catalog, the citizen's My City, a
//! service with non-personal starting inputs, or a matter's receipt by its number. Plain Rust
//! (tested natively); no personal value ever goes into a link ([`link_inputs`]).
//!
//! ```text
//! citypanel:1/330100/catalog
//! citypanel:1/330100/mine
//! citypanel:1/330100/service/water-bill?account=3301287645
//! citypanel:1/330100/receipt/vehicle-inspection-booking/JY330100202501150007
//! ```
//!
//! Values are percent-encoded UTF-8. A link whose format version is not `1` is refused (a
//! newer SDK's link names itself).

use citypanel_descriptor::{Descriptor, InputKind, PiiClass};

/// The scheme every link starts with.
pub const SCHEME: &str = "citypanel:";
/// The link format this SDK reads and writes.
pub const LINK_VERSION: &str = "1";
/// The longest link read (characters).
pub const LINK_MAX: usize = 2_000;

/// What a link opens in its city.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Catalog,
    Mine,
    /// A service with starting inputs (`id=value`, in order).
    Service {
        id: String,
        inputs: Vec<(String, String)>,
    },
    /// A matter's receipt by its number (for the signed-in citizen only).
    Receipt {
        service: String,
        number: String,
    },
}

/// A parsed link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub city: String,
    pub view: View,
}

/// Why a link could not be read: a sentence naming the part and the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("a link starts with `citypanel:`, got `{0}`")]
    Scheme(String),
    #[error("link format `{0}` is not one this panel reads (`1`)")]
    Version(String),
    #[error("`{0}` is not a 6-digit city code")]
    City(String),
    #[error("`{0}` is not a view (`catalog`, `mine`, `service`, `receipt`)")]
    View(String),
    #[error("`{0}` is not a service id")]
    Service(String),
    #[error("`{0}` is not a receipt number")]
    Number(String),
    #[error("the link is longer than {LINK_MAX} characters")]
    Long,
    #[error("`{0}` is not percent-encoded UTF-8")]
    Encoding(String),
}

fn short(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_string()
    }
}

/// Is `s` a service id (1–64 of `[a-z0-9-]`)?
fn service_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Is `s` an input id or a receipt number (1–64 of `[A-Za-z0-9_.-]`)?
fn token(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
}

/// Percent-encodes `s` (UTF-8), leaving `[A-Za-z0-9_.~-]` as they are.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"_.~-".contains(&b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
    out
}

/// Decodes a percent-encoded UTF-8 value (`+` stays a plus).
pub fn decode(s: &str) -> Result<String, LinkError> {
    let bad = || LinkError::Encoding(short(s));
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).ok_or_else(bad)?;
            let hex = std::str::from_utf8(hex).map_err(|_| bad())?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

/// Reads a link.
pub fn parse_link(text: &str) -> Result<Link, LinkError> {
    let text = text.trim();
    if text.chars().count() > LINK_MAX {
        return Err(LinkError::Long);
    }
    let rest = text.strip_prefix(SCHEME).ok_or_else(|| LinkError::Scheme(short(text)))?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut parts = path.split('/');
    let version = parts.next().unwrap_or_default();
    if version != LINK_VERSION {
        return Err(LinkError::Version(short(version)));
    }
    let city = parts.next().unwrap_or_default();
    if !citypanel_descriptor::rules::is_city_code(city) {
        return Err(LinkError::City(short(city)));
    }
    let view = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let view = match (view, rest.as_slice()) {
        ("catalog" | "", []) => View::Catalog,
        ("mine", []) => View::Mine,
        ("service", [id]) => {
            if !service_id(id) {
                return Err(LinkError::Service(short(id)));
            }
            let mut inputs = Vec::new();
            for pair in query.split('&').filter(|p| !p.is_empty()) {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                let k = decode(k)?;
                if !token(&k) {
                    return Err(LinkError::Encoding(short(&k)));
                }
                inputs.push((k, decode(v)?));
            }
            View::Service { id: id.to_string(), inputs }
        }
        ("receipt", [service, number]) => {
            if !service_id(service) {
                return Err(LinkError::Service(short(service)));
            }
            let number = decode(number)?;
            if !token(&number) {
                return Err(LinkError::Number(short(&number)));
            }
            View::Receipt { service: service.to_string(), number }
        }
        (other, _) => return Err(LinkError::View(short(other))),
    };
    Ok(Link { city: city.to_string(), view })
}

/// Writes a link (the inverse of [`parse_link`]).
pub fn format_link(link: &Link) -> String {
    let base = format!("{SCHEME}{LINK_VERSION}/{}", link.city);
    match &link.view {
        View::Catalog => format!("{base}/catalog"),
        View::Mine => format!("{base}/mine"),
        View::Service { id, inputs } if inputs.is_empty() => format!("{base}/service/{id}"),
        View::Service { id, inputs } => {
            let q: Vec<String> =
                inputs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
            format!("{base}/service/{id}?{}", q.join("&"))
        }
        View::Receipt { service, number } => {
            format!("{base}/receipt/{service}/{}", encode(number))
        }
    }
}

/// May `id`'s value travel in a link? Only a declared input with no personal-data class that
/// is not a consent or a slot (a consent is given on screen; a slot is read from the department).
pub fn linkable(d: &Descriptor, id: &str) -> bool {
    d.input(id).is_some_and(|i| {
        i.pii == PiiClass::None && !matches!(i.kind, InputKind::Consent | InputKind::Slot)
    })
}

/// Splits a link's inputs into those a panel may use and the ids of those it drops (unknown
/// inputs, personal data, consents, slots: the standard's PII classes decide).
pub fn link_inputs(
    d: &Descriptor,
    inputs: &[(String, String)],
) -> (Vec<(String, String)>, Vec<String>) {
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for (k, v) in inputs {
        if linkable(d, k) {
            kept.push((k.clone(), v.clone()));
        } else {
            dropped.push(k.clone());
        }
    }
    (kept, dropped)
}

/// The link sharing a service with `values`: only its linkable, non-empty values.
pub fn share_link(d: &Descriptor, city: &str, values: &[(String, String)]) -> String {
    let inputs =
        values.iter().filter(|(k, v)| !v.trim().is_empty() && linkable(d, k)).cloned().collect();
    format_link(&Link { city: city.to_string(), view: View::Service { id: d.id.clone(), inputs } })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(id: &str, inputs: &[(&str, &str)]) -> View {
        View::Service {
            id: id.into(),
            inputs: inputs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        }
    }

    #[test]
    fn every_view_round_trips() {
        for view in [
            View::Catalog,
            View::Mine,
            service("water-bill", &[]),
            service("water-bill", &[("account", "33 01/&=é")]),
            View::Receipt {
                service: "vehicle-inspection-booking".into(),
                number: "JY3301-02".into(),
            },
        ] {
            let link = Link { city: "330100".into(), view };
            let text = format_link(&link);
            assert_eq!(parse_link(&text), Ok(link), "{text}");
        }
    }

    #[test]
    fn the_written_forms_are_stable() {
        let link = Link {
            city: "330100".into(),
            view: service("water-bill", &[("account", "3301287645")]),
        };
        assert_eq!(format_link(&link), "citypanel:1/330100/service/water-bill?account=3301287645");
        assert_eq!(
            parse_link(
                "citypanel:1/110000/service/hospital-registration?hospital=%E5%8D%8F%E5%92%8C"
            ),
            Ok(Link {
                city: "110000".into(),
                view: service("hospital-registration", &[("hospital", "协和")])
            })
        );
        assert_eq!(parse_link(" citypanel:1/330100 ").map(|l| l.view), Ok(View::Catalog));
    }

    #[test]
    fn bad_links_get_precise_errors() {
        let err = |s: &str| parse_link(s).unwrap_err().to_string();
        assert_eq!(err("https://x/y"), "a link starts with `citypanel:`, got `https://x/y`");
        assert_eq!(
            err("citypanel:2/330100/catalog"),
            "link format `2` is not one this panel reads (`1`)"
        );
        assert_eq!(err("citypanel:1/3301/catalog"), "`3301` is not a 6-digit city code");
        assert_eq!(
            err("citypanel:1/330100/settings"),
            "`settings` is not a view (`catalog`, `mine`, `service`, `receipt`)"
        );
        assert_eq!(
            err("citypanel:1/330100/service/Water_Bill"),
            "`Water_Bill` is not a service id"
        );
        assert_eq!(err("citypanel:1/330100/receipt/x/a%2Fb"), "`a/b` is not a receipt number");
        assert_eq!(
            err("citypanel:1/330100/service/x?a=%E5%8D"),
            "`%E5%8D` is not percent-encoded UTF-8"
        );
        assert_eq!(err("citypanel:1/330100/service/x?a=%zz"), "`%zz` is not percent-encoded UTF-8");
        assert_eq!(
            err("citypanel:1/330100/catalog/extra"),
            "`catalog` is not a view (`catalog`, `mine`, `service`, `receipt`)"
        );
        assert_eq!(
            err(&format!("citypanel:1/330100/service/x?a={}", "1".repeat(LINK_MAX))),
            format!("the link is longer than {LINK_MAX} characters")
        );
    }

    fn descriptor(name: &str) -> Descriptor {
        let path = format!("{}/../catalog/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        citypanel_descriptor::read(&text).descriptor.unwrap_or_else(|| panic!("{path} reads"))
    }

    #[test]
    fn personal_values_never_travel_in_a_link() {
        let d = descriptor("vehicle-inspection-booking");
        let inputs: Vec<(String, String)> = [
            ("plate", "浙A12345"),
            ("vin", "LSVAU2180N2183294"),
            ("station", "s1"),
            ("slot", "0900"),
            ("mobile", "13800000000"),
            ("nope", "x"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let (kept, dropped) = link_inputs(&d, &inputs);
        assert_eq!(kept, vec![("station".to_string(), "s1".to_string())]);
        assert_eq!(dropped, ["plate", "vin", "slot", "mobile", "nope"]);
        assert_eq!(
            share_link(&d, "330100", &inputs),
            "citypanel:1/330100/service/vehicle-inspection-booking?station=s1"
        );
        let m = descriptor("marriage-registration");
        assert!(!linkable(&m, "consent") && !linkable(&m, "a_name") && linkable(&m, "office"));
    }
}
