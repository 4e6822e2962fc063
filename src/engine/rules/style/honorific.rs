//! A courtesy title used for a person on some references and not on others ("Mr. Putin" …
//! "Putin").
//!
//! ## What it finds
//! A surname that running text gives a courtesy title (Mr., Mrs., Ms., Miss, Mx.) on some later
//! references and leaves bare on others. The less frequent form is reported (on a tie, the
//! form the draft switched to). Not counted: a full name ("Vladimir Putin"), a name after
//! another title ("President Putin"), a name used as a modifier ("the Putin government",
//! "Putin-Xi talks"), headlines, captions and quotations (a speaker's words are the speaker's).
//!
//! ## Why it matters
//! AP Stylebook, "courtesy titles": AP does not use them (except in direct quotations); houses
//! that do (The New York Times, The Wall Street Journal) use them on every later reference. A
//! draft that does both reads as two stories stitched together, which it often is.
//!
//! ## Example
//! ```text
//! Mr. Lindqvist said the plant would close. … Lindqvist did not say when.
//!                                             ^^^^^^^^^ “Mr. Lindqvist” elsewhere (1×)
//! ```
//!
//! ## Fix safety
//! Unsafe: the fix adds the title the draft uses for that surname, or removes it, but two
//! people can share a surname.
//!
//! ## Configuration
//! Follows AP Stylebook, "courtesy titles" (consistency only: a draft that uses the titles
//! throughout is not reported). Turn it off with `[rules] "style/honorific" = "off"`, or the whole
//! family with `[style] profile = "none"`.

use std::ops::Range;

use crate::engine::analysis::{Analysis, TokenKind};
use crate::engine::finding::{Edit, Finding, Fix, Related, Severity};
use crate::engine::rules::{Context, Rule};

use super::text::{is_abbreviation, split_possessive, FastMap, StyleText};

pub struct Honorific;

const TITLES: &[&str] = &["Mr", "Mrs", "Ms", "Miss", "Mx"];

#[derive(Default)]
struct Refs {
    /// (range of "Mr. X", range of "Mr. " to delete, title as written)
    titled: Vec<(Range<usize>, Range<usize>, String)>,
    bare: Vec<Range<usize>>,
    /// Other titles seen with this surname (then it may be two people: left alone).
    titles: Vec<String>,
    first: Option<(usize, bool)>,
}

/// The title before token `i` ("Mr." or "Mrs" with its full stop): (title, start offset).
fn title_before(a: &Analysis, i: usize) -> Option<(String, usize)> {
    let text = a.text();
    // Every title starts with "M": a byte test rules out almost every word.
    let starts_with_m = |j: usize| text.as_bytes()[a.tokens[j].range.start] == b'M';
    let mut j = i.checked_sub(1)?;
    if !starts_with_m(j) && !(j > 0 && starts_with_m(j - 1)) {
        return None;
    }
    let mut dot = false;
    if &text[a.tokens[j].range.clone()] == "." {
        dot = true;
        j = j.checked_sub(1)?;
    }
    let t = &a.tokens[j];
    let w = &text[t.range.clone()];
    let gap = &text[if dot {
        a.tokens[j + 1].range.end
    } else {
        t.range.end
    }..a.tokens[i].range.start];
    if t.kind == TokenKind::Word && TITLES.contains(&w) && gap == " " {
        let title = if dot { format!("{w}.") } else { w.to_string() };
        return Some((title, t.range.start));
    }
    None
}

/// "Donald J. Trump", "Sen. Warren", "Gen. Milley": an initial or an abbreviated title.
fn after_initial_or_title(a: &Analysis, i: usize) -> bool {
    let text = a.text();
    let (Some(d), Some(w)) = (
        i.checked_sub(1).map(|j| &a.tokens[j]),
        i.checked_sub(2).map(|j| &a.tokens[j]),
    ) else {
        return false;
    };
    if &text[d.range.clone()] != "." || w.range.end != d.range.start {
        return false;
    }
    let ws = &text[w.range.clone()];
    (ws.chars().count() == 1 && ws.chars().all(char::is_uppercase)) || is_abbreviation(ws)
}

impl Rule for Honorific {
    crate::rule_meta!("style/honorific", Severity::Hint, "honorific.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if super::active(cx, self.id()).is_none() {
            return;
        }
        let a = cx.analysis;
        let text = a.text();
        // No title anywhere (the common case under AP style): nothing to compare.
        if !TITLES
            .iter()
            .any(|title| memchr::memmem::find(text.as_bytes(), title.as_bytes()).is_some())
        {
            return;
        }
        let st = StyleText::of(a);
        let t = &a.tokens;
        let mut refs: FastMap<&str, Refs> = FastMap::default();
        // Surnames that take a title somewhere in running text.
        for i in 0..t.len() {
            if t[i].kind != TokenKind::Word {
                continue;
            }
            let Some((title, start)) = title_before(a, i) else {
                continue;
            };
            if !st.is_running(t[i].range.start) || st.in_quote(t[i].range.start) {
                continue;
            }
            let w = &text[t[i].range.clone()];
            let (stem, _) = split_possessive(w);
            if !stem.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            // "Mr. John Smith": the title goes with the full name on a first reference.
            let full_name = t.get(i + 1).is_some_and(|n| {
                n.kind == TokenKind::Word
                    && &text[t[i].range.end..n.range.start] == " "
                    && text[n.range.clone()].starts_with(char::is_uppercase)
            });
            if full_name {
                continue;
            }
            let r = refs.entry(stem).or_default();
            r.titled.push((
                start..t[i].range.start + stem.len(),
                start..t[i].range.start,
                title.clone(),
            ));
            if !r.titles.contains(&title) {
                r.titles.push(title);
            }
            r.first.get_or_insert((start, true));
        }
        if refs.is_empty() {
            return;
        }
        // Bare references to the same surnames.
        for i in 0..t.len() {
            if t[i].kind != TokenKind::Word {
                continue;
            }
            let w = &text[t[i].range.clone()];
            let (stem, _) = split_possessive(w);
            let Some(r) = refs.get_mut(stem) else {
                continue;
            };
            if title_before(a, i).is_some()
                || !st.is_running(t[i].range.start)
                || st.in_quote(t[i].range.start)
            {
                continue;
            }
            let prev = i.checked_sub(1).map(|p| &t[p]);
            let next = t.get(i + 1);
            let prev_word = prev.filter(|p| {
                p.kind == TokenKind::Word && text[p.range.end..t[i].range.start].trim().is_empty()
            });
            // A first name or another title before it, "the"/"a" (a modifier), a hyphen
            // either side, a capitalised word after it (a longer name).
            if prev_word.is_some_and(|p| {
                let pw = &text[p.range.clone()];
                pw.starts_with(char::is_uppercase) || matches!(pw, "the" | "a" | "an")
            }) || prev.is_some_and(|p| p.range.end == t[i].range.start)
                || after_initial_or_title(a, i)
                || next.is_some_and(|n| {
                    n.range.start == t[i].range.end
                        && matches!(&text[n.range.clone()], "-" | "–" | "/")
                        || n.kind == TokenKind::Word
                            && &text[t[i].range.end..n.range.start] == " "
                            && text[n.range.clone()].starts_with(char::is_uppercase)
                })
            {
                continue;
            }
            r.bare.push(t[i].range.start..t[i].range.start + stem.len());
            let at = t[i].range.start;
            match r.first {
                Some((f, _)) if f <= at => {}
                _ => r.first = Some((at, false)),
            }
        }
        let mut names: Vec<_> = refs.into_iter().collect();
        names.sort_by_key(|(n, _)| *n);
        for (name, r) in names {
            if r.titled.is_empty() || r.bare.is_empty() || r.titles.len() > 1 {
                continue;
            }
            let title = &r.titles[0];
            let (nt, nb) = (r.titled.len(), r.bare.len());
            // The minority form; on a tie, the form the draft switched to.
            let report_bare = if nt != nb {
                nb < nt
            } else {
                r.first.is_some_and(|(_, titled_first)| titled_first)
            };
            if report_bare {
                let e = &r.titled[0].0;
                for b in &r.bare {
                    out.push(
                        Finding::new(
                            self.id(),
                            b.clone(),
                            format!("This draft calls him or her “{title} {name}” elsewhere ({nt}×) but “{name}” here"),
                        )
                        .with_fix(Fix::unsafe_(
                            format!("Write “{title} {name}”"),
                            vec![Edit::replace(b.start..b.start, format!("{title} "))],
                        ))
                        .with_related(Related {
                            doc: a.doc.clone(),
                            range: e.clone(),
                            message: format!("“{title} {name}” here"),
                        }),
                    );
                }
            } else {
                let e = &r.bare[0];
                for (whole, title_range, written) in &r.titled {
                    out.push(
                        Finding::new(
                            self.id(),
                            whole.clone(),
                            format!("This draft calls him or her “{name}” elsewhere ({nb}×) but “{written} {name}” here"),
                        )
                        .with_fix(Fix::unsafe_(
                            format!("Write “{name}”"),
                            vec![Edit::delete(title_range.clone())],
                        ))
                        .with_related(Related {
                            doc: a.doc.clone(),
                            range: e.clone(),
                            message: format!("“{name}” here"),
                        }),
                    );
                }
            }
        }
    }
}
