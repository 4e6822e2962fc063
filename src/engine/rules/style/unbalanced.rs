//! Quotation marks or parentheses left open (or closed without opening) in a paragraph.
//!
//! ## What it finds
//! In one paragraph: an opening “ with no closing ”, a closing ” with no opening “, an odd
//! number of straight double quotes, an opening parenthesis with no closing one, or a closing
//! parenthesis with no opening one.
//!
//! AP Stylebook, "quotation marks": a quotation that runs on into the next paragraph has no
//! closing mark at the end of the first paragraph, and the next paragraph opens with one. That
//! is not reported.
//!
//! ## Why it matters
//! A missing quotation mark changes who is speaking: the reader cannot tell where the source's
//! words end and the reporter's begin. An unclosed parenthesis usually means a cut went
//! wrong.
//!
//! ## Example
//! ```text
//! “We will not resign, the minister said on Monday.
//! ^ no closing quotation mark in this paragraph
//! ```
//! Left alone: list enumerations ("a)", "2)"), emoticons (":)"), feet and inches (6'2"),
//! single quotes (an apostrophe and a closing single quote are the same mark), code, tables.
//!
//! ## Fix safety
//! No fix: only the writer knows where the quotation or the aside ends.
//!
//! ## Configuration
//! Follows AP Stylebook, "quotation marks" and "parentheses". Turn it off with
//! `[rules] "style/unbalanced" = "off"`, or the whole family with `[style] profile = "none"`.

use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

use super::text::{ends_terminal, list_marker_len, BlockKind, StyleText};

pub struct Unbalanced;

impl Rule for Unbalanced {
    crate::rule_meta!("style/unbalanced", Severity::Info, "unbalanced.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if super::active(cx, self.id()).is_none() {
            return;
        }
        let a = cx.analysis;
        let text = a.text();
        let st = StyleText::of(a);
        // Paragraphs, with a paragraph a paste split in two put back together: a block that
        // stops mid-sentence runs on into the next one.
        let mut units: Vec<std::ops::Range<usize>> = Vec::new();
        let mut joinable = false;
        for b in &st.blocks {
            if b.kind == BlockKind::Table {
                joinable = false;
                continue;
            }
            let s = &text[b.range.clone()];
            match units.last_mut() {
                Some(u) if joinable => u.end = b.range.end,
                _ => units.push(b.range.clone()),
            }
            joinable = !ends_terminal(s);
        }
        for (bi, b) in units.iter().enumerate() {
            let s = &text[b.clone()];
            // Does the next paragraph open with a quotation mark (a continued quotation)?
            let next_opens = |mark: char| {
                units.get(bi + 1).is_some_and(|n| {
                    let ns = &text[n.clone()];
                    let ns = &ns[list_marker_len(ns)..];
                    ns.trim_start_matches(['>', ' ']).starts_with(mark)
                })
            };
            let mut curly: Vec<usize> = Vec::new();
            let mut straight: Vec<usize> = Vec::new();
            let mut parens: Vec<usize> = Vec::new();
            let chars: Vec<(usize, char)> = s.char_indices().collect();
            for (k, &(i, c)) in chars.iter().enumerate() {
                if !matches!(c, '“' | '”' | '"' | '(' | ')') {
                    continue;
                }
                let at = b.start + i;
                if a.is_ignored(&(at..at + c.len_utf8())) || st.in_markup(at) {
                    continue;
                }
                let prev = k.checked_sub(1).map(|p| chars[p].1);
                match c {
                    '“' => curly.push(at),
                    '”' => {
                        if curly.pop().is_none() {
                            out.push(Finding::new(
                                self.id(),
                                at..at + c.len_utf8(),
                                "Closing quotation mark with no opening one in this paragraph",
                            ));
                        }
                    }
                    '"' => {
                        if !prev.is_some_and(|p| p.is_ascii_digit()) {
                            straight.push(at);
                        }
                    }
                    '(' => parens.push(at),
                    ')' => {
                        if parens.pop().is_none() && !enumeration_or_emoticon(&chars, k) {
                            out.push(Finding::new(
                                self.id(),
                                at..at + 1,
                                "Closing parenthesis with no opening one in this paragraph",
                            ));
                        }
                    }
                    _ => {}
                }
            }
            if let Some(&o) = curly.first() {
                if !next_opens('“') {
                    out.push(Finding::new(
                        self.id(),
                        o..o + '“'.len_utf8(),
                        "Quotation opened here is not closed in this paragraph",
                    ));
                }
            }
            if straight.len() % 2 == 1 && !next_opens('"') {
                if let Some(&o) = straight.last() {
                    out.push(Finding::new(
                        self.id(),
                        o..o + 1,
                        "Odd number of quotation marks (\") in this paragraph: one is not matched",
                    ));
                }
            }
            if let Some(&o) = parens.first() {
                out.push(Finding::new(
                    self.id(),
                    o..o + 1,
                    "Parenthesis opened here is not closed in this paragraph",
                ));
            }
        }
    }
}

/// "a)", "2)", "iv)" at the start of a line or after a space, and ":)" / ";)" / ":-)".
fn enumeration_or_emoticon(chars: &[(usize, char)], k: usize) -> bool {
    let before: Vec<char> = chars[..k].iter().rev().map(|x| x.1).take(4).collect();
    if matches!(before.first(), Some(':' | ';' | '-' | '=')) {
        return true;
    }
    let label = before
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    (1..=3).contains(&label) && before.get(label).is_none_or(|c| c.is_whitespace())
}
