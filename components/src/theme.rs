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
pub const THEME_KEYS: [&str; 12] =
    ["primary", "primaryText", "primarySoft", "text", "textMuted", "surface", "surfaceMuted", "radius", "fontFamily", "fontScale", "dark", "elder"];

/// `#rgb`, `#rrggbb` or `#rrggbbaa`.
pub fn valid_colour(s: &str) -> bool {
    s.strip_prefix('#').is_some_and(|h| matches!(h.len(), 3 | 6 | 8) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `x` exactly as `format!("{x}")` prints a finite float, but through serde_json's float printer
/// (already in the bundle for JSON) rather than core's `Display for f64`, which costs ~14 KiB
/// of wasm. Both print the shortest digits that read back as `x`; only the layout differs
/// (serde_json may use an exponent and always shows a fraction), which this rewrites.
pub fn plain_f64(x: f64) -> String {
    let printed = serde_json::Number::from_f64(x).map(|n| n.to_string()).unwrap_or_default();
    let (neg, rest) = match printed.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, printed.as_str()),
    };
    let (mantissa, exp) = match rest.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<isize>().unwrap_or(0)),
        None => (rest, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits = String::with_capacity(int.len() + frac.len());
    digits.push_str(int);
    digits.push_str(frac);
    // `point`: how many of `digits` stand before the decimal point (may be < 0 or > len).
    let mut point = int.len() as isize + exp;
    let trimmed = digits.trim_start_matches('0');
    point -= (digits.len() - trimmed.len()) as isize;
    let digits = trimmed.trim_end_matches('0');
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    let len = digits.len() as isize;
    if digits.is_empty() {
        out.push('0');
    } else if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs()));
        out.push_str(digits);
    } else if point >= len {
        out.push_str(digits);
        out.extend(std::iter::repeat_n('0', (point - len) as usize));
    } else {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    }
    out
}

fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 { format!("{}…", s.chars().take(60).collect::<String>()) } else { s }
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
                let px = value.as_f64().or_else(|| value.as_str().and_then(|s| s.strip_suffix("px")).and_then(|n| n.trim().parse().ok()));
                let px = px.filter(|p| (0.0..=32.0).contains(p)).ok_or_else(|| {
                    format!("`theme.radius` must be 0–32 (pixels), got `{}`", show(value))
                })?;
                theme.vars.push(("--cp-radius", plain_f64(px) + "px"));
                theme.vars.push(("--cp-radius-small", plain_f64((px * 2.0 / 3.0).round()) + "px"));
            }
            "fontFamily" => {
                let f = value
                    .as_str()
                    .filter(|f| !f.trim().is_empty() && f.len() <= 200 && !f.contains([';', '{', '}', '(', ')', '\\', '<']))
                    .ok_or_else(|| format!("`theme.fontFamily` must be a CSS font list, got `{}`", show(value)))?;
                theme.vars.push(("--cp-font-family", f.trim().to_string()));
            }
            "fontScale" => {
                let s = value.as_f64().filter(|s| (0.75..=2.0).contains(s)).ok_or_else(|| {
                    format!("`theme.fontScale` must be a number from 0.75 to 2, got `{}`", show(value))
                })?;
                theme.vars.push(("--cp-font-scale", plain_f64(s)));
            }
            "dark" | "elder" => {
                let b = value.as_bool().ok_or_else(|| format!("`theme.{key}` must be true or false, got `{}`", show(value)))?;
                if key == "dark" { theme.dark = b } else { theme.elder = b }
            }
            other => {
                return Err(format!("`theme` has an unknown key `{other}` (known: {})", THEME_KEYS.join(", ")));
            }
        }
    }
    Ok(theme)
}
