//! The call table of `docs/embedding.md` ("Bridge contract v1").

use super::doc_of;
use crate::bridge::contract::HostCapability;

fn duration(ms: u32) -> String {
    if ms.is_multiple_of(60_000) {
        format!("{} min", ms / 60_000)
    } else {
        format!("{} s", f64::from(ms) / 1000.0)
    }
}

/// One row per capability (the call, its answer and its timeout), then the capability names.
pub fn call_table() -> String {
    let mut out = String::from("| call | answer | timeout |\n| --- | --- | --- |\n");
    for (i, c) in HostCapability::ALL.iter().enumerate() {
        let answer = c.ts_signature().1.replace('|', "\\|");
        out.push_str(&format!(
            "| `{c}({})` | `{answer}` — {} | {} |\n",
            c.params().join(", "),
            doc_of(HostCapability::DOCS.1[i]),
            duration(c.timeout_ms())
        ));
    }
    let names: Vec<String> = HostCapability::NAMES.iter().map(|n| format!("`{n}`")).collect();
    out.push_str(&format!(
        "\nCapabilities (the `capabilities` array; without it, the methods present): {}.\n",
        names.join(", ")
    ));
    out
}
