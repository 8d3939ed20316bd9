//! Shared helpers: start the sandbox in-process on a free port and talk to it over HTTP.
#![allow(dead_code)]

pub mod bookings;

use std::path::{Path, PathBuf};

use citypanel_sandbox::{serve, Config, Running};
use serde_json::Value;

/// The repository's published catalog.
pub fn catalog_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("catalog")
}

/// Port 0 on 127.0.0.1, the repository catalog, an in-memory database, under
/// `--dev-allow-anonymous`: most modules test orders, payments, bookings, subscriptions and
/// departments, not identity, and name their users in bodies (`"user": "u-1"`) as a host
/// would under the development flag. Identity and the secure default are tested on
/// [`secure_config`] (`identity.rs`, `security_*.rs`, `me.rs`, `pay_proof.rs`).
pub fn config() -> Config {
    Config { dev_allow_anonymous: true, ..secure_config() }
}

/// The secure default (tokens required on personal routes): port 0, the repository catalog,
/// in memory.
pub fn secure_config() -> Config {
    Config { catalog: catalog_dir(), ..Config::ephemeral() }
}

/// A fresh scratch directory under the test target dir.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("citypanel-sandbox").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A sandbox running in this process, with a client.
pub struct Sandbox {
    pub running: Running,
    pub client: reqwest::Client,
}

impl Sandbox {
    /// Starts a sandbox on 127.0.0.1, port 0, over the repository catalog, in memory.
    pub async fn start() -> Sandbox {
        Sandbox::start_with(config()).await
    }

    /// Starts a sandbox with this configuration.
    pub async fn start_with(config: Config) -> Sandbox {
        let running = serve(config).await.expect("sandbox starts");
        Sandbox { running, client: reqwest::Client::new() }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.running.url())
    }

    /// A request with an optional Bearer token, optional `Idempotency-Key` and optional JSON
    /// body: the status and the body as JSON (`null` when it is not). Asserts that the token is
    /// never echoed.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        key: Option<&str>,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        if let Some(token) = token {
            assert!(!text.contains(token), "the token was echoed: {text}");
        }
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// A wallet token for `sub` (host `wallet`), minted by `/admin/tokens`.
    pub async fn token(&self, host: &str, sub: &str) -> String {
        let (status, minted) =
            self.post_json("/admin/tokens", &serde_json::json!({ "host": host, "sub": sub })).await;
        assert_eq!(status, 200, "{minted}");
        minted["token"].as_str().expect("token").to_string()
    }

    /// POSTs a payment notification `body` signed at `t` with `key` (`None`: unsigned) to
    /// `/platform/pay/notify`.
    pub async fn notify_raw(&self, key: Option<&[u8]>, t: i64, body: &Value) -> (u16, Value) {
        let bytes = body.to_string().into_bytes();
        let mut request = self
            .client
            .post(self.url("/platform/pay/notify"))
            .header("content-type", "application/json");
        if let Some(key) = key {
            let signature =
                citypanel_sandbox::pay::notify::signature(key, t, &bytes).expect("signature");
            request = request.header("citypanel-signature", signature);
        }
        let response = request.body(bytes).send().await.expect("notify");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// Proof of payment from the payment side: the order (read with `token`, if any) is
    /// reported `outcome` by a fresh notification signed now with the dev pay key of its
    /// user's host (`wallet` for a user without one). The answer of `/platform/pay/notify`.
    pub async fn prove(&self, order: &str, outcome: &str, token: Option<&str>) -> (u16, Value) {
        let path = format!("/api/v1/orders/{order}");
        let (status, read) = self.send(reqwest::Method::GET, &path, token, None, None).await;
        assert_eq!(status, 200, "{read}");
        let user = read["order"]["user"].as_str().expect("user");
        let host = user.split_once(':').map_or("wallet", |(host, _)| host);
        let body = serde_json::json!({
            "id": citypanel_sandbox::ids::new_id("ntf"),
            "host": host,
            "order": order,
            "outcome": outcome,
            "amount_fen": read["order"]["amount_fen"],
        });
        self.notify_raw(Some(&pay_key(host)), now_s(), &body).await
    }

    /// GET `path`, returning the status and the body parsed as JSON.
    pub async fn get_json(&self, path: &str) -> (u16, Value) {
        let response = self.client.get(self.url(path)).send().await.expect("get");
        let status = response.status().as_u16();
        (status, response.json().await.expect("json body"))
    }

    /// POST a JSON body to `path`, returning the status and the body parsed as JSON.
    pub async fn post_json(&self, path: &str, body: &Value) -> (u16, Value) {
        let response = self.client.post(self.url(path)).json(body).send().await.expect("post");
        let status = response.status().as_u16();
        (status, response.json().await.expect("json body"))
    }

    /// POST raw bytes to `path`, returning the status and the body text.
    pub async fn post_raw(&self, path: &str, body: Vec<u8>) -> (u16, String) {
        let response = self
            .client
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("post");
        let status = response.status().as_u16();
        (status, response.text().await.expect("text body"))
    }

    /// POST a JSON body with an `Idempotency-Key`, returning the status and the JSON body.
    pub async fn post_keyed(&self, path: &str, key: &str, body: &Value) -> (u16, Value) {
        let response = self
            .client
            .post(self.url(path))
            .header("idempotency-key", key)
            .json(body)
            .send()
            .await
            .expect("post");
        let status = response.status().as_u16();
        (status, response.json().await.expect("json body"))
    }

    /// Asks the Hangzhou traffic police for the violations of a plate.
    pub async fn wfcx(&self, hphm: &str, fdjh: &str) -> (u16, Value) {
        let body = serde_json::json!({ "hphm": hphm, "fdjh": fdjh });
        self.post_json("/dept/hz-traffic-police/wfcx", &body).await
    }
}

/// A weekday-independent date `days` ahead of today (China Standard Time), `yyyy-MM-dd`.
pub fn date_ahead(days: i64) -> String {
    use citypanel_sandbox::time::{beijing_today, date_of_days};
    date_of_days(beijing_today().days() + days).to_string()
}

/// Asserts the platform error shape `{"error":{"code","message"}}` with this code.
pub fn assert_error(body: &Value, code: &str) {
    assert_eq!(body["error"]["code"], code, "{body}");
    let message = body["error"]["message"].as_str().expect("message is a string");
    assert!(!message.is_empty());
    assert_eq!(body.as_object().map(|o| o.len()), Some(1), "{body}");
}

/// Token claims for `sub` (the host is filled in by `sign`).
pub fn claims(sub: &str, iat: i64, exp: i64) -> citypanel_sandbox::identity::Claims {
    citypanel_sandbox::identity::Claims {
        host: String::new(),
        sub: sub.into(),
        iat,
        exp,
        attrs: None,
    }
}

/// The sandbox's dev pay key of `host`.
pub fn pay_key(host: &str) -> Vec<u8> {
    let keys = citypanel_sandbox::pay::notify::dev_pay_keys();
    keys.get(host).expect("a dev pay key").to_vec()
}

/// The platform's clock in Unix seconds (the tests share its process).
pub fn now_s() -> i64 {
    citypanel_sandbox::time::now_ms().div_euclid(1000)
}

/// The eight services answering person queries in Hangzhou, in catalog order.
pub const HZ_SERVICES: [&str; 8] = [
    "driving-licence-points",
    "electricity-bill",
    "exit-entry-progress",
    "gas-bill",
    "library-loans",
    "traffic-violations",
    "vehicle-inspection-booking",
    "water-bill",
];
