//! Two hyphens typed for a dash ("the plan -- if it passes -- would").
//!
//! ## What it finds
//! A pair of hyphens standing for a dash between words: "word--word", "word -- word". Left by
//! typewriter habit, plain-text email and some CMS exports.
//!
//! ## Why it matters
//! AP Stylebook, "dash": the em dash (—) marks an abrupt change or a series within a phrase;
//! two hyphens are how it was typed before word processors, and they survive into print if no
//! one converts them.
//!
//! ## Example
//! ```text
//! The bill -- if it passes -- takes effect in June.
//!          ^^              ^^ write “—”
//! ```
//! Left alone: Markdown table separators and horizontal rules (`|---|`, `---`), front matter,
//! HTML comments and arrows (`<!--`, `-->`), command-line options (`--verbose`), a signature
//! delimiter at the start of a line, figure ranges (`10--12`), code.
//!
//! ## Fix safety
//! Safe: the fix puts an em dash in place of the two hyphens and keeps the spacing as written
//! (AP puts a space on both sides of the dash: the fix does not add any).
//!
//! ## Configuration
//! Turn it off with `[rules] "style/em-dash" = "off"`, or the whole family with
//! `[style] profile = "none"`.

use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

use super::text::{BlockKind, StyleText};

pub struct EmDash;

impl Rule for EmDash {
    crate::rule_meta!("style/em-dash", Severity::Hint, "em_dash.rs");

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
        for hit in memchr::memmem::find_iter(text.as_bytes(), "--") {
            let li = a.lines.partition_point(|l| l.range.end <= hit);
            let Some(l) = a.lines.get(li).filter(|l| l.range.start <= hit) else {
                continue;
            };
            if st.kind_at(l.range.start) == Some(BlockKind::Table) {
                continue;
            }
            let s = &text[l.range.clone()];
            let i = hit - l.range.start;
            let prev = s[..i].chars().next_back();
            let next = s[i + 2..].chars().next();
            // Part of a longer run of hyphens, an HTML comment or an arrow, a line start.
            if i == 0
                || matches!(prev, Some('-' | '<' | '!' | '|' | '+'))
                || matches!(next, Some('-' | '>' | '|'))
            {
                continue;
            }
            let (Some(b), Some(n)) = (prev, next) else {
                continue; // at the end of a line: a signature or a divider
            };
            // "--verbose": an option, not a dash.
            if b.is_whitespace() && n.is_alphanumeric() {
                continue;
            }
            if b.is_ascii_digit() && n.is_ascii_digit() {
                continue;
            }
            let word_like = |c: char| c.is_alphanumeric() || c.is_whitespace();
            if !(word_like(b) || matches!(b, '.' | ',' | '”' | '’' | '"' | ')' | '?' | '!'))
                || !(word_like(n) || matches!(n, '“' | '‘' | '"' | '('))
            {
                continue;
            }
            let r = hit..hit + 2;
            if a.is_ignored(&r) || st.in_markup(r.start) {
                continue;
            }
            out.push(
                Finding::new(self.id(), r.clone(), "Two hyphens for a dash: write “—”")
                    .with_fix(Fix::safe("Write “—”", vec![Edit::replace(r, "—")])),
            );
        }
    }
}
