//! The `mount` config, checked as plain data (the `bridge` functions are handled apart).
//! Errors are precise sentences naming the key and the value.

use crate::theme::{parse_theme, Theme};
use serde_json::Value;

/// A checked mount config.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedConfig {
    /// City code (GB/T 2260).
    pub city: String,
    /// `zh-CN` or `en`.
    pub locale: String,
    /// A service to open directly; `None` shows the city's catalog.
    pub service: Option<String>,
    /// Start on the citizen's "My City" (`view: "mine"`) instead of the catalog.
    pub mine: bool,
    /// Platform base URL; empty for the page's own origin.
    pub platform: String,
    /// The city's display name, if the host knows it.
    pub city_name: Option<String>,
    pub theme: Theme,
    /// A deep link to open (`citypanel:1/…`); its city is the panel's city. An unreadable link
    /// is not an error here: the panel explains it to the citizen.
    pub link: Option<String>,
}

/// Every key the config may have.
pub const CONFIG_KEYS: [&str; 9] =
    ["city", "locale", "service", "view", "platform", "cityName", "theme", "bridge", "link"];

/// Supported locales.
pub const LOCALES: [&str; 2] = ["zh-CN", "en"];

fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// Is `s` a 6-digit city code? (The descriptor crate's one rule.)
pub fn valid_city(s: &str) -> bool {
    citypanel_descriptor::rules::is_city_code(s)
}

/// Is `s` a service id (1–64 of `[a-z0-9-]`)?
pub fn valid_service(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Checks `config` (its JSON form: functions are dropped, so `bridge` is not looked at here).
pub fn parse_config(config: &Value) -> Result<EmbedConfig, String> {
    let obj = config
        .as_object()
        .ok_or_else(|| format!("`config` must be an object, got `{}`", show(config)))?;
    if let Some(unknown) = obj.keys().find(|k| !CONFIG_KEYS.contains(&k.as_str())) {
        return Err(format!(
            "`config` has an unknown key `{unknown}` (known: {})",
            CONFIG_KEYS.join(", ")
        ));
    }
    let text = |key: &str| -> Result<Option<String>, String> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
            Some(Value::Number(n)) if key == "city" => Ok(Some(n.to_string())),
            Some(other) => Err(format!("`config.{key}` must be a string, got `{}`", show(other))),
        }
    };
    let link = text("link")?.filter(|s| !s.is_empty());
    let linked_city =
        link.as_deref().and_then(|l| crate::flow::link::parse_link(l).ok()).map(|l| l.city);
    if link.is_some() && (obj.contains_key("service") || obj.contains_key("view")) {
        return Err("`config.link` names what to open and cannot be combined with `config.service` or `config.view`".to_string());
    }
    // A readable link's city wins; an unreadable one is explained in the `city` given.
    let city = match (linked_city, text("city")?) {
        (Some(c), _) => c,
        (None, Some(c)) => c,
        (None, None) if link.is_some() => {
            return Err(format!(
                "`config.link` `{}` cannot be read and there is no `config.city` to explain it in",
                show(obj.get("link").unwrap_or(&Value::Null))
            ))
        }
        (None, None) => {
            return Err("`config.city` is required: a 6-digit city code such as `330100`".into())
        }
    };
    if !valid_city(&city) {
        return Err(format!(
            "`config.city` must be a 6-digit city code (GB/T 2260) such as `330100`, got `{city}`"
        ));
    }
    let locale = text("locale")?.unwrap_or_else(|| "zh-CN".to_string());
    if !LOCALES.contains(&locale.as_str()) {
        return Err(format!("`config.locale` must be `zh-CN` or `en`, got `{locale}`"));
    }
    let service = text("service")?.filter(|s| !s.is_empty());
    if let Some(s) = &service {
        if !valid_service(s) {
            return Err(format!(
                "`config.service` must be a service id like `traffic-violations`, got `{s}`"
            ));
        }
    }
    let mine = match text("view")?.as_deref() {
        None | Some("") | Some("catalog") => false,
        Some("mine") if service.is_some() => {
            return Err("`config.view` `mine` shows the citizen's own matters and cannot be combined with `config.service`".to_string())
        }
        Some("mine") => true,
        Some(other) => return Err(format!("`config.view` must be `catalog` or `mine`, got `{other}`")),
    };
    let platform = text("platform")?.unwrap_or_default();
    let path_or_url = platform.starts_with("https://")
        || platform.starts_with("http://")
        || platform.starts_with('/');
    if !platform.is_empty() && !path_or_url {
        return Err(format!(
            "`config.platform` must be an http(s) URL or a path, got `{platform}`"
        ));
    }
    let city_name = text("cityName")?.filter(|s| !s.is_empty());
    let theme = parse_theme(obj.get("theme").unwrap_or(&Value::Null))
        .map_err(|e| format!("`config.{}", e.trim_start_matches('`')))?;
    Ok(EmbedConfig {
        city,
        locale,
        service,
        mine,
        platform: platform.trim_end_matches('/').to_string(),
        city_name,
        theme,
        link,
    })
}
