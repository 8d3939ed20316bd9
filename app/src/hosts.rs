//! The four demo host apps: brand, theme, signed-in demo user, payment method.

use citypanel::theme::Theme;

/// One demo host app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Host {
    /// The sandbox host key name (`wallet`, `shop`, `microblog`, `messenger`).
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub tagline_zh: &'static str,
    pub tagline_en: &'static str,
    /// The signed-in demo user (a sandbox citizen).
    pub user_id: &'static str,
    pub user_name: &'static str,
    pub id_number: &'static str,
    pub mobile: &'static str,
    pub plates: &'static str,
    /// How this host pays, shown on its sheet; `None`: no wallet (the panel falls back).
    pub pay_zh: Option<&'static str>,
    pub pay_en: Option<&'static str>,
    /// Theme: primary colour and radius.
    pub primary: &'static str,
    pub radius: u8,
}

pub const WALLET: Host = Host {
    id: "wallet",
    name_zh: "城市钱包",
    name_en: "City Wallet",
    tagline_zh: "移动支付钱包 · 余额支付",
    tagline_en: "Mobile wallet · pays from balance",
    user_id: "u-chen",
    user_name: "陈思远",
    id_number: "330106198805203216",
    mobile: "13800138000",
    plates: "浙A12345",
    pay_zh: Some("钱包余额"),
    pay_en: Some("Wallet balance"),
    primary: "#1560d4",
    radius: 12,
};

pub const SHOP: Host = Host {
    id: "shop",
    name_zh: "优选商城",
    name_en: "Youxuan Mall",
    tagline_zh: "购物应用 · 收银台结算",
    tagline_en: "Shopping app · pays at its checkout",
    user_id: "u-lin",
    user_name: "林晓雯",
    id_number: "330102199203154321",
    mobile: "13700137000",
    plates: "浙B67890",
    pay_zh: Some("商城收银台"),
    pay_en: Some("Mall checkout"),
    primary: "#b93a07",
    radius: 6,
};

pub const MICROBLOG: Host = Host {
    id: "microblog",
    name_zh: "微语",
    name_en: "Weiyu",
    tagline_zh: "微博客 · 无钱包，跳转支付页",
    tagline_en: "Microblog · no wallet, payment page fallback",
    user_id: "u-zhou",
    user_name: "周文博",
    id_number: "330105199508112658",
    mobile: "13971234567",
    plates: "",
    pay_zh: None,
    pay_en: None,
    primary: "#f0566b",
    radius: 16,
};

pub const MESSENGER: Host = Host {
    id: "messenger",
    name_zh: "信使",
    name_en: "Xinshi Messenger",
    tagline_zh: "即时通讯 · iframe + postMessage · 大字模式",
    tagline_en: "Messenger · iframe + postMessage · large text",
    user_id: "u-huang",
    user_name: "黄嘉琪",
    id_number: "440304199011232427",
    mobile: "13823456789",
    plates: "",
    pay_zh: Some("信使支付"),
    pay_en: Some("Xinshi Pay"),
    primary: "#0b7a3e",
    radius: 10,
};

pub const HOSTS: [Host; 4] = [WALLET, SHOP, MICROBLOG, MESSENGER];

impl Host {
    pub fn by_id(id: &str) -> Option<Host> {
        HOSTS.iter().find(|h| h.id == id).copied()
    }

    pub fn name(&self, zh: bool) -> &'static str {
        if zh {
            self.name_zh
        } else {
            self.name_en
        }
    }

    /// The host's theme for the panels (tokens only).
    pub fn theme(&self) -> Theme {
        let v = serde_json::json!({ "primary": self.primary, "radius": self.radius });
        citypanel::theme::parse_theme(&v).unwrap_or_default()
    }
}
