//! Two or three spaces between words ("end.  Next").
//!
//! ## What it finds
//! A run of two or three spaces between two visible characters on one line of a paragraph,
//! headline or caption: the double space after a full stop that typists learnt on typewriters,
//! or the gap left where a word was cut.
//!
//! ## Why it matters
//! Web pages collapse the extra space but print, e-paper and many CMS fields do not; and a
//! double space where a word was deleted often marks a cut that went wrong. AP Stylebook,
//! "punctuation" and "spacing": one space after a period.
//!
//! ## Example
//! ```text
//! The bridge reopened on Monday.  Traffic was light.
//!                               ^^ one space
//! ```
//! Left alone: spaces at the start or end of a line (indentation, and Markdown's two-space hard
//! line break), spaces after a list marker ("1.  Item"), tables and lines aligned in columns
//! (two or more runs of three spaces or more, or a tab), code.
//!
//! ## Fix safety
//! Safe: the fix leaves one space.
//!
//! ## Configuration
//! Turn it off with `[rules] "style/double-space" = "off"`, or the whole family with
//! `[style] profile = "none"`.

use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

use super::text::{list_marker_len, BlockKind, StyleText};

pub struct DoubleSpace;

impl Rule for DoubleSpace {
    crate::rule_meta!("style/double-space", Severity::Hint, "double_space.rs");

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
        for l in &a.lines {
            if st.kind_at(l.range.start) == Some(BlockKind::Table) {
                continue;
            }
            let s = &text[l.range.clone()];
            if !s.contains("  ") || s.contains('\t') || s.matches("   ").count() >= 2 {
                continue;
            }
            // Past a list or quote marker: "1.  Item", ">  quoted".
            let skip = list_marker_len(s).max(if s.starts_with('>') { 1 } else { 0 });
            let bytes = s.as_bytes();
            let mut i = skip;
            while i < bytes.len() {
                if bytes[i] != b' ' {
                    i += 1;
                    continue;
                }
                let run_start = i;
                while i < bytes.len() && bytes[i] == b' ' {
                    i += 1;
                }
                let run = i - run_start;
                // Inside the line on both sides (lines are trimmed, so always true), and not
                // right after the list marker.
                if !(2..=3).contains(&run) || run_start == skip || i >= bytes.len() {
                    continue;
                }
                let r = l.range.start + run_start..l.range.start + i;
                if a.is_ignored(&r) || st.in_markup(r.start) {
                    continue;
                }
                out.push(
                    Finding::new(
                        self.id(),
                        r.clone(),
                        format!("{run} spaces where one belongs"),
                    )
                    .with_fix(Fix::safe("Leave one space", vec![Edit::replace(r, " ")])),
                );
            }
        }
    }
}
