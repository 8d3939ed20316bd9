//! Value rules for Chinese civic formats. The browser and the sandbox call the same functions:
//! one rule set, both sides. Each failure has a stable [`RuleError::code`] and a localized
//! [`RuleError::user_message`].

mod city;
mod id_number;
mod messages;
mod mobile;
mod numeric;
mod plate;
mod text;
mod vin;

pub use city::is_city_code;
pub use id_number::{id_check_digit, validate_id_number};
pub use mobile::validate_mobile;
pub use numeric::{format_yuan, parse_yuan, validate_amount, validate_date, validate_number};
pub use plate::{validate_engine_tail, validate_plate, PROVINCES};
pub use text::{is_han, validate_consent, validate_option, validate_text};
pub use vin::{validate_vin, vin_check_digit};

use crate::time::Date;
use crate::vocab::Allowed;
use thiserror::Error;

/// Why a value failed its rule. `code()` is stable; `Display` is a developer message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleError {
    #[error("value is empty")]
    Empty,
    #[error("`{0}` does not start with a province character")]
    PlateProvince(String),
    #[error("`{0}` needs a letter after the province character")]
    PlateAuthority(String),
    #[error("`{0}` must have 5 characters (6 for new-energy) after the letter")]
    PlateLength(String),
    #[error("`{0}` contains a character not allowed on a plate")]
    PlateCharacter(String),
    #[error("`{0}` is not a valid new-energy plate serial")]
    PlateNewEnergy(String),
    #[error("`{0}` must be exactly {1} characters")]
    Length(String, usize),
    #[error("`{0}` may contain only letters and digits")]
    Alphanumeric(String),
    #[error("value has {0} characters; the limit is {1}")]
    TooLong(usize, usize),
    #[error("value has {0} characters; at least {1} are needed")]
    TooShort(usize, usize),
    #[error("`{0}` has characters outside the `{1}` set")]
    Characters(String, Allowed),
    #[error("`{0}` is a 15-digit legacy id number; 18 characters are needed")]
    IdLegacy(String),
    #[error("`{0}` must be 18 characters")]
    IdLength(String),
    #[error("`{0}` must be 17 digits then a digit or `X`")]
    IdCharacter(String),
    #[error("`{0}` does not contain a real birth date")]
    IdBirthDate(String),
    #[error("`{0}` fails the gb 11643 check digit")]
    IdChecksum(String),
    #[error("`{0}` is not a mainland mobile number (11 digits starting 13–19)")]
    Mobile(String),
    #[error("`{0}` must be 17 characters")]
    VinLength(String),
    #[error("`{0}` may contain only digits and letters other than `I`, `O`, `Q`")]
    VinCharacter(String),
    #[error("`{0}` fails the iso 3779 check digit (position 9)")]
    VinChecksum(String),
    #[error("`{0}` is not a date `yyyy-MM-dd`")]
    DateFormat(String),
    #[error("`{0}` is not a real calendar date")]
    DateInvalid(String),
    #[error("`{0}` is before `{1}`")]
    DateTooEarly(String, Date),
    #[error("`{0}` is after `{1}`")]
    DateTooLate(String, Date),
    #[error("`{0}` is not an amount in yuan with at most 2 decimals")]
    AmountFormat(String),
    #[error("`{0}` must be more than zero")]
    AmountPositive(String),
    #[error("`{0}` is below the minimum of {1} fen")]
    AmountTooSmall(String, i64),
    #[error("`{0}` is above the maximum of {1} fen")]
    AmountTooLarge(String, i64),
    #[error("`{0}` is not a whole number")]
    NumberFormat(String),
    #[error("`{0}` is below the minimum of {1}")]
    NumberTooSmall(String, i64),
    #[error("`{0}` is above the maximum of {1}")]
    NumberTooLarge(String, i64),
    #[error("`{0}` is not one of the options")]
    NotAnOption(String),
    #[error("consent is required")]
    ConsentRequired,
}

impl RuleError {
    /// A stable machine-readable code, e.g. `plate.province`.
    pub fn code(&self) -> &'static str {
        use RuleError::*;
        match self {
            Empty => "required",
            PlateProvince(_) => "plate.province",
            PlateAuthority(_) => "plate.authority",
            PlateLength(_) => "plate.length",
            PlateCharacter(_) => "plate.character",
            PlateNewEnergy(_) => "plate.new_energy",
            Length(..) => "length",
            Alphanumeric(_) => "alphanumeric",
            TooLong(..) => "too-long",
            TooShort(..) => "too-short",
            Characters(..) => "text.allowed",
            IdLegacy(_) => "id_number.legacy",
            IdLength(_) => "id_number.length",
            IdCharacter(_) => "id_number.character",
            IdBirthDate(_) => "id_number.birth_date",
            IdChecksum(_) => "id_number.checksum",
            Mobile(_) => "mobile.format",
            VinLength(_) => "vin.length",
            VinCharacter(_) => "vin.character",
            VinChecksum(_) => "vin.checksum",
            DateFormat(_) => "date.format",
            DateInvalid(_) => "date.invalid",
            DateTooEarly(..) => "date.min",
            DateTooLate(..) => "date.max",
            AmountFormat(_) => "amount.format",
            AmountPositive(_) => "amount.positive",
            AmountTooSmall(..) => "amount.min",
            AmountTooLarge(..) => "amount.max",
            NumberFormat(_) => "number.format",
            NumberTooSmall(..) => "number.min",
            NumberTooLarge(..) => "number.max",
            NotAnOption(_) => "select.option",
            ConsentRequired => "consent.required",
        }
    }
}

/// Removes whitespace and upper-cases ASCII letters (ID numbers, VINs).
pub(crate) fn compact_upper(raw: &str) -> String {
    raw.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect()
}
