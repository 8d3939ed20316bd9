//! English: the fallback for every tag no other locale serves.

use super::{Catalog, Msg};

/// English: the fallback for every tag no other locale serves.
pub struct En;

impl Catalog for En {
    fn serves(&self, locale: &str) -> bool {
        locale.starts_with("en")
    }

    fn text(&self, msg: Msg) -> &'static str {
        use Msg::*;
        match msg {
            Search => "Search",
            Searching => "Searching…",
            NewSearch => "New search",
            Retry => "Try again",
            Required => "required",
            SummaryTitle => "Please correct the following:",
            Unreachable => "The city service platform cannot be reached right now. Check your connection and try again.",
            TimedOut => "The department took too long to answer. Please try again shortly.",
            Malformed => "The department sent an answer we could not read. Please try again shortly.",
            DepartmentError => "The department cannot handle this request right now",
            NotServed => "This service is not offered in this city.",
            Unavailable => "Service unavailable",
            UnavailableDetail => "This service cannot be used right now. Try again later or call the hotline.",
            Loading => "Loading…",
            Hotline => "Hotline",
            Department => "Department",
            Partial => "Some details could not be shown.",
            Truncated => "Only the first 500 records are shown.",
            Submit => "Submit",
            Submitting => "Submitting…",
            ReviewTitle => "Check your details",
            ReviewHint => "These details go to the department when you confirm. Go back to change anything.",
            Confirm => "Confirm and submit",
            ConfirmBooking => "Confirm booking",
            Edit => "Change details",
            HoldSlot => "Hold this time and continue",
            HeldTitle => "This time is held for you: check and confirm",
            HeldLeft => "Held for",
            HoldLapsed => "Your hold on this time ran out and it was released; choose a time again",
            ChangeSlot => "Change time or details",
            Rescheduling => "Moving your booking. It stays booked until you confirm the new time:",
            KeepBooking => "Keep my booking",
            MovedFrom => "Moved. Your previous booking is cancelled:",
            Checking => "Submitted. Checking the outcome…",
            Unsettled => "The outcome is not confirmed yet. Do not submit again; check back later or call the hotline.",
            Cancelling => "Cancelling…",
            CancelledTitle => "Booking cancelled",
            Done => "Done",
            DoneTitle => "Done: your request went through",
            Back => "Back",
            Choose => "Choose…",
            OptionsLoading => "Loading choices…",
            OptionsFailed => "Choices could not be loaded",
            OptionsEmpty => "Nothing to choose from",
            Full => "Full",
            UsePrefill => "Use my account details",
            Prefilled => "Filled from your account; you can change it",
            Closed => "Outside service hours",
            Paused => "Paused for maintenance",
            PayPaused => "Payment paused",
            NextOpen => "Opens again",
            BeijingTime => "Beijing time",
            TimesInBeijing => "Times shown are Beijing time (UTC+8).",
            Credit => "Credit",
            Until => "until ",
            Subscribed => "Reminder set",
            SubscribeFailed => "The reminder could not be set; try again later",
            NoHost => "This app does not support this",
            Updated => "News arrived; the result has been updated",
            PayTitle => "Payment",
            PayNow => "Pay",
            Ordering => "Creating the payment order…",
            Paying => "Complete the payment in the payment window…",
            CheckingPay => "Checking the payment. Do not pay again…",
            Paid => "Payment successful",
            PayFailed => "The payment did not go through. You can try again.",
            PayCancelled => "Payment cancelled; the bill is still unpaid.",
            AlreadyPaid => "This bill has already been paid.",
            PayInFlight => "A payment for this bill is already under way. Checking its result; do not pay again…",
            PayBusy => "Another payment of this bill is under way. It cannot be paid again until that payment is settled; try again later.",
            PayUnsettled => "The payment is still being confirmed. Do not pay again; check the bill again later.",
            PayFallback => "This app cannot take payments. Pay on the payment page, then come back here.",
            OpenPayPage => "Open the payment page",
            ScanToPay => "Scan to pay",
            IPaid => "I have paid",
            Close => "Close",
            OrderNo => "Order number",
            Amount => "Amount",
            Show => "Show",
            Results => "Results",
            Actions => "Actions",
            Found => "Here is what was found",
            BillAmount => "Bill amount",
            PayBy => "Pay by",
            Payee => "Payee",
            Status => "Status",
            Charges => "Charges",
            ConfirmationCode => "Confirmation number",
            StepDone => "Done",
            StepCurrent => "In progress",
            StepPending => "Not started",
            RoadMap => "Road conditions map",
            RoadList => "Conditions by road",
            Stale => "Could not refresh; these are the previous results.",
            PauseRefresh => "Pause auto-refresh",
            Colon => ": ",
            SentenceEnd => ". ",
            ListComma => ", ",
            CatalogTitle => "City services",
            CatalogFailed => "The services cannot be loaded right now. Please try again later.",
            NoMatch => "No service matches your search",
            RecentlyUsed => "Recently used",
            SearchServices => "Search services",
            BadgeOpen => "Open",
            BadgeClosed => "Closed now",
            BadgePayPaused => "Paying paused",
            BadgeMaintenance => "Maintenance",
            MineTitle => "My City",
            MineView => "View",
            MineUnfollow => "Stop following",
            MineFailed => "Your records cannot be loaded right now. Please try again later.",
            MineUnfollowFailed => "This reminder cannot be stopped right now. Please try again.",
            BackToServices => "← All services",
            BackToMine => "← My City",
            MapLabelSep => " — ",
            TopicViolations => "New violations",
            TopicBillDue => "Bills due",
            TopicAppointment => "Appointment reminders",
            TopicProgress => "Progress updates",
            TopicOther => "Reminders",
            MatterBooked => "Booked",
            MatterCancelled => "Cancelled",
            MatterSubmitted => "Submitted",
            MatterWithdrawn => "Withdrawn",
            PaymentPaid => "Paid",
            PaymentProcessing => "Processing",
            NumberPrefix => "No. ",
            RefPrefix => "Ref. ",
            SectionAppointments => "Appointments",
            SectionApplications => "Applications",
            SectionPayments => "Payments",
            SectionReminders => "Reminders",
            ToMine => "My City →",
            BackToPrevious => "← Back",
            BackRefusedSending => "Your request is being sent. Wait for its answer before going back.",
            BackRefusedSettling => "The outcome is being confirmed. Wait a moment before going back, so nothing is done twice.",
            BackRefusedPaying => "A payment is under way. Finish or cancel it before going back.",
            LinkTitle => "This link cannot be opened here",
            LinkUnreadable => "The link is not one this app can read. You can choose the service from the list of city services.",
            LinkNotOffered => "This city does not offer the service the link names. Choose from the services it does offer.",
            Share => "Share",
            Shared => "Shared.",
            ShareCopy => "Copy this link to share the service (it carries no personal data):",
            ShareCopied => "Link copied. It opens this service and carries no personal data:",
            CategoryVehicle => "Vehicles & traffic",
            CategoryMedical => "Health care",
            CategoryLife => "Utility bills",
            CategorySocialSecurity => "Social security",
            CategoryCivilAffairs => "Civil affairs",
            CategoryImmigration => "Exit & entry",
            CategoryCulture => "Culture & libraries",
            CategoryTransport => "Getting around",
            SignInForMine => "Sign in to see your appointments, applications, payments and reminders in this city here.",
            MineEmpty => "Nothing here yet. Appointments, payments and reminders you make will show here.",
            UrgencyOverdue => "Overdue",
            UrgencyDueSoon => "Due soon",
            UrgencyDue => "To do",
            UrgencyInfo => "For you",
            DigestLate => " has not answered yet.",
            DigestUnavailable => " cannot be reached right now.",
            DigestFailed => "What the departments hold for you cannot be loaded right now. Please try again later.",
            SectionWaiting => "Waiting for you",
            AttrName => "Name",
            AttrIdNumber => "ID number",
            AttrMobile => "Mobile",
            AttrPlates => "Plates",
            AttrWaterAccount => "Water account",
            AttrElectricityAccount => "Electricity account",
            AttrGasAccount => "Gas account",
            AttrLibraryCard => "Library card",
            ConsentTitle => "Let My City ask the departments for you?",
            ConsentIntro => "Choose the departments My City may ask what they hold for you: fines, bills, loans, inspections. Each is sent only what is listed under it, and nothing is sent to a department you do not choose. You can change this here at any time.",
            ConsentAllow => "Allow the chosen departments",
            ConsentNotNow => "Not now",
            ConsentManage => "Departments My City may ask",
            ConsentManageIntro => "Unticking a department stops My City asking it at once.",
            ConsentFailed => "Your choice could not be saved. Please try again.",
            ConsentSaving => "Saving…",
        }
    }

    fn count(&self, n: usize) -> String {
        if n == 1 {
            "1 record found".to_string()
        } else {
            format!("{n} records found")
        }
    }

    fn stages(&self, n: usize, current: Option<&str>, all_done: bool) -> String {
        let stages = plural(n, "stage", "stages");
        match current {
            Some(stage) => format!("{n} {stages}, now: {stage}"),
            None if all_done => format!("{n} {stages}, all done"),
            None => format!("{n} {stages}"),
        }
    }

    fn roads(&self, n: usize, levels: &[(String, usize)]) -> String {
        let parts: Vec<String> = levels.iter().map(|(l, c)| format!("{l} {c}")).collect();
        format!("{n} {}: {}", plural(n, "road", "roads"), parts.join(", "))
    }

    fn refresh_every(&self, seconds: u32) -> String {
        format!("Refreshes every {seconds} {}", plural(seconds as usize, "second", "seconds"))
    }

    fn show(&self, label: &str) -> String {
        format!("{} {label}", self.text(Msg::Show))
    }

    fn left(&self, n: u32) -> String {
        format!("{n} left")
    }

    fn paren(&self, x: &str) -> String {
        format!(" ({x})")
    }

    fn for_record(&self, record: &str) -> String {
        format!(" for {record}")
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}
