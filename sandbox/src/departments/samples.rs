//! The demo citizens' inputs for each service in each city: what the demo page suggests to a
//! newcomer (`GET /api/v1/cities/{code}/demo-inputs`) and what the tests send. Read from the
//! departments' own data, so suggestion and answer always agree.

use super::bills::data::{Standing, STANDINGS};
use super::health::lab::REPORTS;
use super::library::loans::LOANS;
use super::people::{self, Utility, CHEN, INSURED};
use super::traffic::fines::DECISIONS;

/// The demo vehicle whose violations a city's police keep: `(plate, engine number)`.
pub fn city_vehicle(city: &str) -> Option<(&'static str, &'static str)> {
    let plate = match city {
        "110100" => "京N8B512",
        "310100" => "沪AK6321",
        "440100" | "440300" | "440600" => "粤B3M8K6",
        "330200" => "浙B67890",
        "360100" | "370200" | "140100" | "420100" => "鄂A5N2L8",
        _ => "浙A12345",
    };
    Some((plate, people::vehicle(plate)?.engine))
}

fn utility(service: &str) -> Utility {
    match service {
        "water-bill" => Utility::Water,
        "electricity-bill" => Utility::Power,
        _ => Utility::Gas,
    }
}

/// The demo inputs of `service` in `city` that need no remote options, `(input id, value)`;
/// empty when the service takes choices (bookings) or the city has no demo data for it.
pub fn demo_inputs(service: &str, city: &str) -> Vec<(&'static str, &'static str)> {
    inputs(service, city).unwrap_or_default()
}

fn inputs(service: &str, city: &str) -> Option<Vec<(&'static str, &'static str)>> {
    Some(match service {
        "traffic-violations" => {
            let (plate, engine) = city_vehicle(city)?;
            vec![("plate", plate), ("engine", engine)]
        }
        "violation-reminders" => {
            let (plate, engine) = city_vehicle(city)?;
            let mobile = people::vehicle(plate).map_or("", |v| v.owner.mobile);
            vec![
                ("plate", plate),
                ("engine", engine),
                ("mobile", mobile),
                ("channel", "sms"),
                ("consent", "true"),
            ]
        }
        "traffic-fine-payment" => {
            let d = DECISIONS.iter().find(|d| d.city == city && d.online && d.paid_at.is_none())?;
            vec![("jdsbh", d.jdsbh), ("plate", d.plate)]
        }
        "driving-licence-points" => vec![("licence", CHEN.id_number), ("dabh", "330100412387")],
        "lab-reports" => {
            let r = REPORTS.iter().find(|r| r.city == city && !r.times.1.is_empty())?;
            vec![("id_number", r.patient.id_number), ("report_no", r.no)]
        }
        "water-bill" | "electricity-bill" | "gas-bill" => {
            let kind = utility(service);
            let number = STANDINGS
                .iter()
                .filter(|s| s.0 == city && matches!(s.2, Standing::Billed(_)))
                .map(|s| s.1)
                .find(|n| people::account(city, kind, n).is_some())?;
            vec![("account", number)]
        }
        "social-security-records" => {
            let s = INSURED.iter().find(|s| s.city == city && s.months.0 <= s.months.1)?;
            vec![("id_number", s.person.id_number), ("name", s.person.name)]
        }
        "exit-entry-progress" => {
            vec![("app_no", "330100202504200123"), ("id_number", CHEN.id_number)]
        }
        "library-loans" | "library-renewal" => {
            let (_, card, loans) = LOANS.iter().find(|l| l.0 == city)?;
            let holder = people::card(city, card)?;
            let barcode =
                loans.iter().find(|l| l.7 == 0 && !l.8 && l.6 >= "20250428").map_or("", |l| l.0);
            let mut inputs = vec![("card", *card), ("password", people::card_password(holder))];
            if service == "library-renewal" {
                inputs.push(("barcode", barcode));
            }
            inputs
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_city_has_its_own_plate_and_bill() {
        assert_eq!(demo_inputs("traffic-violations", "110100")[0], ("plate", "京N8B512"));
        assert_eq!(demo_inputs("traffic-violations", "330100")[0], ("plate", "浙A12345"));
        assert!(!demo_inputs("water-bill", "360100").is_empty());
        assert!(demo_inputs("hospital-registration", "330100").is_empty(), "choices, not typed");
        assert!(demo_inputs("no-such-service", "330100").is_empty());
    }
}
