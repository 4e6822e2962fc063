//! Bundled data: the list of common news names (`data/names.txt`) and the real-word
//! confusions with the contexts that decide them (`data/confusables.txt`).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::text::{hash, name_form, norm};

/// A set of known multi-word names, indexed by their words for near-miss lookups.
#[derive(Debug, Default)]
pub struct KnownNames {
    /// Each name's words in name form (lower case, possessive dropped).
    pub names: Vec<Vec<String>>,
    /// Each name as written in the list.
    pub display: Vec<String>,
    /// The words of each name as written (for fixes that keep the list's spelling).
    pub display_words: Vec<Vec<String>>,
    /// Word -> (name, position).
    pub by_word: HashMap<String, Vec<(u32, u8)>>,
    /// Every name joined by spaces, for exact membership.
    pub joined: HashSet<String>,
    /// Single words of names (name form) -> word as written.
    pub words: HashMap<String, String>,
}

/// Split a name into words the way the analysis does (hyphens and spaces separate, an
/// initial's full stop is dropped).
pub fn split_name(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_matches(|c: char| c == '.' || c == ','))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl KnownNames {
    pub fn build<'a>(names: impl IntoIterator<Item = &'a str>) -> KnownNames {
        let mut k = KnownNames::default();
        for n in names {
            k.add(n);
        }
        k
    }

    pub fn add(&mut self, name: &str) {
        let shown = split_name(name);
        if shown.is_empty() {
            return;
        }
        let words: Vec<String> = shown
            .iter()
            .map(|w| name_form(&norm(w)).to_string())
            .collect();
        let joined = words.join(" ");
        if !self.joined.insert(joined) {
            return;
        }
        let id = self.names.len() as u32;
        for (i, w) in words.iter().enumerate() {
            self.by_word
                .entry(w.clone())
                .or_default()
                .push((id, i.min(255) as u8));
            if w.chars().next().is_some_and(|c| c.is_alphabetic()) {
                self.words
                    .entry(w.clone())
                    .or_insert_with(|| shown[i].clone());
            }
        }
        self.names.push(words);
        self.display_words.push(shown);
        self.display.push(name.to_string());
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

static NAMES_TXT: &str = include_str!("../../../../data/names.txt");

/// The bundled list of common news names.
pub static BUNDLED: LazyLock<KnownNames> = LazyLock::new(|| {
    KnownNames::build(
        NAMES_TXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#')),
    )
});

/// A context pattern: words before and after the slot, nearest first.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub before: Vec<u64>,
    pub after: Vec<u64>,
    /// Has a content word (not only "the _", "to _"): strong enough to suggest a change.
    pub strong: bool,
    /// How specific the context is: two for a content word, one for a function word.
    pub weight: usize,
}

#[derive(Debug, Default)]
pub struct Confusables {
    /// Word hash -> the other words of its groups (as written in the data file).
    pub partners: HashMap<u64, Vec<String>>,
    /// Word hash -> contexts where it is right.
    pub cues: HashMap<u64, Vec<Pattern>>,
    /// Words wrong unless one of their own contexts matches.
    pub rare: HashSet<u64>,
}

impl Confusables {
    pub fn parse(text: &str) -> Confusables {
        let mut c = Confusables::default();
        for line in text.lines() {
            let l = line.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            if let Some(g) = l.strip_prefix('=') {
                let group: Vec<String> = g.split_whitespace().map(norm).collect();
                for w in &group {
                    let others = c.partners.entry(hash(w)).or_default();
                    for o in &group {
                        if o != w && !others.contains(o) {
                            others.push(o.clone());
                        }
                    }
                }
            } else if let Some(w) = l.strip_prefix('!') {
                c.rare.insert(hash(&norm(w.trim())));
            } else if let Some((w, pats)) = l.split_once(':') {
                let list = c.cues.entry(hash(&norm(w.trim()))).or_default();
                for p in pats.split('|') {
                    let words: Vec<String> = p
                        .split_whitespace()
                        .map(|x| x.trim_matches('-'))
                        .filter(|x| !x.is_empty())
                        .map(norm)
                        .collect();
                    let Some(slot) = words.iter().position(|x| x == "_") else {
                        continue;
                    };
                    let strong = words
                        .iter()
                        .any(|x| x != "_" && !super::text::is_function_word(x));
                    let weight = words
                        .iter()
                        .filter(|x| *x != "_")
                        .map(|x| {
                            if super::text::is_function_word(x) {
                                1
                            } else {
                                2
                            }
                        })
                        .sum();
                    list.push(Pattern {
                        strong,
                        weight,
                        before: words[..slot].iter().rev().map(|x| hash(x)).collect(),
                        after: words[slot + 1..].iter().map(|x| hash(x)).collect(),
                    });
                }
            }
        }
        c
    }

    /// The weight of the most specific context of `word` that matches (0 for none).
    pub fn cue_score(&self, word: u64, before: &[u64], after: &[u64], strong: bool) -> usize {
        self.cues.get(&word).map_or(0, |ps| {
            ps.iter()
                .filter(|p| (p.before.len() + p.after.len() > 0) && (p.strong || !strong))
                .filter(|p| {
                    p.before
                        .iter()
                        .enumerate()
                        .all(|(i, h)| before.get(i) == Some(h))
                        && p.after
                            .iter()
                            .enumerate()
                            .all(|(i, h)| after.get(i) == Some(h))
                })
                .map(|p| p.weight)
                .max()
                .unwrap_or(0)
        })
    }

    /// Does a context of `word` match? `before`/`after` are the neighbouring word hashes,
    /// nearest first (0 past the paragraph's edge).
    /// With `strong`, only contexts that have a content word count.
    pub fn cue(&self, word: u64, before: &[u64], after: &[u64], strong: bool) -> bool {
        self.cues.get(&word).is_some_and(|ps| {
            ps.iter().any(|p| {
                (p.before.len() + p.after.len() > 0)
                    && (p.strong || !strong)
                    && p.before
                        .iter()
                        .enumerate()
                        .all(|(i, h)| before.get(i) == Some(h))
                    && p.after
                        .iter()
                        .enumerate()
                        .all(|(i, h)| after.get(i) == Some(h))
            })
        })
    }
}

static CONFUSABLES_TXT: &str = include_str!("../../../../data/confusables.txt");

pub static CONFUSABLES: LazyLock<Confusables> =
    LazyLock::new(|| Confusables::parse(CONFUSABLES_TXT));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lists_parse() {
        assert!(BUNDLED.joined.contains("outer space treaty"));
        assert!(BUNDLED.joined.contains("antony blinken"));
        assert!(BUNDLED.names.len() > 300);
        let c = &*CONFUSABLES;
        assert!(c.partners[&hash("counties")].contains(&"countries".to_string()));
        assert!(c.rare.contains(&hash("pubic")));
        assert!(c.cue(hash("countries"), &[hash("relevant")], &[], true));
        assert!(c.cue(
            hash("statute"),
            &[],
            &[hash("of"), hash("limitations")],
            true
        ));
        assert!(!c.cue(hash("statute"), &[], &[hash("of")], false));
        assert!(c.cue(hash("treaty"), &[hash("the")], &[], false));
        assert!(!c.cue(hash("treaty"), &[hash("the")], &[], true));
    }

    #[test]
    fn every_cue_belongs_to_a_group() {
        let c = &*CONFUSABLES;
        for w in c.cues.keys().chain(c.rare.iter()) {
            assert!(
                c.partners.contains_key(w),
                "a cue or rare word outside any group"
            );
        }
    }
}
