//! The bridge's TypeScript typings (the generated part of `embed/citypanel.d.ts`).

use super::{doc, doc_of, union};
use crate::bridge::contract::{
    Event, HostCapability, MessageType, BRIDGE_VERSION, ID_MAX, ID_PUNCTUATION, PAY_OUTCOMES,
};
use crate::bridge::wire::{Shape, HELLO, HOST_IDENTITY, HOST_NOTICE, PAY_ORDER};
use citypanel_descriptor::model::Topic;

fn interface(out: &mut String, shape: &Shape) {
    doc(out, "", shape.doc);
    out.push_str(&format!("export interface {} {{\n", shape.name));
    for f in shape.fields {
        doc(out, "  ", f.doc);
        let optional = if f.optional { "?" } else { "" };
        out.push_str(&format!("  {}{optional}: {};\n", f.name, f.ts));
    }
    out.push_str("}\n\n");
}

fn host_bridge(out: &mut String) {
    doc(
        out,
        "",
        "The host's side of the bridge: the object `mount` takes as `config.bridge` (and \
         `connectFrame` answers the iframe with). Every method is optional; every answer is \
         shape-checked.",
    );
    out.push_str("export interface HostBridge {\n");
    out.push_str(&format!("  version?: '{BRIDGE_VERSION}';\n"));
    doc(out, "  ", "Declared capabilities; default: the methods present.");
    out.push_str("  capabilities?: HostCapability[];\n");
    for (i, c) in HostCapability::ALL.iter().enumerate() {
        let (types, answer) = c.ts_signature();
        let params: Vec<String> =
            c.params().iter().zip(types).map(|(p, t)| format!("{p}: {t}")).collect();
        doc(out, "  ", &doc_of(HostCapability::DOCS.1[i]));
        out.push_str(&format!("  {c}?({}): Promise<{answer}>;\n", params.join(", ")));
    }
    out.push_str("}\n\n");
}

fn envelope(out: &mut String) {
    doc(out, "", &doc_of(MessageType::DOCS.0));
    out.push_str(&format!("export type BridgeMessageType = {};\n", union(MessageType::NAMES)));
    doc(out, "", &doc_of(Event::DOCS.0));
    out.push_str(&format!("export type BridgeEvent = {};\n", union(Event::NAMES)));
    doc(out, "", "An envelope's `method`: a capability (requests, responses) or an event.");
    out.push_str("export type BridgeMethod = HostCapability | BridgeEvent;\n\n");
    doc(out, "", "One postMessage envelope of the bridge, either way.");
    out.push_str("export interface BridgeEnvelope {\n");
    doc(out, "  ", "The contract version: `1.x`.");
    out.push_str("  citypanel: `1.${string}`;\n");
    let id = format!(
        "1–{ID_MAX} characters of [A-Za-z0-9{ID_PUNCTUATION}]; a response repeats its request's."
    );
    doc(out, "  ", &id);
    out.push_str("  id: string;\n  type: BridgeMessageType;\n  method: BridgeMethod;\n");
    out.push_str("  payload?: unknown;\n");
    doc(out, "  ", "Only on a response, instead of `payload`.");
    out.push_str("  error?: { code: string; message: string };\n}\n\n");
    interface(out, &HELLO);
}

/// The typings, from `HostCapability` through the envelope.
pub fn typings() -> String {
    let mut out = String::new();
    doc(&mut out, "", &doc_of(HostCapability::DOCS.0));
    out.push_str(&format!("export type HostCapability = {};\n", union(HostCapability::NAMES)));
    doc(&mut out, "", "How a payment ended at the host: `pay`'s answer.");
    let outcomes: Vec<&str> = PAY_OUTCOMES.iter().map(|(w, _)| *w).collect();
    out.push_str(&format!("export type PayOutcome = {};\n", union(&outcomes)));
    doc(&mut out, "", "What a `subscribe` follows and a notice is about.");
    out.push_str(&format!("export type NoticeTopic = {};\n\n", union(Topic::NAMES)));
    interface(&mut out, &PAY_ORDER);
    interface(&mut out, &HOST_IDENTITY);
    host_bridge(&mut out);
    interface(&mut out, &HOST_NOTICE);
    envelope(&mut out);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
