//! Built-in strings of the result widgets, in zh-CN and en (anything not Chinese is English).
//! Descriptor and department text never comes from here.

use crate::i18n::is_zh as zh;
/// Keys of the widget strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum W {
    /// Visible text of a reveal toggle.
    Show,
    /// Fallback table caption.
    Results,
    /// Header of a table's per-row actions column.
    Actions,
    /// Summary of a single-value result.
    Found,
    BillAmount,
    PayBy,
    Payee,
    Status,
    Charges,
    ConfirmationCode,
    StepDone,
    StepCurrent,
    StepPending,
    RoadMap,
    RoadList,
    Stale,
    PauseRefresh,
}

/// The string for `w` in `locale`.
pub fn wt(locale: &str, w: W) -> &'static str {
    use W::*;
    match (w, zh(locale)) {
        (Show, true) => "显示",
        (Show, false) => "Show",
        (Results, true) => "查询结果",
        (Results, false) => "Results",
        (Actions, true) => "操作",
        (Actions, false) => "Actions",
        (Found, true) => "已查询到以下信息",
        (Found, false) => "Here is what was found",
        (BillAmount, true) => "账单金额",
        (BillAmount, false) => "Bill amount",
        (PayBy, true) => "缴费截止日期",
        (PayBy, false) => "Pay by",
        (Payee, true) => "收款单位",
        (Payee, false) => "Payee",
        (Status, true) => "状态",
        (Status, false) => "Status",
        (Charges, true) => "费用明细",
        (Charges, false) => "Charges",
        (ConfirmationCode, true) => "确认号",
        (ConfirmationCode, false) => "Confirmation number",
        (StepDone, true) => "已完成",
        (StepDone, false) => "Done",
        (StepCurrent, true) => "进行中",
        (StepCurrent, false) => "In progress",
        (StepPending, true) => "未开始",
        (StepPending, false) => "Not started",
        (RoadMap, true) => "路况示意图",
        (RoadMap, false) => "Road conditions map",
        (RoadList, true) => "各路段路况",
        (RoadList, false) => "Conditions by road",
        (Stale, true) => "未能刷新，以下为上次查询的结果。",
        (Stale, false) => "Could not refresh; these are the previous results.",
        (PauseRefresh, true) => "暂停自动刷新",
        (PauseRefresh, false) => "Pause auto-refresh",
    }
}

/// The accessible name of a reveal toggle: "显示姓名" / "Show Name".
pub fn show_label(locale: &str, label: &str) -> String {
    if zh(locale) {
        format!("{}{label}", wt(locale, W::Show))
    } else {
        format!("{} {label}", wt(locale, W::Show))
    }
}

/// "共 5 个环节，当前：制证" / "5 stages, now: Document produced"; `None` current → all done
/// or not started.
pub fn timeline_summary(locale: &str, n: usize, current: Option<&str>, all_done: bool) -> String {
    match (zh(locale), current) {
        (true, Some(stage)) => format!("共 {n} 个环节，当前：{stage}"),
        (false, Some(stage)) => format!("{n} {}, now: {stage}", plural(n, "stage", "stages")),
        (true, None) if all_done => format!("共 {n} 个环节，已全部完成"),
        (false, None) if all_done => format!("{n} {}, all done", plural(n, "stage", "stages")),
        (true, None) => format!("共 {n} 个环节"),
        (false, None) => format!("{n} {}", plural(n, "stage", "stages")),
    }
}

/// "共 15 条道路：拥堵 6 条、缓行 5 条" / "15 roads: Congested 6, Slow 5".
pub fn roads_summary(locale: &str, n: usize, levels: &[(String, usize)]) -> String {
    if zh(locale) {
        let parts: Vec<String> = levels.iter().map(|(l, c)| format!("{l} {c} 条")).collect();
        format!("共 {n} 条道路：{}", parts.join("、"))
    } else {
        let parts: Vec<String> = levels.iter().map(|(l, c)| format!("{l} {c}")).collect();
        format!("{n} {}: {}", plural(n, "road", "roads"), parts.join(", "))
    }
}

/// "每 60 秒自动刷新" / "Refreshes every 60 seconds".
pub fn refresh_every(locale: &str, seconds: u32) -> String {
    if zh(locale) {
        format!("每 {seconds} 秒自动刷新")
    } else {
        format!("Refreshes every {seconds} {}", plural(seconds as usize, "second", "seconds"))
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}
