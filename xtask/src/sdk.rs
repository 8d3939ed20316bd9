//! The content-addressed SDK: `dist/sdk/<hash>/` holds the loader (`citypanel.js`, its
//! `.d.ts`), the SDK's module and wasm and its styles, all beside each other, under a name that
//! changes whenever one byte of them does — so a host (and the sandbox) can cache them for a
//! year, `immutable`. `dist/sdk/current.json` names the current folder. The stable paths
//! (`/embed/citypanel.js`, `/sdk/citypanel-app.js`, …) stay, served with revalidation.

use std::path::Path;

/// Length of the folder name: hex digits of a 64-bit FNV-1a hash of every file's bytes.
pub const HASH_LEN: usize = 16;

/// The loader's paths, rewritten for a folder where everything sits side by side:
/// `(what embed/citypanel.js says, what the copy says)`.
const REWRITES: [(&str, &str); 3] = [
    ("from '../sdk/citypanel-app.js'", "from './citypanel-app.js'"),
    ("new URL('..', import.meta.url)", "new URL('.', import.meta.url)"),
    ("new URL('sdk/citypanel-app_bg.wasm', BASE)", "new URL('citypanel-app_bg.wasm', BASE)"),
];

fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3))
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))
}

/// Writes `dist/sdk/<hash>/` and `dist/sdk/current.json` from a built `dist/` (with `embed/`,
/// `sdk/` and the styles); returns the folder's URL path, `/sdk/<hash>/`.
pub fn publish(dist: &Path) -> Result<String, String> {
    let embed = dist.join("embed");
    let loader = String::from_utf8(read(&embed.join("citypanel.js"))?)
        .map_err(|_| "`embed/citypanel.js` is not UTF-8".to_string())?;
    let mut rewritten = loader.clone();
    for (from, to) in REWRITES {
        if !rewritten.contains(from) {
            return Err(format!(
                "`embed/citypanel.js` no longer says `{from}`; update xtask/src/sdk.rs"
            ));
        }
        rewritten = rewritten.replace(from, to);
    }
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("citypanel.js".into(), rewritten.into_bytes()),
        ("citypanel.d.ts".into(), read(&embed.join("citypanel.d.ts"))?),
    ];
    let sdk = dist.join("sdk");
    let split = crate::split::extra_files(&sdk)?;
    for name in ["citypanel-app.js", "citypanel-app_bg.wasm"]
        .into_iter()
        .chain(split.iter().map(String::as_str))
    {
        files.push((name.into(), read(&sdk.join(name))?));
    }
    for name in ["tokens.css", "panel.css", "form.css", "results.css", "widgets.css"] {
        files.push((name.into(), read(&dist.join(name))?));
    }
    let hash = files
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, (name, bytes)| fnv1a(fnv1a(h, name.as_bytes()), bytes));
    let folder = format!("{hash:0width$x}", width = HASH_LEN);
    let out = dist.join("sdk").join(&folder);
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create `{}`: {e}", out.display()))?;
    for (name, bytes) in &files {
        std::fs::write(out.join(name), bytes)
            .map_err(|e| format!("cannot write `{}`: {e}", out.join(name).display()))?;
    }
    let base = format!("/sdk/{folder}/");
    let current = format!(
        "{{\n  \"base\": \"{base}\",\n  \"module\": \"{base}citypanel.js\",\n  \"app\": \"{base}citypanel-app.js\",\n  \"wasm\": \"{base}citypanel-app_bg.wasm\"\n}}\n"
    );
    let path = dist.join("sdk").join("current.json");
    std::fs::write(&path, current)
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    Ok(base)
}
