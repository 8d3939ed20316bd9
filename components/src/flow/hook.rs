//! How an embedded panel asks the service panel it shows for a step back: the service panel
//! registers its answer here while it is mounted (the container provides the hook as context).

use super::nav::PanelBack;
use leptos::prelude::*;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT: AtomicU64 = AtomicU64::new(1);

/// The service panel's step back, registered under the panel's own number (a panel replaced
/// by the next one clears only its own registration).
#[derive(Clone, Copy)]
pub struct BackHook(StoredValue<Option<(u64, Callback<(), PanelBack>)>>);

impl Default for BackHook {
    fn default() -> Self {
        BackHook(StoredValue::new(None))
    }
}

impl BackHook {
    /// Registers `step` until the current reactive owner (the service panel) is disposed.
    pub fn register(self, step: Callback<(), PanelBack>) {
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        self.0.set_value(Some((id, step)));
        on_cleanup(move || {
            let _ = self.0.try_update_value(|v| {
                if v.as_ref().is_some_and(|(i, _)| *i == id) {
                    *v = None;
                }
            });
        });
    }

    /// Asks the registered panel, if one is mounted.
    pub fn ask(self) -> Option<PanelBack> {
        let step = self.0.try_get_value().flatten().map(|(_, s)| s)?;
        Some(step.run(()))
    }
}
