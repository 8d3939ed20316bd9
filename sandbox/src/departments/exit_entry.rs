//! Exit-entry application progress (出入境证件办理进度): `POST /dept/<city>-exit-entry/
//! progress` with `{"slbh","sfzh"}`. Applications are in the national system, so every city's
//! bureau answers for every application. Codes: `00` success, `01` unknown acceptance number,
//! `02` the ID number is not the applicant's, `03` malformed request, `99` busy.

use citypanel_descriptor::rules::validate_id_number;
use serde_json::{json, Value};

use super::cities::listed;
use super::dialect::Dialect;
use super::people::APPLICATIONS;
use super::route::{Answer, Call, Route};
use super::util::mask_name;

/// The department id suffix, e.g. `hz-exit-entry`.
pub const SUFFIX: &str = "exit-entry";

/// The envelope `{"code","msg","data"}`.
pub static DIALECT: Dialect = Dialect {
    code: "code",
    msg: "msg",
    data: "data",
    numeric: false,
    busy: ("99", "系统繁忙"),
    missing: ("01", "受理编号不存在"),
    invalid: &[
        ("app_no", "01", "受理编号不存在"),
        ("id_number", "02", "证件号码与受理编号不符"),
        ("*", "03", "请求参数错误"),
    ],
};

/// One stage: code (`SL` accepted … `YJ` mailed / `LQ` collected), time, state, note.
pub type Stage = (&'static str, Option<&'static str>, &'static str, &'static str);

/// The business and stages of every application, by acceptance number.
#[rustfmt::skip]
pub static PROGRESS: &[(&str, &str, &[Stage])] = &[
    ("330100202504200123", "普通护照首次申领", &[
        ("SL", Some("2025-04-20T10:12:00+08:00"), "done", "杭州市公安局出入境管理局西湖受理点已受理"),
        ("SH", Some("2025-04-21T15:30:00+08:00"), "done", "资料审核通过"),
        ("SP", Some("2025-04-23T09:05:00+08:00"), "done", "审批通过"),
        ("ZZ", Some("2025-04-24T16:40:00+08:00"), "current", "证件制作中"),
        ("YJ", None, "pending", "制证完成后通过EMS寄往申请时填写的地址"),
    ]),
    ("330100202503110457", "往来港澳通行证换发及团队旅游签注", &[
        ("SL", Some("2025-03-11T14:02:00+08:00"), "done", "杭州市民之家出入境窗口已受理"),
        ("SH", Some("2025-03-11T16:45:00+08:00"), "done", "资料审核通过"),
        ("SP", Some("2025-03-12T10:20:00+08:00"), "done", "审批通过"),
        ("ZZ", Some("2025-03-14T11:00:00+08:00"), "done", "证件已制作完成"),
        ("LQ", Some("2025-03-18T09:41:00+08:00"), "done", "申请人已在受理点自助取证机领取"),
    ]),
    ("420100202504150088", "普通护照换发", &[
        ("SL", Some("2025-04-15T09:26:00+08:00"), "done", "武汉市公安局出入境管理局洪山受理点已受理"),
        ("SH", Some("2025-04-16T11:02:00+08:00"), "done", "资料审核通过"),
        ("SP", Some("2025-04-18T14:35:00+08:00"), "done", "审批通过"),
        ("ZZ", Some("2025-04-21T17:10:00+08:00"), "done", "证件已制作完成"),
        ("YJ", Some("2025-04-22T10:05:00+08:00"), "current", "证件已交EMS寄递，正在派送"),
    ]),
    ("440300202504080031", "往来台湾通行证首次申领", &[
        ("SL", Some("2025-04-08T15:48:00+08:00"), "done", "深圳市公安局出入境管理局福田受理点已受理"),
        ("SH", Some("2025-04-09T10:30:00+08:00"), "done", "资料审核通过"),
        ("SP", Some("2025-04-11T09:00:00+08:00"), "current", "审批中"),
        ("ZZ", None, "pending", "审批通过后制作证件"),
        ("LQ", None, "pending", "制证完成后到受理点领取"),
    ]),
];

/// Answers the progress of an application.
pub fn progress(call: &Call<'_>) -> Answer {
    let slbh = call.field("/slbh");
    if !(12..=24).contains(&slbh.len()) || !slbh.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Answer::ok(call.dialect.invalid("app_no"));
    }
    let Ok(id) = validate_id_number(&call.field("/sfzh")) else {
        return Answer::ok(call.dialect.invalid("id_number"));
    };
    let found = APPLICATIONS.iter().find(|a| a.number == slbh);
    let Some((app, (_, business, stages))) =
        found.and_then(|a| PROGRESS.iter().find(|p| p.0 == slbh).map(|p| (a, p)))
    else {
        return Answer::ok(call.dialect.missing());
    };
    if app.applicant.id_number != id {
        return Answer::ok(call.dialect.error("02", "证件号码与受理编号不符"));
    }
    let jd: Vec<Value> = stages
        .iter()
        .map(|(hj, sj, zt, bz)| json!({ "hj": hj, "sj": sj, "zt": zt, "bz": bz }))
        .collect();
    let data =
        json!({ "slbh": slbh, "ywlx": business, "sqr": mask_name(app.applicant.name), "jd": jd });
    Answer::ok(call.dialect.ok("00", "查询成功", data))
}

/// Every exit-entry route.
pub fn routes() -> Vec<Route> {
    listed("hz bj sh gz sz nb nc qd ty fs wh")
        .map(|city| {
            Route::dept(city, SUFFIX, "progress", "exit-entry-progress")
                .answers(&DIALECT, "default", progress)
        })
        .collect()
}
