//! A space before a comma, full stop, colon, semicolon, question mark or exclamation mark
//! ("said , adding").
//!
//! ## What it finds
//! One or more spaces between a word and the punctuation mark that follows it: "Monday ,",
//! "he said .", "Update :". Left by pasting, by deleting a word, or by French typing habits.
//!
//! ## Why it matters
//! In English typography (AP Stylebook, "punctuation") the mark sits against the word. A space
//! before it can also push the mark onto the start of the next line in print.
//!
//! ## Example
//! ```text
//! The council met on Monday , and voted on Tuesday .
//!                          ^                      ^
//! ```
//! Left alone: an ellipsis with spaces ("and ... then", "and . . . then"), a decimal or a file name (" .45",
//! " .com"), emoticons (" :)"), marks followed by a letter or a figure, tables, code, URLs.
//!
//! ## Fix safety
//! Safe: the fix deletes the spaces.
//!
//! ## Configuration
//! Turn it off with `[rules] "style/space-before-punctuation" = "off"`, or the whole family with
//! `[style] profile = "none"`.

use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

use super::text::{BlockKind, StyleText};

pub struct SpaceBeforePunctuation;

impl Rule for SpaceBeforePunctuation {
    crate::rule_meta!(
        "style/space-before-punctuation",
        Severity::Hint,
        "space_before_punctuation.rs"
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
        for l in &a.lines {
            if st.kind_at(l.range.start) == Some(BlockKind::Table) {
                continue;
            }
            let s = &text[l.range.clone()];
            let b = s.as_bytes();
            // Punctuation is rarer than spaces: find it, then look back for a space.
            let mut hits: Vec<usize> = memchr::memchr3_iter(b',', b';', b':', b)
                .chain(memchr::memchr3_iter(b'!', b'?', b'.', b))
                .filter(|&j| j > 1 && b[j - 1] == b' ')
                .collect();
            hits.sort_unstable();
            for j in hits {
                let pb = b[j];
                let mut i = j;
                while i > 0 && b[i - 1] == b' ' {
                    i -= 1;
                }
                if i == 0 {
                    continue;
                }
                let (pi, p) = (j, pb as char);
                let before = s[..i].chars().next_back().unwrap_or(' ');
                if !(before.is_alphanumeric() || matches!(before, '”' | '’' | '"' | ')' | '%'))
                {
                    continue;
                }
                let after = s[j + 1..].chars().next();
                if !after.is_none_or(|x| x.is_whitespace() || matches!(x, '”' | '’' | '"' | '\''))
                {
                    continue; // " .45", " :)", " ...", "?!"
                }
                if p == '.' && s[j + 1..].starts_with(" .") {
                    continue; // a spaced ellipsis ". . ."
                }
                let r = l.range.start + i..l.range.start + pi;
                if a.is_ignored(&(r.start..r.end + 1)) || st.in_markup(r.start) {
                    continue;
                }
                out.push(
                    Finding::new(
                        self.id(),
                        r.start..r.end + p.len_utf8(),
                        format!("Space before “{p}”"),
                    )
                    .with_fix(Fix::safe(
                        format!("Delete the space before “{p}”"),
                        vec![Edit::delete(r)],
                    )),
                );
            }
        }
    }
}
