//! Straight and curly quotation marks and apostrophes mixed in one draft ("Russia's" among
//! "Russia’s").
//!
//! ## What it finds
//! A draft whose quotation marks and apostrophes are mostly curly (“ ” ‘ ’) with a few straight
//! ones (" '), or the reverse: the marks in the minority style are reported and converted to
//! the draft's majority style. With `[style] quotes = "curly"` (or `"straight"`) every mark of
//! the other style is reported, whatever the majority.
//!
//! ## Why it matters
//! A stray straight apostrophe is the fingerprint of a sentence pasted from another source
//! (a caption field, an email, a wire story) into a typeset draft; it shows in print and on the
//! page. AP Stylebook, "quotation marks" and "apostrophe", sets the rules for the marks; the
//! style of the glyph is the house's, and it must be one style throughout.
//!
//! ## Example
//! ```text
//! Canada’s prime minister met Mexico's president on Tuesday. (all other marks curly)
//!                             ^^^^^^^^ straight apostrophe: “Mexico’s”
//! ```
//! Left alone: feet and inches after a figure (6'2", 5' tall), marks in code, HTML tags, link
//! destinations and URLs, tables.
//!
//! ## Fix safety
//! Safe where the mark's role is certain: an apostrophe inside or at the end of a word or before
//! a decade ('90s) becomes ’, a double quote opening or closing a word becomes “ or ”, and a
//! curly mark becomes straight. Unsafe for a straight single quote opening a word (‘ as a
//! quotation mark, or ’ in an elision such as 'em) when no closing mark follows it. When the
//! draft has no clear majority (the minority is more than a third of the marks) and the house
//! sets no style, one finding says so, with no fix: choose a style with `[style] quotes`.
//!
//! ## Configuration
//! `[style] quotes = "any" | "curly" | "straight"` (default "any": the draft's own majority).
//! Turn it off with `[rules] "style/quote-marks" = "off"`.

use std::ops::Range;

use crate::engine::analysis::TokenKind;
use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

use super::text::{BlockKind, StyleText};
use super::Quotes;

pub struct QuoteMarks;

/// Words that begin with an apostrophe marking a missing letter.
const ELISIONS: &[&str] = &[
    "em", "til", "tis", "twas", "cause", "n", "bout", "round", "nuff", "cos", "kay", "sup",
];

struct Mark {
    at: usize,
    curly: bool,
    /// The other style's mark and whether converting to it is certain.
    convert: Option<(char, bool)>,
}

impl Rule for QuoteMarks {
    crate::rule_meta!("style/quote-marks", Severity::Info, "quote_marks.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(settings) = super::active(cx, self.id()) else {
            return;
        };
        let a = cx.analysis;
        let text = a.text();
        let st = StyleText::of(a);
        let mut marks: Vec<Mark> = Vec::new();
        for b in &st.blocks {
            if b.kind == BlockKind::Table {
                continue;
            }
            collect(text, b.range.clone(), a, &st, &mut marks);
        }
        let curly = marks.iter().filter(|m| m.curly).count();
        let straight = marks.len() - curly;
        let target_curly = match settings.quotes {
            Quotes::Curly => true,
            Quotes::Straight => false,
            Quotes::Any => {
                if curly == 0 || straight == 0 {
                    return;
                }
                let (major, minor) = (curly.max(straight), curly.min(straight));
                if major < 2 * minor {
                    // No clear majority: one finding, no fix.
                    let first_curly = marks.iter().position(|m| m.curly).unwrap_or(0);
                    let first_straight = marks.iter().position(|m| !m.curly).unwrap_or(0);
                    let second_style_curly = if curly != straight {
                        curly < straight
                    } else {
                        first_curly > first_straight
                    };
                    let Some(m) = marks.iter().find(|m| m.curly == second_style_curly) else {
                        return;
                    };
                    let r = word_around(a, m.at);
                    out.push(Finding::new(
                        self.id(),
                        r,
                        format!(
                            "This draft mixes straight ({straight}) and curly ({curly}) quotation marks and apostrophes; pick one style (`[style] quotes` in copydesk.toml)"
                        ),
                    ));
                    return;
                }
                curly > straight
            }
        };
        for m in marks.iter().filter(|m| m.curly != target_curly) {
            let Some((to, certain)) = m.convert else {
                continue;
            };
            let mark = text[m.at..].chars().next().unwrap_or(' ');
            let r = word_around(a, m.at);
            let word = &text[r.clone()];
            let fixed = format!(
                "{}{}{}",
                &text[r.start..m.at],
                to,
                &text[m.at + mark.len_utf8()..r.end]
            );
            let (what, style) = match (mark, target_curly) {
                ('\'' | '’' | '‘', true) => ("Straight single quote or apostrophe", "curly"),
                (_, true) => ("Straight quotation mark", "curly"),
                ('\'' | '’' | '‘', false) => ("Curly single quote or apostrophe", "straight"),
                (_, false) => ("Curly quotation mark", "straight"),
            };
            let why = if settings.quotes == Quotes::Any {
                "a draft that otherwise uses"
            } else {
                "house style uses"
            };
            let edit = vec![Edit::replace(m.at..m.at + mark.len_utf8(), to.to_string())];
            let title = format!("Write “{fixed}”");
            let fix = if certain {
                Fix::safe(title, edit)
            } else {
                Fix::unsafe_(title, edit)
            };
            out.push(
                Finding::new(
                    self.id(),
                    r,
                    format!("{what} in {why} {style} marks: “{word}” → “{fixed}”"),
                )
                .with_fix(fix),
            );
        }
    }
}

/// The word token the mark is part of (for a readable range), or the mark itself.
fn word_around(a: &crate::engine::analysis::Analysis, at: usize) -> Range<usize> {
    let i = a.tokens.partition_point(|t| t.range.end <= at);
    if let Some(t) = a.tokens.get(i) {
        if t.range.start <= at && t.kind == TokenKind::Word {
            return t.range.clone();
        }
    }
    let len = a.text()[at..].chars().next().map_or(1, char::len_utf8);
    at..at + len
}

fn collect(
    text: &str,
    block: Range<usize>,
    a: &crate::engine::analysis::Analysis,
    st: &StyleText,
    out: &mut Vec<Mark>,
) {
    let s = &text[block.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '\'' | '"' | '‘' | '’' | '“' | '”') {
            continue;
        }
        let at = block.start + i;
        if a.is_ignored(&(at..at + c.len_utf8())) || st.in_markup(at) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        let opening_context = prev.is_none_or(|p| {
            p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '“' | '‘' | '"')
        });
        match c {
            '‘' | '’' => out.push(Mark {
                at,
                curly: true,
                convert: Some(('\'', true)),
            }),
            '“' | '”' => out.push(Mark {
                at,
                curly: true,
                convert: Some(('"', true)),
            }),
            '"' => {
                if prev.is_some_and(|p| p.is_ascii_digit()) {
                    continue; // inches
                }
                let next_space = next.is_none_or(char::is_whitespace);
                let convert = if opening_context && !next_space {
                    Some(('“', true))
                } else if !opening_context
                    && (next_space || next.is_some_and(|n| n.is_ascii_punctuation()))
                {
                    Some(('”', true))
                } else {
                    None
                };
                if convert.is_some() {
                    out.push(Mark {
                        at,
                        curly: false,
                        convert,
                    });
                }
            }
            '\'' => {
                let next_alnum = next.is_some_and(char::is_alphanumeric);
                let prev_alnum = prev.is_some_and(char::is_alphanumeric);
                // Feet after a figure: 5' or 6'2".
                if prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_none_or(|n| n.is_ascii_digit() || n.is_whitespace() || n == '"')
                {
                    continue;
                }
                let convert = if prev_alnum {
                    // Inside a word (don't, Russia's) or at its end (players', or a closing
                    // quote): both are ’ in curly typography.
                    Some(('’', true))
                } else if opening_context && next_alnum {
                    if next.is_some_and(|n| n.is_ascii_digit()) {
                        Some(('’', true)) // '90s
                    } else {
                        let word: String = chars[k + 1..]
                            .iter()
                            .map(|x| x.1)
                            .take_while(|x| x.is_alphabetic())
                            .collect::<String>()
                            .to_lowercase();
                        if ELISIONS.contains(&word.as_str()) {
                            Some(('’', false))
                        } else {
                            // An opening single quote; certain when a closing one follows.
                            let closes = has_closing(&chars[k + 1..]);
                            Some(('‘', closes))
                        }
                    }
                } else {
                    None
                };
                if convert.is_some() {
                    out.push(Mark {
                        at,
                        curly: false,
                        convert,
                    });
                }
            }
            _ => {}
        }
    }
}

/// A straight single quote ending a word later in the block (a closing quote).
fn has_closing(chars: &[(usize, char)]) -> bool {
    chars.iter().enumerate().any(|(k, &(_, c))| {
        c == '\''
            && k > 0
            && chars[k - 1].1.is_alphabetic()
            && chars.get(k + 1).is_none_or(|n| !n.1.is_alphanumeric())
    })
}
