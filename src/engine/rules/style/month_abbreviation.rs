//! A month written the wrong way for AP style: "January 5", "Mar. 3", "Sept. 2024".
//!
//! ## What it finds
//! AP Stylebook, "months": with a specific date, abbreviate Jan., Feb., Aug., Sept., Oct.,
//! Nov. and Dec., and spell out March, April, May, June and July; a month without a day (alone
//! or with a year) is spelled out. So "January 5" becomes "Jan. 5", "Mar. 3" and "Sep. 3"
//! become "March 3" and "Sept. 3", and "Jan. 2024" becomes "January 2024".
//!
//! ## Why it matters
//! Month forms are among the first things an AP copy desk normalises; a draft that mixes
//! "Jan. 5" and "February 9" reads as unedited.
//!
//! ## Example
//! ```text
//! The trial opens on January 15 in Denver.
//!                    ^^^^^^^^^^ AP: “Jan. 15”
//! ```
//! Left alone: headlines, datelines, bylines and tables; day-first British dates ("15 January");
//! all-capital datelines ("JAN. 13").
//!
//! ## Fix safety
//! Safe when the month is written out or abbreviated with a full stop: the date does not change.
//! Unsafe for a bare "Jan 5" (no full stop), where "Jan" may be a name.
//!
//! ## Configuration
//! Follows AP Stylebook, "months" and "dates". Off under `[style] profile = "uk"` (British dates
//! spell the month out) and `"none"`; turn it off alone with
//! `[rules] "style/month-abbreviation" = "off"`.

use crate::engine::analysis::TokenKind;
use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

use super::dates::{month_days, AP_WITH_DAY, FULL};
use super::text::{BlockKind, StyleText};

pub struct MonthAbbreviation;

/// Words after which an abbreviated month without a day is a month, not a name.
const BEFORE_MONTH: &[&str] = &[
    "in", "since", "until", "through", "last", "next", "early", "late", "mid", "by", "from", "of",
    "during", "before", "after", "this", "since", "till",
];

impl Rule for MonthAbbreviation {
    crate::rule_meta!(
        "style/month-abbreviation",
        Severity::Hint,
        "month_abbreviation.rs"
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
        let in_scope = |offset: usize| {
            matches!(
                st.kind_at(offset),
                Some(BlockKind::Running) | Some(BlockKind::Caption)
            ) && !st.in_markup(offset)
        };
        let dates = month_days(a);
        let mut with_day = vec![false; a.tokens.len()];
        for (md, m, _, _) in dates.0.iter() {
            with_day[md.month] = true;
            let mt = &a.tokens[md.month];
            if !in_scope(mt.range.start) {
                continue;
            }
            let idx = m.number as usize - 1;
            let want = AP_WITH_DAY[idx];
            let written_end = md.dot.map_or(mt.range.end, |d| a.tokens[d].range.end);
            let written = &text[mt.range.start..written_end];
            if written == want {
                continue;
            }
            let day = &text[a.tokens[md.day].range.clone()];
            let message = format!("AP style with a date: “{want} {day}”, not “{written} {day}”");
            let fix_title = format!("Write “{want}”");
            let edit = vec![Edit::replace(mt.range.start..written_end, want)];
            let fix = if m.abbreviated && md.dot.is_none() {
                Fix::unsafe_(fix_title, edit)
            } else {
                Fix::safe(fix_title, edit)
            };
            out.push(Finding::new(self.id(), mt.range.start..written_end, message).with_fix(fix));
        }
        // An abbreviated month without a day: "Jan. 2024", "in Sept.".
        let t = &a.tokens;
        for &(i, m) in &dates.1 {
            if !m.abbreviated || with_day[i] || !in_scope(t[i].range.start) {
                continue;
            }
            let dot = t
                .get(i + 1)
                .filter(|d| &text[d.range.clone()] == "." && d.range.start == t[i].range.end);
            let after = if dot.is_some() { i + 2 } else { i + 1 };
            let year_follows = t.get(after).is_some_and(|y| {
                let ys = &text[y.range.clone()];
                y.kind == TokenKind::Number
                    && ys.len() == 4
                    && ys.bytes().all(|b| b.is_ascii_digit())
                    && (1700..=2199).contains(&ys.parse::<u32>().unwrap_or(0))
                    && text[t[after - 1].range.end..y.range.start] == *" "
            });
            let month_word_before = i > 0
                && t[i - 1].kind == TokenKind::Word
                && BEFORE_MONTH.contains(&text[t[i - 1].range.clone()].to_lowercase().as_str());
            if !(year_follows || dot.is_some() && month_word_before) {
                continue;
            }
            let end = dot.map_or(t[i].range.end, |d| d.range.end);
            // "in Jan." at a sentence end: the full stop also ends the sentence.
            let sentence_end = dot.is_some() && !year_follows && {
                let rest = text[end..].trim_start();
                rest.is_empty() || rest.starts_with(|c: char| c.is_uppercase())
            };
            let full = FULL[m.number as usize - 1];
            let replacement = if sentence_end {
                format!("{full}.")
            } else {
                full.to_string()
            };
            let written = &text[t[i].range.start..end];
            let edit = vec![Edit::replace(t[i].range.start..end, replacement)];
            let title = format!("Write “{full}”");
            let fix = if dot.is_some() {
                Fix::safe(title, edit)
            } else {
                Fix::unsafe_(title, edit)
            };
            out.push(
                Finding::new(
                    self.id(),
                    t[i].range.start..end,
                    format!("AP style spells out a month without a day: “{full}”, not “{written}”"),
                )
                .with_fix(fix),
            );
        }
    }
}
