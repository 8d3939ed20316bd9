//! The sandbox's integration tests, in one test binary (one link instead of one per file):
//! each module was its own `tests/*.rs` binary; `common` and `departments_support` are their
//! shared helpers. Every test starts its own server (in process on a free port, or the real
//! binary), so the modules run side by side.

mod common;
mod departments_support;

mod binary;
mod bookings;
mod canned;
mod clock;
mod compression;
mod concurrency;
mod department;
mod departments_catalog;
mod departments_fixtures;
mod departments_flows;
mod departments_holds;
mod departments_idempotency;
mod departments_person;
mod departments_world;
mod durability;
mod faults_file;
mod http;
mod hub_city;
mod identity;
mod identity_log;
mod logs;
mod me;
mod me_digest;
mod orders;
mod pay;
mod pay_proof;
mod pay_qr;
mod platform;
mod security_default;
mod security_http;
mod security_ids;
mod security_tokens;
mod startup;
mod static_serving;
mod subscriptions;
