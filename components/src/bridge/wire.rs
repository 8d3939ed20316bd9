//! The objects of bridge contract v1 as a host sees them: field names, TypeScript types and
//! docs, for the generated typings (`bridge::typescript`). The decoders in
//! [`super::envelope`] and [`crate::notice`] read the same names; tests hold them in step.
//! Constants only the generator reads, so none of it reaches the wasm.

/// One field of a wire object.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The JSON key.
    pub name: &'static str,
    /// Its TypeScript type.
    pub ts: &'static str,
    /// Whether it may be absent.
    pub optional: bool,
    /// What it is (one line; empty for none).
    pub doc: &'static str,
}

/// A wire object: a TypeScript interface.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// The interface's name.
    pub name: &'static str,
    /// What it is.
    pub doc: &'static str,
    /// Its fields, in order.
    pub fields: &'static [Field],
}

const fn field(name: &'static str, ts: &'static str, doc: &'static str) -> Field {
    Field { name, ts, optional: false, doc }
}

const fn optional(name: &'static str, ts: &'static str, doc: &'static str) -> Field {
    Field { name, ts, optional: true, doc }
}

/// `pay`'s argument (the request payload over postMessage).
pub const PAY_ORDER: Shape = Shape {
    name: "PayOrder",
    doc: "A payment the host is asked to take (`pay`'s argument).",
    fields: &[
        field(
            "order",
            "string",
            "The platform's order number; settle it with POST /api/v1/orders/{order}/settle.",
        ),
        field("amountFen", "number", "Amount in fen."),
        field("amount", "string", "Yuan with two decimals, e.g. \"200.00\"."),
        field("title", "string", "What is paid for, in the panel's locale (e.g. \"Water bill\")."),
        field("payee", "string", "Who is paid (department or collector)."),
        field("service", "string", "The service id."),
    ],
};

/// `identity`'s answer.
pub const HOST_IDENTITY: Shape = Shape {
    name: "HostIdentity",
    doc: "Who is signed in to the host, as far as they agreed to share (`identity`'s answer).",
    fields: &[
        optional(
            "token",
            "string",
            "A host-signed token (v1.<payload>.<signature>), sent to the platform as a Bearer token.",
        ),
        optional(
            "attributes",
            "{ name?: string; id_number?: string; mobile?: string; plates?: string | string[]; [k: string]: string | string[] | undefined }",
            "Only what the user consented to share. `plates` may be a list.",
        ),
    ],
};

/// A notice: the `notify` event's payload, and `handle.notify`'s argument.
pub const HOST_NOTICE: Shape = Shape {
    name: "HostNotice",
    doc: "A change the host learnt of (its push service), for the panel following `key`.",
    fields: &[
        field("topic", "NoticeTopic", "The topic a `subscribe(topic, key, city)` followed."),
        field(
            "key",
            "string",
            "The plate, account, booking or application number (1–128 characters).",
        ),
        optional(
            "message",
            "string",
            "What the panel announces (at most 200 characters); a built-in text when absent.",
        ),
    ],
};

/// The `hello` event's payload.
pub const HELLO: Shape = Shape {
    name: "BridgeHello",
    doc: "The `hello` event's payload: what the host offers.",
    fields: &[field("capabilities", "HostCapability[]", "The declared capabilities.")],
};
