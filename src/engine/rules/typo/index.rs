//! What the `typo` and `name` rules know about articles: per paragraph (words, capitalised
//! runs, the names and confusable word pairs in it, cached by the paragraph's text so an edit
//! re-reads one paragraph), per sibling (contexts, vocabulary, names), and across the workspace
//! ([`TypoIndex`], a [`CorpusIndex`]: how many articles use each name, capitalised word and
//! confusable word pair).

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::engine::hashing::Memo;

use crate::engine::analysis::Analysis;
use crate::engine::corpus::CorpusIndex;

use super::data::{KnownNames, CONFUSABLES};
use super::text::{hash, is_function_word, name_form, pair, runs, words_of, IdMap, Run, W};

/// One paragraph's words and names. Ranges are relative to the paragraph's start.
#[derive(Debug)]
pub struct ParaData {
    pub words: Vec<W>,
    pub runs: Vec<Run>,
    /// Names of two words or more, in name form joined by spaces.
    pub names: Vec<String>,
    /// Capitalised words that are names or parts of names (not a lone sentence opener).
    pub capwords: Vec<String>,
    /// Keys of the word pairs around confusable words.
    pub conf: Vec<u64>,
    /// Hashes of the lower-case words the dictionary does not know, once per use.
    pub oddwords: Vec<u64>,
}

static PARA_CACHE: Memo<u64, Arc<ParaData>> = Memo::new(4_096);

/// The paragraph `pi` of `a`, from the cache when the same text was seen before.
pub fn para_data(a: &Analysis, pi: usize) -> Arc<ParaData> {
    let key = hash(&a.text()[a.paragraphs[pi].clone()]);
    if let Some(d) = cached_para(key) {
        return d;
    }
    let d = Arc::new(compute_para(a, pi));
    PARA_CACHE.insert(key, d.clone());
    d
}

fn cached_para(key: u64) -> Option<Arc<ParaData>> {
    PARA_CACHE.get(&key)
}

/// The paragraph `pi` of `a` from the cache when there, else computed and not cached: for
/// workspace articles being indexed, whose paragraphs no keystroke will ask for again.
fn para_data_uncached(a: &Analysis, pi: usize) -> Arc<ParaData> {
    let key = hash(&a.text()[a.paragraphs[pi].clone()]);
    cached_para(key).unwrap_or_else(|| Arc::new(compute_para(a, pi)))
}

fn compute_para(a: &Analysis, pi: usize) -> ParaData {
    let p = a.paragraphs[pi].clone();
    let mut words = words_of(a, pi..pi + 1);
    for w in &mut words {
        w.range = w.range.start - p.start..w.range.end - p.start;
        w.para = 0;
    }
    let text = &a.text()[p.clone()];
    let rs = runs(text, &words);
    let mut names = Vec::new();
    let mut capwords = Vec::new();
    for r in &rs {
        let forms: Vec<&str> = r.words.iter().map(|&i| name_form(&words[i].norm)).collect();
        if r.words.len() >= 2 {
            names.push(forms.join(" "));
        }
        for (k, &i) in r.words.iter().enumerate() {
            let w = &words[i];
            if !w.cap {
                continue;
            }
            if r.words.len() == 1 && w.sentence_start {
                continue;
            }
            capwords.push(forms[k].to_string());
        }
    }
    let mut oddwords = Vec::new();
    for w in &words {
        if !w.cap
            && !w.number
            && w.norm.len() >= 3
            && !super::dictionary::check(&text[w.range.clone()])
        {
            oddwords.push(w.h);
        }
    }
    oddwords.sort_unstable();
    let mut conf = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !CONFUSABLES.partners.contains_key(&w.h) {
            continue;
        }
        if let Some(l) = i.checked_sub(1).map(|j| &words[j]) {
            conf.push(conf_key(l.h, w.h, true));
        }
        if let Some(r) = words.get(i + 1) {
            conf.push(conf_key(w.h, r.h, false));
        }
    }
    names.sort();
    names.dedup();
    capwords.sort();
    capwords.dedup();
    conf.sort();
    conf.dedup();
    ParaData {
        words,
        runs: rs,
        names,
        capwords,
        conf,
        oddwords,
    }
}

/// Key of a word pair around a confusable word; `left` when the confusable word is second.
pub fn conf_key(a: u64, b: u64, left: bool) -> u64 {
    pair(pair(a, b), if left { 1 } else { 2 })
}

/// Context key kinds for the sibling index.
pub const LR: u64 = 0x11;
pub const LL: u64 = 0x22;
pub const RR: u64 = 0x33;

pub fn ctx_key(kind: u64, a: u64, b: u64) -> u64 {
    pair(pair(a, b), kind)
}

/// A sibling, indexed for the draft's questions. Built once per sibling analysis.
#[derive(Debug, Default)]
pub struct SibIndex {
    /// All words, ranges absolute in the sibling.
    pub words: Vec<W>,
    /// The words used, sorted (hashes).
    pub vocab: Vec<u64>,
    /// (context key, position of the word in the middle), sorted: compact, for workspaces
    /// where every article is somebody's sibling.
    ctx: Vec<(u64, u32)>,
    /// Context key -> (first index in `ctx`, count): one hash lookup per question instead of
    /// a binary search, which dominated a keystroke's typo check.
    ctx_at: IdMap<(u32, u32)>,
    /// (adjacent pair, position of its first word), sorted, first position only.
    bigrams: Vec<(u64, u32)>,
    /// Capitalised runs: name-form words and word indices.
    pub runs: Vec<(Vec<String>, Vec<usize>)>,
    /// Name word -> (run, position).
    pub name_words: HashMap<String, Vec<(u32, u8)>>,
}

impl SibIndex {
    pub fn of(a: &Analysis) -> Arc<SibIndex> {
        a.cached(SibIndex::build)
    }

    fn build(a: &Analysis) -> SibIndex {
        let mut s = SibIndex::default();
        for pi in 0..a.paragraphs.len() {
            let d = para_data(a, pi);
            let start = a.paragraphs[pi].start;
            let base = s.words.len();
            for w in &d.words {
                let mut w = w.clone();
                w.range = w.range.start + start..w.range.end + start;
                w.para = pi as u32;
                s.words.push(w);
            }
            for r in &d.runs {
                let idx: Vec<usize> = r.words.iter().map(|&i| base + i).collect();
                let forms: Vec<String> = idx
                    .iter()
                    .map(|&i| name_form(&s.words[i].norm).to_string())
                    .collect();
                let id = s.runs.len() as u32;
                for (k, f) in forms.iter().enumerate() {
                    s.name_words
                        .entry(f.clone())
                        .or_default()
                        .push((id, k.min(255) as u8));
                }
                s.runs.push((forms, idx));
            }
        }
        let n = s.words.len();
        let same = |i: usize, j: usize| s.words[i].para == s.words[j].para;
        let mut ctx: Vec<(u64, u32)> = Vec::with_capacity(n * 3);
        let mut bigrams: Vec<(u64, u32)> = Vec::with_capacity(n);
        let mut vocab: Vec<u64> = Vec::with_capacity(n);
        for i in 0..n {
            let h = s.words[i].h;
            vocab.push(h);
            let l1 = (i >= 1 && same(i - 1, i)).then(|| s.words[i - 1].h);
            let l2 = (i >= 2 && same(i - 2, i)).then(|| s.words[i - 2].h);
            let r1 = (i + 1 < n && same(i + 1, i)).then(|| s.words[i + 1].h);
            let r2 = (i + 2 < n && same(i + 2, i)).then(|| s.words[i + 2].h);
            if let (Some(a), Some(b)) = (l1, r1) {
                ctx.push((ctx_key(LR, a, b), i as u32));
            }
            if let (Some(a), Some(b)) = (l2, l1) {
                ctx.push((ctx_key(LL, a, b), i as u32));
            }
            if let (Some(a), Some(b)) = (r1, r2) {
                ctx.push((ctx_key(RR, a, b), i as u32));
            }
            if let Some(b) = r1 {
                bigrams.push((pair(h, b), i as u32));
            }
        }
        ctx.sort_unstable();
        bigrams.sort_unstable();
        bigrams.dedup_by_key(|x| x.0);
        vocab.sort_unstable();
        vocab.dedup();
        ctx.shrink_to_fit();
        bigrams.shrink_to_fit();
        vocab.shrink_to_fit();
        let mut ctx_at: IdMap<(u32, u32)> = IdMap::default();
        for (i, &(k, _)) in ctx.iter().enumerate() {
            ctx_at.entry(k).or_insert((i as u32, 0)).1 += 1;
        }
        s.ctx_at = ctx_at;
        s.ctx = ctx;
        s.bigrams = bigrams;
        s.vocab = vocab;
        s
    }

    fn ctx_slice(&self, key: u64) -> &[(u64, u32)] {
        match self.ctx_at.get(&key) {
            Some(&(at, n)) => &self.ctx[at as usize..(at + n) as usize],
            None => &[],
        }
    }

    /// Positions of the words whose context has `key`.
    pub fn ctx(&self, key: u64) -> impl Iterator<Item = usize> + '_ {
        self.ctx_slice(key).iter().map(|x| x.1 as usize)
    }

    /// More than a couple of dozen words have the context `key` ("in the …", "of … the"):
    /// it says nothing about which word belongs there, and walking its words for near misses
    /// on every keystroke costs more than it could find.
    pub fn common_ctx(&self, key: u64) -> bool {
        self.ctx_slice(key).len() > 24
    }

    pub fn has(&self, h: u64) -> bool {
        self.vocab.binary_search(&h).is_ok()
    }

    /// Position of the first word of the pair `a b`, if the sibling has it.
    pub fn bigram(&self, a: u64, b: u64) -> Option<usize> {
        let k = pair(a, b);
        self.bigrams
            .binary_search_by_key(&k, |x| x.0)
            .ok()
            .map(|i| self.bigrams[i].1 as usize)
    }

    /// Is `words` (name forms) a contiguous part of one of the sibling's capitalised runs?
    pub fn has_name_seq(&self, words: &[&str]) -> bool {
        let Some(first) = words.first() else {
            return false;
        };
        self.name_words.get(*first).is_some_and(|v| {
            v.iter().any(|&(r, p)| {
                let run = &self.runs[r as usize].0;
                let p = p as usize;
                run.len() >= p + words.len()
                    && run[p..p + words.len()]
                        .iter()
                        .zip(words)
                        .all(|(a, b)| a == b)
            })
        })
    }
}

/// An article's names, capitalised words, unknown words (as hashes, sorted) and confusable
/// pairs, for the workspace index: no strings, so a large workspace stays small.
#[derive(Debug, Default)]
pub struct Summary {
    pub names: Vec<u64>,
    pub capwords: Vec<u64>,
    pub oddwords: Vec<u64>,
    pub conf: Vec<u64>,
    pub hash: u64,
}

/// What [`TypoIndex`] needs from an article: its summary and the text of its names (kept
/// once per distinct name, for near-miss lookups).
pub struct Prepared {
    summary: Summary,
    /// `(hash, name)`, sorted by hash.
    names: Vec<(u64, String)>,
}

impl Summary {
    pub fn of(a: &Analysis) -> Summary {
        Summary::with_names(a).0
    }

    /// The summary, and the article's names with their hashes (sorted by hash, unique).
    fn with_names(a: &Analysis) -> (Summary, Vec<(u64, String)>) {
        let mut names: Vec<(u64, String)> = Vec::new();
        let mut capwords: Vec<u64> = Vec::new();
        let mut oddwords: Vec<u64> = Vec::new();
        let mut conf: Vec<u64> = Vec::new();
        for pi in 0..a.paragraphs.len() {
            let d = para_data_uncached(a, pi);
            capwords.extend(d.capwords.iter().map(|w| hash(w)));
            oddwords.extend(d.oddwords.iter().copied());
            conf.extend(d.conf.iter().copied());
            match Arc::try_unwrap(d) {
                Ok(d) => names.extend(d.names.into_iter().map(|n| (hash(&n), n))),
                Err(d) => names.extend(d.names.iter().map(|n| (hash(n), n.clone()))),
            }
        }
        names.sort_unstable_by_key(|x| x.0);
        names.dedup_by_key(|x| x.0);
        let mut h = 0x1234_5678u64;
        let mut sorted = |v: &mut Vec<u64>| {
            v.sort_unstable();
            v.dedup();
            v.shrink_to_fit();
            for &x in v.iter() {
                h = pair(h, x);
            }
        };
        sorted(&mut capwords);
        sorted(&mut oddwords);
        sorted(&mut conf);
        let mut name_hashes: Vec<u64> = names.iter().map(|x| x.0).collect();
        sorted(&mut name_hashes);
        let s = Summary {
            names: name_hashes,
            capwords,
            oddwords,
            conf,
            hash: h,
        };
        (s, names)
    }

    pub fn has_name(&self, n: &str) -> bool {
        self.names.binary_search(&hash(n)).is_ok()
    }
    pub fn has_capword(&self, n: &str) -> bool {
        self.capwords.binary_search(&hash(n)).is_ok()
    }
    pub fn has_oddword(&self, n: &str) -> bool {
        self.oddwords.binary_search(&hash(n)).is_ok()
    }
    pub fn has_conf(&self, k: u64) -> bool {
        self.conf.binary_search(&k).is_ok()
    }
}

/// The workspace's names and confusable word pairs, article by article. Words and names are
/// counted by hash; only names keep their text (once each).
#[derive(Default)]
pub struct TypoIndex {
    by_path: HashMap<PathBuf, Arc<Summary>>,
    /// Name hash -> (articles using it, the name).
    names: IdMap<(u32, Box<str>)>,
    capwords: IdMap<u32>,
    oddwords: IdMap<u32>,
    conf: IdMap<u32>,
    /// Sum of the articles' summary hashes: changes when any article's names change.
    total: u64,
    /// Sum over names used by two articles or more.
    shared: u64,
    known: Mutex<Option<(u64, Arc<KnownNames>)>>,
}

impl TypoIndex {
    pub fn summary(&self, path: &Path) -> Option<&Arc<Summary>> {
        self.by_path.get(path)
    }

    /// A fingerprint of everything but the article at `path`.
    pub fn fingerprint_without(&self, path: &Path) -> u64 {
        self.total
            .wrapping_sub(self.summary(path).map_or(0, |s| s.hash))
    }

    /// Articles other than `own` that use the name (name form, joined by spaces).
    pub fn name_count(&self, name: &str, own: Option<&Summary>) -> u32 {
        let n = self.names.get(&hash(name)).map_or(0, |x| x.0);
        n - u32::from(own.is_some_and(|s| s.has_name(name))).min(n)
    }

    /// Articles other than `own` that use the capitalised word (name form).
    pub fn capword_count(&self, w: &str, own: Option<&Summary>) -> u32 {
        let n = self.capwords.get(&hash(w)).copied().unwrap_or(0);
        n - u32::from(own.is_some_and(|s| s.has_capword(w))).min(n)
    }

    /// Articles other than `own` that use the lower-case word the dictionary does not know.
    pub fn oddword_count(&self, w: &str, own: Option<&Summary>) -> u32 {
        let n = self.oddwords.get(&hash(w)).copied().unwrap_or(0);
        n - u32::from(own.is_some_and(|s| s.has_oddword(w))).min(n)
    }

    /// Articles other than `own` with the confusable pair `key`.
    pub fn conf_count(&self, key: u64, own: Option<&Summary>) -> u32 {
        let n = self.conf.get(&key).copied().unwrap_or(0);
        n - u32::from(own.is_some_and(|s| s.has_conf(key))).min(n)
    }

    /// Names used by at least two articles, indexed for near-miss lookups.
    pub fn shared_names(&self) -> Arc<KnownNames> {
        let mut g = self.known.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((fp, k)) = g.as_ref() {
            if *fp == self.shared {
                return k.clone();
            }
        }
        let mut k = KnownNames::default();
        let mut list: Vec<&str> = self
            .names
            .values()
            .filter(|(c, _)| *c >= 2)
            .map(|(_, n)| &**n)
            .collect();
        list.sort();
        for n in list {
            k.add(n);
        }
        let k = Arc::new(k);
        *g = Some((self.shared, k.clone()));
        k
    }

    /// Count `s` in (`sign` 1) or out (-1). `text` gives the names' text when counting in.
    fn add(&mut self, s: &Summary, sign: i32, text: &[(u64, String)]) {
        for &h in &s.names {
            let before = self.names.get(&h).map_or(0, |x| x.0);
            let after = (before as i32 + sign).max(0) as u32;
            if before < 2 && after >= 2 {
                self.shared = self.shared.wrapping_add(h);
            } else if before >= 2 && after < 2 {
                self.shared = self.shared.wrapping_sub(h);
            }
            if after == 0 {
                self.names.remove(&h);
            } else if let Some(e) = self.names.get_mut(&h) {
                e.0 = after;
            } else if let Ok(i) = text.binary_search_by_key(&h, |x| x.0) {
                self.names.insert(h, (after, text[i].1.as_str().into()));
            }
        }
        for (map, keys) in [
            (&mut self.capwords, &s.capwords),
            (&mut self.oddwords, &s.oddwords),
            (&mut self.conf, &s.conf),
        ] {
            for k in keys {
                let c = map.entry(*k).or_default();
                *c = (*c as i32 + sign).max(0) as u32;
                if *c == 0 {
                    map.remove(k);
                }
            }
        }
        if sign > 0 {
            self.total = self.total.wrapping_add(s.hash);
        } else {
            self.total = self.total.wrapping_sub(s.hash);
        }
    }

    /// Is `w` a content word (for context evidence)?
    pub fn content(w: &W) -> bool {
        !w.number && !is_function_word(&w.norm)
    }
}

impl CorpusIndex for TypoIndex {
    fn prepare(&self, analysis: &Analysis) -> Box<dyn std::any::Any + Send> {
        let (summary, names) = Summary::with_names(analysis);
        Box::new(Prepared { summary, names })
    }

    fn insert(&mut self, path: &Path, prepared: Box<dyn std::any::Any + Send>) {
        self.remove(path);
        let Ok(p) = prepared.downcast::<Prepared>() else {
            return;
        };
        let Prepared { summary, names } = *p;
        self.add(&summary, 1, &names);
        self.by_path.insert(path.to_path_buf(), Arc::new(summary));
    }

    fn remove(&mut self, path: &Path) {
        if let Some(s) = self.by_path.remove(path) {
            self.add(&s, -1, &[]);
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Absolute range of a paragraph-relative range.
pub fn shift(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

/// A story's siblings indexed together: for each question the typo and name rules put to the
/// siblings, which of them can have an answer. With a hundred siblings a keystroke then asks
/// each question once, not once per sibling; the rules still read the answers from those
/// siblings' own [`SibIndex`], in the same order, so the findings do not change.
#[derive(Debug, Default)]
pub struct Story {
    /// Word hash -> siblings using the word.
    words: Postings,
    /// Context key -> the distinct words found in it (hash, index into `norms`), and
    /// (context key, word) -> the siblings with that word there.
    ctx_words: IdMap<Vec<(u64, u32)>>,
    ctx_word_sibs: Postings,
    /// Normal forms of the words in `ctx_words`, with whether every occurrence is a number.
    norms: Vec<(String, bool)>,
    /// Distinct capitalised runs (name forms) and the siblings with them; name word ->
    /// (distinct run, position).
    runs: Vec<(Vec<String>, Vec<u16>)>,
    run_words: HashMap<String, Vec<(u32, u8)>>,
    /// The name words (the keys of `run_words`), by length in characters.
    names_by_len: HashMap<usize, Vec<String>>,
    /// Lower-case words (as some sibling writes them: not capitalised, not a number), by
    /// first character, with the siblings writing them so.
    lower: HashMap<char, Vec<(String, Vec<u16>)>>,
    /// Word pair (`pair(a, b)`) -> siblings with `a b` somewhere.
    bigrams: Postings,
}

/// u64 key -> sorted siblings, packed.
#[derive(Debug, Default)]
struct Postings {
    at: IdMap<(u32, u32)>,
    sibs: Vec<u16>,
}

impl Postings {
    fn build(mut v: Vec<(u64, u16)>) -> Postings {
        v.sort_unstable();
        v.dedup();
        let mut at: IdMap<(u32, u32)> = IdMap::default();
        for (i, &(k, _)) in v.iter().enumerate() {
            at.entry(k).or_insert((i as u32, 0)).1 += 1;
        }
        Postings {
            at,
            sibs: v.into_iter().map(|x| x.1).collect(),
        }
    }

    fn get(&self, k: u64) -> &[u16] {
        match self.at.get(&k) {
            Some(&(i, n)) => &self.sibs[i as usize..(i + n) as usize],
            None => &[],
        }
    }
}

/// Adds sibling `s` to a list built sibling by sibling (so in order), once.
fn add_once(v: &mut Vec<u16>, s: u16) {
    if v.last() != Some(&s) {
        v.push(s);
    }
}

/// Sorted union of sibling lists.
fn union<'a>(lists: impl IntoIterator<Item = &'a [u16]>) -> Vec<u16> {
    let mut v: Vec<u16> = lists.into_iter().flatten().copied().collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl Story {
    pub fn build(sibs: &[Arc<SibIndex>]) -> Story {
        let mut words = Vec::new();
        let mut lower: HashMap<&str, Vec<u16>> = HashMap::new();
        let mut lower_order: Vec<&str> = Vec::new();
        let mut ctx_words: IdMap<Vec<(u64, u32)>> = IdMap::default();
        let mut ctx_word_sibs = Vec::new();
        let mut bigrams = Vec::new();
        let mut norm_ids: IdMap<u32> = IdMap::default();
        let mut norms: Vec<(String, bool)> = Vec::new();
        let mut run_ids: HashMap<&[String], u32> = HashMap::new();
        let mut runs: Vec<(Vec<String>, Vec<u16>)> = Vec::new();
        for (s, ix) in sibs.iter().enumerate() {
            let s = s as u16;
            words.extend(ix.vocab.iter().map(|&h| (h, s)));
            bigrams.extend(ix.bigrams.iter().map(|&(k, _)| (k, s)));
            for &(k, j) in &ix.ctx {
                let w = &ix.words[j as usize];
                let id = *norm_ids.entry(w.h).or_insert_with(|| {
                    norms.push((w.norm.clone(), true));
                    (norms.len() - 1) as u32
                });
                norms[id as usize].1 &= w.number;
                ctx_word_sibs.push((pair(k, w.h), s));
                let v = ctx_words.entry(k).or_default();
                if !v.iter().any(|x| x.0 == w.h) {
                    v.push((w.h, id));
                }
            }
            for (forms, _) in &ix.runs {
                let id = *run_ids.entry(forms.as_slice()).or_insert_with(|| {
                    runs.push((forms.clone(), Vec::new()));
                    (runs.len() - 1) as u32
                });
                add_once(&mut runs[id as usize].1, s);
            }
            for w in &ix.words {
                if w.cap || w.number {
                    continue;
                }
                let v = lower.entry(w.norm.as_str()).or_insert_with(|| {
                    lower_order.push(w.norm.as_str());
                    Vec::new()
                });
                add_once(v, s);
            }
        }
        let mut by_first: HashMap<char, Vec<(String, Vec<u16>)>> = HashMap::new();
        for w in lower_order {
            if let Some(c) = w.chars().next() {
                let sibs = lower.remove(w).unwrap_or_default();
                by_first.entry(c).or_default().push((w.to_string(), sibs));
            }
        }
        let mut run_words: HashMap<String, Vec<(u32, u8)>> = HashMap::new();
        for (id, (forms, _)) in runs.iter().enumerate() {
            for (q, f) in forms.iter().enumerate() {
                run_words
                    .entry(f.clone())
                    .or_default()
                    .push((id as u32, q.min(255) as u8));
            }
        }
        let mut names_by_len: HashMap<usize, Vec<String>> = HashMap::new();
        for k in run_words.keys() {
            names_by_len
                .entry(k.chars().count())
                .or_default()
                .push(k.clone());
        }
        Story {
            words: Postings::build(words),
            ctx_words,
            ctx_word_sibs: Postings::build(ctx_word_sibs),
            norms,
            runs,
            run_words,
            names_by_len,
            lower: by_first,
            bigrams: Postings::build(bigrams),
        }
    }

    /// Siblings with the word `h` in one of the contexts `keys`, in order.
    pub fn with_word_in_ctx(&self, keys: &[u64], h: u64) -> Vec<u16> {
        union(keys.iter().map(|&k| self.ctx_word_sibs.get(pair(k, h))))
    }

    /// Siblings with one of the word pairs `keys` (see [`SibIndex::bigram`]), in order.
    pub fn with_bigrams(&self, keys: &[u64]) -> Vec<u16> {
        union(keys.iter().map(|&k| self.bigrams.get(k)))
    }

    /// Some sibling uses the word `h`.
    pub fn has(&self, h: u64) -> bool {
        !self.words.get(h).is_empty()
    }

    /// Some sibling has the word `h` in the context `key`.
    pub fn has_in_ctx(&self, key: u64, h: u64) -> bool {
        !self.ctx_word_sibs.get(pair(key, h)).is_empty()
    }

    /// Siblings with a word (not always a number) in one of the contexts `keys`, for whose
    /// normal form `near` holds.
    pub fn with_ctx_word(&self, keys: &[u64], near: impl Fn(&str) -> bool) -> Vec<u16> {
        let mut lists: Vec<&[u16]> = Vec::new();
        for &k in keys {
            for &(h, id) in self.ctx_words.get(&k).into_iter().flatten() {
                let (norm, number) = &self.norms[id as usize];
                if !number && near(norm) {
                    lists.push(self.ctx_word_sibs.get(pair(k, h)));
                }
            }
        }
        union(lists)
    }

    /// Siblings with a capitalised run for which `aligns(run, p, q)` holds, where word `p` of
    /// `forms` is word `q` of the run.
    pub fn with_run(
        &self,
        forms: &[&str],
        aligns: impl Fn(&[String], usize, usize) -> bool,
    ) -> Vec<u16> {
        let mut lists: Vec<&[u16]> = Vec::new();
        for (p, f) in forms.iter().enumerate() {
            for &(id, q) in self.run_words.get(*f).into_iter().flatten() {
                let (run, sibs) = &self.runs[id as usize];
                if aligns(run, p, usize::from(q)) {
                    lists.push(sibs);
                }
            }
        }
        union(lists)
    }

    /// The siblings of the distinct runs with the name word `f`.
    fn name_sibs<'s>(&'s self, f: &str) -> impl Iterator<Item = &'s [u16]> + 's {
        let ids = self.run_words.get(f).map_or(&[][..], Vec::as_slice);
        ids.iter()
            .map(|&(id, _)| self.runs[id as usize].1.as_slice())
    }

    /// Siblings with any of `forms` in a capitalised run.
    pub fn with_names(&self, forms: &[&str]) -> Vec<u16> {
        union(forms.iter().flat_map(|f| self.name_sibs(f)))
    }

    /// Siblings with a name word `k` of `len` characters, give or take one, for which `near`
    /// holds.
    pub fn with_name_near(&self, len: usize, near: impl Fn(&str) -> bool) -> Vec<u16> {
        let mut lists: Vec<&[u16]> = Vec::new();
        for l in len.saturating_sub(1)..=len + 1 {
            for k in self.names_by_len.get(&l).into_iter().flatten() {
                if near(k) {
                    lists.extend(self.name_sibs(k));
                }
            }
        }
        union(lists)
    }

    /// Siblings writing a lower-case word that starts with `first` for which `near` holds.
    pub fn with_lower_near(&self, first: char, near: impl Fn(&str) -> bool) -> Vec<u16> {
        union(
            self.lower
                .get(&first)
                .into_iter()
                .flatten()
                .filter(|(w, _)| near(w))
                .map(|(_, v)| v.as_slice()),
        )
    }
}
