//! Host themes: a host's theme object → CSS custom properties on the panel root, plus the
//! dark and large-text ("elder") token sets (`data-cp-theme="dark"`, `data-cp-mode="elder"`,
//! defined in `styles/tokens.css`). Pure data, tested natively.
//!
//! ```json
//! { "primary": "#07c160", "primaryText": "#ffffff", "radius": 8, "fontFamily": "system-ui",
//!   "fontScale": 1.1, "dark": false, "elder": false }
//! ```

use serde_json::Value;

/// A validated host theme.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Theme {
    /// `(custom property, value)` pairs to set on the panel root.
    pub vars: Vec<(&'static str, String)>,
    /// The dark token set.
    pub dark: bool,
    /// The large-text token set.
    pub elder: bool,
}

/// Colour keys of a theme and the tokens they set.
const COLOURS: [(&str, &[&str]); 7] = [
    ("primary", &["--cp-color-primary", "--cp-color-focus"]),
    ("primaryText", &["--cp-color-primary-text"]),
    ("primarySoft", &["--cp-color-primary-soft"]),
    ("text", &["--cp-color-text"]),
    ("textMuted", &["--cp-color-text-muted"]),
    ("surface", &["--cp-color-surface"]),
    ("surfaceMuted", &["--cp-color-surface-muted"]),
];

/// Every key a theme may have.
pub const THEME_KEYS: [&str; 12] = [
    "primary",
    "primaryText",
    "primarySoft",
    "text",
    "textMuted",
    "surface",
    "surfaceMuted",
    "radius",
    "fontFamily",
    "fontScale",
    "dark",
    "elder",
];

/// `#rgb`, `#rrggbb` or `#rrggbbaa`.
pub fn valid_colour(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|h| matches!(h.len(), 3 | 6 | 8) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A JSON number in text (`"12"`, `"12.5"`), read by the JSON reader the bundle has anyway:
/// `str::parse::<f64>` would add core's own float parser and its tables (≈14 KiB gzip).
fn json_number(s: &str) -> Option<f64> {
    serde_json::from_str::<Value>(s).ok()?.as_f64()
}

/// A theme number as CSS text: rounded to three decimals, without trailing zeros (`12`, `1.2`,
/// `0.75`, `10.667`). Theme numbers are small (radii 0–32 px, font scales 0.75–2); integer
/// arithmetic keeps core's float printing (≈7 KiB gzip) out of the bundle.
pub fn css_number(x: f64) -> String {
    // `as` saturates; theme numbers are far inside i64.
    let milli = (x * 1000.0).round() as i64;
    let (sign, m) =
        if milli < 0 { ("-", milli.unsigned_abs()) } else { ("", milli.unsigned_abs()) };
    let (int, frac) = (m / 1000, m % 1000);
    if frac == 0 {
        format!("{sign}{int}")
    } else {
        let digits = format!("{frac:03}");
        format!("{sign}{int}.{}", digits.trim_end_matches('0'))
    }
}

fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// Checks a host's theme object; errors name the key and the value.
pub fn parse_theme(v: &Value) -> Result<Theme, String> {
    let obj = match v {
        Value::Null => return Ok(Theme::default()),
        Value::Object(o) => o,
        other => return Err(format!("`theme` must be an object, got `{}`", show(other))),
    };
    let mut theme = Theme::default();
    for (key, value) in obj {
        if let Some((_, props)) = COLOURS.iter().find(|(k, _)| k == key) {
            let colour = value.as_str().filter(|c| valid_colour(c)).ok_or_else(|| {
                format!("`theme.{key}` must be a hex colour like `#1560d4`, got `{}`", show(value))
            })?;
            theme.vars.extend(props.iter().map(|p| (*p, colour.to_ascii_lowercase())));
            continue;
        }
        match key.as_str() {
            "radius" => {
                let px = value.as_f64().or_else(|| {
                    value
                        .as_str()
                        .and_then(|s| s.strip_suffix("px"))
                        .and_then(|n| json_number(n.trim()))
                });
                let px = px.filter(|p| (0.0..=32.0).contains(p)).ok_or_else(|| {
                    format!("`theme.radius` must be 0–32 (pixels), got `{}`", show(value))
                })?;
                theme.vars.push(("--cp-radius", css_number(px) + "px"));
                theme.vars.push(("--cp-radius-small", css_number((px * 2.0 / 3.0).round()) + "px"));
            }
            "fontFamily" => {
                let f = value
                    .as_str()
                    .filter(|f| {
                        !f.trim().is_empty()
                            && f.len() <= 200
                            && !f.contains([';', '{', '}', '(', ')', '\\', '<'])
                    })
                    .ok_or_else(|| {
                        format!("`theme.fontFamily` must be a CSS font list, got `{}`", show(value))
                    })?;
                theme.vars.push(("--cp-font-family", f.trim().to_string()));
            }
            "fontScale" => {
                let s = value.as_f64().filter(|s| (0.75..=2.0).contains(s)).ok_or_else(|| {
                    format!(
                        "`theme.fontScale` must be a number from 0.75 to 2, got `{}`",
                        show(value)
                    )
                })?;
                theme.vars.push(("--cp-font-scale", css_number(s)));
            }
            "dark" | "elder" => {
                let b = value.as_bool().ok_or_else(|| {
                    format!("`theme.{key}` must be true or false, got `{}`", show(value))
                })?;
                if key == "dark" {
                    theme.dark = b
                } else {
                    theme.elder = b
                }
            }
            other => {
                return Err(format!(
                    "`theme` has an unknown key `{other}` (known: {})",
                    THEME_KEYS.join(", ")
                ));
            }
        }
    }
    Ok(theme)
}
