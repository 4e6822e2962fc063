//! Word-level helpers shared by the `typo` and `name` rules: normalised words with hashes,
//! edit distances that know inflections and British spellings, capitalised name runs.

use std::ops::Range;

use crate::engine::analysis::{Analysis, TokenKind};
pub use crate::engine::hashing::{hash, pair};

/// Maps keyed by word hashes.
pub type IdMap<V> = crate::engine::hashing::IdMap<u64, V>;

/// Lower case, curly apostrophe made straight.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '’' | '‘' | 'ʼ' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// A word (or number) of a text, in order, punctuation left out.
#[derive(Debug, Clone)]
pub struct W {
    pub range: Range<usize>,
    pub norm: String,
    pub h: u64,
    /// Starts with an upper-case letter.
    pub cap: bool,
    pub number: bool,
    /// Index of the paragraph it belongs to.
    pub para: u32,
    /// First word of its sentence.
    pub sentence_start: bool,
    /// Punctuation (other than an apostrophe or hyphen) sits between this word and the
    /// previous one.
    pub after_punct: bool,
}

/// Words of the paragraph `p` of `a` (or of all paragraphs).
pub fn words_of(a: &Analysis, paras: Range<usize>) -> Vec<W> {
    let text = a.text();
    let mut out = Vec::new();
    for (pi, p) in a.paragraphs[paras.clone()].iter().enumerate() {
        let pi = (paras.start + pi) as u32;
        let sentences_from = a.sentences.partition_point(|s| s.end <= p.start);
        let mut si = sentences_from;
        let mut seen: Option<usize> = None;
        let mut punct = true;
        for t in a.tokens_in(p) {
            if t.kind == TokenKind::Punct {
                let s = &text[t.range.clone()];
                if s != "-" && s != "'" && s != "’" {
                    punct = true;
                }
                continue;
            }
            while si < a.sentences.len() && a.sentences[si].end <= t.range.start {
                si += 1;
            }
            let sentence_start = a
                .sentences
                .get(si)
                .is_some_and(|s| s.start <= t.range.start && seen != Some(si));
            if sentence_start {
                seen = Some(si);
            }
            let s = &text[t.range.clone()];
            let n = norm(s);
            out.push(W {
                range: t.range.clone(),
                h: hash(&n),
                norm: n,
                cap: s.chars().next().is_some_and(char::is_uppercase),
                number: t.kind == TokenKind::Number,
                para: pi,
                sentence_start,
                after_punct: punct,
            });
            punct = false;
        }
    }
    out
}

/// Optimal string alignment distance (insertions, deletions, substitutions and swaps of
/// neighbouring letters), or `max + 1` once it is known to exceed `max`. Allocation-free for
/// words of up to 32 letters.
pub fn osa(a: &str, b: &str, max: usize) -> usize {
    let mut ab = [' '; 32];
    let mut bb = [' '; 32];
    let (mut la, mut lb) = (0, 0);
    for c in a.chars() {
        if la == 32 {
            return osa_long(a, b, max);
        }
        ab[la] = c;
        la += 1;
    }
    for c in b.chars() {
        if lb == 32 {
            return osa_long(a, b, max);
        }
        bb[lb] = c;
        lb += 1;
    }
    osa_chars(&ab[..la], &bb[..lb], max)
}

fn osa_long(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa_chars(&a, &b, max)
}

fn osa_chars(a: &[char], b: &[char], max: usize) -> usize {
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    if a == b {
        return 0;
    }
    let n = b.len();
    // Three rows: i-2, i-1, i.
    let mut rows = [[0usize; 33]; 3];
    if n > 32 {
        return strsim::osa_distance(&a.iter().collect::<String>(), &b.iter().collect::<String>())
            .min(max + 1);
    }
    for (j, x) in rows[0].iter_mut().enumerate().take(n + 1) {
        *x = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        let mut best = i;
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = v;
            best = best.min(v);
        }
        if best > max {
            return max + 1;
        }
    }
    rows[a.len() % 3][n].min(max + 1)
}

/// Suffixes that make an inflection or a derived form, not a typo.
const SUFFIXES: &[&str] = &[
    "s", "es", "'s", "'", "d", "ed", "ing", "ly", "er", "est", "ies", "ied",
];

/// Forms of irregular verbs: a rewrite changes tense ("began"/"begun"), a typist does not.
const IRREGULAR: &[&[&str]] = &[
    // "-d" after a consonant ("hear"/"heard"): the ending rule takes "-d" only after an "e".
    &["hear", "heard", "hears", "hearing"],
    &["begin", "began", "begun"],
    &["swim", "swam", "swum"],
    &["sing", "sang", "sung"],
    &["ring", "rang", "rung"],
    &["drink", "drank", "drunk"],
    &["sink", "sank", "sunk"],
    &["shrink", "shrank", "shrunk"],
    &["run", "ran"],
    &["come", "came"],
    &["become", "became"],
    &["rise", "rose", "risen"],
    &["arise", "arose", "arisen"],
    &["write", "wrote", "written"],
    &["drive", "drove", "driven"],
    &["ride", "rode", "ridden"],
    &["strike", "struck"],
    &["fall", "fell", "fallen"],
    &["hold", "held"],
    &["tell", "told"],
    &["sell", "sold"],
    &["give", "gave", "given"],
    &["take", "took", "taken"],
    &["shake", "shook", "shaken"],
    &["wake", "woke", "woken"],
    &["speak", "spoke", "spoken"],
    &["break", "broke", "broken"],
    &["choose", "chose", "chosen"],
    &["freeze", "froze", "frozen"],
    &["steal", "stole", "stolen"],
    &["bear", "bore", "born", "borne"],
    &["wear", "wore", "worn"],
    &["tear", "tore", "torn"],
    &["swear", "swore", "sworn"],
    &["lie", "lay", "lain"],
    &["fly", "flew", "flown"],
    &["grow", "grew", "grown"],
    &["know", "knew", "known"],
    &["throw", "threw", "thrown"],
    &["blow", "blew", "blown"],
    &["draw", "drew", "drawn"],
    &["see", "saw", "seen"],
    &["win", "won"],
    &["get", "got", "gotten"],
    &["forget", "forgot", "forgotten"],
    &["shoot", "shot"],
    &["find", "found"],
    &["bind", "bound"],
    &["wind", "wound"],
    &["fight", "fought"],
    &["seek", "sought"],
    &["teach", "taught"],
    &["catch", "caught"],
    &["think", "thought"],
    &["buy", "bought"],
    &["bring", "brought"],
    &["feel", "felt"],
    &["keep", "kept"],
    &["sleep", "slept"],
    &["leave", "left"],
    &["mean", "meant"],
    &["send", "sent"],
    &["spend", "spent"],
    &["build", "built"],
    &["lose", "lost"],
    &["stand", "stood"],
    &["dig", "dug"],
    &["stick", "stuck"],
    &["hang", "hung"],
    &["spin", "spun"],
    &["say", "said", "says"],
    &["pay", "paid"],
    &["lay", "laid"],
    &["lead", "led"],
    &["meet", "met"],
    &["feed", "fed"],
    &["flee", "fled"],
    &["bleed", "bled"],
    &["do", "did", "done", "does"],
    &["go", "went", "gone", "goes"],
    &["have", "has", "had"],
    &["be", "is", "was", "were", "are", "been"],
];

/// English writes the ending `suffix` after `stem`: "-d" only after an "e" ("use"/"used":
/// "fun"/"fund" is a typo, not a tense), "-es" only after s, x, z, ch, sh or o ("taxes",
/// "goes": "rates" is "rate" with an "-s", so "rats" for "rates" is a typo).
fn takes_ending(stem: &str, suffix: &str) -> bool {
    match suffix {
        "d" => stem.ends_with('e'),
        "es" => ["s", "x", "z", "ch", "sh", "o"]
            .iter()
            .any(|e| stem.ends_with(e)),
        _ => true,
    }
}

/// Two forms of one irregular verb.
fn irregular(a: &str, b: &str) -> bool {
    IRREGULAR.iter().any(|g| g.contains(&a) && g.contains(&b))
}

/// A country and its people or language ("Russia"/"Russian", "Israel"/"Israeli").
pub fn demonym(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let stem = short
        .strip_suffix('a')
        .or_else(|| short.strip_suffix('e'))
        .unwrap_or(short);
    // A bare "-n" only after an "a" ("Kenya"/"Kenyan"): "Organizatio" is a cut-off word.
    long.strip_prefix(short).is_some_and(|r| {
        matches!(r, "an" | "ian" | "i" | "ese" | "ish") || r == "n" && short.ends_with('a')
    }) || long
        .strip_prefix(stem)
        .is_some_and(|r| matches!(r, "an" | "ian" | "ese" | "ish" | "i"))
}

/// `a` and `b` differ only by an inflectional ending ("plan"/"plans", "call"/"called",
/// "maintains"/"maintained").
pub fn inflection(a: &str, b: &str) -> bool {
    if one_ending(a, b) || irregular(a, b) {
        return true;
    }
    // Two endings on one stem.
    let stems = |w: &str| -> Vec<String> {
        let mut v = vec![w.to_string()];
        for s in SUFFIXES {
            if let Some(x) = w.strip_suffix(s) {
                if x.chars().count() >= 3 && takes_ending(x, s) {
                    v.push(x.to_string());
                    if *s == "ies" || *s == "ied" {
                        v.push(format!("{x}y"));
                    }
                    if *s == "ing" || *s == "ed" || *s == "er" {
                        v.push(format!("{x}e"));
                    }
                }
            }
        }
        v
    };
    let sa = stems(a);
    stems(b).iter().any(|x| sa.contains(x))
}

fn one_ending(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if let Some(rest) = long.strip_prefix(short) {
        if SUFFIXES.contains(&rest) && takes_ending(short, rest) {
            return true;
        }
    }
    // "country"/"countries", "carry"/"carried".
    if let (Some(sa), Some(sb)) = (short.strip_suffix('y'), long.strip_suffix("ies")) {
        if sa == sb {
            return true;
        }
    }
    if let (Some(sa), Some(sb)) = (short.strip_suffix('y'), long.strip_suffix("ied")) {
        if sa == sb {
            return true;
        }
    }
    // "make"/"making"
    if let (Some(sa), Some(sb)) = (short.strip_suffix('e'), long.strip_suffix("ing")) {
        if sa == sb {
            return true;
        }
    }
    false
}

/// British and American spellings of one word ("favour"/"favor", "centre"/"center").
pub fn spelling_variant(a: &str, b: &str) -> bool {
    american(a) == american(b)
}

/// A rough American skeleton of a British spelling.
pub fn american(w: &str) -> String {
    let mut s = w.to_string();
    for (from, to) in [
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ise", "ize"),
        ("ysing", "yzing"),
        ("ysed", "yzed"),
        ("bre", "ber"),
        ("yse", "yze"),
        ("our", "or"),
        ("tre", "ter"),
        ("ence", "ense"),
        ("ogue", "og"),
        ("lled", "led"),
        ("lling", "ling"),
        ("ller", "ler"),
        ("llor", "lor"),
        ("ae", "e"),
        ("oe", "e"),
        ("mme", "m"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s
}

/// Words that carry no content: their near misses are grammar, not typos.
pub fn is_function_word(w: &str) -> bool {
    // A set of hashes: a binary search over the list was a tenth of indexing an article.
    static SET: std::sync::LazyLock<(usize, IdMap<()>)> = std::sync::LazyLock::new(|| {
        let longest = FUNCTION_WORDS.iter().map(|w| w.len()).max().unwrap_or(0);
        (
            longest,
            FUNCTION_WORDS.iter().map(|w| (hash(w), ())).collect(),
        )
    });
    w.len() <= SET.0 && SET.1.contains_key(&hash(w))
}

const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "but", "by", "can", "could", "did", "do", "does", "each", "for", "from", "had", "has",
    "have", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it",
    "it's", "its", "may", "me", "might", "more", "most", "must", "my", "no", "nor", "not", "now",
    "of", "off", "on", "one", "only", "or", "our", "out", "over", "own", "said", "says", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "too", "two", "up", "us", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with", "would",
    "you", "your",
];

/// Connectors allowed inside a capitalised name ("Union of Industrialists and Entrepreneurs").
const NAME_CONNECTORS: &[&str] = &[
    "of", "the", "and", "for", "on", "de", "da", "del", "der", "van", "von", "bin", "al", "la",
    "le", "du", "y",
];

/// Capitalised words that start a sentence without starting a name.
const NOT_NAME_START: &[&str] = &[
    "a",
    "an",
    "and",
    "as",
    "at",
    "but",
    "by",
    "for",
    "from",
    "he",
    "her",
    "his",
    "if",
    "in",
    "it",
    "its",
    "mr",
    "mrs",
    "ms",
    "dr",
    "on",
    "our",
    "she",
    "so",
    "that",
    "the",
    "their",
    "these",
    "they",
    "this",
    "those",
    "to",
    "we",
    "when",
    "while",
    "with",
    "after",
    "before",
    "during",
    "since",
    "despite",
    "although",
    "however",
    "meanwhile",
    "yet",
    "there",
    "then",
    "what",
    "who",
    "how",
    "why",
    "where",
    "i",
    "not",
    "no",
    "all",
    "some",
    "many",
    "most",
    "every",
    "each",
    "both",
    "under",
    "over",
    "about",
    "according",
    "speaking",
    "upon",
];

/// A run of capitalised words: a name or a fixed phrase ("Outer Space Treaty").
#[derive(Debug, Clone)]
pub struct Run {
    /// Indices into the word list.
    pub words: Vec<usize>,
}

/// Name-matching form of a word: normalised, possessive dropped.
pub fn name_form(w: &str) -> &str {
    w.strip_suffix("'s").unwrap_or(w)
}

/// Runs of capitalised words in `words` (at least one word). A line in title case (most words
/// capitalised, and no full stop at its end) yields nothing: its capitals say nothing about
/// names.
pub fn runs(text: &str, words: &[W]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = 0;
    let title_case = title_case_paragraphs(text, words);
    while i < words.len() {
        let w = &words[i];
        if !w.cap || w.number || title_case.contains(&w.para) {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        let mut j = i + 1;
        while j < words.len() {
            let x = &words[j];
            if x.para != w.para || x.after_punct && !joined(text, &words[j - 1], x) {
                break;
            }
            if x.cap && !x.number {
                run.push(j);
                j += 1;
                continue;
            }
            // A connector followed by a capitalised word continues the run.
            if NAME_CONNECTORS.contains(&x.norm.as_str())
                && words
                    .get(j + 1)
                    .is_some_and(|y| y.cap && !y.after_punct && y.para == w.para && !y.number)
            {
                run.push(j);
                j += 1;
                continue;
            }
            break;
        }
        // Drop a sentence-initial non-name word ("The", "In").
        while let Some(&first) = run.first() {
            let f = &words[first];
            if NOT_NAME_START.contains(&f.norm.as_str())
                || NAME_CONNECTORS.contains(&f.norm.as_str()) && !f.cap
            {
                run.remove(0);
            } else {
                break;
            }
        }
        if !run.is_empty() {
            out.push(Run { words: run });
        }
        i = j;
    }
    out
}

/// Punctuation between two words that does not break a name: a hyphen or an initial's stop.
fn joined(text: &str, a: &W, b: &W) -> bool {
    let between = &text[a.range.end..b.range.start];
    let t = between.trim();
    (t == "-" && between.len() == 1) || (t == "." && a.norm.chars().count() == 1 && a.cap)
}

/// Paragraphs whose words are mostly capitalised (headlines, labels). A paragraph that ends in
/// a full stop is a sentence, however many capitals it has ("Then the Secretary of State
/// Antony Blinken arrived in Beijing.").
fn title_case_paragraphs(text: &str, words: &[W]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let p = words[i].para;
        let mut j = i;
        let (mut caps, mut n) = (0, 0);
        while j < words.len() && words[j].para == p {
            if !words[j].number {
                n += 1;
                if words[j].cap || is_function_word(&words[j].norm) {
                    caps += 1;
                }
            }
            j += 1;
        }
        let content_caps = words[i..j]
            .iter()
            .filter(|w| w.cap && !is_function_word(&w.norm))
            .count();
        let full_stop = text
            .get(words[j - 1].range.end..)
            .is_some_and(|rest| rest.trim_start().starts_with('.'));
        if n >= 3 && caps * 10 >= n * 9 && content_caps * 2 >= n && !full_stop {
            out.push(p);
        }
        i = j;
    }
    out
}

/// Replace `word` by `cand`, keeping the draft's capitalisation ("Treat" -> "Treaty").
pub fn match_case(word: &str, cand: &str) -> String {
    let upper_first = word.chars().next().is_some_and(char::is_uppercase);
    let all_upper = word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if all_upper {
        return cand.to_uppercase();
    }
    if cand.chars().any(char::is_uppercase) {
        return cand.to_string();
    }
    if upper_first {
        let mut c = cand.chars();
        return match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        };
    }
    cand.to_string()
}

/// Keep the draft's apostrophe style when the candidate has one.
pub fn match_apostrophe(word: &str, cand: &str) -> String {
    if word.contains('’') {
        cand.replace('\'', "’")
    } else {
        cand.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_are_sorted() {
        let mut v = FUNCTION_WORDS.to_vec();
        v.sort();
        assert_eq!(v, FUNCTION_WORDS);
    }

    #[test]
    fn inflections_and_variants() {
        assert!(inflection("plan", "plans"));
        assert!(inflection("country", "countries"));
        assert!(!inflection("counties", "countries"));
        assert!(!inflection("treat", "treaty"));
        assert!(inflection("maintains", "maintained"));
        assert!(inflection("making", "makes"));
        assert!(!inflection("trial", "trail"));
        assert!(inflection("begun", "began"));
        assert!(!inflection("officers", "offices"));
        assert!(!inflection("suppliers", "supplies"));
        assert!(demonym("russia", "russian"));
        assert!(demonym("israel", "israeli"));
        assert!(!demonym("treat", "treaty"));
        assert!(spelling_variant("favour", "favor"));
        assert!(spelling_variant("centre", "center"));
        assert!(spelling_variant("defence", "defense"));
        assert!(!spelling_variant("trial", "trail"));
        assert!(spelling_variant("travelled", "traveled"));
        assert!(!spelling_variant("vallgren", "valgren"));
        assert_eq!(osa("trial", "trail", 2), 1);
        assert_eq!(osa("counties", "countries", 2), 1);
        assert_eq!(osa("abcd", "abdc", 2), 1);
        assert_eq!(osa("ca", "abc", 3), 3);
        assert_eq!(osa("kitten", "sitting", 5), 3);
        assert_eq!(osa("kitten", "sitting", 1), 2);
        assert_eq!(osa("", "abc", 5), 3);
        assert_eq!(osa("same", "same", 0), 0);
        let long = "a".repeat(40);
        assert_eq!(osa(&long, &format!("{long}b"), 2), 1);
    }

    #[test]
    fn case_is_kept() {
        assert_eq!(match_case("Treat", "treaty"), "Treaty");
        assert_eq!(match_case("counties", "countries"), "countries");
        assert_eq!(match_case("Anthony", "Antony"), "Antony");
    }
}
