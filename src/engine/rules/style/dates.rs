//! Month names and the date patterns the date rules share.

use crate::engine::analysis::{Analysis, TokenKind};

/// A month as written: its number (1-12), whether the text is an abbreviation, and the AP form
/// to use with a day ("Jan.", "March").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Month {
    pub number: u8,
    pub abbreviated: bool,
}

pub(crate) use crate::engine::lexicon::{MONTHS as FULL, MONTHS_AP_WITH_DAY as AP_WITH_DAY};

/// Recognise a capitalised month name or a common abbreviation (without its full stop).
pub(crate) fn month(word: &str) -> Option<Month> {
    let b = word.as_bytes();
    if b.len() < 3 || b.len() > 9 || !b[0].is_ascii_uppercase() {
        return None;
    }
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

/// Every "Month day" pair in the analysis ("May 7", "Sept. 3rd", "Jan 5"): (the pair, the
/// month, the day, where the ordinal suffix starts in the day token). Computed once per
/// analysis for the date rules.
pub(crate) struct MonthDays(
    pub Vec<(MonthDay, Month, u8, Option<usize>)>,
    /// Every token that is a month name or abbreviation, with the month.
    pub Vec<(usize, Month)>,
);

pub(crate) fn month_days(a: &Analysis) -> std::sync::Arc<MonthDays> {
    a.cached(|a| {
        let months = find_months(a);
        MonthDays(find_month_days(a, &months), months)
    })
}

fn find_months(a: &Analysis) -> Vec<(usize, Month)> {
    let text = a.text();
    let b = text.as_bytes();
    a.tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            t.kind == TokenKind::Word
                && (3..=9).contains(&t.range.len())
                && matches!(
                    b[t.range.start],
                    b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D'
                )
        })
        .filter_map(|(i, t)| month(&text[t.range.clone()]).map(|m| (i, m)))
        .collect()
}

fn find_month_days(
    a: &Analysis,
    months: &[(usize, Month)],
) -> Vec<(MonthDay, Month, u8, Option<usize>)> {
    let text = a.text();
    let t = &a.tokens;
    let mut out = Vec::new();
    for &(i, m) in months {
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
