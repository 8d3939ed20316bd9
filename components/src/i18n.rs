//! Built-in interface text in zh-CN and en. Descriptor text comes from the descriptor.

/// Keys of the built-in strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Search,
    Searching,
    NewSearch,
    Retry,
    Required,
    SummaryTitle,
    Unreachable,
    TimedOut,
    Malformed,
    DepartmentError,
    NotServed,
    Unavailable,
    UnavailableDetail,
    Loading,
    Hotline,
    Department,
    Partial,
    Truncated,
}

/// Whether `locale` is Chinese (`zh`, `zh-CN`, `zh-Hant`, …); every other locale reads English.
pub fn is_zh(locale: &str) -> bool {
    locale.starts_with("zh")
}

/// The label separator: a full-width colon in Chinese, `": "` otherwise.
pub fn colon(locale: &str) -> &'static str {
    if is_zh(locale) {
        "："
    } else {
        ": "
    }
}

/// The string for `msg` in `locale` (anything not Chinese falls back to English).
pub fn t(locale: &str, msg: Msg) -> &'static str {
    let zh = is_zh(locale);
    use Msg::*;
    match (msg, zh) {
        (Search, true) => "查询",
        (Search, false) => "Search",
        (Searching, true) => "正在查询…",
        (Searching, false) => "Searching…",
        (NewSearch, true) => "重新查询",
        (NewSearch, false) => "New search",
        (Retry, true) => "重试",
        (Retry, false) => "Try again",
        (Required, true) => "必填",
        (Required, false) => "required",
        (SummaryTitle, true) => "请更正以下问题：",
        (SummaryTitle, false) => "Please correct the following:",
        (Unreachable, true) => "暂时无法连接城市服务平台，请检查网络后重试。",
        (Unreachable, false) => "The city service platform cannot be reached right now. Check your connection and try again.",
        (TimedOut, true) => "部门系统响应超时，请稍后重试。",
        (TimedOut, false) => "The department took too long to answer. Please try again shortly.",
        (Malformed, true) => "部门系统返回了无法识别的结果，请稍后重试。",
        (Malformed, false) => "The department sent an answer we could not read. Please try again shortly.",
        (DepartmentError, true) => "部门系统暂时无法办理此业务",
        (DepartmentError, false) => "The department cannot handle this request right now",
        (NotServed, true) => "本市暂未开通此服务。",
        (NotServed, false) => "This service is not offered in this city.",
        (Unavailable, true) => "服务暂不可用",
        (Unavailable, false) => "Service unavailable",
        (UnavailableDetail, true) => "此服务暂时无法使用，请稍后再试，或拨打服务热线。",
        (UnavailableDetail, false) => "This service cannot be used right now. Try again later or call the hotline.",
        (Loading, true) => "加载中…",
        (Loading, false) => "Loading…",
        (Hotline, true) => "服务热线",
        (Hotline, false) => "Hotline",
        (Department, true) => "办理部门",
        (Department, false) => "Department",
        (Partial, true) => "部分信息暂时无法显示。",
        (Partial, false) => "Some details could not be shown.",
        (Truncated, true) => "仅显示前500条记录。",
        (Truncated, false) => "Only the first 500 records are shown.",
    }
}

/// "N records found" in `locale`.
pub fn count(locale: &str, n: usize) -> String {
    if is_zh(locale) {
        format!("共查询到 {n} 条记录")
    } else if n == 1 {
        "1 record found".to_string()
    } else {
        format!("{n} records found")
    }
}
