//! The demo citizens: four people whose vehicles, bills, appointments, insurance and
//! applications agree across every simulated department.
//!
//! - **陈思远** (male, born 1988-05-20 in Hangzhou's Xihu district): software engineer at
//!   杭州云帆信息技术有限公司 since 2016, before that in Shanghai (2010–2015). Owns 浙A12345
//!   and his old Shanghai car 沪AK6321, a flat in Hangzhou and one in Shanghai, library cards in
//!   both cities, a first passport in production, and a marriage booking with 林晓雯.
//! - **林晓雯** (female, born 1992-03-15 in Hangzhou's Shangcheng district): grew up in Ningbo,
//!   worked there 2014–2018, in Hangzhou since 2019. Owns 浙AD12345 (new-energy) and the family
//!   car 浙B67890 her parents drive in Ningbo; pays her parents' Ningbo utility bills.
//! - **周文博** (male, born 1995-08-11 in Hangzhou's Gongshu district): site engineer of
//!   中建三局, posted to Beijing, Qingdao, Taiyuan, Nanchang and now Wuhan. Keeps his Beijing
//!   car 京N8B512 and drives 鄂A5N2L8 in Wuhan; rents a flat wherever he is posted.
//! - **黄嘉琪** (female, born 1990-11-23 in Shenzhen's Futian district): studied and worked in
//!   Guangzhou, in Shenzhen since 2016, parents in Foshan; drives 粤B3M8K6; moving to Hangzhou
//!   next month (new accounts there, no bills yet).
//!
//! Everything a department keeps about them (violations, bills, loans, progress) lives in the
//! department's own module, keyed by the identifiers here. The seeded world is a snapshot as of
//! [`AS_OF`]; what a citizen does in the sandbox (bookings, subscriptions, renewals) is dated by
//! the real clock.

mod accounts;
mod holdings;

pub use accounts::*;
pub use holdings::*;

/// The date the seeded records describe (the fixtures' "today").
pub const AS_OF: &str = "2025-04-28";

/// One demo citizen.
#[derive(Debug, PartialEq, Eq)]
pub struct Citizen {
    /// Full name.
    pub name: &'static str,
    /// Resident ID number (GB 11643, check digit valid).
    pub id_number: &'static str,
    /// Mainland mobile number.
    pub mobile: &'static str,
}

/// 陈思远, Hangzhou.
pub static CHEN: Citizen =
    Citizen { name: "陈思远", id_number: "330106198805203216", mobile: "13800138000" };

/// 林晓雯, Hangzhou (from Ningbo).
pub static LIN: Citizen =
    Citizen { name: "林晓雯", id_number: "330102199203154321", mobile: "13700137000" };

/// 周文博, Wuhan (posted around the country).
pub static ZHOU: Citizen =
    Citizen { name: "周文博", id_number: "330105199508112658", mobile: "13971234567" };

/// 黄嘉琪, Shenzhen (Guangzhou, Foshan).
pub static HUANG: Citizen =
    Citizen { name: "黄嘉琪", id_number: "440304199011232427", mobile: "13823456789" };

/// Every demo citizen.
pub static PEOPLE: [&Citizen; 4] = [&CHEN, &LIN, &ZHOU, &HUANG];

/// The citizen with this ID number.
pub fn by_id(id_number: &str) -> Option<&'static Citizen> {
    PEOPLE.iter().copied().find(|p| p.id_number == id_number)
}

/// The vehicle with this (normalized) plate.
pub fn vehicle(plate: &str) -> Option<&'static Vehicle> {
    VEHICLES.iter().find(|v| v.plate == plate)
}

/// The utility account with this number in a city.
pub fn account(city: &str, utility: Utility, number: &str) -> Option<&'static Account> {
    ACCOUNTS.iter().find(|a| a.city == city && a.utility == utility && a.number == number)
}

/// The library card with this number in a city.
pub fn card(city: &str, number: &str) -> Option<&'static LibraryCard> {
    CARDS.iter().find(|c| c.city == city && c.card == number)
}

/// A citizen's identity attributes as a host's identity token carries them (the `attrs` claim,
/// read by `citypanel_descriptor::digest::Attributes::from_claims`): name, ID number, mobile,
/// plates, and every utility account (`water`, `electricity`, `gas`) and library card
/// (`library_card`) with its city.
pub fn attributes(p: &Citizen) -> serde_json::Value {
    let plates: Vec<&str> =
        VEHICLES.iter().filter(|v| std::ptr::eq(v.owner, p)).map(|v| v.plate).collect();
    let mut accounts: Vec<serde_json::Value> = ACCOUNTS
        .iter()
        .filter(|a| std::ptr::eq(a.holder, p))
        .map(|a| {
            let kind = match a.utility {
                Utility::Water => "water",
                Utility::Power => "electricity",
                Utility::Gas => "gas",
            };
            serde_json::json!({ "kind": kind, "city": a.city, "number": a.number })
        })
        .collect();
    accounts.extend(
        CARDS.iter().filter(|c| std::ptr::eq(c.holder, p)).map(
            |c| serde_json::json!({ "kind": "library_card", "city": c.city, "number": c.card }),
        ),
    );
    serde_json::json!({ "name": p.name, "id_number": p.id_number, "mobile": p.mobile,
                        "plates": plates, "accounts": accounts })
}

/// The library password of a card: the last 6 characters of the holder's ID number.
pub fn card_password(card: &LibraryCard) -> &'static str {
    let id = card.holder.id_number;
    &id[id.len() - 6..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use citypanel_descriptor::rules::{
        validate_engine_tail, validate_id_number, validate_mobile, validate_plate, validate_vin,
    };

    #[test]
    fn identities_pass_the_browser_rules() {
        for p in PEOPLE {
            assert_eq!(validate_id_number(p.id_number).as_deref(), Ok(p.id_number));
            assert_eq!(validate_mobile(p.mobile).as_deref(), Ok(p.mobile));
        }
        for v in VEHICLES {
            assert_eq!(validate_plate(v.plate).as_deref(), Ok(v.plate));
            assert_eq!(validate_engine_tail(v.engine).as_deref(), Ok(v.engine));
            assert_eq!(validate_vin(v.vin).as_deref(), Ok(v.vin), "{}", v.vin);
            assert!(citypanel_descriptor::Date::parse_iso(v.inspection_due).is_some());
        }
    }

    #[test]
    fn identifiers_are_unique_and_well_formed() {
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        for (i, a) in ACCOUNTS.iter().enumerate() {
            let (lo, hi) = a.utility.lengths();
            assert!(digits(a.number) && (lo..=hi).contains(&a.number.len()), "{}", a.number);
            assert!(ACCOUNTS[..i].iter().all(|b| (b.city, b.number) != (a.city, a.number)));
        }
        for c in CARDS {
            assert!(c.card.len() >= 6 && c.card.bytes().all(|b| b.is_ascii_alphanumeric()));
        }
        for l in LICENCES {
            assert!(l.file_no.len() == 12 && digits(l.file_no));
        }
        assert_eq!(card_password(&CARDS[0]), "203216");
        assert_eq!(by_id("330102199203154321").map(|p| p.name), Some("林晓雯"));
    }

    #[test]
    fn attributes_are_what_the_digest_reads() {
        use citypanel_descriptor::digest::{AttrValue, AttributeClass, Attributes};
        let hz = Attributes::from_claims(&attributes(&CHEN), "330100").expect("claims");
        let plates = AttrValue::Many(vec!["浙A12345".into(), "沪AK6321".into()]);
        assert_eq!(hz.get(AttributeClass::Plates), Some(&plates));
        let water = AttrValue::Many(vec!["3301287645".into(), "3301287646".into()]);
        assert_eq!(hz.get(AttributeClass::WaterAccount), Some(&water));
        let card = AttrValue::Many(vec!["0330012345678".into()]);
        assert_eq!(hz.get(AttributeClass::LibraryCard), Some(&card));
        for p in PEOPLE {
            assert!(Attributes::from_claims(&attributes(p), "140100").is_ok(), "{}", p.name);
        }
    }
}
