//! What a citizen reads for each [`RuleError`], in Chinese or English.

use super::{format_yuan, RuleError};
use crate::vocab::Allowed;

impl RuleError {
    /// The message a citizen sees, in `locale` (`zh…` for Chinese, anything else for English).
    pub fn user_message(&self, locale: &str) -> String {
        use RuleError::*;
        let zh = locale.starts_with("zh");
        let pick = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
        match self {
            Empty => pick("请填写此项", "This field is required"),
            PlateProvince(_) => pick(
                "车牌应以省份简称开头，如“浙”",
                "A plate starts with a province character, such as 浙",
            ),
            PlateAuthority(_) => pick(
                "省份简称后应为一个字母，如“浙A”",
                "The province character is followed by a letter, as in 浙A",
            ),
            PlateLength(_) => pick(
                "字母后应为5位（新能源车6位）字母或数字",
                "After the letter come 5 letters or digits (6 for new-energy vehicles)",
            ),
            PlateCharacter(_) => pick(
                "车牌只能包含字母和数字（不含 I 和 O）",
                "A plate has only letters and digits (no I or O)",
            ),
            PlateNewEnergy(_) => pick(
                "新能源车牌应为 D/F 开头或结尾的6位序号",
                "A new-energy serial has 6 characters starting or ending with D or F",
            ),
            Length(_, n) => pick(&format!("应为{n}位"), &format!("Enter exactly {n} characters")),
            Alphanumeric(_) => pick("只能包含字母和数字", "Use letters and digits only"),
            TooLong(_, n) => {
                pick(&format!("最多{n}个字符"), &format!("Use at most {n} characters"))
            }
            TooShort(_, n) => {
                pick(&format!("至少{n}个字符"), &format!("Use at least {n} characters"))
            }
            Characters(_, set) => match set {
                Allowed::Digits => pick("只能填写数字", "Use digits only"),
                Allowed::Letters => pick("只能填写英文字母", "Use letters only"),
                Allowed::Alphanumeric => pick("只能包含字母和数字", "Use letters and digits only"),
                Allowed::Chinese => pick("只能填写汉字", "Use Chinese characters only"),
            },
            IdLegacy(_) => pick(
                "请填写18位身份证号码（15位旧号码不再使用）",
                "Enter the 18-character ID number (15-digit numbers are no longer used)",
            ),
            IdLength(_) => pick("身份证号码应为18位", "An ID number has 18 characters"),
            IdCharacter(_) => pick(
                "身份证号码应为17位数字加1位数字或X",
                "An ID number is 17 digits followed by a digit or X",
            ),
            IdBirthDate(_) => {
                pick("身份证号码中的出生日期无效", "The birth date in this ID number is not valid")
            }
            IdChecksum(_) => pick(
                "身份证号码校验位不正确，请核对",
                "This ID number's check digit is wrong; check the number",
            ),
            Mobile(_) => pick("请填写11位手机号码", "Enter an 11-digit mainland mobile number"),
            VinLength(_) => pick("车辆识别代号应为17位", "A VIN has 17 characters"),
            VinCharacter(_) => pick(
                "车辆识别代号只能包含数字和字母（不含 I、O、Q）",
                "A VIN has only digits and letters (no I, O or Q)",
            ),
            VinChecksum(_) => pick(
                "车辆识别代号校验位不正确，请核对",
                "This VIN's check digit is wrong; check the number",
            ),
            DateFormat(_) => pick(
                "请按“年-月-日”填写日期，如 2025-04-12",
                "Enter a date as year-month-day, such as 2025-04-12",
            ),
            DateInvalid(_) => pick("该日期不存在", "This date does not exist"),
            DateTooEarly(_, d) => {
                pick(&format!("日期不能早于{d}"), &format!("Choose {d} or later"))
            }
            DateTooLate(_, d) => {
                pick(&format!("日期不能晚于{d}"), &format!("Choose {d} or earlier"))
            }
            AmountFormat(_) => pick(
                "请填写金额（元），最多两位小数",
                "Enter an amount in yuan with at most two decimals",
            ),
            AmountPositive(_) => pick("金额应大于0", "The amount must be more than zero"),
            AmountTooSmall(_, fen) => pick(
                &format!("金额不能低于{}元", format_yuan(*fen)),
                &format!("The amount must be at least ¥{}", format_yuan(*fen)),
            ),
            AmountTooLarge(_, fen) => pick(
                &format!("金额不能超过{}元", format_yuan(*fen)),
                &format!("The amount must be at most ¥{}", format_yuan(*fen)),
            ),
            NumberFormat(_) => pick("请填写整数", "Enter a whole number"),
            NumberTooSmall(_, n) => pick(&format!("不能小于{n}"), &format!("Enter {n} or more")),
            NumberTooLarge(_, n) => pick(&format!("不能大于{n}"), &format!("Enter {n} or less")),
            NotAnOption(_) => pick("请从选项中选择", "Choose one of the options"),
            ConsentRequired => pick("请阅读并勾选同意", "Read and tick to agree"),
        }
    }
}
