//! The stages of a progress timeline and their states.

use crate::i18n::{t, Msg};
use crate::kit::cells::{record_cell, Cell};
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{ResponseSpec, TimelineSpec};

/// Where a stage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Done,
    Current,
    Pending,
}

impl StepState {
    /// From the state field's code: `done`, `current`, `pending`; no state field means a
    /// plain history (done); an unknown code is treated as not started.
    pub fn from_code(code: Option<&str>, has_state_field: bool) -> Self {
        match code {
            Some("done") => StepState::Done,
            Some("current") => StepState::Current,
            _ if !has_state_field => StepState::Done,
            _ => StepState::Pending,
        }
    }

    /// The `data-state` value.
    pub fn as_str(self) -> &'static str {
        match self {
            StepState::Done => "done",
            StepState::Current => "current",
            StepState::Pending => "pending",
        }
    }
}

/// One stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub stage: Cell,
    /// Absent when the department gave no time (e.g. a stage not reached yet).
    pub time: Option<Cell>,
    pub note: Option<Cell>,
    pub state: StepState,
    /// The descriptor's label for the state code, when it has one.
    pub state_cell: Option<Cell>,
    /// `aria-current="step"`: the first current stage only.
    pub is_current: bool,
}

impl Step {
    /// The state in words: the descriptor's label for the code, else the built-in one.
    pub fn state_text(&self, locale: &str) -> String {
        match &self.state_cell {
            Some(c) if c.code().is_some_and(|code| code != c.text(locale, false)) => {
                c.text(locale, false)
            }
            _ => t(locale, builtin(self.state)).to_string(),
        }
    }
}

fn builtin(s: StepState) -> Msg {
    match s {
        StepState::Done => Msg::StepDone,
        StepState::Current => Msg::StepCurrent,
        StepState::Pending => Msg::StepPending,
    }
}

/// The stages, in the department's order.
pub fn steps(spec: &TimelineSpec, response: &ResponseSpec, records: &[Record]) -> Vec<Step> {
    let mut seen_current = false;
    records
        .iter()
        .map(|r| {
            let opt = |id: &Option<String>| {
                id.as_deref().map(|i| record_cell(response, r, i)).filter(|c| !c.is_missing())
            };
            let state_cell = opt(&spec.state);
            let state = StepState::from_code(
                state_cell.as_ref().and_then(|c| c.code()),
                spec.state.is_some(),
            );
            let is_current = state == StepState::Current && !seen_current;
            seen_current |= is_current;
            Step {
                stage: record_cell(response, r, &spec.stage),
                time: opt(&spec.time),
                note: opt(&spec.note),
                state,
                state_cell,
                is_current,
            }
        })
        .collect()
}

/// "共 5 个环节，当前：制证" / "5 stages, now: Document produced".
pub fn summary(steps: &[Step], locale: &str) -> String {
    let current = steps.iter().find(|s| s.is_current).map(|s| s.stage.text(locale, false));
    let all_done = !steps.is_empty() && steps.iter().all(|s| s.state == StepState::Done);
    crate::i18n::catalog(locale).stages(steps.len(), current.as_deref(), all_done)
}
