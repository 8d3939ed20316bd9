//! What the demo citizens hold: vehicles, driving licences, utility accounts, library cards,
//! social-insurance spells and exit-entry applications.

use super::{Citizen, CHEN, HUANG, LIN, ZHOU};

/// A registered vehicle (the national register: every city's police can look it up).
#[derive(Debug)]
pub struct Vehicle {
    /// The owner.
    pub owner: &'static Citizen,
    /// The normalized plate.
    pub plate: &'static str,
    /// The last 6 characters of the engine number.
    pub engine: &'static str,
    /// The VIN (ISO 3779 check digit valid).
    pub vin: &'static str,
    /// Make and model.
    pub model: &'static str,
    /// The last day of the current inspection period (`yyyy-MM-dd`).
    pub inspection_due: &'static str,
    /// Whether an accident or violation must be dealt with before an inspection.
    pub blocked: bool,
}

const fn car(
    owner: &'static Citizen,
    plate: &'static str,
    (engine, vin): (&'static str, &'static str),
    model: &'static str,
    inspection_due: &'static str,
    blocked: bool,
) -> Vehicle {
    Vehicle { owner, plate, engine, vin, model, inspection_due, blocked }
}

/// Every demo vehicle.
#[rustfmt::skip]
pub static VEHICLES: &[Vehicle] = &[
    car(&CHEN, "浙A12345", ("123456", "LSVNV2189N2123456"), "上汽大众朗逸", "2025-06-30", false),
    car(&CHEN, "沪AK6321", ("B7C901", "LSGKB54H3HS082391"), "上汽通用别克英朗", "2025-04-30", false),
    car(&LIN, "浙AD12345", ("A1B2C3", "LGXCE4CB2P0123458"), "比亚迪秦PLUS DM-i", "2029-03-31", false),
    car(&LIN, "浙B67890", ("654321", "LFV3A23C9E3024680"), "一汽大众宝来", "2025-08-31", true),
    car(&ZHOU, "京N8B512", ("305812", "LFV2A21K6B3052812"), "一汽大众速腾", "2025-09-30", false),
    car(&ZHOU, "鄂A5N2L8", ("7E2K58", "LGBH52E09MY104477"), "东风日产轩逸", "2025-10-31", false),
    car(&HUANG, "粤B3M8K6", ("6K2M91", "LVHRW1827L5061234"), "广汽本田雅阁", "2026-05-31", false),
];

/// A driving licence (the national licence register).
#[derive(Debug)]
pub struct Licence {
    /// The holder (the licence number is the holder's ID number).
    pub holder: &'static Citizen,
    /// The 12-digit file number (`dabh`).
    pub file_no: &'static str,
    /// The permitted class, e.g. `C1`.
    pub class: &'static str,
    /// Status code (`A` normal).
    pub status: &'static str,
    /// Points in the current scoring cycle.
    pub points: u32,
    /// Scoring cycle, first licence, validity: `yyyyMMdd`.
    pub dates: [&'static str; 5],
    /// The issuing authority.
    pub issuer: &'static str,
}

/// Every demo licence; `dates` = cycle start, cycle end, first issued, valid from, valid to.
#[rustfmt::skip]
pub static LICENCES: &[Licence] = &[
    Licence { holder: &CHEN, file_no: "330100412387", class: "C1", status: "A", points: 3,
        dates: ["20240815", "20250815", "20110815", "20170815", "20270815"],
        issuer: "浙江省杭州市公安局交通警察支队" },
    Licence { holder: &LIN, file_no: "330200358816", class: "C1", status: "A", points: 0,
        dates: ["20240702", "20250702", "20130702", "20190702", "20290702"],
        issuer: "浙江省宁波市公安局交通警察局" },
    Licence { holder: &ZHOU, file_no: "110100693021", class: "C1", status: "A", points: 6,
        dates: ["20250321", "20260321", "20160321", "20220321", "20320321"],
        issuer: "北京市公安局公安交通管理局" },
    Licence { holder: &HUANG, file_no: "440300127754", class: "C2", status: "A", points: 1,
        dates: ["20241009", "20251009", "20141009", "20201009", "20301009"],
        issuer: "广东省深圳市公安局交通警察局" },
];

/// A library reader card (password: the last 6 characters of the holder's ID number).
#[derive(Debug)]
pub struct LibraryCard {
    /// The reader.
    pub holder: &'static Citizen,
    /// The city code.
    pub city: &'static str,
    /// The card number (`rdid`).
    pub card: &'static str,
    /// Reported lost (every request answers "card lost").
    pub lost: bool,
}

const fn lib(
    holder: &'static Citizen,
    city: &'static str,
    card: &'static str,
    lost: bool,
) -> LibraryCard {
    LibraryCard { holder, city, card, lost }
}

/// Every demo library card.
#[rustfmt::skip]
pub static CARDS: &[LibraryCard] = &[
    lib(&CHEN, "330100", "0330012345678", false),
    lib(&LIN, "330100", "0330018806521", false),
    lib(&ZHOU, "330100", "0330020117743", true),
    lib(&CHEN, "310100", "31000100482216", false),
    lib(&ZHOU, "110100", "1100200375519", false),
    lib(&HUANG, "440100", "44010088123470", false),
    lib(&HUANG, "440300", "0440300712356", false),
    lib(&LIN, "330200", "0574001295531", false),
    lib(&ZHOU, "370200", "0532003381642", false),
    lib(&HUANG, "440600", "0757006625038", false),
    lib(&ZHOU, "420100", "0270045519874", false),
];

/// A spell of social insurance in one city, `yyyy-MM` to `yyyy-MM` inclusive (empty when
/// `to` is before `from`: registered, nothing contributed yet).
#[derive(Debug)]
pub struct Insured {
    /// The insured person.
    pub person: &'static Citizen,
    /// The city code.
    pub city: &'static str,
    /// The employer.
    pub employer: &'static str,
    /// First and last month.
    pub months: (&'static str, &'static str),
    /// The contribution base in fen.
    pub base_fen: i64,
}

const fn ins(
    person: &'static Citizen,
    city: &'static str,
    employer: &'static str,
    months: (&'static str, &'static str),
    base_fen: i64,
) -> Insured {
    Insured { person, city, employer, months, base_fen }
}

const CSCEC: &str = "中国建筑第三工程局有限公司";

/// Every demo insurance spell.
#[rustfmt::skip]
pub static INSURED: &[Insured] = &[
    ins(&CHEN, "330100", "杭州云帆信息技术有限公司", ("2016-01", "2025-04"), 850_000),
    ins(&CHEN, "310100", "上海启明软件有限公司", ("2010-07", "2015-12"), 620_000),
    ins(&LIN, "330100", "杭州西子文化传媒有限公司", ("2019-01", "2025-04"), 720_000),
    ins(&LIN, "330200", "宁波甬江国际贸易有限公司", ("2014-07", "2018-12"), 480_000),
    ins(&ZHOU, "110100", CSCEC, ("2017-07", "2019-06"), 760_000),
    ins(&ZHOU, "370200", CSCEC, ("2019-07", "2020-12"), 690_000),
    ins(&ZHOU, "140100", CSCEC, ("2021-01", "2022-06"), 640_000),
    ins(&ZHOU, "360100", CSCEC, ("2022-07", "2023-06"), 610_000),
    ins(&ZHOU, "420100", CSCEC, ("2023-07", "2025-04"), 780_000),
    ins(&HUANG, "440100", "广州天河城百货有限公司", ("2012-07", "2016-06"), 520_000),
    ins(&HUANG, "440300", "深圳市前海微众数字科技有限公司", ("2016-07", "2025-04"), 1_200_000),
    ins(&HUANG, "330100", "杭州云帆信息技术有限公司", ("2025-05", "2025-04"), 1_000_000),
];

/// An exit-entry application (the national system: every city's bureau can look it up).
#[derive(Debug)]
pub struct Application {
    /// The applicant.
    pub applicant: &'static Citizen,
    /// The acceptance number (`slbh`): accepting city, date, sequence.
    pub number: &'static str,
}

/// Every demo application (their progress lives in `exit_entry`).
#[rustfmt::skip]
pub static APPLICATIONS: &[Application] = &[
    Application { applicant: &CHEN, number: "330100202504200123" },
    Application { applicant: &LIN, number: "330100202503110457" },
    Application { applicant: &ZHOU, number: "420100202504150088" },
    Application { applicant: &HUANG, number: "440300202504080031" },
];
