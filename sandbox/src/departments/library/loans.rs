//! What each reader has on loan, as of [`AS_OF`]; renewals made in the sandbox move a due date
//! by 30 days. A loan is `OVERDUE` past its due date, `DUE_SOON` within 20 days of it.

use citypanel_descriptor::Date;

use crate::departments::desk::Ledger;
use crate::departments::people::AS_OF;
use crate::departments::util::{compact, date};

/// One book on loan: barcode, title, author, call number, branch, loaned, due (`yyyyMMdd`),
/// renewals so far, reserved by another reader.
pub type Loan = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u32,
    bool,
);

/// The most renewals of one loan.
pub const MAX_RENEW: u32 = 1;

/// The loans of every card: `(city, card, loans)`.
#[rustfmt::skip]
pub static LOANS: &[(&str, &str, &[Loan])] = &[
    ("330100", "0330012345678", &[
        ("03010004567812", "三体", "刘慈欣 著", "I247.55/2141", "杭州图书馆（主馆）", "20250328", "20250427", 0, false),
        ("03010005123409", "长安的荔枝", "马伯庸 著", "I247.5/7123", "杭州图书馆（主馆）", "20250415", "20250515", 0, false),
        ("03010003301876", "人类简史：从动物到上帝", "[以色列] 尤瓦尔·赫拉利 著；林俊宏 译", "K02/2", "杭州图书馆（生活主题分馆）", "20250420", "20250618", 1, false),
    ]),
    ("310100", "31000100482216", &[
        ("31000207781453", "繁花", "金宇澄 著", "I247.5/8043", "上海图书馆（东馆）", "20250410", "20250510", 0, true),
        ("31000207790312", "置身事内：中国政府与经济发展", "兰小欢 著", "F123.2/161", "上海图书馆（东馆）", "20250402", "20250502", 0, false),
    ]),
    ("110100", "1100200375519", &[
        ("11000305518842", "明朝那些事儿（第一部）", "当年明月 著", "K248.09/12", "首都图书馆（东馆）", "20250405", "20250505", 0, false),
    ]),
    ("440100", "44010088123470", &[
        ("44010602231177", "百年孤独", "[哥伦比亚] 加西亚·马尔克斯 著；范晔 译", "I775.45/2", "广州图书馆", "20250420", "20250520", 0, false),
    ]),
    ("440300", "0440300712356", &[
        ("44030110098765", "原则", "[美] 瑞·达利欧 著；刘波 綦相 译", "F830.59/25", "深圳图书馆（本馆）", "20250315", "20250414", 0, false),
        ("44030110125530", "被讨厌的勇气", "[日] 岸见一郎 古贺史健 著；渠海霞 译", "B84-49/151", "深圳图书馆（本馆）", "20250425", "20250525", 0, false),
    ]),
    ("330200", "0574001295531", &[
        ("33020108876514", "额尔古纳河右岸", "迟子建 著", "I247.5/3611", "宁波图书馆（新馆）", "20250408", "20250508", 0, false),
    ]),
    ("370200", "0532003381642", &[
        ("37020205503318", "平凡的世界（第一部）", "路遥 著", "I247.57/42", "青岛市图书馆", "20250412", "20250512", 0, false),
    ]),
    ("440600", "0757006625038", &[
        ("44060403312290", "红楼梦", "曹雪芹 著；无名氏 续", "I242.4/45", "佛山市图书馆", "20250401", "20250501", 0, false),
    ]),
    ("420100", "0270045519874", &[
        ("42010107745261", "活着", "余华 著", "I247.57/126", "武汉图书馆", "20250418", "20250518", 0, false),
        ("42010107702218", "土木工程施工（第四版）", "应惠清 主编", "TU7/188", "武汉图书馆", "20250320", "20250419", 0, false),
    ]),
];

/// A loan as it stands now: due date and renewals after this sandbox's renewals.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// The loan as seeded.
    pub loan: Loan,
    /// The due date, `yyyyMMdd`.
    pub due: String,
    /// Renewals so far.
    pub renewed: u32,
}

impl Standing {
    /// `NORMAL`, `DUE_SOON` or `OVERDUE`, as of [`AS_OF`].
    pub fn state(&self) -> &'static str {
        let as_of = date(AS_OF);
        let due = Date::parse_compact(&self.due).unwrap_or(as_of);
        match due.days() - as_of.days() {
            d if d < 0 => "OVERDUE",
            d if d <= 20 => "DUE_SOON",
            _ => "NORMAL",
        }
    }
}

/// The key a renewal is filed under.
pub fn renewal_key(city: &str, card: &str, barcode: &str) -> String {
    format!("{city}|{card}|{barcode}")
}

/// The loans of a card as they stand.
pub fn loans(ledger: &Ledger, city: &str, card: &str) -> Vec<Standing> {
    let seeded = LOANS.iter().find(|l| l.0 == city && l.1 == card).map_or(&[][..], |l| l.2);
    seeded
        .iter()
        .map(|loan| {
            let renewals = ledger
                .records()
                .filter(|(_, f)| f.kind == "renewal" && f.about(&renewal_key(city, card, loan.0)))
                .count() as u32;
            let due = Date::parse_compact(loan.6)
                .and_then(|d| d.add_days(30 * i64::from(renewals)))
                .map_or(loan.6.to_string(), compact);
            Standing { loan: *loan, due, renewed: loan.7 + renewals }
        })
        .collect()
}
