//! An ellipsis typed as three full stops where the house uses "…" (or the reverse).
//!
//! ## What it finds
//! With `[style] ellipsis = "…"` (the default), three full stops in a row ("...") where the
//! house sets the single character; with `ellipsis = "..."`, the character "…" where the house
//! types three full stops; with `ellipsis = "any"`, the less used form in a draft that has both.
//!
//! ## Why it matters
//! AP Stylebook, "ellipsis", treats the ellipsis as a three-letter word built of three periods;
//! many houses set it as the one character so that it never breaks across lines. Either way a
//! draft should use one form, and text pasted from elsewhere brings the other.
//!
//! ## Example
//! ```text
//! “We will rebuild... and we will return,” she said.
//!                 ^^^ write “…”
//! ```
//! Left alone: four or more full stops (an ellipsis after a sentence's full stop is the
//! writer's call), spaced dots (". . ."), code and URLs, tables.
//!
//! ## Fix safety
//! Safe: the fix exchanges the three full stops and the single character, nothing else.
//!
//! ## Configuration
//! `[style] ellipsis = "…" | "..." | "any"` (default "…"). Turn it off with
//! `[rules] "style/ellipsis" = "off"`.

use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

use super::text::{BlockKind, StyleText};
use super::Ellipsis;

pub struct EllipsisRule;

impl Rule for EllipsisRule {
    crate::rule_meta!("style/ellipsis", Severity::Hint, "ellipsis.rs");

    /// Under "any" the draft's majority decides, so the whole draft is read.
    fn scope(&self, config: &crate::engine::config::Config) -> crate::engine::rules::Scope {
        if config.style.settings().ellipsis != super::Ellipsis::Any {
            crate::engine::rules::Scope::Paragraph
        } else {
            crate::engine::rules::Scope::Document
        }
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(settings) = super::active(cx, self.id()) else {
            return;
        };
        let a = cx.analysis;
        let text = a.text();
        let st = StyleText::of(a);
        // (range, is the single character)
        let mut uses: Vec<(std::ops::Range<usize>, bool)> = Vec::new();
        for l in &a.lines {
            if st.kind_at(l.range.start) == Some(BlockKind::Table) {
                continue;
            }
            let s = &text[l.range.clone()];
            let b = s.as_bytes();
            let mut skip_to = 0;
            for i in memchr::memchr2_iter(b'.', 0xE2, b) {
                if i < skip_to {
                    continue;
                }
                if b[i] == b'.' {
                    let run = b[i..].iter().take_while(|&&c| c == b'.').count();
                    skip_to = i + run;
                    if run == 3 {
                        uses.push((l.range.start + i..l.range.start + i + 3, false));
                    }
                } else if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6) {
                    // "…" is E2 80 A6 in UTF-8.
                    uses.push((l.range.start + i..l.range.start + i + 3, true));
                }
            }
        }
        uses.retain(|(r, _)| !a.is_ignored(r) && !st.in_markup(r.start));
        let chars = uses.iter().filter(|u| u.1).count();
        let dots = uses.len() - chars;
        let (want_char, house) = match settings.ellipsis {
            Ellipsis::Char => (true, true),
            Ellipsis::Dots => (false, true),
            Ellipsis::Any => {
                if chars == 0 || dots == 0 {
                    return;
                }
                let first_char = uses.iter().position(|u| u.1);
                let first_dots = uses.iter().position(|u| !u.1);
                (
                    if chars != dots {
                        chars > dots
                    } else {
                        first_char < first_dots
                    },
                    false,
                )
            }
        };
        let want = if want_char { "…" } else { "..." };
        for (r, is_char) in uses {
            if is_char == want_char {
                continue;
            }
            let why = if house {
                "house style"
            } else {
                "the rest of this draft"
            };
            out.push(
                Finding::new(
                    self.id(),
                    r.clone(),
                    format!("Ellipsis: {why} writes “{want}”"),
                )
                .with_fix(Fix::safe(
                    format!("Write “{want}”"),
                    vec![Edit::replace(r, want)],
                )),
            );
        }
    }
}
