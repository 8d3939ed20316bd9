//! Result widgets: thin Leptos views over the plain-Rust [`model`]. [`ResultView`] picks the
//! widget the descriptor names and handles the summary, empty, partial and stale states.

pub mod model;
pub mod records;

mod bill;
mod key_value;
mod result;
mod road_map;
mod status_board;
mod table;
mod ticket;
mod timeline;
mod value;

pub use bill::BillView;
pub use key_value::KeyValueList;
pub use result::ResultView;
pub use road_map::RoadMap;
pub use status_board::StatusBoard;
pub use table::DataTable;
pub use ticket::TicketView;
pub use timeline::TimelineView;
pub use value::{Rows, ValueText};

use leptos::prelude::AnyView;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The actions of one record that a record widget shows in that record's card or row (pay
/// this fine, renew this book), by record index; `None` for a record without any.
#[derive(Clone)]
pub struct RecordActions(pub Arc<dyn Fn(usize) -> Option<AnyView> + Send + Sync>);

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// A document-unique id for `aria-labelledby` links: `cp-w7-caption`.
pub(crate) fn next_id(what: &str) -> String {
    format!("cp-w{}-{what}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}
