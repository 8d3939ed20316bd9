//! Finding the line and column of a diagnostic in the source text: of its JSON pointer, by
//! walking the text, or of a JSON syntax error, from its message. Used by the lint command and
//! the author preview to point at the offending value.
//!
//! The walk is lenient and bounded: on anything unexpected it gives up (`None`) instead of
//! guessing, and it never recurses, so deep nesting cannot overflow the stack.

/// Where a diagnostic points in `src`: its pointer's value (or member key), else the
/// `at line N column M` a JSON syntax error ends with; 1-based line and column (characters).
pub fn position(src: &str, pointer: &str, message: &str) -> Option<(usize, usize)> {
    locate(src, pointer).or_else(|| serde_position(message))
}

/// The `at line N[,] column M` that JSON syntax errors end with.
pub fn serde_position(message: &str) -> Option<(usize, usize)> {
    let (_, tail) = message.rsplit_once(" at line ")?;
    let mut numbers = tail.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
    Some((numbers.next()?.parse().ok()?, numbers.next()?.parse().ok()?))
}

/// 1-based line and column (in characters) of the value `pointer` names in `src`; for an
/// object member, the position of its key. `None` for `""` or when the pointer is not found.
pub fn locate(src: &str, pointer: &str) -> Option<(usize, usize)> {
    let tokens: Vec<String> = pointer.strip_prefix('/')?.split('/').map(unescape).collect();
    let b = src.as_bytes();
    let mut at = skip_ws(b, 0);
    let mut anchor = at;
    for token in &tokens {
        (anchor, at) = match b.get(at)? {
            b'{' => member(b, at, token)?,
            b'[' => element(b, at, token.parse().ok()?)?,
            _ => return None,
        };
    }
    let before = src.get(..anchor)?;
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// The index just past the string starting at `i` (which must be `"`).
fn skip_string(b: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        match b.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The index just past the value starting at `i`.
fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            let (mut depth, mut i) = (0usize, i);
            loop {
                match b.get(i)? {
                    b'"' => {
                        i = skip_string(b, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let end = (i..).find(|&j| {
                b.get(j).is_none_or(|c| matches!(c, b',' | b'}' | b']') || c.is_ascii_whitespace())
            })?;
            (end > i).then_some(end)
        }
    }
}

/// In the object at `i`, the (key position, value position) of member `key`.
fn member(b: &[u8], i: usize, key: &str) -> Option<(usize, usize)> {
    let mut i = skip_ws(b, i + 1);
    while b.get(i)? == &b'"' {
        let end = skip_string(b, i)?;
        let name: String = serde_json::from_slice(b.get(i..end)?).ok()?;
        let colon = skip_ws(b, end);
        (b.get(colon)? == &b':').then_some(())?;
        let value = skip_ws(b, colon + 1);
        if name == key {
            return Some((i, value));
        }
        i = skip_ws(b, skip_value(b, value)?);
        if b.get(i)? == &b',' {
            i = skip_ws(b, i + 1);
        }
    }
    None
}

/// In the array at `i`, the position of element `n` (twice: anchor and value).
fn element(b: &[u8], i: usize, n: usize) -> Option<(usize, usize)> {
    let mut i = skip_ws(b, i + 1);
    for _ in 0..n {
        if matches!(b.get(i)?, b']') {
            return None;
        }
        i = skip_ws(b, skip_value(b, i)?);
        (b.get(i)? == &b',').then_some(())?;
        i = skip_ws(b, i + 1);
    }
    (!matches!(b.get(i)?, b']')).then_some((i, i))
}

#[cfg(test)]
mod tests {
    use super::{locate, position, serde_position};

    #[test]
    fn reads_positions_of_json_errors() {
        assert_eq!(serde_position("not valid JSON: `EOF` at line 2, column 7"), Some((2, 7)));
        assert_eq!(
            serde_position("not valid JSON: EOF while parsing at line 3 column 1"),
            Some((3, 1))
        );
        assert_eq!(serde_position("not valid JSON"), None);
        assert_eq!(
            position("{\n  \"a\": 1\n}", "/a", "irrelevant"),
            Some((2, 3)),
            "the pointer first"
        );
        assert_eq!(
            position("{", "", "EOF while parsing an object at line 1 column 1"),
            Some((1, 1))
        );
    }

    const SRC: &str = "{\n  \"a\": {\"b/c\": [1, {\"d\": \"x\\\"}\"},\n    [2, 3]]},\n  \"e~\": \"中文\", \"f\": null\n}";

    #[test]
    fn finds_members_elements_and_escaped_keys() {
        assert_eq!(locate(SRC, "/a"), Some((2, 3)));
        assert_eq!(locate(SRC, "/a/b~1c"), Some((2, 9)));
        assert_eq!(locate(SRC, "/a/b~1c/1"), Some((2, 20)));
        assert_eq!(locate(SRC, "/a/b~1c/1/d"), Some((2, 21)));
        assert_eq!(locate(SRC, "/a/b~1c/2/1"), Some((3, 9)));
        assert_eq!(locate(SRC, "/e~0"), Some((4, 3)));
        assert_eq!(locate(SRC, "/f"), Some((4, 15)));
    }

    #[test]
    fn gives_up_quietly() {
        for p in ["", "/zz", "/a/b~1c/3", "/a/b~1c/x", "/f/g", "/a/b~1c/0/0"] {
            assert_eq!(locate(SRC, p), None, "{p}");
        }
        assert_eq!(locate("{\"a\": [1, 2", "/a/5"), None);
        assert_eq!(locate("{\"a\"", "/a"), None);
        assert_eq!(locate("[[[[", "/0/0/0/0/0"), None);
    }
}
