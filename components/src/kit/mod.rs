//! The shared kit at the bottom of the SDK: view helpers (timers, focus, redraws), the cells
//! every result shows, and the availability note. Imports nothing above it but [`crate::i18n`].

pub mod availability;
pub mod cells;
pub mod press;
pub mod util;
pub mod visibility;
