//! The platform's answers compressed for clients that accept it: gzip or Brotli by
//! `Accept-Encoding`, with `Vary: accept-encoding`; never bodies under [`MIN_BYTES`], images,
//! event streams, ranges or anything already encoded (the built web app's precompressed
//! `.br`/`.gz` files are served as they are, see [`super::fallback`]).

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;

/// The smallest body worth compressing, in bytes: below it the gzip framing and the CPU
/// outweigh the saving (an error, a `304`, a small department answer).
pub const MIN_BYTES: u16 = 1024;

/// Gzip and Brotli for bodies of at least [`MIN_BYTES`] that are not images or event streams.
pub fn layer() -> CompressionLayer<impl Predicate> {
    let when = SizeAbove::new(MIN_BYTES)
        .and(NotForContentType::IMAGES)
        .and(NotForContentType::SSE)
        .and(NotForContentType::GRPC);
    CompressionLayer::new().gzip(true).br(true).compress_when(when)
}

/// A compressed answer's entity tag becomes weak (`W/"…"`): the bytes differ from the
/// uncompressed representation's, the content does not. `If-None-Match` with either form still
/// gets `304` ([`crate::published`] compares them weakly).
pub async fn weak_etag_when_encoded(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if headers.contains_key(header::CONTENT_ENCODING) {
        let weak = headers
            .get(header::ETAG)
            .filter(|tag| !tag.as_bytes().starts_with(b"W/"))
            .and_then(|tag| tag.to_str().ok())
            .and_then(|tag| HeaderValue::from_str(&format!("W/{tag}")).ok());
        if let Some(weak) = weak {
            headers.insert(header::ETAG, weak);
        }
    }
    response
}
