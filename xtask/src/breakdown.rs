//! What costs the most in a wasm build: the code section's function bodies summed per crate,
//! read from the module's `name` section (Rust's legacy-mangled symbols). A plain reader of the
//! few wasm sections it needs, no dependency.
//!
//! It reads the linker's output (before wasm-bindgen and wasm-opt), so the bytes are larger
//! than the shipped file's; the shares are what it is for.

use std::collections::BTreeMap;

/// A cursor over a wasm module's bytes; every read is checked.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.at).ok_or("the wasm module ends early")?;
        self.at += 1;
        Ok(b)
    }

    fn leb(&mut self) -> Result<u64, String> {
        let (mut value, mut shift) = (0u64, 0u32);
        loop {
            let b = self.byte()?;
            if shift >= 64 {
                return Err("a LEB128 number is too long".into());
            }
            value |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(value);
            }
            shift += 7;
        }
    }

    fn len(&mut self) -> Result<usize, String> {
        usize::try_from(self.leb()?).map_err(|_| "a length does not fit".to_string())
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|e| *e <= self.bytes.len())
            .ok_or("the wasm module ends early")?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn name(&mut self) -> Result<&'a str, String> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| "a name is not UTF-8".to_string())
    }

    fn limits(&mut self) -> Result<(), String> {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 == 1 {
            self.leb()?;
        }
        Ok(())
    }
}

/// The number of imported functions (they come first in the function index space).
fn imported_functions(section: &[u8]) -> Result<u64, String> {
    let mut r = Reader { bytes: section, at: 0 };
    let mut functions = 0;
    for _ in 0..r.leb()? {
        r.name()?;
        r.name()?;
        match r.byte()? {
            0 => {
                r.leb()?;
                functions += 1;
            }
            1 => {
                r.byte()?;
                r.limits()?;
            }
            2 => r.limits()?,
            3 => {
                r.byte()?;
                r.byte()?;
            }
            4 => {
                r.byte()?;
                r.leb()?;
            }
            other => return Err(format!("unknown import kind {other}")),
        }
    }
    Ok(functions)
}

/// The crate a legacy-mangled Rust symbol belongs to: the first path segment, or for an impl
/// (`<alloc::vec::Vec<T> as core::clone::Clone>`) the type's crate, else the trait's.
/// Other symbols (C, wasm-bindgen's glue) are grouped by what they are.
pub fn crate_of(symbol: &str) -> String {
    let Some(path) = symbol.strip_prefix("_ZN") else {
        return if symbol.starts_with("__wbg") || symbol.starts_with("__wbindgen") {
            "wasm-bindgen glue".into()
        } else {
            "other".into()
        };
    };
    let digits = path.bytes().take_while(u8::is_ascii_digit).count();
    let Some(first) =
        path[..digits].parse::<usize>().ok().and_then(|n| path.get(digits..digits + n))
    else {
        return "other".into();
    };
    match first.strip_prefix("_$LT$") {
        None => first.to_string(),
        Some(inner) => {
            let head = |s: &str| {
                s.split("..").next().unwrap_or("").split('$').next().unwrap_or("").to_string()
            };
            let own = head(inner.trim_start_matches("$RF$").trim_start_matches("mut$u20$"));
            let generic = own.is_empty()
                || own.len() == 1
                || !own.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            match (generic, inner.split_once("$u20$as$u20$")) {
                (true, Some((_, tr))) => head(tr),
                _ if own.is_empty() => "other".into(),
                _ => own,
            }
        }
    }
}

/// Function body bytes per crate, largest first, and the code section's total.
pub fn per_crate(wasm: &[u8]) -> Result<(Vec<(String, usize)>, usize), String> {
    if wasm.get(..4) != Some(b"\0asm".as_slice()) {
        return Err("not a wasm module".into());
    }
    let mut r = Reader { bytes: wasm, at: 8 };
    let (mut imported, mut bodies, mut names) = (0u64, Vec::new(), BTreeMap::new());
    while r.at < wasm.len() {
        let id = r.byte()?;
        let size = r.len()?;
        let section = r.take(size)?;
        match id {
            2 => imported = imported_functions(section)?,
            10 => {
                let mut s = Reader { bytes: section, at: 0 };
                for _ in 0..s.leb()? {
                    let n = s.len()?;
                    s.take(n)?;
                    bodies.push(n);
                }
            }
            0 => {
                let mut s = Reader { bytes: section, at: 0 };
                if s.name()? != "name" {
                    continue;
                }
                while s.at < section.len() {
                    let kind = s.byte()?;
                    let n = s.len()?;
                    let sub = s.take(n)?;
                    if kind != 1 {
                        continue;
                    }
                    let mut f = Reader { bytes: sub, at: 0 };
                    for _ in 0..f.leb()? {
                        let index = f.leb()?;
                        names.insert(index, f.name()?);
                    }
                }
            }
            _ => {}
        }
    }
    if names.is_empty() {
        return Err("the wasm module has no function names (built with `strip`?)".into());
    }
    let mut sums: BTreeMap<String, usize> = BTreeMap::new();
    for (i, size) in bodies.iter().enumerate() {
        let symbol = names.get(&(imported + i as u64)).copied().unwrap_or("");
        *sums.entry(crate_of(symbol)).or_default() += size;
    }
    let mut out: Vec<(String, usize)> = sums.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok((out, bodies.iter().sum()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crates_of_symbols() {
        assert_eq!(crate_of("_ZN9citypanel4view6loader17h0123456789abcdefE"), "citypanel");
        assert_eq!(
            crate_of("_ZN20citypanel_descriptor5parse5input5input17h0123456789abcdefE"),
            "citypanel_descriptor"
        );
        assert_eq!(crate_of("_ZN75_$LT$alloc..vec..Vec$LT$T$C$A$GT$$u20$as$u20$core..clone..Clone$GT$5clone17h0123456789abcdefE"), "alloc");
        assert_eq!(crate_of("_ZN58_$LT$T$u20$as$u20$tachys..view..any_view..IntoAny$GT$8into_any17h0123456789abcdefE"), "tachys");
        assert_eq!(
            crate_of("_ZN44_$LT$$RF$T$u20$as$u20$core..fmt..Display$GT$3fmt17h0123456789abcdefE"),
            "core"
        );
        assert_eq!(crate_of("__wbindgen_malloc"), "wasm-bindgen glue");
        assert_eq!(crate_of("memcpy"), "other");
        assert_eq!(crate_of("_ZN99"), "other");
    }

    #[test]
    fn a_hand_made_module_is_summed_per_crate() {
        fn leb(mut n: usize, out: &mut Vec<u8>) {
            loop {
                let b = (n & 0x7f) as u8;
                n >>= 7;
                if n == 0 {
                    out.push(b);
                    return;
                }
                out.push(b | 0x80);
            }
        }
        fn section(id: u8, body: Vec<u8>, out: &mut Vec<u8>) {
            out.push(id);
            leb(body.len(), out);
            out.extend(body);
        }
        fn text(s: &str, out: &mut Vec<u8>) {
            leb(s.len(), out);
            out.extend(s.as_bytes());
        }
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        // One imported function, so the bodies are functions 1 and 2.
        let mut imports = vec![1];
        text("env", &mut imports);
        text("f", &mut imports);
        imports.extend([0, 0]);
        section(2, imports, &mut m);
        let mut code = vec![2];
        for n in [3usize, 200] {
            leb(n, &mut code);
            code.extend(std::iter::repeat_n(0x0b, n));
        }
        section(10, code, &mut m);
        let mut names = Vec::new();
        text("name", &mut names);
        let mut functions = vec![3];
        for (i, s) in [
            (0, "env_f"),
            (1, "_ZN4core3fmt17h0123456789abcdefE"),
            (2, "_ZN9citypanel4view17h0123456789abcdefE"),
        ] {
            leb(i, &mut functions);
            text(s, &mut functions);
        }
        names.push(1);
        leb(functions.len(), &mut names);
        names.extend(functions);
        section(0, names, &mut m);
        let (crates, total) = per_crate(&m).expect("module");
        assert_eq!(crates, [("citypanel".to_string(), 200), ("core".to_string(), 3)]);
        assert_eq!(total, 203);
        assert!(per_crate(b"nope").is_err());
        assert!(per_crate(&m[..m.len() - 3]).is_err(), "a cut module is an error, not a panic");
    }
}
