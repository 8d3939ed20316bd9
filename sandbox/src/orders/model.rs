//! Payment orders: the validated request, the stored order and the reported outcomes.

use rusqlite::Row;
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::ids::fingerprint;
use crate::time::rfc3339;
use crate::validate::{Checker, CITY, FREE, SERVICE, TOKEN};

/// The largest amount of one order, in fen (1,000,000 yuan).
pub const MAX_AMOUNT_FEN: i64 = 100_000_000;

/// A validated `POST /api/v1/orders` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrder {
    /// The paying service, e.g. `traffic-fine-payment`.
    pub service: String,
    /// The city code, e.g. `330100`.
    pub city: String,
    /// The bill or decision number being paid.
    pub reference: String,
    /// The amount in fen.
    pub amount_fen: i64,
    /// The host's opaque user id.
    pub user: String,
}

impl NewOrder {
    /// Checks every field, reporting all problems at once.
    pub fn from_body(body: &Value) -> Result<NewOrder, ApiError> {
        let mut check = Checker::new(body)?;
        let service = check.text("service", SERVICE);
        let city = check.text("city", CITY);
        let reference = check.text("reference", TOKEN);
        let amount_fen = check.integer("amount_fen", 1, MAX_AMOUNT_FEN);
        let user = check.text("user", FREE);
        // A bill, decision or violation the department knows is paid with exactly what it
        // says is due, here as through `/platform/pay/orders` (other references are the
        // host's own business).
        if let (Some(service), Some(city), Some(reference), Some(fen)) =
            (&service, &city, &reference, amount_fen)
        {
            let due = crate::departments::payments::due(service, city, reference);
            if let Some(due) = due.filter(|due| *due != fen) {
                let message = format!(
                    "amount_fen must be the amount due `{due}` for `{reference}`, got `{fen}`"
                );
                check.reject("/amount_fen", "range", message);
            }
        }
        check.finish()?;
        match (service, city, reference, amount_fen, user) {
            (Some(service), Some(city), Some(reference), Some(amount_fen), Some(user)) => {
                Ok(NewOrder { service, city, reference, amount_fen, user })
            }
            _ => Err(ApiError::Internal("validation lost a field".into())),
        }
    }

    /// A fingerprint of the request, compared when an idempotency key is reused.
    pub fn fingerprint(&self) -> String {
        let canonical =
            json!([self.service, self.city, self.reference, self.amount_fen, self.user]);
        fingerprint(canonical.to_string().as_bytes())
    }
}

/// What the host's payment reported, the body of `POST /api/v1/orders/{id}/settle`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The payment went through.
    Success,
    /// The payment failed.
    Failed,
    /// The user cancelled.
    Cancelled,
    /// The payment is still being processed.
    Processing,
}

impl Outcome {
    /// Reads `{"outcome":"success"|"failed"|"cancelled"|"processing"}`.
    pub fn from_body(body: &Value) -> Result<Outcome, ApiError> {
        let mut check = Checker::new(body)?;
        let choices = ["success", "failed", "cancelled", "processing"];
        let outcome = check.choice("outcome", &choices);
        check.finish()?;
        Ok(match outcome {
            Some("success") => Outcome::Success,
            Some("failed") => Outcome::Failed,
            Some("cancelled") => Outcome::Cancelled,
            _ => Outcome::Processing,
        })
    }

    /// The order status this outcome leads to.
    pub fn status(self) -> &'static str {
        match self {
            Outcome::Success => "paid",
            Outcome::Failed => "failed",
            Outcome::Cancelled => "cancelled",
            Outcome::Processing => "processing",
        }
    }
}

/// A stored order as answered by the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Order {
    /// The order id, e.g. `ord_3f9a0c2b7e1d4a66`.
    pub id: String,
    /// `created`, `processing`, `paid`, `failed` or `cancelled`.
    pub status: String,
    /// The paying service.
    pub service: String,
    /// The city code.
    pub city: String,
    /// The bill or decision number.
    pub reference: String,
    /// The amount in fen.
    pub amount_fen: i64,
    /// The host's opaque user id.
    pub user: String,
    /// When the order was created (RFC 3339, UTC).
    pub created_at: String,
    /// When the order last changed.
    pub updated_at: String,
    /// When the order was paid, if it was.
    pub paid_at: Option<String>,
    /// The same instant in epoch milliseconds (not serialized).
    #[serde(skip)]
    pub paid_ms: Option<i64>,
}

/// The columns [`Order::from_row`] reads, in order.
pub const COLUMNS: &str =
    "id, status, service, city, reference, amount_fen, user_id, created_ms, updated_ms, paid_ms";

impl Order {
    /// Reads a row selected with [`COLUMNS`].
    pub fn from_row(row: &Row<'_>) -> rusqlite::Result<Order> {
        let paid: Option<i64> = row.get(9)?;
        Ok(Order {
            id: row.get(0)?,
            status: row.get(1)?,
            service: row.get(2)?,
            city: row.get(3)?,
            reference: row.get(4)?,
            amount_fen: row.get(5)?,
            user: row.get(6)?,
            created_at: rfc3339(row.get(7)?),
            updated_at: rfc3339(row.get(8)?),
            paid_at: paid.map(rfc3339),
            paid_ms: paid,
        })
    }
}
