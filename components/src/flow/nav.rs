//! Navigation inside one embedded panel, in plain Rust: its screen stack (catalog → [My City →]
//! service, or a deep link's view) and what one step back does — a service panel first steps
//! inside itself (review, result or receipt → the form, every value kept), then the stack pops,
//! and at its root the panel answers that the host may leave. A step back while a submission,
//! an unsettled outcome or a payment is in flight is refused with its reason.

use super::link::{Link, View};
use super::report::REOPEN_KEY;
use super::{Attempt, Failure, Phase, QueryFlow};

/// One screen of an embedded panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    Catalog,
    Mine,
    /// A service: its open target, `service?input=value&…` (see `panel::actions::split_target`).
    Service(String),
    /// A service a deep link opened, its target as [`Screen::Service`]'s: its values came from
    /// outside, so the panel keeps only the linkable ones (`crate::flow::link::link_inputs`).
    Linked(String),
    /// A link that could not be followed, with the reason (shown as an explanation).
    Explain(String),
}

/// Why a step back was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A submission or a booking is being sent.
    Sending,
    /// The outcome of a submission is still being settled.
    Settling,
    /// A payment is under way (ordering, the host's sheet open, or being reconciled).
    Paying,
}

impl Refusal {
    /// The word hosts see (`refused` answers carry it as `reason`).
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::Sending => "sending",
            Refusal::Settling => "settling",
            Refusal::Paying => "paying",
        }
    }
}

/// What a step back did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Back {
    /// One screen back.
    Stepped,
    /// Already at the panel's first screen: the host may leave.
    Root,
    /// Not now: something is in flight.
    Refused(Refusal),
}

impl Back {
    /// The answer's word: `stepped`, `root` or `refused`.
    pub fn as_str(self) -> &'static str {
        match self {
            Back::Stepped => "stepped",
            Back::Root => "root",
            Back::Refused(_) => "refused",
        }
    }
}

/// What a service panel does with a step back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelBack {
    /// Back to its form (values kept).
    Form,
    /// It is at its first screen: the step leaves the service.
    Leave,
    Refuse(Refusal),
}

impl QueryFlow {
    /// Where a step back goes from here. `has_inputs`: the service has a form (a query without
    /// one, like road conditions, is its result); `paying`: a payment of this panel is in flight.
    pub fn back_step(&self, has_inputs: bool, paying: bool) -> PanelBack {
        if paying {
            return PanelBack::Refuse(Refusal::Paying);
        }
        match &self.phase {
            Phase::Submitting { .. } => PanelBack::Refuse(Refusal::Sending),
            Phase::Checking { .. } => PanelBack::Refuse(Refusal::Settling),
            // Given up waiting: the citizen was told not to submit again, so no form; leaving
            // is fine (My City follows the matter).
            Phase::Failed(Failure::Unsettled { .. }) => PanelBack::Leave,
            _ if self.busy() => PanelBack::Refuse(Refusal::Sending),
            Phase::Editing => PanelBack::Leave,
            // A receipt opened by its number (from My City or a link) has no form behind it.
            Phase::Done { .. } | Phase::Cancelled { .. }
                if matches!(self.last, Some(Attempt::Reopen { .. })) =>
            {
                PanelBack::Leave
            }
            Phase::Failed(_) if matches!(self.last, Some(Attempt::Reopen { .. })) => {
                PanelBack::Leave
            }
            _ if !has_inputs => PanelBack::Leave,
            _ => PanelBack::Form,
        }
    }
}

/// An embedded panel's screens, its first one at the bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stack(Vec<Screen>);

impl Screen {
    /// The open target of a service screen.
    pub fn service(&self) -> Option<&str> {
        match self {
            Screen::Service(t) | Screen::Linked(t) => Some(t),
            _ => None,
        }
    }
}

impl Stack {
    /// A stack whose first screen is `root`.
    pub fn new(root: Screen) -> Self {
        Stack(vec![root])
    }

    /// The screens a link opens: a service or a receipt over the catalog (so back leads to the
    /// city's services), My City alone, the catalog alone.
    pub fn from_link(link: &Link) -> Self {
        match &link.view {
            View::Catalog => Stack::new(Screen::Catalog),
            View::Mine => Stack::new(Screen::Mine),
            View::Service { id, inputs } => {
                let mut target = id.clone();
                for (i, (k, v)) in inputs.iter().enumerate() {
                    target.push(if i == 0 { '?' } else { '&' });
                    target.push_str(&super::link::encode(k));
                    target.push('=');
                    target.push_str(&super::link::encode(v));
                }
                Stack(vec![Screen::Catalog, Screen::Linked(target)])
            }
            View::Receipt { service, number } => Stack(vec![
                Screen::Catalog,
                Screen::Linked(format!("{service}?{REOPEN_KEY}={}", super::link::encode(number))),
            ]),
        }
    }

    /// The screen shown.
    pub fn top(&self) -> &Screen {
        // Never empty: `new` puts a root in and `back` never pops it.
        self.0.last().unwrap_or(&Screen::Catalog)
    }

    /// The screen under the one shown, if any.
    pub fn under(&self) -> Option<&Screen> {
        self.0.len().checked_sub(2).and_then(|i| self.0.get(i))
    }

    /// How many screens deep the panel is (1 at its root).
    pub fn depth(&self) -> usize {
        self.0.len()
    }

    /// Opens `screen` over the one shown (the same screen again is not stacked twice).
    pub fn push(&mut self, screen: Screen) {
        if self.top() != &screen {
            self.0.push(screen);
        }
    }

    /// One step back, given what the service panel shown (if one is) does with it: the panel
    /// steps inside itself, or refuses, or the stack pops — or, at its root, answers `Root`.
    pub fn back(&mut self, panel: Option<PanelBack>) -> Back {
        match panel {
            Some(PanelBack::Form) => return Back::Stepped,
            Some(PanelBack::Refuse(r)) => return Back::Refused(r),
            Some(PanelBack::Leave) | None => {}
        }
        if self.0.len() > 1 {
            self.0.pop();
            Back::Stepped
        } else {
            Back::Root
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::link::parse_link;
    use citypanel_descriptor::Descriptor;

    fn descriptor(name: &str) -> Descriptor {
        let path = format!("{}/../catalog/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        citypanel_descriptor::read(&text).descriptor.unwrap_or_else(|| panic!("{path} reads"))
    }

    #[test]
    fn a_link_opens_its_view_over_the_catalog() {
        let link = parse_link("citypanel:1/330100/service/water-bill?account=33%2001").unwrap();
        let stack = Stack::from_link(&link);
        assert_eq!(stack.top(), &Screen::Linked("water-bill?account=33%2001".into()));
        assert_eq!(stack.under(), Some(&Screen::Catalog));
        let link = parse_link("citypanel:1/330100/receipt/vehicle-inspection-booking/JY1").unwrap();
        let stack = Stack::from_link(&link);
        assert_eq!(
            stack.top(),
            &Screen::Linked("vehicle-inspection-booking?@reference=JY1".into())
        );
        assert_eq!(stack.top().service(), Some("vehicle-inspection-booking?@reference=JY1"));
        let mine = Stack::from_link(&parse_link("citypanel:1/330100/mine").unwrap());
        assert_eq!((mine.top(), mine.depth()), (&Screen::Mine, 1));
    }

    #[test]
    fn back_steps_inside_the_panel_then_pops_then_answers_root() {
        let mut stack = Stack::new(Screen::Catalog);
        stack.push(Screen::Mine);
        stack.push(Screen::Service("water-bill".into()));
        stack.push(Screen::Service("water-bill".into()));
        assert_eq!(stack.depth(), 3);
        assert_eq!(stack.back(Some(PanelBack::Form)), Back::Stepped);
        assert_eq!(stack.depth(), 3, "the panel stepped inside itself");
        assert_eq!(
            stack.back(Some(PanelBack::Refuse(Refusal::Paying))),
            Back::Refused(Refusal::Paying)
        );
        assert_eq!(stack.depth(), 3);
        assert_eq!(stack.back(Some(PanelBack::Leave)), Back::Stepped);
        assert_eq!(stack.top(), &Screen::Mine);
        assert_eq!(stack.back(None), Back::Stepped);
        assert_eq!(stack.back(None), Back::Root);
        assert_eq!(stack.top(), &Screen::Catalog);
        assert_eq!(Back::Refused(Refusal::Settling).as_str(), "refused");
    }

    #[test]
    fn a_service_steps_back_to_its_form_and_refuses_while_in_flight() {
        let d = descriptor("water-bill");
        let mut f = QueryFlow::new(&d);
        assert_eq!(f.back_step(true, false), PanelBack::Leave);
        f.input(&d, "account", "3301287645".into());
        let sent = f.submit(&d, "330100", "k1");
        assert!(sent.is_some());
        assert_eq!(f.back_step(true, false), PanelBack::Refuse(Refusal::Sending));
        f.phase = Phase::Empty;
        f.pending = None;
        assert_eq!(f.back_step(true, false), PanelBack::Form);
        assert_eq!(f.back_step(true, true), PanelBack::Refuse(Refusal::Paying));
        assert_eq!(f.back_step(false, false), PanelBack::Leave, "no form to go back to");
        f.phase = Phase::Checking { reference: "R1".into(), polls: 0, reopened: None };
        assert_eq!(f.back_step(true, false), PanelBack::Refuse(Refusal::Settling));
        f.phase = Phase::Failed(Failure::Unsettled { reference: "R1".into() });
        assert_eq!(f.back_step(true, false), PanelBack::Leave);
        f.phase = Phase::Failed(Failure::NotServed);
        assert_eq!(f.back_step(true, false), PanelBack::Form);
        f.back();
        assert_eq!((f.phase.clone(), f.value("account")), (Phase::Editing, "3301287645"));
    }
}
