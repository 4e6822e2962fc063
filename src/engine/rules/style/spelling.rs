//! British and American spellings: the house's variety, or at least one variety per draft
//! ("organization" … "organisation").
//!
//! ## What it finds
//! With `[style] spelling = "us"` (the AP profile), a British spelling (in running text, and
//! lower-case words of headlines and captions):
//! "organisation", "colour", "travelled", "centre", "defence". With `spelling = "uk"` (the UK
//! profile), an American one. With `spelling = "any"`, nothing in a draft that keeps to one
//! variety, and the minority variety in a draft that mixes them.
//!
//! Only words with a clear counterpart are compared, from a table of a few hundred pairs
//! written for this project. Left alone: capitalised words inside a sentence (names such as
//! "Labour Party", "Sydney Harbour", "Lincoln Center") and at the start of one when another
//! capitalised word follows ("Harbour City have signed…"), words that are British too ("meter" as a
//! gauge, "program" as software, "tire", "check", "story"), and -ize spellings under the UK
//! setting (Oxford spelling is British; under "any" a draft must still keep to one of -ise
//! and -ize).
//!
//! ## Why it matters
//! AP Stylebook, "dictionaries": AP follows Webster's New World College Dictionary, which gives
//! American spellings. A wire story from a British agency pasted into an American draft (or the
//! reverse) leaves a mixture that readers notice.
//!
//! ## Example
//! ```text
//! The organisation said its members had travelled overnight.
//!     ^^^^^^^^^^^^ AP: “organization”        ^^^^^^^^^ AP: “traveled”
//! ```
//!
//! ## Fix safety
//! Unsafe: the counterpart keeps the word's meaning, but a lower-case word can still be part of a
//! name or a quoted title, so an editor confirms.
//!
//! ## Configuration
//! `[style] spelling = "us" | "uk" | "any"` (AP profile: "us"; UK profile: "uk"). Turn it off
//! with `[rules] "style/spelling-variant" = "off"`.

use crate::engine::analysis::TokenKind;
use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

use super::spelling_table::{maybe_listed, Entry, Variety, SPELLINGS};
use super::text::{match_case, per_block, split_possessive, BlockKind, Start, StyleText};
use super::Spelling;
use crate::engine::hashing::Memo;
use std::sync::Arc;

pub struct SpellingVariant;

struct Hit<'e> {
    range: std::ops::Range<usize>,
    entry: &'e Entry,
}

impl Rule for SpellingVariant {
    crate::rule_meta!("style/spelling-variant", Severity::Hint, "spelling.rs");

    /// Under "any" the draft's majority decides, so the whole draft is read.
    fn scope(&self, config: &crate::engine::config::Config) -> crate::engine::rules::Scope {
        if config.style.settings().spelling != super::Spelling::Any {
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
        let table = &*SPELLINGS;
        let mut hits: Vec<Hit> = Vec::new();
        // The table's words of each block, relative to the block: (start, length, entry).
        static BLOCKS: Memo<u64, Arc<Vec<(usize, usize, &'static Entry)>>> = Memo::new(8192);
        let per = per_block(&BLOCKS, a, &st, |b, tokens| {
            let mut found = Vec::new();
            let mut lowered = String::new();
            for i in tokens {
                let t = &a.tokens[i];
                if t.kind != TokenKind::Word {
                    continue;
                }
                let w = &text[t.range.clone()];
                let (stem, _) = split_possessive(w);
                if stem.len() < 4 || !stem.is_ascii() {
                    continue;
                }
                let bytes = stem.as_bytes();
                // The sketch reads the length and the last two letters, which are lower case
                // in every word we accept.
                if !maybe_listed(bytes) {
                    continue;
                }
                let key: &str = if bytes[0].is_ascii_lowercase() {
                    stem
                } else if bytes[0].is_ascii_uppercase()
                    && bytes[1..].iter().all(u8::is_ascii_lowercase)
                    && st.start[i] == Start::Hard
                    && b.kind != BlockKind::Heading
                    && !name_follows(&text[t.range.end..])
                {
                    lowered.clear();
                    lowered.push(bytes[0].to_ascii_lowercase() as char);
                    lowered.push_str(&stem[1..]);
                    &lowered
                } else {
                    continue;
                };
                let Some(entry) = table.get(key) else {
                    continue;
                };
                // Headlines and captions too, but only their lower-case words: in title case
                // a capital says nothing about names.
                if b.kind == BlockKind::Table || st.in_markup(t.range.start) {
                    continue;
                }
                found.push((t.range.start - b.range.start, stem.len(), entry));
            }
            found
        });
        for (start, found) in per {
            for &(at, len, entry) in found.iter() {
                hits.push(Hit {
                    range: start + at..start + at + len,
                    entry,
                });
            }
        }
        if hits.is_empty() {
            return;
        }
        // An American form counts unless it is also British; under the UK setting an -ize
        // form is also left alone (Oxford spelling), while "any" holds a draft to one of
        // -ise and -ize.
        let uk_setting = settings.spelling == Spelling::Uk;
        let countable = |h: &Hit| {
            h.entry.variety == Variety::Uk || h.entry.reportable && !(uk_setting && h.entry.oxford)
        };
        let (target, house) = match settings.spelling {
            Spelling::Us => (Variety::Us, true),
            Spelling::Uk => (Variety::Uk, true),
            Spelling::Any => {
                let uk = hits
                    .iter()
                    .filter(|h| h.entry.variety == Variety::Uk)
                    .count();
                let us = hits
                    .iter()
                    .filter(|h| h.entry.variety == Variety::Us && countable(h))
                    .count();
                if uk == 0 || us == 0 {
                    return;
                }
                let first_uk = hits.iter().position(|h| h.entry.variety == Variety::Uk);
                let first_us = hits
                    .iter()
                    .position(|h| h.entry.variety == Variety::Us && countable(h));
                let target = if uk != us {
                    if uk > us {
                        Variety::Uk
                    } else {
                        Variety::Us
                    }
                } else if first_uk < first_us {
                    Variety::Uk
                } else {
                    Variety::Us
                };
                (target, false)
            }
        };
        for h in hits
            .iter()
            .filter(|h| h.entry.variety != target && countable(h))
        {
            let written = &text[h.range.clone()];
            let want = match_case(&h.entry.other, written);
            let (this, that) = match target {
                Variety::Us => ("British", "American"),
                Variety::Uk => ("American", "British"),
            };
            let message = if house {
                format!("{this} spelling; house style is {that}: “{want}”")
            } else {
                format!("{this} spelling in a draft that otherwise uses {that} spellings: “{want}”")
            };
            out.push(
                Finding::new(self.id(), h.range.clone(), message).with_fix(Fix::unsafe_(
                    format!("Write “{want}”"),
                    vec![Edit::replace(h.range.clone(), want.clone())],
                )),
            );
        }
    }
}

/// A capitalised word comes next, after one space: the sentence starts with a name ("Harbour
/// City have signed…", "Labour Party officials…"), whose spelling is the name's own.
fn name_follows(rest: &str) -> bool {
    let mut c = rest.chars();
    matches!(c.next(), Some(' ' | '\u{a0}')) && c.next().is_some_and(char::is_uppercase)
}
