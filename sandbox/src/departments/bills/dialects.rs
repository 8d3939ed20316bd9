//! The error envelopes of the utilities and the collector, and their codes for malformed input
//! (`account`: the account is unknown; anything else: the request itself).

use crate::departments::dialect::Dialect;

/// Water companies: `{"code","message","data"}`, numeric codes.
pub static WATER: Dialect = Dialect {
    code: "code",
    msg: "message",
    data: "data",
    numeric: true,
    busy: ("5000", "system busy"),
    missing: ("1001", "account not found"),
    invalid: &[("account", "1001", "account not found"), ("*", "1000", "invalid parameter")],
};

/// State Grid: `{"rtnCode","rtnMsg","data"}`.
pub static POWER: Dialect = Dialect {
    code: "rtnCode",
    msg: "rtnMsg",
    data: "data",
    numeric: false,
    busy: ("9999", "系统繁忙"),
    missing: ("2001", "用户不存在"),
    invalid: &[("account", "2001", "用户不存在"), ("*", "2000", "参数错误")],
};

/// Gas companies: `{"resultCode","resultMsg","data"}`, word codes.
pub static GAS: Dialect = Dialect {
    code: "resultCode",
    msg: "resultMsg",
    data: "data",
    numeric: false,
    busy: ("SYSTEM_BUSY", "系统繁忙"),
    missing: ("USER_NOT_FOUND", "用户不存在"),
    invalid: &[("account", "USER_NOT_FOUND", "用户不存在"), ("*", "PARAM_ERROR", "参数错误")],
};

/// China Southern Power Grid: `{"errcode","errmsg","result"}`, numeric codes.
pub static SOUTHERN: Dialect = Dialect {
    code: "errcode",
    msg: "errmsg",
    data: "result",
    numeric: true,
    busy: ("50001", "system busy"),
    missing: ("40001", "account not found"),
    invalid: &[("account", "40001", "account not found"), ("*", "40000", "invalid request")],
};

/// The Taiyuan collector's legacy protocol: `{"fhm","fhxx","jg"}`.
pub static COLLECTOR: Dialect = Dialect {
    code: "fhm",
    msg: "fhxx",
    data: "jg",
    numeric: false,
    busy: ("96", "通讯超时"),
    missing: ("11", "用户号不存在"),
    invalid: &[("account", "11", "用户号不存在"), ("*", "01", "报文格式错误")],
};
