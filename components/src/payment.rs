//! The host's word on a payment, shared by the bridge (which reads it from the host) and
//! the payment machine ([`crate::pay::machine`]). Kept apart from both so that neither
//! imports the other.

/// What the host bridge reported for `pay(order)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostOutcome {
    Success,
    Processing,
    Cancelled,
    Failed,
    Unknown,
}
