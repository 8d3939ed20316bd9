//! Driving-licence points (驾驶证记分查询): `POST /dept/<city>-vehicle-admin/licence-points`
//! with `{"sfzmhm","dabh"}`. Licences are on the national register, so every city's vehicle
//! administration answers for every licence: `E4002` unknown licence, `E4001` file number
//! that does not match.

use citypanel_descriptor::rules::validate_id_number;
use serde_json::json;

use crate::departments::people::LICENCES;
use crate::departments::route::{Answer, Call};
use crate::departments::util::{mask_id, mask_name};

/// Answers the licence status and points of the current scoring cycle.
pub fn points(call: &Call<'_>) -> Answer {
    let Ok(id) = validate_id_number(&call.field("/sfzmhm")) else {
        return Answer::ok(call.dialect.invalid("licence"));
    };
    let dabh = call.field("/dabh");
    if dabh.len() != 12 || !dabh.bytes().all(|b| b.is_ascii_digit()) {
        return Answer::ok(call.dialect.invalid("dabh"));
    }
    let Some(l) = LICENCES.iter().find(|l| l.holder.id_number == id) else {
        return Answer::ok(call.dialect.error("E4002", "驾驶证信息不存在"));
    };
    if l.file_no != dabh {
        return Answer::ok(call.dialect.error("E4001", "档案编号不匹配"));
    }
    let [cycle_start, cycle_end, first, from, to] = l.dates;
    let data = json!({
        "xm": mask_name(l.holder.name), "sfzmhm": mask_id(&id), "zjcx": l.class, "zt": l.status,
        "ljjf": l.points, "jfqsrq": cycle_start, "qfrq": cycle_end, "cclzrq": first,
        "yxqs": from, "yxqz": to, "fzjgmc": l.issuer,
    });
    Answer::ok(call.dialect.ok("0000", "成功", data))
}
