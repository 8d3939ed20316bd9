//! The payment flow state machine, in plain Rust: bill → order → host `pay()` → outcome,
//! with reconciliation against the platform when the outcome is unknown.
//!
//! It is a pure machine: events in, commands out. The view sends the commands (create the order
//! on the platform, call the host bridge, poll the order) and feeds their results back as
//! events. Guarantees, whatever is clicked or retried:
//! - at most one order per attempt: every attempt has one idempotency key, reused by every
//!   retry of that attempt, so the platform answers a repeated create with the same order;
//! - never a second `pay()` while one is outstanding or while an outcome is unknown — nor
//!   while another order of the same bill is (the platform's `payment_in_progress`);
//! - an unknown outcome is reconciled (polling the order) before anything else may happen.

pub use crate::payment::HostOutcome;

/// An order's status on the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    Created,
    Processing,
    Paid,
    Failed,
    Cancelled,
    /// Cancelled because another order of the same bill was paid (two sheets open at once):
    /// nothing was taken for this one and the bill is settled.
    PaidElsewhere,
}

/// Where the payment is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayState {
    /// The bill is shown with a pay button.
    Ready,
    /// Creating the order on the platform (idempotency key `key`).
    Ordering { key: String },
    /// The host's payment sheet is open for `order`.
    Paying { order: String },
    /// Outcome unknown or processing: polling the platform for `order`.
    Checking { order: String, polls: u32 },
    /// Paid: the receipt shows.
    Paid { order: String },
    /// The host payment failed; the citizen may try again.
    Failed { order: Option<String>, reason: String },
    /// Still unsettled after the reconciliation budget: the citizen is told to wait, no retry.
    Unsettled { order: String },
}

/// What the view must do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayCommand {
    /// Create the order at the pay action's endpoint with this `Idempotency-Key`.
    CreateOrder { key: String },
    /// Call the host bridge's `pay()` for this order.
    HostPay { order: String },
    /// Poll the lifecycle's status endpoint for `order` after the descriptor's interval.
    Poll { order: String },
    /// Ask the status endpoint for `order` now (the page was shown again).
    Check { order: String },
}

/// Events from the citizen, the platform and the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayEvent {
    /// The citizen pressed "pay" (or "try again"). `fresh_key` is a new random key.
    Pay { fresh_key: String },
    /// The platform created (or returned) the order.
    OrderCreated { order: String },
    /// The order could not be created (network, validation); the key is kept for retry.
    OrderError { reason: String },
    /// No order was created because another order of the bill is being paid (started before a
    /// reload, in another tab or on another device): that order is reconciled instead.
    InFlight { order: String },
    /// The host bridge answered.
    Host(HostOutcome),
    /// The platform's order status, from a poll.
    Status(OrderStatus),
    /// A poll failed in transport.
    PollError,
    /// The page is shown again (the citizen is back from the wallet app): an order whose sheet
    /// is still open is checked at once, an outcome being reconciled is polled at once.
    Shown,
}

/// The payment machine for one bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub state: PayState,
    /// The key of the current attempt; kept until the attempt is settled.
    key: Option<String>,
    max_polls: u32,
}

impl Payment {
    /// A new machine that gives up polling (→ `Unsettled`) after `max_polls` polls.
    pub fn new(max_polls: u32) -> Self {
        Payment { state: PayState::Ready, key: None, max_polls: max_polls.max(1) }
    }

    /// Feeds one event; returns the commands to run (often none).
    pub fn on(&mut self, ev: PayEvent) -> Vec<PayCommand> {
        use PayCommand as C;
        use PayState as S;
        match (self.state.clone(), ev) {
            (S::Ready | S::Failed { .. }, PayEvent::Pay { fresh_key }) => {
                // A retry after an order error keeps its key: the platform dedupes it.
                let key = self.key.get_or_insert(fresh_key).clone();
                self.state = S::Ordering { key: key.clone() };
                vec![C::CreateOrder { key }]
            }
            (S::Ordering { .. }, PayEvent::OrderCreated { order }) => {
                self.state = S::Paying { order: order.clone() };
                vec![C::HostPay { order }]
            }
            (S::Ordering { .. }, PayEvent::InFlight { order }) => {
                // This attempt's key created nothing; the in-flight order decides.
                self.key = None;
                self.state = S::Checking { order: order.clone(), polls: 0 };
                vec![C::Poll { order }]
            }
            (S::Ordering { .. }, PayEvent::OrderError { reason }) => {
                self.state = S::Failed { order: None, reason };
                vec![]
            }
            (S::Paying { order }, PayEvent::Host(outcome)) => self.host(order, outcome),
            (S::Checking { order, polls }, PayEvent::Status(status)) => {
                self.status(order, polls, status)
            }
            (S::Checking { order, polls }, PayEvent::PollError) => self.poll_again(order, polls),
            (S::Paying { order } | S::Checking { order, .. }, PayEvent::Shown) => {
                vec![C::Check { order }]
            }
            // Settled while the host's sheet was still open (paid in the wallet app): the
            // platform's word is the outcome; the sheet's late answer changes nothing.
            (S::Paying { order }, PayEvent::Status(OrderStatus::Paid)) => {
                self.key = None;
                self.state = S::Paid { order };
                vec![]
            }
            // Anything else (a double click, a late or duplicate answer) changes nothing.
            _ => vec![],
        }
    }

    fn host(&mut self, order: String, outcome: HostOutcome) -> Vec<PayCommand> {
        match outcome {
            HostOutcome::Success => {
                self.key = None;
                self.state = PayState::Paid { order };
                vec![]
            }
            HostOutcome::Cancelled => {
                // Back to the bill; the next attempt is a new order.
                self.key = None;
                self.state = PayState::Ready;
                vec![]
            }
            HostOutcome::Failed => {
                self.key = None;
                self.state =
                    PayState::Failed { order: Some(order), reason: "host payment failed".into() };
                vec![]
            }
            HostOutcome::Processing | HostOutcome::Unknown => {
                self.state = PayState::Checking { order: order.clone(), polls: 0 };
                vec![PayCommand::Poll { order }]
            }
        }
    }

    fn status(&mut self, order: String, polls: u32, status: OrderStatus) -> Vec<PayCommand> {
        match status {
            OrderStatus::Paid => {
                self.key = None;
                self.state = PayState::Paid { order };
                vec![]
            }
            OrderStatus::Failed | OrderStatus::Cancelled => {
                self.key = None;
                self.state =
                    PayState::Failed { order: Some(order), reason: "payment not completed".into() };
                vec![]
            }
            OrderStatus::PaidElsewhere => {
                self.key = None;
                self.state = PayState::Failed {
                    order: Some(order),
                    reason: "the bill was paid by another order".into(),
                };
                vec![]
            }
            OrderStatus::Created | OrderStatus::Processing => self.poll_again(order, polls),
        }
    }

    fn poll_again(&mut self, order: String, polls: u32) -> Vec<PayCommand> {
        let polls = polls + 1;
        if polls >= self.max_polls {
            self.state = PayState::Unsettled { order };
            return vec![];
        }
        self.state = PayState::Checking { order: order.clone(), polls };
        vec![PayCommand::Poll { order }]
    }

    /// True while money may be moving: the order being made, the host's sheet (or the payment
    /// page) open, the outcome being reconciled. A step back is refused meanwhile.
    pub fn in_flight(&self) -> bool {
        matches!(
            self.state,
            PayState::Ordering { .. } | PayState::Paying { .. } | PayState::Checking { .. }
        )
    }

    /// True while a button must not start anything (ordering, paying, checking, paid).
    pub fn locked(&self) -> bool {
        !matches!(self.state, PayState::Ready | PayState::Failed { .. })
    }
}
