//! A comma between a month and a year with no day ("February, 2022").
//!
//! ## What it finds
//! A month followed by a comma and a year, with no day between them: "in February, 2022",
//! "since March, 2019". AP Stylebook, "months": "When a phrase lists only a month and a year,
//! do not separate the year with commas."
//!
//! ## Why it matters
//! The comma belongs after the day ("Feb. 24, 2022"); between a month and a year it is a slip
//! that copy desks on both sides of the Atlantic remove.
//!
//! ## Example
//! ```text
//! The partnership was signed in February, 2022.
//!                               ^^^^^^^^^^^^^^ write “February 2022”
//! ```
//! Left alone: "Feb. 24, 2022" (a full date), "In May, 2,000 people marched" and "By March,
//! 1999 tickets were sold" (the figure after the comma is not a year of that month: only a
//! four-digit year followed by the end of the clause or a function word counts).
//!
//! ## Fix safety
//! Safe: the fix deletes the comma.
//!
//! ## Configuration
//! Follows AP Stylebook, "months". Turn it off with `[rules] "style/month-year-comma" = "off"`,
//! or the whole family with `[style] profile = "none"`.

use crate::engine::analysis::TokenKind;
use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

use super::dates::month_days;
use super::text::{BlockKind, StyleText};

pub struct MonthYearComma;

/// Words that may follow "Month, YYYY" when the year belongs to the month.
const AFTER_YEAR: &[&str] = &[
    "and",
    "but",
    "when",
    "while",
    "after",
    "before",
    "as",
    "in",
    "on",
    "at",
    "to",
    "the",
    "with",
    "for",
    "from",
    "by",
    "amid",
    "during",
    "until",
    "since",
    "or",
    "that",
    "which",
    "who",
    "where",
    "because",
    "although",
    "though",
    "following",
    "through",
    "than",
];

impl Rule for MonthYearComma {
    crate::rule_meta!(
        "style/month-year-comma",
        Severity::Hint,
        "month_year_comma.rs"
    );

    fn scope(&self, _: &crate::engine::config::Config) -> crate::engine::rules::Scope {
        crate::engine::rules::Scope::Paragraph
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if super::active(cx, self.id()).is_none() {
            return;
        }
        let a = cx.analysis;
        let text = a.text();
        let st = StyleText::of(a);
        let t = &a.tokens;
        for &(i, m) in &month_days(a).1 {
            if i + 2 >= t.len() {
                continue;
            }
            if m.abbreviated || st.kind_at(t[i].range.start) == Some(BlockKind::Table) {
                continue;
            }
            let (comma, year) = (&t[i + 1], &t[i + 2]);
            if &text[comma.range.clone()] != ","
                || comma.range.start != t[i].range.end
                || &text[comma.range.end..year.range.start] != " "
            {
                continue;
            }
            let ys = &text[year.range.clone()];
            if year.kind != TokenKind::Number
                || ys.len() != 4
                || !ys.bytes().all(|b| b.is_ascii_digit())
                || !(1700..=2199).contains(&ys.parse::<u32>().unwrap_or(0))
            {
                continue;
            }
            // "By March, 1999 tickets were sold": the figure counts something.
            let clause_ends = match t.get(i + 3) {
                None => true,
                Some(n) => match n.kind {
                    TokenKind::Punct => !matches!(&text[n.range.clone()], "-" | "–" | "%"),
                    TokenKind::Word => {
                        AFTER_YEAR.contains(&text[n.range.clone()].to_lowercase().as_str())
                    }
                    TokenKind::Number => false,
                },
            };
            // A day before the month ("7 May, 2024"): the comma is British date style, not
            // this slip.
            let day_before = i > 0 && t[i - 1].kind == TokenKind::Number;
            if !clause_ends || day_before {
                continue;
            }
            let written = &text[t[i].range.start..year.range.end];
            let month_name = &text[t[i].range.clone()];
            out.push(
                Finding::new(
                    self.id(),
                    t[i].range.start..year.range.end,
                    format!(
                        "No comma between a month and a year: “{month_name} {ys}”, not “{written}”"
                    ),
                )
                .with_fix(Fix::safe(
                    "Delete the comma",
                    vec![Edit::delete(comma.range.clone())],
                )),
            );
        }
    }
}
