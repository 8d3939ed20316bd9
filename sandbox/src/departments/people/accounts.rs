//! The demo citizens' utility accounts (the bill departments keep the bills).

use super::{Citizen, CHEN, HUANG, LIN, ZHOU};

/// A kind of utility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utility {
    /// Water (and sewage).
    Water,
    /// Electricity.
    Power,
    /// Piped gas.
    Gas,
}

impl Utility {
    /// The account-number lengths the descriptors accept.
    pub fn lengths(self) -> (usize, usize) {
        match self {
            Utility::Water => (8, 12),
            Utility::Power => (10, 13),
            Utility::Gas => (8, 10),
        }
    }
}

/// A utility account.
#[derive(Debug)]
pub struct Account {
    /// The account holder.
    pub holder: &'static Citizen,
    /// The city code.
    pub city: &'static str,
    /// Water, power or gas.
    pub utility: Utility,
    /// The account number.
    pub number: &'static str,
    /// The supply address, masked as the utility prints it.
    pub address: &'static str,
}

const fn acct(
    holder: &'static Citizen,
    city: &'static str,
    utility: Utility,
    number: &'static str,
    address: &'static str,
) -> Account {
    Account { holder, city, utility, number, address }
}

use Utility::{Gas, Power, Water};

const HZ_HOME: &str = "杭州市拱墅区湖墅南路***号*幢*单元***室";
const HZ_OLD: &str = "杭州市西湖区文三路***号*幢*单元***室";
const HZ_NEW: &str = "杭州市滨江区江南大道***号*幢*单元***室";
const TY_FLAT: &str = "太原市小店区长风街**号**幢*单元***室";

/// Every demo account (`holdings` of the bill departments).
#[rustfmt::skip]
pub static ACCOUNTS: &[Account] = &[
    acct(&CHEN, "330100", Water, "3301287645", HZ_HOME),
    acct(&CHEN, "330100", Power, "3306012345", HZ_OLD),
    acct(&CHEN, "330100", Gas, "10234567", HZ_HOME),
    acct(&CHEN, "330100", Water, "3301287646", HZ_OLD),
    acct(&LIN, "330100", Water, "3301402288", "杭州市上城区望江路***号*幢***室"),
    acct(&LIN, "330100", Power, "3306998877", "杭州市上城区望江路***号*幢***室"),
    acct(&LIN, "330100", Gas, "10998877", "杭州市上城区望江路***号*幢***室"),
    acct(&ZHOU, "330100", Water, "3301287650", "杭州市拱墅区大关路***号*幢***室"),
    acct(&ZHOU, "330100", Power, "3306012399", "杭州市拱墅区大关路***号*幢***室"),
    acct(&HUANG, "330100", Water, "3301556677", HZ_NEW),
    acct(&HUANG, "330100", Power, "3306556677", HZ_NEW),
    acct(&HUANG, "330100", Gas, "10556677", HZ_NEW),
    acct(&ZHOU, "110100", Water, "1105203317", "北京市朝阳区望京西园***号楼*单元***室"),
    acct(&ZHOU, "110100", Power, "1100452378", "北京市朝阳区望京西园***号楼*单元***室"),
    acct(&ZHOU, "110100", Gas, "61203388", "北京市朝阳区望京西园***号楼*单元***室"),
    acct(&CHEN, "310100", Water, "3104456721", "上海市徐汇区漕溪北路***弄**号***室"),
    acct(&CHEN, "310100", Power, "3101187729", "上海市徐汇区漕溪北路***弄**号***室"),
    acct(&CHEN, "310100", Gas, "2088710412", "上海市徐汇区漕溪北路***弄**号***室"),
    acct(&HUANG, "440100", Water, "4401336620", "广州市天河区天河北路***号***房"),
    acct(&HUANG, "440100", Power, "0100023456781", "广州市天河区天河北路***号***房"),
    acct(&HUANG, "440300", Water, "4403125587", "深圳市南山区粤海街道科技南十二路**号**栋****"),
    acct(&HUANG, "440300", Power, "0300012345678", "深圳市南山区粤海街道科技南十二路**号**栋****"),
    acct(&HUANG, "440300", Gas, "75501234", "深圳市南山区粤海街道科技南十二路**号**栋****"),
    acct(&HUANG, "440300", Power, "0300098765432", "深圳市福田区香蜜湖路***号***房"),
    acct(&LIN, "330200", Water, "3302117845", "宁波市海曙区中山西路***号*幢***室"),
    acct(&LIN, "330200", Power, "3302064513", "宁波市海曙区中山西路***号*幢***室"),
    acct(&LIN, "330200", Gas, "57408812", "宁波市海曙区中山西路***号*幢***室"),
    acct(&ZHOU, "360100", Water, "3601042267", "南昌市红谷滩区丰和中大道***号*栋***室"),
    acct(&ZHOU, "360100", Power, "3601305598", "南昌市红谷滩区丰和中大道***号*栋***室"),
    acct(&ZHOU, "360100", Gas, "79102234", "南昌市红谷滩区丰和中大道***号*栋***室"),
    acct(&ZHOU, "370200", Power, "3702288143", "青岛市市南区香港中路***号*栋***户"),
    acct(&ZHOU, "370200", Gas, "53207719", "青岛市市南区香港中路***号*栋***户"),
    acct(&ZHOU, "140100", Water, "0100234567", TY_FLAT),
    acct(&ZHOU, "140100", Power, "1400123456", TY_FLAT),
    acct(&ZHOU, "140100", Gas, "20045678", TY_FLAT),
    acct(&ZHOU, "140100", Water, "0100999999", "太原市迎泽区迎泽大街**号*单元***室"),
    acct(&ZHOU, "140100", Power, "1400555555", "太原市迎泽区迎泽大街**号*单元***室"),
    acct(&HUANG, "440600", Water, "4406077231", "佛山市禅城区祖庙路***号***房"),
    acct(&HUANG, "440600", Power, "0600034567812", "佛山市禅城区祖庙路***号***房"),
    acct(&ZHOU, "420100", Water, "4201558832", "武汉市洪山区珞喻路***号*栋*单元***室"),
    acct(&ZHOU, "420100", Power, "4201907765", "武汉市洪山区珞喻路***号*栋*单元***室"),
    acct(&ZHOU, "420100", Gas, "2710458832", "武汉市洪山区珞喻路***号*栋*单元***室"),
];
