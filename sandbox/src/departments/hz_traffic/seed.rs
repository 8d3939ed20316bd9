//! The department's seeded demo data: fixed vehicles and their violation records.
//!
//! Field names are the department's own: `xh` record number, `wfsj` time (`yyyyMMddHHmmss`),
//! `wfdd` place, `wfxw` offence, `fkje` fine in fen, `wfjf` points, `clzt` status
//! (`0` unpaid, `1` handled), `cjfs` source (`1` camera-captured, `2` officer-recorded).

use serde::Serialize;

/// One violation record, serialized exactly as the department sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// Record number: area code, source, date and a daily sequence.
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

/// A vehicle on record: plate, engine-number tail and its records, newest first.
#[derive(Debug, Clone, Copy)]
pub struct Vehicle {
    /// The normalized plate.
    pub hphm: &'static str,
    /// The normalized last 6 characters of the engine number.
    pub fdjh: &'static str,
    /// The vehicle's violation records, newest first.
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
    Violation {
        xh,
        wfsj,
        wfdd,
        wfxw,
        fkje,
        wfjf,
        clzt,
        cjfs,
    }
}

const UNPAID_CAMERA: (&str, &str) = ("0", "1");
const HANDLED_CAMERA: (&str, &str) = ("1", "1");
const HANDLED_OFFICER: (&str, &str) = ("1", "2");

/// Every vehicle the department knows.
pub static VEHICLES: &[Vehicle] = &[
    Vehicle {
        hphm: "浙A12345",
        fdjh: "123456",
        records: ZHE_A12345,
    },
    Vehicle {
        hphm: "浙AD12345",
        fdjh: "A1B2C3",
        records: ZHE_AD12345,
    },
    Vehicle {
        hphm: "浙B67890",
        fdjh: "654321",
        records: ZHE_B67890,
    },
];

static ZHE_A12345: &[Violation] = &[
    v(
        "3301001202504120001",
        "20250412083015",
        "杭州市西湖区文三路与学院路交叉口",
        "机动车违反禁令标志指示的",
        (20000, 3),
        UNPAID_CAMERA,
    ),
    v(
        "3301001202503050017",
        "20250305172240",
        "杭州市拱墅区武林路（体育场路至凤起路段）",
        "机动车违反规定停放、临时停车，妨碍其他车辆、行人通行的",
        (10000, 0),
        UNPAID_CAMERA,
    ),
    v(
        "3301002202411180003",
        "20241118091200",
        "杭州市滨江区江南大道与时代大道交叉口",
        "驾驶机动车在道路上行驶时，驾驶人未按规定使用安全带的",
        (5000, 1),
        HANDLED_OFFICER,
    ),
];

static ZHE_AD12345: &[Violation] = &[v(
    "3301001202505200042",
    "20250520190533",
    "杭州市余杭区文一西路与良睦路交叉口",
    "机动车通过有灯控路口时，不按所需行进方向驶入导向车道的",
    (10000, 2),
    UNPAID_CAMERA,
)];

static ZHE_B67890: &[Violation] = &[
    v(
        "3301001202506010108",
        "20250601221530",
        "杭州市西湖区天目山路与古墩路交叉口",
        "驾驶机动车违反道路交通信号灯通行的",
        (20000, 6),
        UNPAID_CAMERA,
    ),
    v(
        "3301001202504150026",
        "20250415101005",
        "杭州市拱墅区莫干山路（德胜路至文晖路段）",
        "驾驶机动车在高速公路、城市快速路以外的道路上行驶超过规定时速10%以上未达到20%的",
        (10000, 3),
        UNPAID_CAMERA,
    ),
    v(
        "3301001202502280071",
        "20250228184512",
        "杭州市上城区解放路与建国中路交叉口",
        "机动车违反规定停放、临时停车，驾驶人不在现场，妨碍其他车辆、行人通行的",
        (15000, 0),
        HANDLED_CAMERA,
    ),
    v(
        "3301002202412090005",
        "20241209075820",
        "杭州市萧山区市心中路与金城路交叉口",
        "驾驶机动车行经人行横道，未按规定减速、停车、避让行人的",
        (20000, 3),
        HANDLED_OFFICER,
    ),
    v(
        "3301002202408170011",
        "20240817163045",
        "杭州市临平区迎宾路与星光街交叉口",
        "驾驶机动车有拨打、接听手持电话等妨碍安全驾驶的行为的",
        (5000, 3),
        HANDLED_OFFICER,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use citypanel_descriptor::rules::{validate_engine_tail, validate_plate};

    #[test]
    fn vehicles_are_normalized() {
        for vehicle in VEHICLES {
            assert_eq!(validate_plate(vehicle.hphm).as_deref(), Ok(vehicle.hphm));
            assert_eq!(
                validate_engine_tail(vehicle.fdjh).as_deref(),
                Ok(vehicle.fdjh)
            );
        }
    }

    #[test]
    fn records_are_well_formed_and_newest_first() {
        for vehicle in VEHICLES {
            for r in vehicle.records {
                assert_eq!(r.wfsj.len(), 14);
                assert!(r.wfsj.bytes().all(|b| b.is_ascii_digit()));
                assert_eq!(r.xh.len(), 19);
                assert_eq!(&r.xh[6..7], r.cjfs, "{}", r.xh);
                assert_eq!(&r.xh[7..15], &r.wfsj[..8], "{}", r.xh);
                assert!(matches!(r.clzt, "0" | "1") && matches!(r.cjfs, "1" | "2"));
                assert!(r.wfdd.starts_with("杭州市"));
            }
            assert!(vehicle.records.windows(2).all(|w| w[0].wfsj > w[1].wfsj));
        }
    }
}
