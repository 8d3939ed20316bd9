//! Gzip sizes of the built wasm and JS in `dist/`.

use crate::root;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;

/// One built file's raw and gzip sizes.
pub struct Sized {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    if enc.write_all(bytes).is_err() {
        return 0;
    }
    enc.finish().map(|v| v.len()).unwrap_or(0)
}

/// Measures every `.wasm` and `.js` in `dist/`.
pub fn measure() -> Result<Vec<Sized>, String> {
    let dist = root().join("dist");
    let entries = std::fs::read_dir(&dist).map_err(|e| format!("cannot read `{}` (build first with `cargo xtask demo` or `test`): {e}", dist.display()))?;
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "wasm" || ext == "js" {
            let bytes = std::fs::read(&path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            out.push(Sized { name, raw: bytes.len(), gzip: gzip_len(&bytes) });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Prints the sizes and the wasm + JS gzip total; returns the total.
pub fn print() -> Result<usize, String> {
    let files = measure()?;
    let kb = |n: usize| n as f64 / 1024.0;
    for f in &files {
        println!("size: {:<40} {:>8.1} KiB raw {:>8.1} KiB gzip", f.name, kb(f.raw), kb(f.gzip));
    }
    let total: usize = files.iter().map(|f| f.gzip).sum();
    println!("size: wasm + js total {:.1} KiB gzip", kb(total));
    Ok(total)
}
