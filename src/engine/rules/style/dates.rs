//! Month names and the date patterns the date rules share.

use crate::engine::analysis::{Analysis, TokenKind};

/// A month as written: its number (1-12), whether the text is an abbreviation, and the AP form
/// to use with a day ("Jan.", "March").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Month {
    pub number: u8,
    pub abbreviated: bool,
}

pub(crate) const FULL: [&str; 12] = [
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

/// AP Stylebook, "months": the form used with a specific date.
pub(crate) const AP_WITH_DAY: [&str; 12] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
];

/// Recognise a capitalised month name or a common abbreviation (without its full stop).
pub(crate) fn month(word: &str) -> Option<Month> {
    if let Some(i) = FULL.iter().position(|m| *m == word) {
        return Some(Month {
            number: i as u8 + 1,
            abbreviated: false,
        });
    }
    let n = match word {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" | "Sept" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    Some(Month {
        number: n,
        abbreviated: true,
    })
}

/// A day of the month written in figures, with or without an ordinal suffix: (day, suffix
/// start offset within the token if any).
pub(crate) fn day(token: &str) -> Option<(u8, Option<usize>)> {
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let n: u8 = token[..digits].parse().ok()?;
    if !(1..=31).contains(&n) {
        return None;
    }
    let rest = &token[digits..];
    if rest.is_empty() {
        return Some((n, None));
    }
    let expected = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    // Accept any ordinal suffix (a wrong one, "2th", is still a suffix to drop).
    if rest.eq_ignore_ascii_case(expected) || matches!(rest, "st" | "nd" | "rd" | "th") {
        Some((n, Some(digits)))
    } else {
        None
    }
}

/// A month followed by a day: (month token index, optional "." token index, day token index).
pub(crate) struct MonthDay {
    pub month: usize,
    pub dot: Option<usize>,
    pub day: usize,
}

/// Every "Month day" pair in the analysis ("May 7", "Sept. 3rd", "Jan 5").
pub(crate) fn month_days(a: &Analysis) -> Vec<(MonthDay, Month, u8, Option<usize>)> {
    let text = a.text();
    let t = &a.tokens;
    let mut out = Vec::new();
    for i in 0..t.len() {
        if t[i].kind != TokenKind::Word {
            continue;
        }
        let Some(m) = month(&text[t[i].range.clone()]) else {
            continue;
        };
        let mut j = i + 1;
        let mut dot = None;
        if m.abbreviated
            && t.get(j)
                .is_some_and(|d| &text[d.range.clone()] == "." && d.range.start == t[i].range.end)
        {
            dot = Some(j);
            j += 1;
        }
        let Some(d) = t.get(j) else { continue };
        let end_prev = t[j - 1].range.end;
        let gap = &text[end_prev..d.range.start];
        if d.kind != TokenKind::Number || gap != " " {
            continue;
        }
        let Some((n, suffix)) = day(&text[d.range.clone()]) else {
            continue;
        };
        // "May 7-9", "May 7/8", "May 7.5": not a plain date.
        if let Some(next) = t.get(j + 1) {
            let ns = &text[next.range.clone()];
            if next.range.start == d.range.end
                && (matches!(ns, "-" | "–" | "/" | "." | ":" | "%")
                    && t.get(j + 2).is_some_and(|x| {
                        x.kind == TokenKind::Number && x.range.start == next.range.end
                    })
                    || ns == "%")
            {
                continue;
            }
        }
        out.push((
            MonthDay {
                month: i,
                dot,
                day: j,
            },
            m,
            n,
            suffix,
        ));
    }
    out
}
