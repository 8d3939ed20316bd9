//! Lab reports (检验报告查询): `POST /dept/<city>-health/lab-reports` with
//! `{"idCard","reportNo"}`: `4001` unknown report, `4002` not yet released, `4003` the ID
//! number is not the patient's. Report numbers are the sampling time (`yyMMddHHmm`) and a
//! sequence.

use citypanel_descriptor::rules::validate_id_number;
use serde_json::{json, Value};

use crate::departments::people::{Citizen, CHEN, HUANG, LIN, ZHOU};
use crate::departments::route::{Answer, Call};
use crate::departments::util::mask_name;

/// One result: code, name, value, unit, reference range, flag (`N`, `H`, `L`, `HH`, `LL`).
pub type Item =
    (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str);

/// One report.
#[derive(Debug)]
pub struct Report {
    /// The city code of the hospital.
    pub city: &'static str,
    /// The report number.
    pub no: &'static str,
    /// The patient.
    pub patient: &'static Citizen,
    /// The hospital.
    pub hospital: &'static str,
    /// The test.
    pub test: &'static str,
    /// Sampled and reported, ISO 8601 (reported `""`: not released yet).
    pub times: (&'static str, &'static str),
    /// The results.
    pub items: &'static [Item],
}

/// Every report.
#[rustfmt::skip]
pub static REPORTS: &[Report] = &[
    Report { city: "330100", no: "2504250812034", patient: &ZHOU, hospital: "浙江大学医学院附属第一医院", test: "血常规（五分类）+ C反应蛋白",
        times: ("2025-04-25T08:12:00+08:00", "2025-04-25T10:36:00+08:00"), items: &[
        ("WBC", "白细胞计数", "10.82", "10^9/L", "3.5-9.5", "H"), ("NEUT%", "中性粒细胞百分比", "78.6", "%", "40-75", "H"),
        ("LYMPH%", "淋巴细胞百分比", "15.2", "%", "20-50", "L"), ("RBC", "红细胞计数", "4.65", "10^12/L", "4.3-5.8", "N"),
        ("HGB", "血红蛋白", "142", "g/L", "130-175", "N"), ("PLT", "血小板计数", "236", "10^9/L", "125-350", "N"),
        ("CRP", "C反应蛋白", "12.4", "mg/L", "0-10", "H")] },
    Report { city: "330100", no: "2504261530118", patient: &LIN, hospital: "杭州市第一人民医院", test: "急诊生化（电解质）",
        times: ("2025-04-26T15:30:00+08:00", "2025-04-26T16:02:00+08:00"), items: &[
        ("K", "钾", "2.6", "mmol/L", "3.5-5.3", "LL"), ("NA", "钠", "136", "mmol/L", "137-147", "L"),
        ("CL", "氯", "101", "mmol/L", "99-110", "N"), ("GLU", "葡萄糖", "24.8", "mmol/L", "3.9-6.1", "HH")] },
    Report { city: "330100", no: "2504280907215", patient: &CHEN, hospital: "浙江省人民医院", test: "肝功能",
        times: ("2025-04-28T09:07:00+08:00", ""), items: &[] },
    Report { city: "310100", no: "2504180930552", patient: &CHEN, hospital: "复旦大学附属中山医院", test: "肝功能",
        times: ("2025-04-18T09:30:00+08:00", "2025-04-18T11:45:00+08:00"), items: &[
        ("ALT", "丙氨酸氨基转移酶", "52", "U/L", "9-50", "H"), ("AST", "天门冬氨酸氨基转移酶", "31", "U/L", "15-40", "N"),
        ("GGT", "γ-谷氨酰转移酶", "68", "U/L", "10-60", "H"), ("TBIL", "总胆红素", "14.2", "μmol/L", "0-21", "N"),
        ("ALB", "白蛋白", "45.1", "g/L", "40-55", "N")] },
    Report { city: "440100", no: "2503121015307", patient: &HUANG, hospital: "中山大学附属第一医院", test: "血常规（五分类）",
        times: ("2025-03-12T10:15:00+08:00", "2025-03-12T13:02:00+08:00"), items: &[
        ("WBC", "白细胞计数", "6.12", "10^9/L", "3.5-9.5", "N"), ("RBC", "红细胞计数", "4.21", "10^12/L", "3.8-5.1", "N"),
        ("HGB", "血红蛋白", "118", "g/L", "115-150", "N"), ("PLT", "血小板计数", "212", "10^9/L", "125-350", "N")] },
    Report { city: "440300", no: "2504101402266", patient: &HUANG, hospital: "北京大学深圳医院", test: "甲状腺功能五项",
        times: ("2025-04-10T14:02:00+08:00", "2025-04-11T09:20:00+08:00"), items: &[
        ("FT3", "游离三碘甲状腺原氨酸", "4.9", "pmol/L", "3.1-6.8", "N"), ("FT4", "游离甲状腺素", "16.8", "pmol/L", "12-22", "N"),
        ("TSH", "促甲状腺激素", "5.62", "mIU/L", "0.27-4.2", "H"), ("TPOAb", "甲状腺过氧化物酶抗体", "86", "IU/mL", "0-34", "H")] },
    Report { city: "330200", no: "2504030845119", patient: &LIN, hospital: "宁波市第一医院", test: "空腹血糖 + 血脂四项",
        times: ("2025-04-03T08:45:00+08:00", "2025-04-03T11:10:00+08:00"), items: &[
        ("GLU", "空腹血糖", "5.2", "mmol/L", "3.9-6.1", "N"), ("TC", "总胆固醇", "4.6", "mmol/L", "0-5.2", "N"),
        ("TG", "甘油三酯", "1.9", "mmol/L", "0-1.7", "H"), ("HDL-C", "高密度脂蛋白胆固醇", "1.32", "mmol/L", "1.04-2.0", "N"),
        ("LDL-C", "低密度脂蛋白胆固醇", "2.9", "mmol/L", "0-3.4", "N")] },
    Report { city: "440600", no: "2502201120448", patient: &HUANG, hospital: "佛山市第一人民医院", test: "尿常规",
        times: ("2025-02-20T11:20:00+08:00", "2025-02-20T12:05:00+08:00"), items: &[
        ("PRO", "尿蛋白", "阴性", "", "阴性", "N"), ("GLU", "尿糖", "阴性", "", "阴性", "N"),
        ("PH", "酸碱度", "6.0", "", "4.5-8.0", "N"), ("SG", "比重", "1.025", "", "1.003-1.030", "N"),
        ("WBC", "白细胞", "35", "/μL", "0-25", "H")] },
    Report { city: "420100", no: "2504160755321", patient: &ZHOU, hospital: "华中科技大学同济医学院附属同济医院", test: "肾功能",
        times: ("2025-04-16T07:55:00+08:00", "2025-04-16T10:31:00+08:00"), items: &[
        ("CREA", "肌酐", "88", "μmol/L", "57-111", "N"), ("UREA", "尿素", "6.9", "mmol/L", "3.1-8.0", "N"),
        ("UA", "尿酸", "468", "μmol/L", "208-428", "H"), ("CYSC", "胱抑素C", "0.95", "mg/L", "0.59-1.03", "N")] },
];

/// Answers one lab report.
pub fn report(call: &Call<'_>) -> Answer {
    let no = call.field("/reportNo");
    if !(8..=20).contains(&no.len()) || !no.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Answer::ok(call.dialect.invalid("report_no"));
    }
    let Ok(id) = validate_id_number(&call.field("/idCard")) else {
        return Answer::ok(call.dialect.invalid("id_number"));
    };
    let Some(r) = REPORTS.iter().find(|r| r.city == call.city.code && r.no == no) else {
        return Answer::ok(call.dialect.error("4001", "报告单不存在"));
    };
    if r.times.1.is_empty() {
        return Answer::ok(call.dialect.error("4002", "报告未发布"));
    }
    if r.patient.id_number != id {
        return Answer::ok(call.dialect.error("4003", "身份信息不符"));
    }
    let items: Vec<Value> = r.items.iter().map(|(code, name, value, unit, range, flag)| {
        json!({ "code": code, "name": name, "value": value, "unit": unit, "range": range, "flag": flag })
    }).collect();
    let data = json!({
        "reportNo": r.no, "patientName": mask_name(r.patient.name), "hospital": r.hospital,
        "itemName": r.test, "sampleTime": r.times.0, "reportTime": r.times.1, "items": items,
    });
    Answer::ok(call.dialect.ok("200", "success", data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_numbers_are_sampling_times() {
        for r in REPORTS {
            let sampled: String =
                r.times.0.chars().filter(char::is_ascii_digit).skip(2).take(10).collect();
            assert!(r.no.starts_with(&sampled), "{}", r.no);
            assert!(r.times.0.ends_with("+08:00"));
        }
    }
}
