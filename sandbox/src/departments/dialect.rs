//! A department's error envelope: where it puts its code and message, which codes it uses for
//! "system busy", "no such record" and malformed parameters.
//!
//! Departments answer errors with HTTP 200 and a code in the body, as their legacy systems do.

use serde_json::{json, Map, Value};

/// How one department (or one answer shape) writes its errors.
#[derive(Debug)]
pub struct Dialect {
    /// Key of the status code, e.g. `code`, `rtnCode`, `fhm`.
    pub code: &'static str,
    /// Key of the message.
    pub msg: &'static str,
    /// Key of the payload, `null` in errors.
    pub data: &'static str,
    /// Whether codes are JSON numbers (`0`, `4001`) rather than strings.
    pub numeric: bool,
    /// The "system busy" code and message (the `error` fault mode answers with it).
    pub busy: (&'static str, &'static str),
    /// The "no such record" code and message (unknown references on the hub).
    pub missing: (&'static str, &'static str),
    /// Malformed or missing inputs: `(input id, code, message)`; the entry `"*"` covers every
    /// other input and constant.
    pub invalid: &'static [(&'static str, &'static str, &'static str)],
}

/// The envelope of the platform's fault module (`{"code","msg","data"}`, busy `E5000`): the
/// placeholder of a route before its department's own dialect is set.
pub static PLAIN: Dialect = Dialect {
    code: "code",
    msg: "msg",
    data: "data",
    numeric: false,
    busy: ("E5000", "系统繁忙"),
    missing: ("E4040", "记录不存在"),
    invalid: &[("*", "E4000", "参数错误")],
};

impl Dialect {
    /// The code as the department writes it.
    pub fn code_value(&self, code: &str) -> Value {
        match code.parse::<i64>() {
            Ok(n) if self.numeric => json!(n),
            _ => json!(code),
        }
    }

    /// An error answer `{code, msg, data: null}` in this dialect.
    pub fn error(&self, code: &str, msg: &str) -> Value {
        let mut body = Map::new();
        body.insert(self.code.into(), self.code_value(code));
        body.insert(self.msg.into(), json!(msg));
        body.insert(self.data.into(), Value::Null);
        Value::Object(body)
    }

    /// A success answer with this code, message and payload.
    pub fn ok(&self, code: &str, msg: &str, data: Value) -> Value {
        let mut body = Map::new();
        body.insert(self.code.into(), self.code_value(code));
        body.insert(self.msg.into(), json!(msg));
        body.insert(self.data.into(), data);
        Value::Object(body)
    }

    /// The "system busy" answer.
    pub fn busy(&self) -> Value {
        self.error(self.busy.0, self.busy.1)
    }

    /// The "no such record" answer.
    pub fn missing(&self) -> Value {
        self.error(self.missing.0, self.missing.1)
    }

    /// The answer to a malformed or missing input (`""` for a wrong constant).
    pub fn invalid(&self, input: &str) -> Value {
        let entry = self
            .invalid
            .iter()
            .find(|(id, ..)| *id == input)
            .or_else(|| self.invalid.iter().find(|(id, ..)| *id == "*"));
        match entry {
            Some((_, code, msg)) => self.error(code, msg),
            None => self.busy(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static D: Dialect = Dialect {
        code: "errcode",
        msg: "errmsg",
        data: "result",
        numeric: true,
        busy: ("50001", "system busy"),
        missing: ("40001", "account not found"),
        invalid: &[("account", "40001", "account not found"), ("*", "40000", "bad request")],
    };

    #[test]
    fn envelopes() {
        assert_eq!(D.busy(), json!({"errcode": 50001, "errmsg": "system busy", "result": null}));
        assert_eq!(D.invalid("account")["errcode"], 40001);
        assert_eq!(D.invalid("")["errcode"], 40000);
        assert_eq!(D.ok("0", "ok", json!({"a": 1}))["result"]["a"], 1);
    }
}
