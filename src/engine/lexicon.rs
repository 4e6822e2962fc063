//! Word tables more than one rule family reads. One copy, so a fix reaches every rule.

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// AP Stylebook, "months": the form used with a specific date (Jan., Feb., Aug., Sept., Oct.,
/// Nov., Dec. abbreviated; March to July spelled out).
pub const MONTHS_AP_WITH_DAY: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];
