//! What every department shares: a [`Route`] names its path, department, city (fixed, or read
//! from the request on `/hub/...`), descriptor, [`Dialect`] and handler; a handler gets a
//! [`Call`] and gives an [`Answer`]. [`super::serve`] puts them on axum.

use std::collections::BTreeMap;

use citypanel_descriptor::Date;
use serde_json::{json, Value};

use super::books::Books;
use super::cities::City;
use super::desk::Desk;
use super::dialect::Dialect;
use super::util;

pub use crate::extract::CITY_HEADER;

/// What a handler gets: the request, the department's city and memory, today's date.
pub struct Call<'a> {
    /// The JSON body (`null` for `GET`).
    pub body: &'a Value,
    /// The query string.
    pub query: &'a BTreeMap<String, String>,
    /// The department's city.
    pub city: &'static City,
    /// The sandbox's department memory.
    pub desk: &'a Desk,
    /// Today in Beijing.
    pub today: Date,
    /// The department's error envelope.
    pub dialect: &'static Dialect,
    /// The city's payments as the department's books hold them (empty for services that are
    /// not paying).
    pub books: &'a Books,
    /// How long a booking hold lasts (`--hold-seconds`), in ms.
    pub hold_ms: i64,
}

impl Call<'_> {
    /// A body field as text (`""` when absent), by JSON pointer.
    pub fn field(&self, pointer: &str) -> String {
        util::field(self.body, pointer).into_owned()
    }
}

/// A department's answer: HTTP status and JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The JSON body.
    pub body: Value,
}

impl Answer {
    /// HTTP 200 with this body.
    pub fn ok(body: Value) -> Answer {
        Answer { status: 200, body }
    }

    /// HTTP 202 `{"reference", "state": "processing"}`: still being handled.
    pub fn processing(reference: &str) -> Answer {
        Answer { status: 202, body: json!({ "reference": reference, "state": "processing" }) }
    }
}

/// A handler: pure apart from the desk.
pub type Handler = fn(&Call<'_>) -> Answer;

/// How a hub route finds its city: from the body and the [`CITY_HEADER`].
pub type Resolve = fn(&Value, Option<&str>) -> Option<&'static City>;

/// Which city a route answers for.
#[derive(Clone, Copy)]
pub enum Place {
    /// Always this city code.
    City(&'static str),
    /// Read from the body (and the [`CITY_HEADER`]); `None` when nothing names a known city.
    Hub(Resolve),
}

/// One department endpoint.
#[derive(Clone)]
pub struct Route {
    /// `true` for `GET` (query string), `false` for `POST` (JSON body).
    pub get: bool,
    /// The path, `/dept/...` or `/hub/...`.
    pub path: String,
    /// The department id without its city prefix, e.g. `traffic-police`.
    pub suffix: &'static str,
    /// The city.
    pub place: Place,
    /// The catalog service whose request this is (checked with the descriptor), if any.
    pub service: Option<&'static str>,
    /// A person query of `service` (format 1.1 `person_endpoint`): the handler checks its own
    /// body (not the service's inputs); the service's books still apply.
    pub person: bool,
    /// The answer shape, e.g. `default`, `shanghai`, `options-slots`.
    pub shape: &'static str,
    /// The error envelope.
    pub dialect: &'static Dialect,
    /// The handler.
    pub handler: Handler,
}

impl Route {
    /// A `POST /dept/<prefix>-<suffix>/<op>` route of one city.
    pub fn dept(
        city: &'static City,
        suffix: &'static str,
        op: &str,
        service: &'static str,
    ) -> Route {
        Route {
            get: false,
            path: format!("/dept/{}-{suffix}/{op}", city.prefix),
            suffix,
            place: Place::City(city.code),
            service: Some(service),
            person: false,
            shape: "default",
            dialect: &super::dialect::PLAIN,
            handler: |call| Answer::ok(call.dialect.busy()),
        }
    }

    /// A `POST /dept/<prefix>-<suffix>/person/<op>` route: the person query of `service`.
    pub fn person(
        city: &'static City,
        suffix: &'static str,
        op: &str,
        service: &'static str,
    ) -> Route {
        let mut r = Route::dept(city, suffix, &format!("person/{op}"), service);
        r.person = true;
        r
    }

    /// A `POST /hub/...` route, its city read from the request.
    pub fn hub(path: &str, suffix: &'static str, shape: &'static str, resolve: Resolve) -> Route {
        Route {
            get: false,
            path: path.to_string(),
            suffix,
            place: Place::Hub(resolve),
            service: None,
            person: false,
            shape,
            dialect: &super::dialect::PLAIN,
            handler: |call| Answer::ok(call.dialect.busy()),
        }
    }

    /// With this dialect, shape and handler.
    pub fn answers(
        mut self,
        dialect: &'static Dialect,
        shape: &'static str,
        handler: Handler,
    ) -> Route {
        self.dialect = dialect;
        self.shape = shape;
        self.handler = handler;
        self
    }

    /// The department id for a city, e.g. `hz-traffic-police`.
    pub fn department(&self, city: &City) -> String {
        format!("{}-{}", city.prefix, self.suffix)
    }
}
