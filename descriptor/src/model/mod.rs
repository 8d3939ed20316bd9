//! The validated descriptor model: what the UI renders. Built only by [`crate::parse`].

mod digest;
mod input;
mod io;
mod lifecycle;
mod result;

pub use crate::availability::{Availability, CapabilityState, Hours, Maintenance};
pub use crate::vocab::*;
pub use digest::*;
pub use input::*;
pub use io::*;
pub use lifecycle::*;
pub use result::*;

use crate::text::Text;

/// A validated service descriptor.
#[derive(Debug, Clone, PartialEq)]
pub struct Descriptor {
    /// Format version as declared, e.g. `(1, 0)`.
    pub format: (u32, u32),
    pub id: String,
    pub kind: ServiceKind,
    pub category: Category,
    pub title: Text,
    /// Empty when absent.
    pub summary: Text,
    /// Extra search words per locale; empty when absent.
    pub keywords: Text,
    pub cities: Vec<CityBinding>,
    pub inputs: Vec<Input>,
    /// The top-level request (a city may override it, see [`Descriptor::request_for`]).
    pub request: RequestSpec,
    /// The top-level response mapping (a city may override it).
    pub response: ResponseSpec,
    pub result: ResultSpec,
    /// Present (and required) for `transaction`, `booking` and `payment` services.
    pub lifecycle: Option<Lifecycle>,
    pub availability: Option<Availability>,
    /// Format 1.1: how the department answers for a person (see [`DigestSpec`]). Read by
    /// the full validator only (feature `validate`): the browser never asks for a person.
    #[cfg(feature = "validate")]
    pub digest: Option<DigestSpec>,
}

/// One city this service is offered in, with its department, endpoint and overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct CityBinding {
    pub code: String,
    pub name: Text,
    pub department: Text,
    /// Empty when absent.
    pub hotline: String,
    /// Department endpoint, a path relative to the platform base URL.
    pub endpoint: String,
    /// Replaces the top-level request in this city.
    pub request: Option<RequestSpec>,
    /// Replaces the top-level response mapping in this city.
    pub response: Option<ResponseSpec>,
    /// Format 1.1: the department's person endpoint; `None`: no person queries here
    /// (feature `validate`, as [`Descriptor::digest`]).
    #[cfg(feature = "validate")]
    pub person_endpoint: Option<String>,
    /// Format 1.1: replaces `digest.request` in this city.
    #[cfg(feature = "validate")]
    pub person_request: Option<RequestSpec>,
    /// Format 1.1: replaces `digest.response` in this city.
    #[cfg(feature = "validate")]
    pub person_response: Option<ResponseSpec>,
}

impl Descriptor {
    /// The binding for a city code (GB/T 2260), if this service serves that city.
    pub fn city(&self, code: &str) -> Option<&CityBinding> {
        self.cities.iter().find(|c| c.code == code)
    }

    /// The input with this id.
    pub fn input(&self, id: &str) -> Option<&Input> {
        self.inputs.iter().find(|i| i.id == id)
    }

    /// The request used in `city` (its override, else the top-level one).
    pub fn request_for(&self, city: &str) -> Option<&RequestSpec> {
        self.city(city).map(|c| c.request.as_ref().unwrap_or(&self.request))
    }

    /// The response mapping used in `city` (its override, else the top-level one).
    pub fn response_for(&self, city: &str) -> Option<&ResponseSpec> {
        self.city(city).map(|c| c.response.as_ref().unwrap_or(&self.response))
    }

    /// The city-resolved descriptor the platform serves: only `city`, with its overrides
    /// applied to the top-level `request` and `response` (and removed from the binding), and
    /// its person overrides to `digest` (which is `None` where the city has no person endpoint).
    /// `None` if the service is not offered there.
    pub fn resolve(&self, city: &str) -> Option<Descriptor> {
        let mut binding = self.city(city)?.clone();
        let mut d = self.clone();
        if let Some(r) = binding.request.take() {
            d.request = r;
        }
        if let Some(r) = binding.response.take() {
            d.response = r;
        }
        #[cfg(feature = "validate")]
        {
            d.digest = self.digest_for(city);
            binding.person_request = None;
            binding.person_response = None;
        }
        d.cities = vec![binding];
        Some(d)
    }

    /// The digest spec for `city`, resolved: its `person_request`/`person_response`
    /// overrides applied and `endpoint` set to its `person_endpoint`. `None` when the service
    /// has no `digest`, or is not offered in `city`, or the city has no `person_endpoint`.
    #[cfg(feature = "validate")]
    pub fn digest_for(&self, city: &str) -> Option<DigestSpec> {
        let binding = self.city(city)?;
        let mut spec = self.digest.clone()?;
        spec.endpoint = Some(binding.person_endpoint.clone()?);
        if let Some(r) = &binding.person_request {
            spec.request = r.clone();
        }
        if let Some(r) = &binding.person_response {
            spec.response = r.clone();
        }
        Some(spec)
    }

    /// The cities that answer person queries (a `digest` and a `person_endpoint`).
    #[cfg(feature = "validate")]
    pub fn person_cities(&self) -> Vec<&str> {
        if self.digest.is_none() {
            return Vec::new();
        }
        self.cities
            .iter()
            .filter(|c| c.person_endpoint.is_some())
            .map(|c| c.code.as_str())
            .collect()
    }

    /// The capability this service's main submission uses (query, submit or payment).
    pub fn capability(&self) -> Capability {
        self.kind.capability()
    }

    /// Whether `capability` can be used at `epoch_ms` (Beijing hours, maintenance windows).
    /// Without `availability` everything is always open.
    pub fn capability_state(&self, capability: Capability, epoch_ms: i64) -> CapabilityState {
        match &self.availability {
            Some(a) => a.state(capability, epoch_ms),
            None => CapabilityState::Open,
        }
    }

    /// When the state of `capability` can next change after `epoch_ms` (see
    /// [`Availability::next_change`](crate::availability::Availability::next_change)).
    pub fn next_availability_change(&self, capability: Capability, epoch_ms: i64) -> Option<i64> {
        self.availability.as_ref()?.next_change(capability, epoch_ms)
    }

    /// Whether submitting is safe to repeat without an idempotency key (`query` services).
    pub fn is_idempotent(&self) -> bool {
        self.kind == ServiceKind::Query
    }
}

impl ServiceKind {
    /// The capability a service of this kind mainly uses (query, submit or payment); it is what
    /// availability windows pause.
    pub fn capability(self) -> Capability {
        match self {
            ServiceKind::Query => Capability::Query,
            ServiceKind::Transaction | ServiceKind::Booking => Capability::Submit,
            ServiceKind::Payment => Capability::Payment,
        }
    }
}
