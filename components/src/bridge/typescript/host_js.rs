//! The contract's constants in the host glue (the generated part of
//! `embed/citypanel-host.js`).

use super::{doc, list};
use crate::bridge::contract::{
    Event, HostCapability, Payload, BRIDGE_VERSION, ID_MAX, ID_PUNCTUATION,
};
use citypanel_descriptor::model::Topic;

/// The constants `connectFrame` and `checkEnvelope` read.
pub fn constants() -> String {
    let mut out = String::new();
    out.push_str(&format!("const VERSION = '{BRIDGE_VERSION}';\n"));
    doc(&mut out, "", "The capabilities: the requests a panel sends.");
    out.push_str(&format!("const METHODS = {};\n", list(HostCapability::NAMES)));
    doc(
        &mut out,
        "",
        "Each request's payload as the bridge method's arguments: the payload's keys in order, \
         or null for the payload itself.",
    );
    let args: Vec<String> = HostCapability::ALL
        .iter()
        .map(|c| {
            let how = match c.payload() {
                Payload::Nothing => "[]".to_string(),
                Payload::Whole => "null".to_string(),
                Payload::Named => list(c.params()),
            };
            format!("{c}: {how}")
        })
        .collect();
    out.push_str(&format!("const ARGUMENTS = {{ {} }};\n", args.join(", ")));
    doc(&mut out, "", "The events a panel sends (the host sends the others).");
    let panel: Vec<&str> =
        Event::ALL.iter().filter(|e| !e.from_host()).map(|e| e.as_str()).collect();
    out.push_str(&format!("const PANEL_EVENTS = {};\n", list(&panel)));
    doc(&mut out, "", "The topics of a notice.");
    out.push_str(&format!("const TOPICS = {};\n", list(Topic::NAMES)));
    doc(&mut out, "", "A message id.");
    out.push_str(&format!("const ID = /^[A-Za-z0-9{ID_PUNCTUATION}]{{1,{ID_MAX}}}$/;\n"));
    out
}
