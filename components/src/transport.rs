//! Transport: one department call through the platform, with a timeout. PII stays in bodies.

use citypanel_descriptor::model::Method;
use citypanel_descriptor::BuiltRequest;
use gloo_net::http::RequestBuilder;
use wasm_bindgen::JsValue;

/// What came back from the network.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// The server answered: HTTP status and body text.
    Answer { status: u16, body: String },
    /// No answer: network failure (`timed_out == false`) or the deadline passed.
    NoAnswer { timed_out: bool, detail: String },
}

/// Who is asking: the city (the hub routes by it) and the host-signed identity token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Caller {
    pub city: String,
    pub token: Option<String>,
}

/// The city header (the hub routes by it) and the identity token, if any.
fn as_caller(builder: RequestBuilder, caller: &Caller) -> RequestBuilder {
    let builder = builder.header("x-citypanel-city", &caller.city);
    match &caller.token {
        Some(token) => builder.header("authorization", &format!("Bearer {token}")),
        None => builder,
    }
}

/// Sends `req` to `platform` (base URL, may be empty for same origin) with the descriptor's
/// headers, the idempotency key the flow put among them, the city and the identity token.
pub async fn send(platform: &str, req: &BuiltRequest, caller: &Caller) -> Reply {
    let url = format!("{}{}", platform.trim_end_matches('/'), req.path);
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let timer = controller
        .clone()
        .map(|c| gloo_timers::callback::Timeout::new(req.timeout_ms, move || c.abort()));
    let builder = match req.method {
        Method::Get => RequestBuilder::new(&url).method(gloo_net::http::Method::GET),
        Method::Post => RequestBuilder::new(&url).method(gloo_net::http::Method::POST),
    }
    .header("accept", "application/json")
    .abort_signal(signal.as_ref());
    let builder = req.headers.iter().fold(builder, |b, (k, v)| b.header(k, v));
    let builder = as_caller(builder, caller);
    let request = match &req.body {
        Some(body) => builder
            .header("content-type", "application/json")
            .body(JsValue::from_str(&body.to_string())),
        None => builder.build(),
    };
    let reply = match request {
        Err(e) => Reply::NoAnswer { timed_out: false, detail: e.to_string() },
        Ok(request) => match request.send().await {
            Err(e) => {
                let timed_out = signal.as_ref().is_some_and(|s| s.aborted());
                Reply::NoAnswer { timed_out, detail: e.to_string() }
            }
            Ok(resp) => match resp.text().await {
                Ok(body) => Reply::Answer { status: resp.status(), body },
                Err(e) => Reply::NoAnswer { timed_out: false, detail: e.to_string() },
            },
        },
    };
    drop(timer);
    reply
}

/// DELETEs a platform resource of the caller's (a reminder they stop following).
pub async fn delete(platform: &str, path: &str, caller: &Caller) -> Reply {
    let url = format!("{}{path}", platform.trim_end_matches('/'));
    let builder =
        as_caller(RequestBuilder::new(&url).method(gloo_net::http::Method::DELETE), caller);
    match builder.send().await {
        Err(e) => Reply::NoAnswer { timed_out: false, detail: e.to_string() },
        Ok(resp) => {
            Reply::Answer { status: resp.status(), body: resp.text().await.unwrap_or_default() }
        }
    }
}

/// PUTs a JSON body to a platform resource of the caller's (their consent).
pub async fn put_json(
    platform: &str,
    path: &str,
    body: &serde_json::Value,
    caller: &Caller,
) -> Reply {
    let url = format!("{}{path}", platform.trim_end_matches('/'));
    let builder = as_caller(RequestBuilder::new(&url).method(gloo_net::http::Method::PUT), caller)
        .header("accept", "application/json")
        .header("content-type", "application/json");
    match builder.body(JsValue::from_str(&body.to_string())) {
        Err(e) => Reply::NoAnswer { timed_out: false, detail: e.to_string() },
        Ok(request) => match request.send().await {
            Err(e) => Reply::NoAnswer { timed_out: false, detail: e.to_string() },
            Ok(resp) => {
                Reply::Answer { status: resp.status(), body: resp.text().await.unwrap_or_default() }
            }
        },
    }
}

/// GETs a platform document (catalog, descriptor) as text.
pub async fn get_text(url: &str) -> Result<(u16, String), String> {
    let resp = RequestBuilder::new(url)
        .header("accept", "application/json")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = resp.status();
    let body = resp.text().await.map_err(|e| e.to_string())?;
    Ok((status, body))
}
