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

/// Days of the week, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A month or a day of the week ("May", "thursday"), any case.
pub fn is_calendar_word(w: &str) -> bool {
    MONTHS
        .iter()
        .chain(WEEKDAYS.iter())
        .any(|x| x.eq_ignore_ascii_case(w))
}

/// AP Stylebook, "months": the form used with a specific date (Jan., Feb., Aug., Sept., Oct.,
/// Nov., Dec. abbreviated; March to July spelled out).
pub const MONTHS_AP_WITH_DAY: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

/// Number words zero to nineteen, by value.
pub const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// Tens by value (`TENS[2]` is "twenty"); the first two are empty.
pub const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// A single number word ("seven", "Forty", "hundred"), any case.
pub fn is_number_word(w: &str) -> bool {
    ONES.iter()
        .chain(TENS.iter().filter(|t| !t.is_empty()))
        .chain(std::iter::once(&"hundred"))
        .any(|x| x.eq_ignore_ascii_case(w))
}
