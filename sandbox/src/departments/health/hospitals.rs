//! Hospitals, their departments, doctors on duty and appointment slots (answered on the hub by
//! [`super::options`]).
//!
//! Doctors see patients Monday to Friday; at weekends only the general clinic (`D00000`) is
//! open. Places per half hour follow one of five patterns rotating by day and doctor (some
//! full), minus what was booked in this sandbox.

use citypanel_descriptor::Date;

use crate::departments::util::{compact, hash, rotation};

/// A hospital: id (`H`, city code, number), name, grade, children only, where to check in.
pub type Hospital = (&'static str, &'static str, &'static str, bool, &'static str);

const DESK: &str = "门诊大厅自助机或人工窗口取号";
const KIDS: &str = "儿科门诊一楼自助机取号，请携带患儿身份证或户口簿";
const A3: &str = "三级甲等";

/// Every hospital.
#[rustfmt::skip]
pub static HOSPITALS: &[Hospital] = &[
    ("H330100001", "浙江大学医学院附属第一医院（庆春院区）", A3, false, "门诊1号楼一楼自助机或人工窗口取号"),
    ("H330100002", "浙江省人民医院（朝晖院区）", A3, false, DESK),
    ("H330100003", "杭州市第一人民医院", A3, false, DESK),
    ("H330100004", "浙江大学医学院附属儿童医院（湖滨院区）", A3, true, KIDS),
    ("H330100005", "杭州市西溪医院", "三级乙等", false, DESK),
    ("H110100001", "北京协和医院（东单院区）", A3, false, DESK),
    ("H110100002", "北京大学第一医院", A3, false, DESK),
    ("H110100003", "首都医科大学附属北京儿童医院", A3, true, KIDS),
    ("H310100001", "复旦大学附属中山医院", A3, false, DESK),
    ("H310100002", "上海交通大学医学院附属瑞金医院", A3, false, DESK),
    ("H310100003", "上海市儿童医院", A3, true, KIDS),
    ("H440100001", "中山大学附属第一医院", A3, false, DESK),
    ("H440100002", "广东省人民医院", A3, false, DESK),
    ("H440100003", "广州市妇女儿童医疗中心", A3, true, KIDS),
    ("H440300001", "北京大学深圳医院", A3, false, DESK),
    ("H440300002", "深圳市人民医院", A3, false, DESK),
    ("H440300003", "深圳市儿童医院", A3, true, KIDS),
    ("H330200001", "宁波市第一医院", A3, false, DESK),
    ("H330200002", "宁波大学附属李惠利医院", A3, false, DESK),
    ("H330200003", "宁波市妇女儿童医院", A3, true, KIDS),
    ("H360100001", "南昌大学第一附属医院", A3, false, DESK),
    ("H360100002", "江西省人民医院", A3, false, DESK),
    ("H360100003", "江西省儿童医院", A3, true, KIDS),
    ("H370200001", "青岛大学附属医院（市南院区）", A3, false, DESK),
    ("H370200002", "青岛市市立医院（本部）", A3, false, DESK),
    ("H370200003", "青岛市妇女儿童医院", A3, true, KIDS),
    ("H420100001", "华中科技大学同济医学院附属同济医院", A3, false, DESK),
    ("H420100002", "武汉大学人民医院", A3, false, DESK),
    ("H420100003", "武汉儿童医院", A3, true, KIDS),
];

#[rustfmt::skip]
const GENERAL: &[(&str, &str)] = &[("0101", "心血管内科"), ("0102", "消化内科"), ("0104", "呼吸内科"),
    ("0203", "骨科"), ("0301", "妇科"), ("0405", "皮肤性病科"), ("0501", "眼科")];
#[rustfmt::skip]
const CHILDREN: &[(&str, &str)] = &[("0601", "小儿内科"), ("0602", "小儿外科"), ("0603", "小儿呼吸科"), ("0605", "儿童保健科")];

/// A doctor: id, name, title, fee in yuan.
pub type Doctor = (String, String, &'static str, &'static str);

const TITLES: [(&str, &str); 3] =
    [("主任医师", "50.00"), ("副主任医师", "35.00"), ("主治医师", "25.00")];
#[rustfmt::skip]
const SURNAMES: [&str; 16] = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "吴", "徐", "孙", "胡", "朱", "高", "何", "郭"];
#[rustfmt::skip]
const GIVEN: [&str; 16] = ["建国", "晓燕", "振宇", "海峰", "丽娟", "志强", "文静", "国华", "春梅", "明辉", "雪芳", "立新", "慧敏", "永红", "俊杰", "秀英"];

/// The hospital with this id.
pub fn hospital(id: &str) -> Option<&'static Hospital> {
    HOSPITALS.iter().find(|h| h.0 == id)
}

/// The departments of a hospital.
pub fn departments(h: &Hospital) -> &'static [(&'static str, &'static str)] {
    if h.3 {
        CHILDREN
    } else {
        GENERAL
    }
}

/// The doctors of a department (the general clinic `D00000` last).
pub fn doctors(hospital: &str, dept: &str) -> Vec<Doctor> {
    let clinic = ("D00000".to_string(), "普通门诊".to_string(), "", "16.00");
    if (hospital, dept) == ("H330100001", "0101") {
        let named = [("D10086", "王建国"), ("D10087", "陈晓燕"), ("D10102", "刘振宇")];
        let mut list: Vec<Doctor> = named
            .iter()
            .zip(TITLES)
            .map(|((id, n), (t, f))| (id.to_string(), n.to_string(), t, f))
            .collect();
        list.push(clinic);
        return list;
    }
    let seed = hash(&[hospital, dept]);
    let mut list: Vec<Doctor> = TITLES
        .iter()
        .enumerate()
        .map(|(k, (title, fee))| {
            let pick = (seed >> (k * 8)) as usize;
            let name = format!("{}{}", SURNAMES[pick % 16], GIVEN[(pick / 16 + k * 5) % 16]);
            (format!("D2{dept}{k}"), name, *title, *fee)
        })
        .collect();
    list.push(clinic);
    list
}

/// The doctors of a department seeing patients on a day.
pub fn on_duty(hospital: &str, dept: &str, day: Date) -> Vec<Doctor> {
    let weekend = day.weekday() >= 6;
    doctors(hospital, dept).into_iter().filter(|d| !weekend || d.0 == "D00000").collect()
}

const PERIODS: [&str; 6] =
    ["08:30-09:00", "09:00-09:30", "09:30-10:00", "10:00-10:30", "13:30-14:00", "14:00-14:30"];
#[rustfmt::skip]
const PATTERNS: [[u32; 6]; 5] = [[0, 3, 5, 1, 4, 0], [2, 0, 4, 3, 0, 1], [5, 4, 0, 2, 3, 2], [1, 1, 3, 0, 5, 4], [0, 2, 2, 4, 1, 3]];

/// The slots of a doctor on a day: `(slot id, period, places before bookings)`.
pub fn slots(doctor: &str, day: Date) -> Vec<(String, &'static str, u32)> {
    let anchor = Date { y: 2025, m: 5, d: 6 };
    let pattern = PATTERNS[rotation(doctor, "D10086", day, anchor, PATTERNS.len())];
    let scale = if doctor == "D00000" { 6 } else { 1 };
    PERIODS
        .iter()
        .zip(pattern)
        .map(|(period, places)| {
            (
                format!("S-{doctor}-{}-{}", compact(day), period[..5].replace(':', "")),
                *period,
                places * scale,
            )
        })
        .collect()
}
