//! The bundled Hunspell dictionary (SCOWL en_US, see `data/LICENSES.md`), read by
//! [spellbook] once per process, with every answer cached so a keystroke re-checks a draft
//! without touching the dictionary again.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use super::text::{hash, IdMap};
use crate::engine::hashing::IdHasher;
use std::sync::{LazyLock, RwLock};

static AFF: &str = include_str!("../../../../data/en_US.aff");
static DIC: &str = include_str!("../../../../data/en_US.dic");

static DICT: LazyLock<spellbook::Dictionary> = LazyLock::new(|| {
    spellbook::Dictionary::new(AFF, DIC).expect("the bundled en_US dictionary parses")
});

/// The dictionary's stems (lower case), for cheap suggestions.
static STEMS: LazyLock<HashSet<u64, BuildHasherDefault<IdHasher>>> = LazyLock::new(|| {
    DIC.lines()
        .skip(1)
        .map(|l| l.split('/').next().unwrap_or(l).trim())
        .filter(|w| !w.is_empty())
        .map(|w| hash(&w.to_lowercase()))
        .collect()
});

static CHECKED: LazyLock<RwLock<IdMap<bool>>> = LazyLock::new(|| RwLock::new(IdMap::default()));
static SUGGESTED: LazyLock<RwLock<HashMap<String, Vec<String>>>> =
    LazyLock::new(|| RwLock::new(HashMap::new()));

const CACHE_LIMIT: usize = 200_000;

/// Load the dictionary now (say, on a background thread at start-up).
pub fn warm_up() {
    LazyLock::force(&DICT);
    LazyLock::force(&STEMS);
}

/// Is `word` (as written, curly apostrophes allowed) a word of the dictionary? A British
/// spelling of an American word counts.
pub fn check(word: &str) -> bool {
    let key = hash(word);
    if let Some(&b) = CHECKED.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return b;
    }
    let w = word.replace('’', "'");
    let ok = DICT.check(&w) || {
        let lower = w.to_lowercase();
        let am = super::text::american(&lower);
        let plain = fold_accents(&w);
        (am != lower && DICT.check(&am)) || (plain != w && DICT.check(&plain))
    };
    let mut m = CHECKED.write().unwrap_or_else(|e| e.into_inner());
    if m.len() > CACHE_LIMIT {
        m.clear();
    }
    m.insert(key, ok);
    ok
}

/// "façade" -> "facade", "naïve" -> "naive" (the dictionary has the plain spellings).
fn fold_accents(w: &str) -> String {
    w.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        })
        .collect()
}

/// Is the lower-case `word` a dictionary stem (no affix rules applied)?
pub fn is_stem(word: &str) -> bool {
    STEMS.contains(&hash(word))
}

const ENDINGS: &[&str] = &[
    "s", "es", "ed", "d", "ing", "ly", "er", "ers", "ment", "ments",
];

/// Dictionary words one edit (a letter added, dropped, changed, or two swapped) away from the
/// lower-case `word`, most likely first, at most `max`.
pub fn suggest(word: &str, max: usize) -> Vec<String> {
    if let Some(v) = SUGGESTED
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(word)
    {
        return v.iter().take(max).cloned().collect();
    }
    let chars: Vec<char> = word.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut scratch = String::with_capacity(word.len() + 4);
    let mut consider = |c: &[char], out: &mut Vec<String>| {
        scratch.clear();
        scratch.extend(c.iter());
        let cand = scratch.as_str();
        if cand.is_empty() || cand == word {
            return;
        }
        let ok = if STEMS.contains(&hash(cand)) {
            true
        } else {
            ENDINGS.iter().any(|e| {
                cand.strip_suffix(e).is_some_and(|s| {
                    s.len() >= 3
                        && (STEMS.contains(&hash(s)) || STEMS.contains(&hash(&format!("{s}e"))))
                })
            }) && DICT.check(cand)
        };
        if ok && !out.iter().any(|o| o == cand) {
            out.push(cand.to_string());
        }
    };
    let mut c: Vec<char> = Vec::with_capacity(chars.len() + 1);
    // Swaps first: the commonest slip of a fluent typist.
    for i in 0..chars.len().saturating_sub(1) {
        c.clear();
        c.extend_from_slice(&chars);
        c.swap(i, i + 1);
        consider(&c, &mut out);
    }
    for i in 0..chars.len() {
        c.clear();
        c.extend_from_slice(&chars);
        c.remove(i);
        consider(&c, &mut out);
    }
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";
    for i in 0..=chars.len() {
        for l in LETTERS.chars() {
            c.clear();
            c.extend_from_slice(&chars);
            c.insert(i, l);
            consider(&c, &mut out);
        }
    }
    for i in 0..chars.len() {
        for l in LETTERS.chars() {
            if chars[i] == l {
                continue;
            }
            c.clear();
            c.extend_from_slice(&chars);
            c[i] = l;
            consider(&c, &mut out);
        }
    }
    let mut m = SUGGESTED.write().unwrap_or_else(|e| e.into_inner());
    if m.len() > CACHE_LIMIT / 10 {
        m.clear();
    }
    m.insert(word.to_string(), out.clone());
    out.truncate(max);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_suggestions() {
        assert!(check("countries"));
        assert!(check("Russia’s"));
        assert!(check("colour"), "British spellings count");
        assert!(check("organisation"));
        assert!(check("organising"));
        assert!(check("calibre"));
        assert!(check("façades"));
        assert!(!check("goverment"));
        assert_eq!(
            suggest("goverment", 3).first().map(String::as_str),
            Some("government")
        );
        assert!(suggest("recieved", 3).contains(&"received".to_string()));
        assert!(suggest("xqzvj", 3).is_empty());
    }
}
