//! Violation records kept by each city's traffic police, per plate: the Hangzhou records are
//! the department's original seed (unchanged); the others are in the same canonical form and
//! serialized per answer shape by [`super::shapes`].
//!
//! Field names are the default shape's: `xh` record number (area code, source, date, daily
//! sequence; Beijing and Shanghai write theirs as district, source, `yyMMdd`, sequence), `wfsj`
//! time (`yyyyMMddHHmmss`, Beijing time), `wfdd` place, `wfxw` offence, `fkje` fine in fen,
//! `wfjf` points, `clzt` `0` unpaid / `1` handled, `cjfs` `1` camera / `2` officer.

use serde::Serialize;

/// One violation record, serialized exactly as the default shape sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// Record number.
    pub xh: &'static str,
    /// Time of the violation, `yyyyMMddHHmmss`.
    pub wfsj: &'static str,
    /// Place of the violation.
    pub wfdd: &'static str,
    /// The offence.
    pub wfxw: &'static str,
    /// The fine in fen (1 yuan = 100 fen).
    pub fkje: u32,
    /// Penalty points.
    pub wfjf: u32,
    /// `0` unpaid, `1` handled.
    pub clzt: &'static str,
    /// `1` camera-captured, `2` officer-recorded.
    pub cjfs: &'static str,
}

/// The records one city's police keep about one plate, newest first.
#[derive(Debug, Clone, Copy)]
pub struct Book {
    /// The city code.
    pub city: &'static str,
    /// The normalized plate.
    pub plate: &'static str,
    /// The records, newest first.
    pub records: &'static [Violation],
}

const fn v(
    xh: &'static str,
    wfsj: &'static str,
    wfdd: &'static str,
    wfxw: &'static str,
    (fkje, wfjf): (u32, u32),
    (clzt, cjfs): (&'static str, &'static str),
) -> Violation {
    Violation { xh, wfsj, wfdd, wfxw, fkje, wfjf, clzt, cjfs }
}

const UNPAID_CAMERA: (&str, &str) = ("0", "1");
const HANDLED_CAMERA: (&str, &str) = ("1", "1");
const HANDLED_OFFICER: (&str, &str) = ("1", "2");

const RED_LIGHT: &str = "驾驶机动车违反道路交通信号灯通行的";
const PARKING: &str = "机动车违反规定停放、临时停车，妨碍其他车辆、行人通行的";
const PARKING_AWAY: &str = "机动车违反规定停放、临时停车，驾驶人不在现场，妨碍其他车辆、行人通行的";
const SIGN: &str = "机动车违反禁令标志指示的";
const LANE: &str = "机动车通过有灯控路口时，不按所需行进方向驶入导向车道的";
const CROSSING: &str = "驾驶机动车行经人行横道，未按规定减速、停车、避让行人的";
const BELT: &str = "驾驶机动车在道路上行驶时，驾驶人未按规定使用安全带的";
const SPEED: &str =
    "驾驶机动车在高速公路、城市快速路以外的道路上行驶超过规定时速10%以上未达到20%的";
const PHONE: &str = "驾驶机动车有拨打、接听手持电话等妨碍安全驾驶的行为的";

/// Every city's records.
#[rustfmt::skip]
pub static BOOKS: &[Book] = &[
    Book { city: "330100", plate: "浙A12345", records: &[
        v("3301001202504120001", "20250412083015", "杭州市西湖区文三路与学院路交叉口", SIGN, (20000, 3), UNPAID_CAMERA),
        v("3301001202503050017", "20250305172240", "杭州市拱墅区武林路（体育场路至凤起路段）", PARKING, (10000, 0), UNPAID_CAMERA),
        v("3301002202411180003", "20241118091200", "杭州市滨江区江南大道与时代大道交叉口", BELT, (5000, 1), HANDLED_OFFICER),
    ] },
    Book { city: "330100", plate: "浙AD12345", records: &[
        v("3301001202505200042", "20250520190533", "杭州市余杭区文一西路与良睦路交叉口", LANE, (10000, 2), UNPAID_CAMERA),
    ] },
    Book { city: "330100", plate: "浙B67890", records: &[
        v("3301001202506010108", "20250601221530", "杭州市西湖区天目山路与古墩路交叉口", RED_LIGHT, (20000, 6), UNPAID_CAMERA),
        v("3301001202504150026", "20250415101005", "杭州市拱墅区莫干山路（德胜路至文晖路段）", SPEED, (10000, 3), UNPAID_CAMERA),
        v("3301001202502280071", "20250228184512", "杭州市上城区解放路与建国中路交叉口", PARKING_AWAY, (15000, 0), HANDLED_CAMERA),
        v("3301002202412090005", "20241209075820", "杭州市萧山区市心中路与金城路交叉口", CROSSING, (20000, 3), HANDLED_OFFICER),
        v("3301002202408170011", "20240817163045", "杭州市临平区迎宾路与星光街交叉口", PHONE, (5000, 3), HANDLED_OFFICER),
    ] },
    Book { city: "110100", plate: "京N8B512", records: &[
        v("1101051250412004562", "20250412083015", "北京市朝阳区建国路与东三环中路交叉口（国贸桥下）", RED_LIGHT, (20000, 6), UNPAID_CAMERA),
        v("1101081250227001209", "20250227181240", "北京市海淀区中关村大街（海淀黄庄北）", PARKING_AWAY, (20000, 0), HANDLED_CAMERA),
        v("1101012241203000377", "20241203075000", "北京市东城区东直门外大街", CROSSING, (20000, 3), HANDLED_OFFICER),
    ] },
    Book { city: "310100", plate: "沪AK6321", records: &[
        v("3101151250412003117", "20250412083015", "上海市浦东新区世纪大道与张杨路交叉口", "机动车违反禁止标线指示的", (20000, 3), UNPAID_CAMERA),
        v("3101041250318010452", "20250318174206", "上海市徐汇区漕溪北路（近南丹路）", PARKING, (20000, 0), UNPAID_CAMERA),
        v("3101062250109000893", "20250109090540", "上海市静安区延安中路与陕西南路交叉口", "驾驶机动车不按导向车道行驶的", (10000, 2), HANDLED_OFFICER),
    ] },
    Book { city: "310100", plate: "浙A12345", records: &[
        v("3101011250322004471", "20250322164805", "上海市黄浦区延安东路（近河南中路）", SIGN, (20000, 3), UNPAID_CAMERA),
    ] },
    Book { city: "330200", plate: "浙B67890", records: &[
        v("3302001202503150011", "20250315081930", "宁波市海曙区中山西路与望京路交叉口", RED_LIGHT, (20000, 6), UNPAID_CAMERA),
        v("3302002202411020006", "20241102120415", "宁波市鄞州区天童南路与四明中路交叉口", BELT, (5000, 1), HANDLED_OFFICER),
    ] },
    Book { city: "330200", plate: "浙AD12345", records: &[
        v("3302001202504030027", "20250403101122", "宁波市江北区大庆南路（近人民路）", PARKING, (15000, 0), UNPAID_CAMERA),
    ] },
    Book { city: "440100", plate: "粤B3M8K6", records: &[
        v("4401001202503220019", "20250322180512", "广州市天河区天河路与体育东路交叉口", SIGN, (20000, 3), UNPAID_CAMERA),
    ] },
    Book { city: "440300", plate: "粤B3M8K6", records: &[
        v("4403001202504180031", "20250418081245", "深圳市南山区深南大道与科苑路交叉口", RED_LIGHT, (20000, 6), UNPAID_CAMERA),
        v("4403001202501070008", "20250107193022", "深圳市福田区福华三路（会展中心段）", PARKING_AWAY, (20000, 0), HANDLED_CAMERA),
    ] },
    Book { city: "440600", plate: "粤B3M8K6", records: &[
        v("4406001202502020044", "20250202101533", "佛山市禅城区季华五路与岭南大道交叉口", LANE, (10000, 2), UNPAID_CAMERA),
    ] },
    Book { city: "360100", plate: "鄂A5N2L8", records: &[
        v("3601001202504090015", "20250409152710", "南昌市红谷滩区赣江中大道与会展路交叉口", SIGN, (10000, 3), UNPAID_CAMERA),
    ] },
    Book { city: "370200", plate: "鄂A5N2L8", records: &[
        v("3702001202504050009", "20250405110342", "青岛市市南区香港中路与燕儿岛路交叉口", PARKING, (5000, 0), UNPAID_CAMERA),
    ] },
    Book { city: "140100", plate: "鄂A5N2L8", records: &[
        v("1401001202502140021", "20250214093317", "太原市小店区长风街与体育路交叉口", CROSSING, (20000, 3), UNPAID_CAMERA),
    ] },
    Book { city: "420100", plate: "鄂A5N2L8", records: &[
        v("4201001202504210052", "20250421082633", "武汉市武昌区中北路与东湖路交叉口", RED_LIGHT, (20000, 6), UNPAID_CAMERA),
        v("4201001202503030014", "20250303174410", "武汉市洪山区珞喻路（光谷广场段）", PARKING, (5000, 0), HANDLED_CAMERA),
        v("4201002202412280007", "20241228093000", "武汉市江岸区解放大道与三阳路交叉口", BELT, (5000, 1), HANDLED_OFFICER),
    ] },
];

/// The records a city's police keep about a plate (none for an unknown plate).
pub fn records(city: &str, plate: &str) -> &'static [Violation] {
    BOOKS.iter().find(|b| b.city == city && b.plate == plate).map_or(&[], |b| b.records)
}

/// The record with this number in a city.
pub fn record(city: &str, xh: &str) -> Option<(&'static Book, &'static Violation)> {
    BOOKS
        .iter()
        .filter(|b| b.city == city)
        .find_map(|b| b.records.iter().find(|r| r.xh == xh).map(|r| (b, r)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::departments::people;

    #[test]
    fn records_are_well_formed_and_newest_first() {
        for book in BOOKS {
            assert!(people::vehicle(book.plate).is_some(), "{}", book.plate);
            for r in book.records {
                assert_eq!((r.wfsj.len(), r.xh.len()), (14, 19), "{}", r.xh);
                assert!(r.wfsj.bytes().all(|b| b.is_ascii_digit()));
                assert!(matches!(r.clzt, "0" | "1") && matches!(r.cjfs, "1" | "2"));
                assert_eq!(&r.xh[6..7], r.cjfs, "{}", r.xh);
                let date = if r.xh.get(7..9) == Some("20") { &r.xh[7..15] } else { &r.xh[7..13] };
                assert!(r.wfsj[..8].ends_with(date), "{}", r.xh);
                assert_eq!(&r.xh[..2], &book.city[..2], "{}", r.xh);
            }
            assert!(book.records.windows(2).all(|w| w[0].wfsj > w[1].wfsj));
        }
    }
}
