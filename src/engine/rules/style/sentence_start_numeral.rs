//! A sentence that begins with a figure ("12 people were hurt.").
//!
//! ## What it finds
//! A sentence in running text whose first word is a figure. AP Stylebook, "numerals": "Spell
//! out a numeral at the beginning of a sentence. If necessary, recast the sentence. There is
//! one exception — a numeral that identifies a calendar year."
//!
//! ## Why it matters
//! A figure at the start of a sentence hides the capital letter that tells the reader a new
//! sentence has begun, and it is a fixed rule in every US and British stylebook.
//!
//! ## Example
//! ```text
//! The count is final. 12 ballots were rejected.
//!                     ^^ AP: “Twelve ballots…” or recast the sentence
//! ```
//! Left alone: years ("2023 was warmer"), numbered list items ("1. Preheat"), times ("10:30"),
//! figures with letters ("3M", "1990s"), headlines and tables.
//!
//! ## Fix safety
//! Unsafe, and offered only for whole numbers up to 99 not written with a "%" sign: the fix
//! spells the number out ("Twelve"), which an editor may prefer to recast instead. Larger
//! figures get no fix: the sentence should be recast.
//!
//! ## Configuration
//! Follows AP Stylebook, "numerals". Turn it off with
//! `[rules] "style/sentence-start-numeral" = "off"`, or the whole family with
//! `[style] profile = "none"`.

use crate::engine::analysis::TokenKind;
use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

use super::text::{Start, StyleText};

pub struct SentenceStartNumeral;

use crate::engine::lexicon::{ONES, TENS};

/// "Twelve", "Eighty-seven" for 1..=99.
pub(crate) fn spell_capitalised(n: u32) -> Option<String> {
    let s = match n {
        1..=19 => ONES[n as usize].to_string(),
        20..=99 if n % 10 == 0 => TENS[(n / 10) as usize].to_string(),
        20..=99 => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
        _ => return None,
    };
    let mut c = s.chars();
    let f = c.next()?;
    Some(f.to_uppercase().collect::<String>() + c.as_str())
}

impl Rule for SentenceStartNumeral {
    crate::rule_meta!(
        "style/sentence-start-numeral",
        Severity::Hint,
        "sentence_start_numeral.rs"
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
        for (i, t) in a.tokens.iter().enumerate() {
            if t.kind != TokenKind::Number || st.start[i] != Start::Hard {
                continue;
            }
            if !st.is_running(t.range.start) || st.in_markup(t.range.start) {
                continue;
            }
            let s = &text[t.range.clone()];
            if !s
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
            {
                continue; // "3M", "1990s", "7th"
            }
            let digits: String = s.chars().filter(char::is_ascii_digit).collect();
            let value: Option<u64> = if s.contains('.') {
                None
            } else {
                digits.parse().ok()
            };
            // A calendar year is AP's exception.
            if !s.contains([',', '.'])
                && s.len() == 4
                && value.is_some_and(|v| (1000..=2999).contains(&v))
            {
                continue;
            }
            let after = text[t.range.end..].chars().next();
            // "1. Item", "2) Item", "10:30", "3/4".
            if matches!(after, Some('.' | ')' | ':' | '/')) {
                continue;
            }
            // A figure right after an opening quotation mark or bracket is still the start,
            // but list markers and the like are not: only a line start or a space before it.
            let before = text[..t.range.start].chars().next_back();
            if before.is_some_and(|c| !c.is_whitespace() && !matches!(c, '“' | '"' | '(' | '‘'))
            {
                continue;
            }
            let mut f = Finding::new(
                self.id(),
                t.range.clone(),
                format!("A sentence should not begin with a figure: spell “{s}” out or recast the sentence (AP: numerals)"),
            );
            if after != Some('%') {
                if let Some(w) = value
                    .and_then(|v| u32::try_from(v).ok())
                    .and_then(spell_capitalised)
                {
                    f = f.with_fix(Fix::unsafe_(
                        format!("Write “{w}”"),
                        vec![Edit::replace(t.range.clone(), w)],
                    ));
                }
            }
            out.push(f);
        }
    }
}
