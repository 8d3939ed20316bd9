//! The SDK's one text catalog: every built-in string is a [`Msg`], spelled in one file per
//! locale ([`zh_cn`], [`en`]), each an exhaustive `match` (a message missing from a locale does
//! not compile). Descriptor and department text comes from the descriptor, not from here.
//!
//! Adding a locale: one file beside these (a unit struct implementing [`Catalog`]) and one line
//! in [`LOCALES`].

pub mod en;
pub mod zh_cn;

/// Defines [`Msg`] and [`Msg::ALL`] from one list, so the list of every message cannot drift.
macro_rules! messages {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// Keys of the built-in strings.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg {
            $($(#[$doc])* $name,)*
        }

        impl Msg {
            /// Every message, in declaration order.
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];
        }
    };
}

messages! {
    Search,
    Searching,
    NewSearch,
    Retry,
    Required,
    SummaryTitle,
    Unreachable,
    TimedOut,
    Malformed,
    DepartmentError,
    NotServed,
    Unavailable,
    UnavailableDetail,
    Loading,
    Hotline,
    Department,
    Partial,
    Truncated,
    Submit,
    Submitting,
    ReviewTitle,
    ReviewHint,
    Confirm,
    ConfirmBooking,
    Edit,
    HoldSlot,
    HeldTitle,
    HeldLeft,
    HoldLapsed,
    ChangeSlot,
    Rescheduling,
    KeepBooking,
    MovedFrom,
    Checking,
    Unsettled,
    Cancelling,
    CancelledTitle,
    Done,
    DoneTitle,
    Back,
    Choose,
    OptionsLoading,
    OptionsFailed,
    OptionsEmpty,
    Full,
    UsePrefill,
    Prefilled,
    Closed,
    Paused,
    PayPaused,
    NextOpen,
    BeijingTime,
    /// Said once above slots and results for a reader not on Beijing time.
    TimesInBeijing,
    Credit,
    Until,
    Subscribed,
    SubscribeFailed,
    NoHost,
    Updated,
    PayTitle,
    PayNow,
    Ordering,
    Paying,
    CheckingPay,
    Paid,
    PayFailed,
    PayCancelled,
    AlreadyPaid,
    PayInFlight,
    PayBusy,
    PayUnsettled,
    PayFallback,
    OpenPayPage,
    ScanToPay,
    IPaid,
    Close,
    OrderNo,
    Amount,
    // The result widgets.
    /// Visible text of a reveal toggle.
    Show,
    /// Fallback table caption.
    Results,
    /// Header of a table's per-row actions column.
    Actions,
    /// Summary of a single-value result.
    Found,
    BillAmount,
    PayBy,
    Payee,
    Status,
    Charges,
    ConfirmationCode,
    StepDone,
    StepCurrent,
    StepPending,
    RoadMap,
    RoadList,
    Stale,
    PauseRefresh,
    // Punctuation, the catalog, My City and the embedded panel.
    /// The label separator.
    Colon,
    /// Between two sentences.
    SentenceEnd,
    /// Between the items of a list in running text.
    ListComma,
    /// The catalog's heading, before the city name.
    CatalogTitle,
    CatalogFailed,
    NoMatch,
    RecentlyUsed,
    SearchServices,
    /// A catalog entry's availability badge.
    BadgeOpen,
    BadgeClosed,
    BadgePayPaused,
    BadgeMaintenance,
    /// My City's heading, before the city name.
    MineTitle,
    MineView,
    MineUnfollow,
    MineFailed,
    MineUnfollowFailed,
    /// The embedded panel's way back to the catalog.
    BackToServices,
    BackToMine,
    ToMine,
    /// Back to the previous screen (a service opened from another service).
    BackToPrevious,
    /// A step back refused while something is in flight (issue 19).
    BackRefusedSending,
    BackRefusedSettling,
    BackRefusedPaying,
    /// A deep link that cannot be followed: the explanation's heading and reasons.
    LinkTitle,
    LinkUnreadable,
    LinkNotOffered,
    /// Sharing a service as a deep link.
    Share,
    Shared,
    ShareCopy,
    ShareCopied,
    /// A followed topic's name.
    TopicViolations,
    TopicBillDue,
    TopicAppointment,
    TopicProgress,
    TopicOther,
    /// A My City row's badge.
    MatterBooked,
    MatterCancelled,
    MatterSubmitted,
    MatterWithdrawn,
    PaymentPaid,
    PaymentProcessing,
    /// Before a matter's number.
    NumberPrefix,
    /// Before a payment's order number.
    RefPrefix,
    /// My City's sections.
    SectionAppointments,
    SectionApplications,
    SectionPayments,
    SectionReminders,
    /// Between the road map's name and its summary.
    MapLabelSep,
    /// Catalog categories.
    CategoryVehicle,
    CategoryMedical,
    CategoryLife,
    CategorySocialSecurity,
    CategoryCivilAffairs,
    CategoryImmigration,
    CategoryCulture,
    CategoryTransport,
    SignInForMine,
    MineEmpty,
    /// How pressing a department's matter is (My City's badge).
    UrgencyOverdue,
    UrgencyDueSoon,
    UrgencyDue,
    UrgencyInfo,
    /// After a department's name, when it did not answer in time / failed.
    DigestLate,
    DigestUnavailable,
    /// The departments' digest could not be loaded.
    DigestFailed,
    /// My City's section of what the departments hold for the citizen.
    SectionWaiting,
    /// Identity attribute classes sent to departments.
    AttrName,
    AttrIdNumber,
    AttrMobile,
    AttrPlates,
    AttrWaterAccount,
    AttrElectricityAccount,
    AttrGasAccount,
    AttrLibraryCard,
    /// The consent step and its management.
    ConsentTitle,
    ConsentIntro,
    ConsentAllow,
    ConsentNotNow,
    ConsentManage,
    ConsentManageIntro,
    ConsentFailed,
    ConsentSaving,
}

/// One locale's text: its messages and the few that are built from numbers or names.
pub trait Catalog: Sync {
    /// Whether this catalog speaks `locale` (a BCP 47 tag such as `zh-CN`).
    fn serves(&self, locale: &str) -> bool;
    /// The text of `msg`.
    fn text(&self, msg: Msg) -> &'static str;
    /// "N records found".
    fn count(&self, n: usize) -> String;
    /// A timeline's summary: `n` stages, the `current` one, or all done.
    fn stages(&self, n: usize, current: Option<&str>, all_done: bool) -> String;
    /// A status board's summary: `n` roads and how many at each level.
    fn roads(&self, n: usize, levels: &[(String, usize)]) -> String;
    /// "Refreshes every N seconds".
    fn refresh_every(&self, seconds: u32) -> String;
    /// The accessible name of a reveal toggle for `label`.
    fn show(&self, label: &str) -> String;
    /// How many places are left in a slot.
    fn left(&self, n: u32) -> String;
    /// `x` in brackets after other text.
    fn paren(&self, x: &str) -> String;
    /// The hidden part of an action button naming its `record`.
    fn for_record(&self, record: &str) -> String;
}

/// The locales the SDK speaks, first match wins; the last one is the fallback for every
/// other tag.
pub static LOCALES: &[&dyn Catalog] = &[&zh_cn::ZhCn, &en::En];

/// The catalog for `locale` (English when none serves it).
pub fn catalog(locale: &str) -> &'static dyn Catalog {
    LOCALES.iter().copied().find(|c| c.serves(locale)).unwrap_or(&en::En)
}

/// Whether `locale` is Chinese (`zh`, `zh-CN`, `zh-Hant`, …); every other locale reads English.
pub fn is_zh(locale: &str) -> bool {
    locale.starts_with("zh")
}

/// The label separator: a full-width colon in Chinese, `": "` otherwise.
pub fn colon(locale: &str) -> &'static str {
    t(locale, Msg::Colon)
}

/// The string for `msg` in `locale`.
pub fn t(locale: &str, msg: Msg) -> &'static str {
    catalog(locale).text(msg)
}

/// "N records found" in `locale`.
pub fn count(locale: &str, n: usize) -> String {
    catalog(locale).count(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_spelled_in_every_locale() {
        for catalog in LOCALES {
            for &msg in Msg::ALL {
                assert!(!catalog.text(msg).trim().is_empty(), "{msg:?} is empty");
            }
        }
        assert!(Msg::ALL.len() > 100);
    }

    #[test]
    fn locales_are_found_by_tag() {
        assert_eq!(t("zh-CN", Msg::Search), "查询");
        assert_eq!(t("zh-Hant", Msg::Search), "查询");
        assert_eq!(t("en", Msg::Search), "Search");
        assert_eq!(t("fr", Msg::Search), "Search", "English for every other tag");
        assert_eq!(
            (count("zh-CN", 2), count("en", 1)),
            ("共查询到 2 条记录".into(), "1 record found".into())
        );
    }
}
