//! The body of `POST /platform/pay/orders`, `{"service","city","reference","amount"}` with the
//! amount in yuan (`"51.30"`), checked field by field into a [`NewOrder`].

use citypanel_descriptor::model::{Capability, CapabilityState};
use citypanel_descriptor::parse_availability;
use citypanel_descriptor::rules::{format_yuan, validate_amount, RuleError};
use serde_json::Value;

use crate::catalog::Catalog;
use crate::departments::payments;
use crate::error::ApiError;
use crate::orders::{NewOrder, MAX_AMOUNT_FEN};
use crate::validate::{shown, Checker, CITY, SERVICE, TOKEN};

/// The user of orders placed without an identity token.
pub const GUEST: &str = "guest";

/// Reads an order request. `city` may instead come from the `x-citypanel-city` header; the
/// service must be offered in that city by the catalog.
pub fn new_order(
    body: &Value,
    header_city: Option<&str>,
    user: Option<String>,
    catalog: &Catalog,
) -> Result<NewOrder, ApiError> {
    let mut check = Checker::new(body)?;
    let service = check.text("service", SERVICE);
    let city = match (body.get("city"), header_city) {
        (None | Some(Value::Null), Some(header)) => Some(header.to_string()),
        _ => check.text("city", CITY),
    };
    let reference = check.text("reference", TOKEN);
    let amount = check.value("amount").and_then(|v| amount_fen(v, &mut check));
    if let Some(code) = city.as_deref() {
        if !catalog.has_city(code) {
            let message = format!("no city `{code}` in the catalog");
            check.reject("/city", "choice", message);
        } else if let Some(id) = service.as_deref() {
            if catalog.service(code, id).is_none() {
                let message = format!("service `{id}` is not offered in city `{code}`");
                check.reject("/service", "choice", message);
            }
        }
    }
    // The department's own books decide what is owed: an unknown reference or another
    // amount is refused, so a client cannot pay a bill off with less than it says.
    if let (Some(service), Some(city), Some(reference), Some(fen)) =
        (&service, &city, &reference, amount)
    {
        if payments::is_paying(service) {
            match payments::due(service, city, reference) {
                None => {
                    let message = format!(
                        "`{service}` in `{city}` has nothing to pay under reference `{reference}`"
                    );
                    check.reject("/reference", "choice", message);
                }
                Some(due) if due != fen => {
                    let message = format!(
                        "amount must be the amount due `{}`, got `{}`",
                        format_yuan(due),
                        format_yuan(fen)
                    );
                    check.reject("/amount", "range", message);
                }
                Some(_) => {}
            }
        }
    }
    check.finish()?;
    if let (Some(service), Some(city)) = (&service, &city) {
        refuse_when_paused(catalog, service, city, crate::time::now_ms())?;
    }
    match (service, city, reference, amount) {
        (Some(service), Some(city), Some(reference), Some(amount_fen)) => Ok(NewOrder {
            service,
            city,
            reference,
            amount_fen,
            user: user.unwrap_or_else(|| GUEST.to_string()),
        }),
        _ => Err(ApiError::Internal("validation lost a field".into())),
    }
}

/// `503 payment_paused` (with `Retry-After`) while the service's descriptor declares its
/// payments paused (a maintenance window of the `payment` capability): the panel shows the
/// same window; a client that skips it is refused here.
fn refuse_when_paused(
    catalog: &Catalog,
    service: &str,
    city: &str,
    now_ms: i64,
) -> Result<(), ApiError> {
    let Some(availability) = catalog.service(city, service).and_then(|d| d.get("availability"))
    else {
        return Ok(());
    };
    let (Some(a), _) = parse_availability(availability) else {
        return Ok(());
    };
    match a.state(Capability::Payment, now_ms) {
        CapabilityState::Paused { message, .. } => {
            let why = message
                .map(|m| m.get("en").to_string())
                .unwrap_or_else(|| "payments are paused for maintenance".into());
            Err(ApiError::Unavailable(
                "payment_paused",
                format!("`{service}` in `{city}`: {}", why.to_lowercase()),
            ))
        }
        _ => Ok(()),
    }
}

/// An amount in yuan — a string (`"51.30"`, `"¥51.30"`) or a number (`51.3`) — as fen.
fn amount_fen(value: &Value, check: &mut Checker<'_>) -> Option<i64> {
    let raw = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => {
            let message = format!("amount must be a yuan string, got `{}`", shown(other));
            check.reject("/amount", "type", message);
            return None;
        }
    };
    match validate_amount(&raw, None, Some(MAX_AMOUNT_FEN)) {
        Ok(fen) => Some(fen),
        Err(error) => {
            let code = match error {
                RuleError::AmountFormat(_) | RuleError::Empty => "format",
                _ => "range",
            };
            let message = format!(
                "amount must be yuan with at most 2 decimals, more than 0 and at most \
                 1000000.00, got `{}`",
                shown(value)
            );
            check.reject("/amount", code, message);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn catalog() -> Catalog {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog");
        Catalog::load(&dir).unwrap_or_else(|e| panic!("{e}"))
    }

    fn codes(error: ApiError) -> Vec<(String, &'static str)> {
        match error {
            ApiError::Invalid(fields) => fields.into_iter().map(|f| (f.path, f.code)).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn yuan_amounts_and_the_city_header() {
        let c = catalog();
        let body =
            json!({"service": "water-bill", "reference": "SW3301202504018826", "amount": "51.30"});
        let order = new_order(&body, Some("330100"), None, &c).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((order.amount_fen, order.user.as_str()), (5130, GUEST));
        let number = json!({"service": "water-bill", "city": "330100", "reference": "SW3301202504018826", "amount": 51.3});
        let user = Some("u-1".to_string());
        assert_eq!(new_order(&number, None, user, &c).map(|o| o.amount_fen), Ok(5130));
        let bad = json!({"service": "no-such-service", "city": "330100", "reference": "SW1", "amount": "5.123"});
        let found = new_order(&bad, None, None, &c).map_err(codes);
        let expected = vec![("/amount".to_string(), "format"), ("/service".to_string(), "choice")];
        assert_eq!(found.err(), Some(expected));
        let zero =
            json!({"service": "water-bill", "city": "999999", "reference": "SW1", "amount": "0"});
        let expected = vec![("/amount".to_string(), "range"), ("/city".to_string(), "choice")];
        assert_eq!(new_order(&zero, None, None, &c).map_err(codes).err(), Some(expected));
    }

    #[test]
    fn paused_payments_are_refused() {
        let c = catalog();
        // traffic-fine-payment pauses payments 2025-12-31 22:00 to 2026-01-01 06:00 (+08:00).
        let new_year = 1_767_196_800_000; // 2026-01-01T00:00:00+08:00
        let refused = refuse_when_paused(&c, "traffic-fine-payment", "330100", new_year);
        assert!(
            matches!(&refused, Err(ApiError::Unavailable("payment_paused", m)) if m.contains("year-end")),
            "{refused:?}"
        );
        assert!(refuse_when_paused(&c, "traffic-fine-payment", "330100", new_year + 7 * 3_600_000)
            .is_ok());
        assert!(refuse_when_paused(&c, "water-bill", "330100", new_year).is_ok());
    }

    #[test]
    fn the_department_decides_what_is_owed() {
        let c = catalog();
        let order = |reference: &str, amount: &str| {
            let body = json!({"service": "water-bill", "city": "330100", "reference": reference, "amount": amount});
            new_order(&body, None, None, &c).map(|o| o.amount_fen).map_err(codes)
        };
        assert_eq!(order("SW3301202504018826", "51.30"), Ok(5130));
        assert_eq!(
            order("SW3301202504018826", "0.01"),
            Err(vec![("/amount".to_string(), "range")])
        );
        assert_eq!(order("SW1", "51.30"), Err(vec![("/reference".to_string(), "choice")]));
    }
}
