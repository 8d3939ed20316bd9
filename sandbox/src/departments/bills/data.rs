//! The latest bill of every demo account, in one canonical form (amounts in fen, unit prices
//! as the utility publishes them, `yyyy-MM` periods, `yyyy-MM-dd` deadlines), and the
//! accounts that have no bill, are closed or are being billed.

/// One line of a bill: what, how much (tons, kWh, m³), the unit price in yuan.
pub type Item = (&'static str, i64, &'static str);

/// A bill.
#[derive(Debug)]
pub struct Bill {
    /// The bill number.
    pub no: &'static str,
    /// The billing month, `yyyy-MM`.
    pub period: &'static str,
    /// The payment deadline, `yyyy-MM-dd`.
    pub due: &'static str,
    /// The metered lines.
    pub items: &'static [Item],
    /// A credit line (e.g. prepayment carried over), in fen.
    pub credit: Option<(&'static str, i64)>,
    /// When it was paid, `yyyyMMddHHmmss`.
    pub paid_at: Option<&'static str>,
}

/// Where an account stands.
#[derive(Debug)]
pub enum Standing {
    /// Its latest bill.
    Billed(Bill),
    /// Nothing billed yet.
    NoBill,
    /// Closed.
    Closed,
    /// This month's bill is being issued.
    Issuing,
}

const fn bill(
    no: &'static str,
    period: &'static str,
    due: &'static str,
    items: &'static [Item],
) -> Standing {
    Standing::Billed(Bill { no, period, due, items, credit: None, paid_at: None })
}

use Standing::{Closed, Issuing, NoBill};

/// Every account's standing: `(city, account number, standing)`.
#[rustfmt::skip]
pub static STANDINGS: &[(&str, &str, Standing)] = &[
    ("330100", "3301287645", bill("SW3301202504018826", "2025-03", "2025-05-15", &[("自来水费（第一阶梯）", 18, "1.90"), ("污水处理费", 18, "0.95")])),
    ("330100", "3301287646", Standing::Billed(Bill { paid_at: Some("20250420091533"), no: "SW3301202504018827", period: "2025-03", due: "2025-05-15", items: &[("自来水费（第一阶梯）", 12, "1.90"), ("污水处理费", 12, "0.95")], credit: None })),
    ("330100", "3301402288", Closed),
    ("330100", "3301287650", Issuing),
    ("330100", "3301556677", NoBill),
    ("330100", "3306012345", bill("GW3301202504000123456", "2025-04", "2025-05-25", &[("峰时段电费", 180, "0.568"), ("谷时段电费", 120, "0.288")])),
    ("330100", "3306998877", Closed),
    ("330100", "3306012399", Issuing),
    ("330100", "3306556677", NoBill),
    ("330100", "10234567", Standing::Billed(Bill { credit: Some(("上期预存抵扣", 500)), no: "RQ3301202504000456", period: "2025-04", due: "2025-05-25", items: &[("居民生活用气（第一阶梯）", 21, "3.00")], paid_at: None })),
    ("330100", "10998877", Closed),
    ("330100", "10556677", NoBill),
    ("110100", "1105203317", bill("SW1101202504004512", "2025-04", "2025-05-20", &[("水费", 15, "2.07"), ("水资源费", 15, "1.57"), ("污水处理费", 15, "1.36")])),
    ("110100", "1100452378", bill("GW1101202504000337812", "2025-04", "2025-05-25", &[("第一档电量电费", 186, "0.4883")])),
    ("110100", "61203388", bill("RQ1101202504000219", "2025-04", "2025-05-25", &[("居民用气（第一档）", 16, "2.63")])),
    ("310100", "3104456721", bill("SW3101202504007733", "2025-04", "2025-05-20", &[("自来水费（第一阶梯）", 14, "1.92"), ("排水费", 14, "1.70")])),
    ("310100", "3101187729", bill("GW3101202504000551208", "2025-04", "2025-05-25", &[("峰时段电费", 142, "0.617"), ("谷时段电费", 96, "0.307")])),
    ("310100", "2088710412", bill("RQ3101202504001187", "2025-04", "2025-05-25", &[("居民用气（第一档）", 19, "3.00")])),
    ("440100", "4401336620", bill("SW4401202504002246", "2025-04", "2025-05-20", &[("自来水费（第一阶梯）", 16, "1.98"), ("污水处理费", 16, "0.95")])),
    ("440100", "0100023456781", bill("CSG0100202504000432", "2025-04", "2025-05-25", &[("第一档电量电费", 180, "0.6083")])),
    ("440300", "4403125587", bill("SW4403202504006631", "2025-04", "2025-05-20", &[("自来水费（第一阶梯）", 13, "2.82"), ("污水处理费", 13, "1.05")])),
    ("440300", "0300012345678", bill("CSG0300202504000789", "2025-04", "2025-05-25", &[("第一档电量电费", 200, "0.6083"), ("第二档电量电费", 30, "0.6583")])),
    ("440300", "0300098765432", Closed),
    ("440300", "75501234", bill("RQ4403202504000915", "2025-04", "2025-05-25", &[("管道天然气（第一档）", 12, "3.50")])),
    ("330200", "3302117845", bill("SW3302202504003318", "2025-04", "2025-05-20", &[("自来水费（第一阶梯）", 22, "2.06"), ("污水处理费", 22, "0.95")])),
    ("330200", "3302064513", bill("GW3302202504000228741", "2025-04", "2025-05-25", &[("峰时段电费", 160, "0.568"), ("谷时段电费", 140, "0.288")])),
    ("330200", "57408812", bill("RQ3302202504000652", "2025-04", "2025-05-25", &[("居民生活用气（第一阶梯）", 18, "3.15")])),
    ("360100", "3601042267", bill("SW3601202504001928", "2025-04", "2025-05-20", &[("自来水费（第一阶梯）", 11, "1.58"), ("污水处理费", 11, "0.85")])),
    ("360100", "3601305598", bill("GW3601202504000117623", "2025-04", "2025-05-25", &[("第一档电量电费", 165, "0.600")])),
    ("360100", "79102234", bill("RQ3601202504000371", "2025-04", "2025-05-25", &[("居民用气（第一档）", 9, "3.21")])),
    ("370200", "3702288143", bill("GW3702202504000406157", "2025-04", "2025-05-25", &[("第一档电量电费", 172, "0.5469")])),
    ("370200", "53207719", bill("RQ3702202504000538", "2025-04", "2025-05-25", &[("居民用气（第一档）", 14, "3.35")])),
    ("140100", "0100234567", bill("TY1001202504000187", "2025-04", "2025-05-20", &[("水费", 18, "2.65"), ("污水处理费", 18, "0.95")])),
    ("140100", "1400123456", bill("TY1001202504000233", "2025-04", "2025-05-25", &[("电费（第一档）", 200, "0.477"), ("电费（第二档）", 10, "0.527")])),
    ("140100", "20045678", bill("TY1001202504000342", "2025-04", "2025-05-25", &[("居民用气（第一档）", 18, "2.52")])),
    ("140100", "0100999999", Closed),
    ("140100", "1400555555", NoBill),
    ("440600", "4406077231", bill("SW4406202504002107", "2025-04", "2025-05-20", &[("自来水费（第一阶梯）", 20, "1.70"), ("污水处理费", 20, "0.95")])),
    ("440600", "0600034567812", Standing::Billed(Bill { paid_at: Some("20250416200512"), no: "CSG0600202504000518", period: "2025-04", due: "2025-05-25", items: &[("第一档电量电费", 210, "0.6083")], credit: None })),
    ("420100", "4201558832", bill("SW4201202504005576", "2025-04", "2025-05-20", &[("自来水费（第一阶梯）", 10, "2.36"), ("污水处理费", 10, "1.05")])),
    ("420100", "4201907765", bill("GW4201202504000664219", "2025-04", "2025-05-25", &[("第一档电量电费", 158, "0.558")])),
    ("420100", "2710458832", Standing::Billed(Bill { paid_at: Some("20250422183006"), no: "RQ4201202504000804", period: "2025-04", due: "2025-05-25", items: &[("居民用气（第一档）", 11, "2.53")], credit: None })),
];

/// The amount of a line in fen: usage × unit price, rounded half up.
pub fn line_fen(usage: i64, price: &str) -> i64 {
    let (whole, frac) = price.split_once('.').unwrap_or((price, ""));
    let frac4: String = format!("{frac:0<4}").chars().take(4).collect();
    let per_unit: i64 =
        whole.parse::<i64>().unwrap_or(0) * 10_000 + frac4.parse::<i64>().unwrap_or(0);
    (usage * per_unit + 50) / 100
}

impl Bill {
    /// The lines with their amounts in fen, the credit (negative) last.
    pub fn lines(&self) -> Vec<(&'static str, i64, &'static str, i64)> {
        let mut lines: Vec<_> =
            self.items.iter().map(|&(n, u, p)| (n, u, p, line_fen(u, p))).collect();
        if let Some((name, fen)) = self.credit {
            lines.push((name, 0, "0.00", -fen));
        }
        lines
    }

    /// The total in fen.
    pub fn total(&self) -> i64 {
        self.lines().iter().map(|l| l.3).sum()
    }
}

/// How an account stands in a city (`None`: no such account).
pub fn standing(city: &str, number: &str) -> Option<&'static Standing> {
    STANDINGS.iter().find(|s| s.0 == city && s.1 == number).map(|s| &s.2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::departments::people::ACCOUNTS;

    #[test]
    fn published_amounts() {
        assert_eq!((line_fen(180, "0.568"), line_fen(120, "0.288")), (10224, 3456));
        assert_eq!((line_fen(200, "0.6083"), line_fen(30, "0.6583")), (12166, 1975));
        assert_eq!((line_fen(200, "0.477"), line_fen(10, "0.527")), (9540, 527));
        let Some(Standing::Billed(gas)) = standing("330100", "10234567") else { panic!("gas") };
        assert_eq!(gas.total(), 5800);
    }

    #[test]
    fn every_standing_has_an_account_and_back() {
        for (city, number, _) in STANDINGS {
            assert!(ACCOUNTS.iter().any(|a| a.city == *city && a.number == *number), "{number}");
        }
        for a in ACCOUNTS {
            assert!(standing(a.city, a.number).is_some(), "{}", a.number);
        }
    }
}
