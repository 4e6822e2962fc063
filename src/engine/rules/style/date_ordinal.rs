//! An ordinal suffix on a date ("May 7th").
//!
//! ## What it finds
//! A month followed by a day written with an ordinal suffix: "May 7th", "Sept. 21st",
//! "March 3rd". AP Stylebook, "dates": "Always use Arabic figures, without st, nd, rd or th".
//!
//! ## Why it matters
//! Ordinal suffixes on dates are the most common house-style slip in pasted copy and in copy
//! written quickly; every AP-style desk removes them.
//!
//! ## Example
//! ```text
//! The inauguration is set for May 7th.
//!                             ^^^^^^^ write “May 7”
//! ```
//! Left alone: "the 7th of May" and "7th May" (the ordinal stands as a noun, rewrite by hand),
//! "7th Avenue", an ordinal that is not after a month.
//!
//! ## Fix safety
//! Safe: the fix deletes the suffix; the date is the same.
//!
//! ## Configuration
//! Follows AP Stylebook, "dates" (and the Guardian style guide agrees). Turn it off with
//! `[rules] "style/date-ordinal" = "off"`, or the whole family with `[style] profile = "none"`.

use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

use super::dates::month_days;

pub struct DateOrdinal;

impl Rule for DateOrdinal {
    crate::rule_meta!("style/date-ordinal", Severity::Info, "date_ordinal.rs");

    fn scope(&self, _: &crate::engine::config::Config) -> crate::engine::rules::Scope {
        crate::engine::rules::Scope::Paragraph
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if super::active(cx, self.id()).is_none() {
            return;
        }
        let a = cx.analysis;
        let text = a.text();
        for (md, _, _, suffix) in month_days(a).0.iter() {
            let Some(s) = suffix else { continue };
            let month = &a.tokens[md.month];
            let day = &a.tokens[md.day];
            let suffix_range = day.range.start + s..day.range.end;
            let written = &text[month.range.start..day.range.end];
            let fixed = &text[month.range.start..suffix_range.start];
            out.push(
                Finding::new(
                    self.id(),
                    month.range.start..day.range.end,
                    format!("Dates take no ordinal suffix: “{fixed}”, not “{written}” (AP: dates)"),
                )
                .with_fix(Fix::safe(
                    format!("Write “{fixed}”"),
                    vec![Edit::delete(suffix_range)],
                )),
            );
        }
    }
}
