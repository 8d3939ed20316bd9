//! Simulated department backends of the eleven demo cities, each answering in its own legacy
//! request/response shape, as pinned by `tests/fixtures/responses/`.
//!
//! Every route answers through [`crate::faults::Faults::apply`] first (the `error` mode in the
//! department's own "system busy" shape), then checks the request with the service's
//! descriptor ([`check`]) and hands it to its family's handler ([`serve`]). Families:
//!
//! - [`traffic`]: violations (default, Beijing, Shanghai shapes), fines, reminders;
//! - [`road`]: road conditions; [`vehicle_admin`]: licence points, inspection booking;
//! - [`bills`]: water, electricity (State Grid, Southern Grid), gas, the Taiyuan collector;
//! - [`health`]: registration and lab reports; [`social`]: contributions;
//! - [`civil`]: marriage booking; [`exit_entry`]: application progress; [`library`].
//!
//! Shared lists, status polling and cancelling are on `/hub/...` ([`lifecycle`]); what a
//! sandbox's citizens file is kept in its [`desk`]; the demo citizens whose records agree
//! across all departments are in [`people`]; their person queries (My City) in [`person`].
//!
//! The platform calls departments, never the other way round: paying departments answer
//! "what is due" and are told "it is settled" through [`payments`], and keep what they were
//! told in their own [`books`]. No module here reads the platform's stores (a test checks it).

pub mod bills;
pub mod books;
pub mod check;
pub mod cities;
pub mod civil;
pub mod desk;
pub mod dialect;
pub mod exit_entry;
pub mod health;
pub mod idempotency;
pub mod library;
pub mod lifecycle;
pub mod payments;
pub mod people;
pub mod person;
pub mod road;
pub mod route;
pub mod samples;
pub mod serve;
pub mod social;
pub mod traffic;
pub mod util;
pub mod vehicle_admin;

use axum::{Extension, Router};

use crate::AppState;
pub use payments::Paying;
pub use route::{Answer, Call, Route};

/// Every paying department's services (the platform's [`payments`] interface finds them
/// here): a new paying department adds its `PAYING` list on one line.
pub const PAYING: &[&[Paying]] = &[bills::paying::PAYING, traffic::paying::PAYING];

/// The ids of every simulated department (the names used by `/admin/faults`): the city prefix
/// and the department, as in their paths.
#[rustfmt::skip]
pub const DEPARTMENTS: &[&str] = &[
    "hz-traffic-police", "hz-vehicle-admin", "hz-health", "hz-water", "hz-power", "hz-gas",
    "hz-social-security", "hz-civil-affairs", "hz-exit-entry", "hz-library",
    "bj-traffic-police", "bj-vehicle-admin", "bj-health", "bj-water", "bj-power", "bj-gas",
    "bj-social-security", "bj-civil-affairs", "bj-exit-entry", "bj-library",
    "sh-traffic-police", "sh-vehicle-admin", "sh-health", "sh-water", "sh-power", "sh-gas",
    "sh-social-security", "sh-civil-affairs", "sh-exit-entry", "sh-library",
    "gz-traffic-police", "gz-vehicle-admin", "gz-health", "gz-water", "gz-power",
    "gz-social-security", "gz-civil-affairs", "gz-exit-entry", "gz-library",
    "sz-traffic-police", "sz-vehicle-admin", "sz-health", "sz-water", "sz-power", "sz-gas",
    "sz-social-security", "sz-civil-affairs", "sz-exit-entry", "sz-library",
    "nb-traffic-police", "nb-vehicle-admin", "nb-health", "nb-water", "nb-power", "nb-gas",
    "nb-social-security", "nb-civil-affairs", "nb-exit-entry", "nb-library",
    "nc-traffic-police", "nc-health", "nc-water", "nc-power", "nc-gas", "nc-social-security",
    "nc-exit-entry",
    "qd-traffic-police", "qd-vehicle-admin", "qd-health", "qd-power", "qd-gas",
    "qd-social-security", "qd-civil-affairs", "qd-exit-entry", "qd-library",
    "ty-traffic-police", "ty-vehicle-admin", "ty-collector", "ty-social-security",
    "ty-exit-entry",
    "fs-traffic-police", "fs-vehicle-admin", "fs-health", "fs-water", "fs-power",
    "fs-exit-entry", "fs-library",
    "wh-traffic-police", "wh-vehicle-admin", "wh-health", "wh-water", "wh-power", "wh-gas",
    "wh-social-security", "wh-civil-affairs", "wh-exit-entry", "wh-library",
];

/// Every department route, `/dept/...` and `/hub/...`.
pub fn routes() -> Vec<Route> {
    let mut all = traffic::routes();
    all.extend(vehicle_admin::routes());
    all.extend(bills::routes());
    all.extend(health::routes());
    all.extend(social::routes());
    all.extend(civil::routes());
    all.extend(exit_entry::routes());
    all.extend(library::routes());
    all.extend(road::routes());
    all.extend(person::routes());
    all.shrink_to_fit();
    all
}

/// The `/dept/...` and `/hub/...` routes of every simulated department, with a fresh
/// department memory.
pub fn router() -> Router<AppState> {
    let mut router = Router::new();
    for route in routes() {
        let path = route.path.clone();
        router = router.route(&path, route.method_router());
    }
    router.layer(Extension(desk::Desk::default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_belongs_to_a_listed_department() {
        let mut paths = std::collections::BTreeSet::new();
        for route in routes() {
            assert!(paths.insert(route.path.clone()), "duplicate {}", route.path);
            if let route::Place::City(code) = route.place {
                let city = cities::by_code(code).map(|c| route.department(c));
                assert!(city.is_some_and(|d| DEPARTMENTS.contains(&d.as_str())), "{}", route.path);
            }
        }
        for id in DEPARTMENTS {
            assert!(routes().iter().any(|r| r.path.contains(&format!("/{id}/"))), "{id}");
        }
    }

    /// The platform calls the departments; no department module names a platform store.
    #[test]
    fn departments_never_reach_into_the_platform() {
        fn sources(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
            let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir:?}: {e}"));
            for path in entries.flatten().map(|e| e.path()) {
                if path.is_dir() {
                    sources(&path, found);
                } else if path.extension().is_some_and(|x| x == "rs") {
                    found.push(path);
                }
            }
        }
        let mut files = Vec::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/departments");
        sources(&dir, &mut files);
        assert!(files.len() > 40, "{}", files.len());
        let platform = ["orders", "pay", "bookings", "me", "subscriptions", "api"];
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
            for (at, _) in text.match_indices("crate::") {
                let tail = &text[at + "crate::".len()..];
                // `crate::x::…` or `crate::{x, y::…}`: the first segment of each path.
                let names: Vec<&str> = match tail.strip_prefix('{') {
                    Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
                    None => vec![tail],
                };
                for name in names {
                    let first = name.trim().split(|c: char| !c.is_alphanumeric() && c != '_');
                    let first = first.into_iter().next().unwrap_or("");
                    assert!(!platform.contains(&first), "{file:?} names `crate::{first}`");
                }
            }
        }
    }
}
