//! The eleven demo cities: GB/T 2260 code, the prefix of their department ids, and name.

/// One city the simulated departments serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct City {
    /// GB/T 2260 six-digit code, e.g. `330100`.
    pub code: &'static str,
    /// The prefix of the city's department ids and paths, e.g. `hz` in `hz-water`.
    pub prefix: &'static str,
    /// The city's Chinese name.
    pub name: &'static str,
}

/// Every city, Hangzhou (the demo city) first.
#[rustfmt::skip]
pub static CITIES: &[City] = &[
    City { code: "330100", prefix: "hz", name: "杭州" },
    City { code: "110100", prefix: "bj", name: "北京" },
    City { code: "310100", prefix: "sh", name: "上海" },
    City { code: "440100", prefix: "gz", name: "广州" },
    City { code: "440300", prefix: "sz", name: "深圳" },
    City { code: "330200", prefix: "nb", name: "宁波" },
    City { code: "360100", prefix: "nc", name: "南昌" },
    City { code: "370200", prefix: "qd", name: "青岛" },
    City { code: "140100", prefix: "ty", name: "太原" },
    City { code: "440600", prefix: "fs", name: "佛山" },
    City { code: "420100", prefix: "wh", name: "武汉" },
];

/// Hangzhou, the city a shared first list answers for when nothing names another.
pub static HANGZHOU: &City = &CITIES[0];

/// The city with this code.
pub fn by_code(code: &str) -> Option<&'static City> {
    CITIES.iter().find(|c| c.code == code)
}

/// The cities with these prefixes (space-separated, e.g. `"hz bj sh"`), in that order.
pub fn listed(prefixes: &'static str) -> impl Iterator<Item = &'static City> {
    prefixes.split_whitespace().filter_map(|p| CITIES.iter().find(|c| c.prefix == p))
}

/// The city a district code (`330106` → Hangzhou) or city code belongs to.
pub fn of_district(code: &str) -> Option<&'static City> {
    let head = code.get(..4)?;
    CITIES.iter().find(|c| c.code.starts_with(head))
}

/// The city encoded in a reference number after its letter prefix, e.g. `JC330100…`,
/// `HY330106…` (a district code).
pub fn of_reference(reference: &str) -> Option<&'static City> {
    let digits = reference.trim_start_matches(|c: char| c.is_ascii_uppercase());
    of_district(digits.get(..6)?)
}

/// The city a shared first list (hospitals, stations, registries) answers for: the
/// `X-Citypanel-City` header, else a `city` field of the body, else Hangzhou — the published
/// fixtures show Hangzhou's lists (catalog README, open question 1).
pub fn named_or_hangzhou(body: &serde_json::Value, header: Option<&str>) -> Option<&'static City> {
    let named = header.or_else(|| body.get("city").and_then(serde_json::Value::as_str));
    Some(named.and_then(by_code).unwrap_or(HANGZHOU))
}

/// The city of the `reference` a status or cancel request names.
pub fn by_reference(body: &serde_json::Value, _header: Option<&str>) -> Option<&'static City> {
    of_reference(body.get("reference")?.as_str()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(by_code("440300").map(|c| c.prefix), Some("sz"));
        assert_eq!(of_district("330106").map(|c| c.prefix), Some("hz"));
        assert_eq!(of_district("440304").map(|c| c.prefix), Some("sz"));
        assert_eq!(of_reference("JC3301002505060023").map(|c| c.prefix), Some("hz"));
        assert_eq!(of_reference("H440100002").map(|c| c.prefix), Some("gz"));
        assert_eq!(of_reference("X99"), None);
    }
}
