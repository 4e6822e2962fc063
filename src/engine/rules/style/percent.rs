//! "%", "percent" or "per cent": the house's form, used the same way throughout a draft.
//!
//! ## What it finds
//! A percentage written in a form other than the house's (`[style] percent`): under AP,
//! "87%" and "87 per cent" in running text become "87 percent". Under `percent = "any"` a
//! draft may use any form, but not two: the forms used less often are reported.
//!
//! ## Why it matters
//! AP Stylebook, "percent": "One word. … use figures", with the word in running text in the
//! edition this rule follows (AP has since allowed the % sign; set `percent = "%"` for that).
//! British houses write "per cent" (Times, Economist, FT) or "%" (Guardian, BBC); a story
//! assembled from wire copy often ends up with two of them.
//!
//! ## Example
//! ```text
//! Turnout was 64% in the north and 58 percent in the south.
//!             ^^^ AP: “64 percent”
//! ```
//! Left alone: headlines (AP headlines use "%"), captions and labels, tables, "percentage"
//! and "percentile".
//!
//! ## Fix safety
//! Safe: the fix rewrites the sign or the word and nothing else. Turning a spelled-out number
//! with "percent" into "%" is not offered ("five percent" needs a figure first).
//!
//! ## Configuration
//! `[style] percent = "percent" | "per cent" | "%" | "any"` (AP profile: "percent"; UK profile:
//! "per cent"). Turn it off with `[rules] "style/percent" = "off"`.

use crate::engine::analysis::TokenKind;
use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

use super::text::{match_case, BlockKind, StyleText};
use super::Percent;

pub struct PercentRule;

struct Use {
    form: Percent,
    /// What is written: "%", "percent" or "per cent".
    range: std::ops::Range<usize>,
    /// Whether a figure (not a spelled number) comes right before.
    after_figure: bool,
    /// Where the figure ends (for rewriting "87 percent" as "87%").
    figure_end: usize,
}

fn label(p: Percent) -> &'static str {
    match p {
        Percent::Percent => "percent",
        Percent::PerCent => "per cent",
        Percent::Sign => "%",
        Percent::Any => "any",
    }
}

impl Rule for PercentRule {
    crate::rule_meta!("style/percent", Severity::Hint, "percent.rs");

    /// Under "any" the draft's majority decides, so the whole draft is read.
    fn scope(&self, config: &crate::engine::config::Config) -> crate::engine::rules::Scope {
        if config.style.settings().percent != super::Percent::Any {
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
        let t = &a.tokens;
        let mut uses: Vec<Use> = Vec::new();
        let bytes = text.as_bytes();
        for i in 0..t.len() {
            if !matches!(bytes[t[i].range.start], b'%' | b'p' | b'P') {
                continue;
            }
            let s = &text[t[i].range.clone()];
            let in_scope = |o: usize| st.kind_at(o) == Some(BlockKind::Running) && !st.in_markup(o);
            let prev = i.checked_sub(1).map(|p| &t[p]);
            let after_figure = prev.is_some_and(|p| p.kind == TokenKind::Number);
            let figure_end = prev.map_or(0, |p| p.range.end);
            if s == "%" {
                if after_figure && figure_end == t[i].range.start && in_scope(t[i].range.start) {
                    uses.push(Use {
                        form: Percent::Sign,
                        range: t[i].range.clone(),
                        after_figure,
                        figure_end,
                    });
                }
                continue;
            }
            let is_percent = s.eq_ignore_ascii_case("percent");
            if t[i].kind != TokenKind::Word || !(is_percent || s.eq_ignore_ascii_case("per")) {
                continue;
            }
            let spaced =
                |p: &crate::engine::analysis::Token| &text[p.range.end..t[i].range.start] == " ";
            let number_before = prev.is_some_and(|p| {
                spaced(p)
                    && (p.kind == TokenKind::Number
                        || p.kind == TokenKind::Word && is_number_word(&text[p.range.clone()]))
            });
            if is_percent && number_before && in_scope(t[i].range.start) {
                uses.push(Use {
                    form: Percent::Percent,
                    range: t[i].range.clone(),
                    after_figure: after_figure && spaced(prev.unwrap_or(&t[i])),
                    figure_end,
                });
            } else if !is_percent
                && t.get(i + 1).is_some_and(|c| {
                    text[c.range.clone()].eq_ignore_ascii_case("cent")
                        && &text[t[i].range.end..c.range.start] == " "
                })
                && in_scope(t[i].range.start)
            {
                uses.push(Use {
                    form: Percent::PerCent,
                    range: t[i].range.start..t[i + 1].range.end,
                    after_figure: after_figure && prev.is_some_and(spaced),
                    figure_end,
                });
            }
        }
        if uses.is_empty() {
            return;
        }
        let (target, house) = match settings.percent {
            Percent::Any => {
                let count = |f: Percent| uses.iter().filter(|u| u.form == f).count();
                let forms = [Percent::Percent, Percent::PerCent, Percent::Sign];
                let present = forms.iter().filter(|f| count(**f) > 0).count();
                if present < 2 {
                    return;
                }
                // The most used form; on a tie, the one used first.
                let best = forms
                    .iter()
                    .copied()
                    .max_by_key(|f| {
                        let first = uses.iter().position(|u| u.form == *f).unwrap_or(usize::MAX);
                        (count(*f), std::cmp::Reverse(first))
                    })
                    .unwrap_or(Percent::Percent);
                (best, false)
            }
            p => (p, true),
        };
        for u in &uses {
            if u.form == target {
                continue;
            }
            let written = &text[u.range.clone()];
            let want = label(target);
            let message = if house {
                format!("House style writes “{want}”, not “{written}”")
            } else {
                format!(
                    "This draft mostly writes “{want}”; “{written}” mixes two styles of percentage"
                )
            };
            let mut f = Finding::new(self.id(), u.range.clone(), message);
            let edit = match (u.form, target) {
                (Percent::Sign, _) => Some(Edit::replace(u.range.clone(), format!(" {want}"))),
                (_, Percent::Sign) if u.after_figure => {
                    Some(Edit::replace(u.figure_end..u.range.end, "%".to_string()))
                }
                (_, Percent::Sign) => None,
                _ => Some(Edit::replace(u.range.clone(), match_case(want, written))),
            };
            if let Some(e) = edit {
                f = f.with_fix(Fix::safe(format!("Write “{want}”"), vec![e]));
            }
            out.push(f);
        }
    }
}

use crate::engine::lexicon::is_number_word;
