//! Update and publication stamps: “Updated 3:45 PM EST”, “Last modified on …”, “4 hours ago”.
//!
//! ## What it finds
//! A line made only of a stamp word (updated, last modified, published, posted, reviewed,
//! “ago”) and date and time words: month and day names, numbers, “a.m.”, time zones. For
//! example “Updated 3:45 PM EST”, “Published Thursday 27 July 2017”, “Last updated:
//! 2024-05-02 10:15 ET”, “Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019”,
//! “12 minutes ago”.
//!
//! ## Why it matters
//! The page's time stamps describe the web page, not the story; in a draft they contradict
//! the copy desk's own dateline and date the copy wrongly.
//!
//! ## Example
//! ```text
//! Harbour city elects its first woman mayor
//! Updated 3:45 PM EST, Sun May 5, 2024        <- stamp
//! ```
//! Left alone: a bare date (“April 25, 2024”), datelines (“LISBON (Reuters) —”), and
//! sentences with dates.
//!
//! ## Fix safety
//! Safe: the fix deletes the line.

use super::line::LineView;
use super::scan::Cand;
use super::Kind;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Timestamp;

impl Rule for Timestamp {
    crate::rule_meta!("debris/timestamp", Severity::Warning, "timestamp.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::Timestamp, out);
    }
}

const STAMP: &[&str] = &[
    "updated",
    "update",
    "modified",
    "published",
    "posted",
    "reviewed",
    "edited",
    "ago",
];
const GLUE: &[&str] = &[
    "last",
    "first",
    "originally",
    "on",
    "at",
    "|",
    "•",
    "·",
    "-",
    "–",
    "—",
    "and",
    "just",
    "now",
    "today",
    "yesterday",
    "an",
    "a",
    "am",
    "pm",
    "a.m",
    "p.m",
    "a.m.",
    "p.m.",
    "of",
];
const UNITS: &[&str] = &[
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr",
    "hrs", "h", "day", "days", "week", "weeks", "month", "months", "year", "years",
];
const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];
const DAYS: &[&str] = &[
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
];
const ZONES: &[&str] = &[
    "et", "est", "edt", "pt", "pst", "pdt", "ct", "cst", "cdt", "mt", "mst", "mdt", "gmt", "utc",
    "bst", "cet", "cest", "msk", "ist", "aest", "aedt", "jst", "hkt", "sgt", "eat", "sast", "z",
];

/// A number-like date or time token: "3:45", "2024-05-02", "02.00", "7th", "09.28.15", "3pm".
fn is_numeric(t: &str) -> bool {
    let t = t
        .trim_end_matches("am")
        .trim_end_matches("pm")
        .trim_end_matches("a.m.")
        .trim_end_matches("p.m.");
    let t = t
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    !t.is_empty()
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '/' | '-'))
}

fn is_datetime(t: &str) -> bool {
    let bare = t.trim_end_matches('.');
    is_numeric(t)
        || MONTHS.contains(&bare)
        || DAYS.contains(&bare)
        || ZONES.contains(&bare)
        || GLUE.contains(&t)
        || UNITS.contains(&bare)
}

fn tokens(key: &str) -> impl Iterator<Item = &str> {
    key.split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .map(|t| t.trim_end_matches(':'))
        .filter(|t| !t.is_empty())
}

/// Only date and time words, with a digit: "JULY 26, 2016", "DEC 27", "09.28.15".
pub(super) fn is_date_like(key: &str) -> bool {
    let mut digit = false;
    let mut word = false;
    for t in tokens(key) {
        if is_numeric(t) {
            digit = true;
        } else if t == "ago" {
            word = true;
        } else if is_datetime(t) {
            word |= MONTHS.contains(&t.trim_end_matches('.'));
        } else {
            return false;
        }
    }
    digit && (word || key.contains(':') || key.matches('.').count() >= 2 || key.contains('/'))
}

pub(super) fn line(l: &LineView<'_>) -> Option<Cand> {
    if l.words > 24 {
        return None;
    }
    let (mut stamp, mut digit, mut relative) = (false, false, false);
    let mut n = 0;
    for t in tokens(&l.key) {
        n += 1;
        if STAMP.contains(&t) {
            stamp = true;
        } else if is_numeric(t) {
            digit = true;
        } else if t == "today" || t == "yesterday" || t == "now" {
            relative = true;
        } else if !is_datetime(t) {
            return None;
        }
    }
    (stamp && (digit || relative) && n >= 2).then(|| Cand::strong(Kind::Timestamp))
}

#[cfg(test)]
mod tests {
    use super::is_date_like;
    use crate::engine::testing::{assert_silent, covered, run};

    const RULE: &str = "debris/timestamp";

    #[test]
    fn finds_stamps_in_many_formats() {
        for stamp in [
            "Updated 3:45 PM EST",
            "Updated 3:45 PM EST, Sun May 5, 2024",
            "Last updated: 2024-05-02 10:15 ET",
            "Published Thursday 27 July 2017",
            "Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST",
            "12 minutes ago",
            "Posted yesterday at 9am",
        ] {
            let text = format!("Harbour city elects its first woman mayor\n{stamp}\nVoters in the port city chose a former teacher as mayor on Sunday.\n");
            assert_eq!(covered(&text, &run(RULE, &text)), [stamp], "{stamp}");
        }
    }

    #[test]
    fn dates_and_datelines_stay() {
        assert_silent(
            RULE,
            "April 25, 2024\nLISBON (Reuters) — The port was updated in 2019.\nUpdated\nThe figures were updated on May 3.\n",
        );
    }

    #[test]
    fn date_lines() {
        assert!(is_date_like("july 26, 2016"));
        assert!(is_date_like("dec 27"));
        assert!(is_date_like("09.28.15"));
        assert!(is_date_like("4 hours ago"));
        assert!(!is_date_like("2016"));
        assert!(!is_date_like("the 2016 race"));
    }
}
