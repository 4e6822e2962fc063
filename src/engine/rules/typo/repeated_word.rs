//! A word typed twice in a row ("the the").
//!
//! ## What it finds
//! The same word twice in succession, separated only by spaces (or a line break), compared
//! without regard to case: "in the the capital", "The the".
//!
//! ## Why it matters
//! Doubled words survive spellcheckers because each word is spelled correctly, and the eye
//! skips the second one when reading at speed, especially across a line break.
//!
//! ## Example
//! ```text
//! Officials said the the talks would resume on Monday.
//!                    ^^^^ repeated word
//! ```
//! Deliberate repetitions are left alone: "had had", "that that", "is is" in a quotation of
//! speech, "bye bye", "so so" and numbers ("10 10") are not reported.
//!
//! ## Fix safety
//! Safe: the fix deletes the second word and the space before it, which cannot change meaning
//! except for the deliberate repetitions excluded above.

use crate::engine::analysis::TokenKind;
use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

pub struct RepeatedWord;

/// Pairs that are grammatical or idiomatic when doubled.
const ALLOWED: &[&str] = &[
    "had", "that", "is", "bye", "so", "very", "no", "yes", "ha", "hey", "knock", "tut", "bang",
    "boo", "chop", "go", "pom", "yada", "blah", "ho", "la", "dum", "cha", "rah", "tsk",
];

impl Rule for RepeatedWord {
    crate::rule_meta!("typo/repeated-word", Severity::Warning, "repeated_word.rs");

    /// Two paragraphs never make a doubled word, so the rule reads one paragraph at a time.
    fn scope(&self, _: &crate::engine::config::Config) -> crate::engine::rules::Scope {
        crate::engine::rules::Scope::Paragraph
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let a = cx.analysis;
        let text = a.text();
        let bytes = text.as_bytes();
        for pair in a.tokens.windows(2) {
            let (x, y) = (&pair[0], &pair[1]);
            // Cheapest test first: most neighbouring words differ in length.
            let (lx, ly) = (x.range.len(), y.range.len());
            if lx != ly && (bytes[x.range.start] < 0x80 && bytes[y.range.start] < 0x80) {
                continue;
            }
            if x.kind != TokenKind::Word || y.kind != TokenKind::Word {
                continue;
            }
            let (w1, w2) = (&text[x.range.clone()], &text[y.range.clone()]);
            if !w1.eq_ignore_ascii_case(w2)
                && (w1.is_ascii() && w2.is_ascii() || w1.to_lowercase() != w2.to_lowercase())
            {
                continue;
            }
            let between = &text[x.range.end..y.range.start];
            if between.is_empty()
                || !between
                    .chars()
                    .all(|c| c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u{a0}')
            {
                continue;
            }
            // A blank line between them means two paragraphs, not a doubled word.
            if between.matches('\n').count() > 1 {
                continue;
            }
            let lower = w1.to_lowercase();
            if ALLOWED.contains(&lower.as_str()) || w1.chars().count() == 1 && lower != "a" {
                continue;
            }
            out.push(
                Finding::new(
                    self.id(),
                    y.range.clone(),
                    format!("Repeated word: “{w1} {w2}”"),
                )
                .with_fix(Fix::safe(
                    format!("Delete the second “{w2}”"),
                    vec![Edit::delete(x.range.end..y.range.end)],
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed, assert_silent};

    #[test]
    fn finds_and_fixes_doubled_words() {
        assert_fixed(
            "typo/repeated-word",
            "Officials said the the talks would resume.",
            "Officials said the talks would resume.",
        );
        assert_fixed(
            "typo/repeated-word",
            "The the vote was close.",
            "The vote was close.",
        );
        assert_fixed("typo/repeated-word", "in a\na second", "in a second");
    }

    #[test]
    fn leaves_deliberate_repetition_and_paragraph_breaks_alone() {
        assert_silent(
            "typo/repeated-word",
            "He had had enough. She said that that was final.",
        );
        assert_silent(
            "typo/repeated-word",
            "It ended with the\n\nthe second paragraph starting oddly.",
        );
        assert_silent(
            "typo/repeated-word",
            "Scores were 10 10 and the, the answer.",
        );
        assert_silent("typo/repeated-word", "Bye bye, said the crowd.");
    }
}
