//! The same name spelt two ways in one draft ("Osborne" … "Obsorne").
//!
//! ## What it finds
//! A capitalised name written once (or rarely) in a form one keystroke away from a form the
//! draft uses at least twice as often: two letters swapped ("Obsorne"), one letter added or
//! dropped inside the word ("Osbourne", "Osbrne"), or a letter struck for the key beside it
//! ("Osbprne"). Only names of five letters or more mid-sentence are compared, and changes at
//! the end of a word are not reported, since "Russia" and "Russian", "Jonas" and "Jonah" are
//! different words.
//!
//! ## Why it matters
//! A misspelt name is the correction a newspaper most often prints. Spellcheckers accept both
//! forms of a name they do not know; the draft itself shows which one the writer meant.
//! AP Stylebook, "names": use the spelling the person or place uses, and use it every time.
//!
//! ## Example
//! ```text
//! Chancellor George Osborne said … Osborne added … Mr. Obsorne declined to comment.
//!                                                       ^^^^^^^ “Osborne” elsewhere (2×)
//! ```
//! Left alone: names that differ at the end (Austria / Austrian), short names (Iran / Iraq),
//! one letter exchanged for a letter not beside it on the keyboard (Obama / Osama),
//! two forms both used often (two different people), the first word of a sentence.
//!
//! ## Fix safety
//! Unsafe: two people can have names a letter apart; the editor confirms which spelling is
//! right.
//!
//! ## Configuration
//! Follows AP Stylebook, "names". Turn it off with `[rules] "style/name-variant" = "off"`, or the
//! whole family with `[style] profile = "none"`. The `name/…` rules compare names with the
//! sibling articles; this one looks only inside the draft.

use std::ops::Range;

use crate::engine::analysis::TokenKind;
use crate::engine::finding::{Edit, Finding, Fix, Related, Severity};
use crate::engine::rules::{Context, Rule};

use super::text::{per_block, split_possessive, BlockKind, FastMap, Start, StyleText};
use crate::engine::hashing::Memo;
use std::sync::Arc;

pub struct NameVariant;

#[derive(Default)]
struct Form {
    ranges: Vec<Range<usize>>,
}

impl Rule for NameVariant {
    crate::rule_meta!("style/name-variant", Severity::Info, "name_variant.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if super::active(cx, self.id()).is_none() {
            return;
        }
        let a = cx.analysis;
        let text = a.text();
        let st = StyleText::of(a);
        // Capitalised words inside sentences, per block: (start relative to the block, length
        // of the word without a possessive).
        static BLOCKS: Memo<u64, Arc<Vec<(usize, usize)>>> = Memo::new(8192);
        let per = per_block(&BLOCKS, a, &st, |b, tokens| {
            let mut found = Vec::new();
            if !matches!(b.kind, BlockKind::Running | BlockKind::Caption) {
                return found;
            }
            for i in tokens {
                let t = &a.tokens[i];
                if t.kind != TokenKind::Word
                    || st.start[i] != Start::No
                    || t.range.len() < 5
                    || text.as_bytes()[t.range.start].is_ascii_lowercase()
                {
                    continue;
                }
                let w = &text[t.range.clone()];
                let (stem, _) = split_possessive(w);
                let mut chars = stem.chars();
                let Some(first) = chars.next() else { continue };
                if !first.is_uppercase()
                    || stem.chars().count() < 5
                    || !chars.all(|c| c.is_lowercase())
                    || st.in_markup(t.range.start)
                {
                    continue;
                }
                found.push((t.range.start - b.range.start, stem.len()));
            }
            found
        });
        let mut forms: FastMap<&str, Form> = FastMap::default();
        for (start, found) in &per {
            for &(at, len) in found.iter() {
                let r = start + at..start + at + len;
                forms.entry(&text[r.clone()]).or_default().ranges.push(r);
            }
        }
        if forms.len() < 2 {
            return;
        }
        let mut major: Vec<(&str, usize)> = forms
            .iter()
            .filter(|(_, f)| f.ranges.len() >= 2)
            .map(|(w, f)| (*w, f.ranges.len()))
            .collect();
        major.sort();
        let mut minor: Vec<(&str, &Form)> = forms.iter().map(|(w, f)| (*w, f)).collect();
        minor.sort_by_key(|(w, _)| *w);
        for (w, f) in minor {
            let n = f.ranges.len();
            // The most frequent near form, used at least twice as often.
            let best = major
                .iter()
                .filter(|(m, c)| *m != w && *c >= 2 * n && one_edit_inside(w, m))
                .max_by_key(|(m, c)| (*c, std::cmp::Reverse(*m)));
            let Some(&(m, count)) = best else { continue };
            let evidence = &forms[m].ranges;
            for r in &f.ranges {
                let mut finding = Finding::new(
                    self.id(),
                    r.clone(),
                    format!("“{w}” is spelt “{m}” {count} times in this draft"),
                )
                .with_fix(Fix::unsafe_(
                    format!("Write “{m}”"),
                    vec![Edit::replace(r.clone(), m)],
                ));
                if let Some(e) = evidence.first() {
                    finding = finding.with_related(Related {
                        doc: a.doc.clone(),
                        range: e.clone(),
                        message: format!("“{m}” here"),
                    });
                }
                out.push(finding);
            }
        }
    }
}

/// One swap of adjacent letters, or one change, insertion or deletion, that touches neither the
/// first nor the last letter.
fn one_edit_inside(a: &str, b: &str) -> bool {
    // Most pairs differ in their first or last letter or in length: no allocation for them.
    if a.chars().next() != b.chars().next()
        || a.chars().next_back() != b.chars().next_back()
        || a.chars().count().abs_diff(b.chars().count()) > 1
    {
        return false;
    }
    let x: Vec<char> = a.chars().collect();
    let y: Vec<char> = b.chars().collect();
    if x.first() != y.first() || x.last() != y.last() {
        return false;
    }
    let (lx, ly) = (x.len(), y.len());
    if lx == ly {
        let diff: Vec<usize> = (0..lx).filter(|&i| x[i] != y[i]).collect();
        match diff.as_slice() {
            // A letter struck for its neighbour on the keyboard. Other single-letter
            // differences are as often two real names (Obama / Osama, Jones / Janes).
            [i] => keyboard_neighbours(x[*i], y[*i]),
            [i, j] => *j == i + 1 && x[*i] == y[*j] && x[*j] == y[*i],
            _ => false,
        }
    } else if lx.abs_diff(ly) == 1 {
        let (short, long) = if lx < ly { (&x, &y) } else { (&y, &x) };
        let p = (0..short.len())
            .find(|&i| short[i] != long[i])
            .unwrap_or(short.len());
        // Inserting a letter: the rest must match after skipping one in the longer form.
        short[p..] == long[p + 1..]
    } else {
        false
    }
}

/// Neighbouring keys on a QWERTY keyboard.
fn keyboard_neighbours(a: char, b: char) -> bool {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let pos = |c: char| {
        let c = c.to_ascii_lowercase();
        ROWS.iter()
            .enumerate()
            .find_map(|(r, row)| row.find(c).map(|i| (r as i32, 2 * i as i32 + r as i32)))
    };
    match (pos(a), pos(b)) {
        // Columns are counted in half keys: each row sits half a key right of the one above.
        (Some((ra, xa)), Some((rb, xb))) => {
            (ra == rb && (xa - xb).abs() == 2) || ((ra - rb).abs() == 1 && (xa - xb).abs() <= 1)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::one_edit_inside;

    #[test]
    fn edits_inside_the_word_only() {
        assert!(one_edit_inside("Obsorne", "Osborne"));
        assert!(one_edit_inside("Osbprne", "Osborne"));
        assert!(!one_edit_inside("Osama", "Obama"));
        assert!(!one_edit_inside("Janes", "Jones"));
        assert!(one_edit_inside("Osbourne", "Osborne"));
        assert!(one_edit_inside("Phillips", "Philips"));
        assert!(!one_edit_inside("Russian", "Russia"));
        assert!(!one_edit_inside("Jonas", "Jonah"));
        assert!(!one_edit_inside("Prussia", "Russia"));
        assert!(!one_edit_inside("Austria", "Australia"));
    }
}
