//! The shared pass of the `typo` and `name` rules: one walk over each paragraph that decides
//! which rule owns each suspicious word, memoised by paragraph text and workspace state.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex};

use crate::engine::analysis::Analysis;
use crate::engine::config::RuleSetting;
use crate::engine::finding::{Edit, Finding, Fix, Related};
use crate::engine::hashing::{IdMap, Memo};
use crate::engine::lexicon::is_calendar_word;
use crate::engine::rules::Context;

use super::data::{KnownNames, BUNDLED, CONFUSABLES};
use super::dictionary;
use super::index::{conf_key, ctx_key, para_data, ParaData, SibIndex, Story, Summary, TypoIndex};
use super::index::{LL, LR, RR};
use super::text::{
    hash, inflection, is_function_word, match_apostrophe, match_case, name_form, norm, osa, pair,
    spelling_variant, W,
};

pub const SIBLING: &str = "typo/sibling";
pub const CONFUSABLE: &str = "typo/confusable";
pub const SPELLING: &str = "typo/spelling";
pub const NAME_SIBLING: &str = "name/sibling";
pub const NAME_MISSPELT: &str = "name/misspelt";

const RULES: [&str; 5] = [NAME_SIBLING, NAME_MISSPELT, SIBLING, CONFUSABLE, SPELLING];

/// The directive that makes the spelling and name rules accept words in one article.
pub const IGNORE_DIRECTIVE: &str = "copydesk-ignore-word";

/// Findings of every rule of the pass on the draft of `cx`, computed once per check.
pub fn findings(cx: &Context<'_>) -> Arc<Vec<Finding>> {
    #[derive(Default)]
    struct Memo(Mutex<Option<(u64, Arc<Vec<Finding>>)>>);
    let a = cx.analysis;
    let memo = a.cached(|_| Memo::default());
    let key = env_fingerprint(cx);
    if let Some((fp, f)) = memo.0.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
        if *fp == key {
            return f.clone();
        }
    }
    let env = Env::new(cx, key);
    let mut all = Vec::new();
    for pi in 0..a.paragraphs.len() {
        let base = a.paragraphs[pi].start;
        let key = pair(env.fp, hash(&a.text()[a.paragraphs[pi].clone()]));
        let rel = PARA_FINDINGS.get_or_insert_with(key, || {
            let d = para_data(a, pi);
            let mut out = Vec::new();
            env.paragraph(a, &d, base, &mut out);
            Arc::new(out.into_iter().map(|f| f.moved(-(base as isize))).collect())
        });
        for f in rel.iter() {
            let mut f = f.clone().moved(base as isize);
            if f.word.is_some() {
                f.fixes.push(ignore_fix(a, f.word.as_deref().unwrap_or("")));
            }
            all.push(f);
        }
    }
    let all = Arc::new(all);
    *memo.0.lock().unwrap_or_else(|e| e.into_inner()) = Some((env.fp, all.clone()));
    all
}

/// Findings of one rule of the pass.
pub fn emit(cx: &Context<'_>, rule: &'static str, out: &mut Vec<Finding>) {
    for f in findings(cx).iter() {
        if f.rule == rule {
            out.push(f.clone());
        }
    }
}

/// The bundled list's name words by first letter and length in characters: a word one letter
/// added, dropped or swapped away has the same first letter and a length within one.
static BUNDLED_BY_SHAPE: LazyLock<HashMap<(char, usize), Vec<(&'static str, &'static String)>>> =
    LazyLock::new(|| {
        let mut m: HashMap<(char, usize), Vec<(&'static str, &'static String)>> = HashMap::new();
        for (k, shown) in BUNDLED.words.iter() {
            if let Some(c) = k.chars().next() {
                m.entry((c, k.chars().count()))
                    .or_default()
                    .push((k.as_str(), shown));
            }
        }
        m
    });

/// Sibling sets this large get a [`Story`] index.
const STORY_MIN: usize = 8;

static PARA_FINDINGS: Memo<u64, Arc<Vec<Finding>>> = Memo::new(20_000);

/// One run's name findings (relative to the start of its window), by [`window_key`].
static RUN_FINDINGS: Memo<u64, Arc<Vec<(usize, Finding)>>> = Memo::new(16_384);

/// Which words of a run of capitalised words stand inside a known name, by the run's words and
/// the environment.
static RUN_NAMED: Memo<u64, Arc<[bool]>> = Memo::new(16_384);

/// One word's finding (relative to the start of its window), by [`window_key`].
static WORD_FINDINGS: Memo<u64, Option<Arc<Finding>>> = Memo::new(65_536);

/// The key of the verdict on the words `run` (one word, or a run of capitalised words) and
/// where its window starts in `text`. The window runs from the third word before the first of
/// them to the fourth word after the last (or the paragraph's edges), widened to `widen` when
/// the verdict reads further; the words' sentence and punctuation flags and the run's place in
/// the window go in too, so equal keys mean equal contexts.
fn window_key(
    env: u64,
    text: &str,
    words: &[W],
    run: &[usize],
    widen: Option<std::ops::Range<usize>>,
) -> (u64, usize) {
    let (i, j) = (run[0], run[run.len() - 1]);
    let first = i.saturating_sub(3);
    let last = (j + 3).min(words.len() - 1);
    let mut start = if i >= 3 { words[first].range.start } else { 0 };
    let mut end = words
        .get(j + 4)
        .map_or(words[last].range.end, |n| n.range.start)
        .max(words[j].range.end);
    if let Some(w) = widen {
        start = start.min(w.start);
        end = end.max(w.end);
    }
    let mut k = pair(env, hash(&text[start..end]));
    for x in &words[first..=last] {
        k = pair(
            k,
            u64::from(x.sentence_start) << 1 | u64::from(x.after_punct),
        );
    }
    for &w in run {
        k = pair(k, (w - first) as u64);
    }
    k = pair(k, (last - j) as u64);
    (k, start)
}

/// "Ignore in this article": a directive at the top of the article (after front matter).
fn ignore_fix(a: &Analysis, word: &str) -> Fix {
    let text = a.text();
    let mut at = 0;
    if text.starts_with("---") || text.starts_with("+++") {
        if let Some(r) = a.ignored.first().filter(|r| r.start == 0) {
            at = r.end;
        }
    }
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    Fix::unsafe_(
        format!("Ignore “{word}” in this article"),
        vec![Edit::replace(
            at..at,
            format!("<!-- {IGNORE_DIRECTIVE} {word} -->{nl}"),
        )],
    )
}

/// Words named by `<!-- copydesk-ignore-word ... -->` directives, lower case.
pub fn ignored_words(a: &Analysis) -> Arc<HashSet<String>> {
    struct Ignored(Arc<HashSet<String>>);
    a.cached(|a| {
        let text = a.text();
        let mut set = HashSet::new();
        // Directives are HTML comments, which the analysis already lists as ignored regions.
        for r in &a.ignored {
            let body = &text[r.clone()];
            let Some(rest) = body.strip_prefix("<!--") else {
                continue;
            };
            let rest = rest.trim_start();
            let Some(words) = rest.strip_prefix(IGNORE_DIRECTIVE) else {
                continue;
            };
            let words = words.strip_suffix("-->").unwrap_or(words);
            for w in words.split(|c: char| c.is_whitespace() || c == ',') {
                if !w.is_empty() {
                    set.insert(norm(w));
                }
            }
        }
        Ignored(Arc::new(set))
    })
    .0
    .clone()
}

/// The draft's siblings, in order: their paths and contents.
fn siblings_key(cx: &Context<'_>) -> u64 {
    let mut k = 0x5707_u64;
    for s in cx.siblings {
        k = pair(k, s.analysis.doc.hash());
        k = pair(k, s.analysis.doc.path_hash());
    }
    k
}

/// The siblings with their indexes, built once per set of siblings (not per keystroke).
struct SibSet {
    sibs: Vec<Sib>,
    /// The siblings indexed together, when there are enough of them to be worth it.
    story: Option<Story>,
}

impl std::ops::Deref for SibSet {
    type Target = [Sib];
    fn deref(&self) -> &[Sib] {
        &self.sibs
    }
}

static SIB_SETS: Memo<u64, Arc<SibSet>> = Memo::new(8);

fn sib_set(cx: &Context<'_>) -> Arc<SibSet> {
    SIB_SETS.get_or_insert_with(siblings_key(cx), || {
        let sibs: Vec<Sib> = cx
            .siblings
            .iter()
            .map(|s| Sib {
                ix: SibIndex::of(&s.analysis),
                a: s.analysis.clone(),
            })
            .collect();
        let story = (sibs.len() >= STORY_MIN).then(|| {
            let ixs: Vec<Arc<SibIndex>> = sibs.iter().map(|s| s.ix.clone()).collect();
            Story::build(&ixs)
        });
        Arc::new(SibSet { sibs, story })
    })
}

/// Everything besides a paragraph's own text that its findings depend on.
fn env_fingerprint(cx: &Context<'_>) -> u64 {
    let a = cx.analysis;
    let index = cx.corpus.index::<TypoIndex>();
    let mut fp = pair(0xF00D_u64, siblings_key(cx));
    fp = pair(fp, index.map_or(1, |i| i.fingerprint_without(a.doc.path())));
    fp = pair(fp, cx.config.typo.fingerprint());
    for (i, r) in RULES.iter().enumerate() {
        let on = cx.config.rule_setting(r) != Some(RuleSetting::Off);
        fp = pair(fp, (i as u64) << 1 | u64::from(on));
    }
    let ignored = ignored_words(a);
    let mut ig: Vec<&String> = ignored.iter().collect();
    ig.sort();
    for w in ig {
        fp = pair(fp, hash(w));
    }
    pair(fp, repeated_oddwords(a).fp)
}

/// Lower-case words the dictionary lacks that the draft uses more than once (by hash of their
/// normal form: a 64-bit collision could at worst make a word count as used twice), and a
/// fingerprint of the set that does not depend on the order they were found in.
struct Repeated {
    hashes: crate::engine::hashing::IdSet<u64>,
    fp: u64,
}

fn repeated_oddwords(a: &Analysis) -> Arc<Repeated> {
    a.cached(|a| {
        let mut counts: IdMap<u64, u32> = IdMap::default();
        for pi in 0..a.paragraphs.len() {
            for &h in &para_data(a, pi).oddwords {
                *counts.entry(h).or_insert(0) += 1;
            }
        }
        let mut fp = 0x0DD5_u64;
        let mut hashes = crate::engine::hashing::IdSet::default();
        for (&h, &n) in &counts {
            if n >= 2 {
                fp = fp.wrapping_add(pair(h, 0x2));
                hashes.insert(h);
            }
        }
        Repeated { hashes, fp }
    })
}

/// House names and words from the configuration, built once per configuration.
struct House {
    names: KnownNames,
    words: HashSet<String>,
}

static HOUSE: LazyLock<Mutex<Option<(u64, Arc<House>)>>> = LazyLock::new(|| Mutex::new(None));

fn house(cx: &Context<'_>) -> Arc<House> {
    let t = &cx.config.typo;
    let fp = t.fingerprint();
    let mut g = HOUSE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((f, h)) = g.as_ref() {
        if *f == fp {
            return h.clone();
        }
    }
    let mut words = t.house_words();
    for n in &t.names {
        for w in super::data::split_name(n) {
            words.insert(name_form(&norm(&w)).to_string());
        }
    }
    let h = Arc::new(House {
        names: KnownNames::build(t.names.iter().map(String::as_str)),
        words,
    });
    *g = Some((fp, h.clone()));
    h
}

struct Sib {
    ix: Arc<SibIndex>,
    a: Arc<Analysis>,
}

/// Everything a paragraph's check reads besides its own text.
struct Env<'a> {
    sibs: Arc<SibSet>,
    index: Option<&'a TypoIndex>,
    own: Option<Arc<Summary>>,
    shared: Option<Arc<KnownNames>>,
    house: Arc<House>,
    ignored: Arc<HashSet<String>>,
    /// Lower-case words the dictionary lacks that the draft uses more than once.
    repeated: Arc<Repeated>,
    on: [bool; 5],
    fp: u64,
}

impl<'a> Env<'a> {
    fn new(cx: &'a Context<'a>, fp: u64) -> Env<'a> {
        let a = cx.analysis;
        let index = cx.corpus.index::<TypoIndex>();
        let path = a.doc.path();
        let own = index.and_then(|i| i.summary(path).cloned());
        let on = RULES.map(|r| cx.config.rule_setting(r) != Some(RuleSetting::Off));
        let ignored = ignored_words(a);
        let repeated = repeated_oddwords(a);
        Env {
            sibs: sib_set(cx),
            index,
            own,
            shared: None,
            house: house(cx),
            ignored,
            repeated,
            on,
            fp,
        }
    }

    /// The siblings the story index picks (all of them without one), in order.
    fn pick(&self, f: impl FnOnce(&Story) -> Vec<u16>) -> Vec<&Sib> {
        match &self.sibs.story {
            Some(st) => f(st)
                .into_iter()
                .filter_map(|i| self.sibs.get(usize::from(i)))
                .collect(),
            None => self.sibs.iter().collect(),
        }
    }

    /// Some sibling uses the word `h`.
    fn sibling_has(&self, h: u64) -> bool {
        match &self.sibs.story {
            Some(st) => st.has(h),
            None => self.sibs.iter().any(|s| s.ix.has(h)),
        }
    }

    /// How many siblings (up to `enough`) have the name words `seq` in a capitalised run.
    fn name_seq_count(&self, seq: &[&str], enough: usize) -> usize {
        self.pick(|st| st.with_names(&seq[..1]))
            .into_iter()
            .filter(|x| x.ix.has_name_seq(seq))
            .take(enough)
            .count()
    }

    fn on(&self, rule: &str) -> bool {
        RULES
            .iter()
            .position(|r| *r == rule)
            .is_some_and(|i| self.on[i])
    }

    fn shared(&self) -> Option<Arc<KnownNames>> {
        self.shared
            .clone()
            .or_else(|| self.index.map(TypoIndex::shared_names))
    }

    /// The name form `w` is known as a name word somewhere other than the draft.
    fn known_capword(&self, form: &str) -> bool {
        BUNDLED.words.contains_key(form)
            || self.house.words.contains(form)
            || self
                .index
                .is_some_and(|i| i.capword_count(form, self.own.as_deref()) > 0)
    }

    fn paragraph(&self, a: &Analysis, d: &ParaData, base: usize, out: &mut Vec<Finding>) {
        let text = &a.text()[base..];
        let mut claimed = vec![false; d.words.len()];
        if self.on(NAME_SIBLING) || self.on(NAME_MISSPELT) {
            self.names(text, d, base, &mut claimed, out);
        }
        let foreign = foreign_sentences(text, &d.words);
        // Words inside a known name are spelled as the name is.
        for r in &d.runs {
            if r.words.len() < 2 {
                continue;
            }
            let forms: Vec<&str> = r
                .words
                .iter()
                .map(|&i| name_form(&d.words[i].norm))
                .collect();
            // The verdict reads the run's words and the workspace only: memoised by them, so
            // typing elsewhere in the paragraph does not ask every sibling again.
            let mut key = self.fp ^ 0xC1A1;
            for f in &forms {
                key = pair(key, hash(f));
            }
            let inside = RUN_NAMED.get_or_insert_with(key, || {
                let mut inside = vec![false; forms.len()];
                for s in 0..forms.len() {
                    for e in s + 2..=forms.len().min(s + 8) {
                        if self.is_known_name(&forms[s..e].join(" "))
                            || self.sibs.len() >= 2 && self.name_seq_count(&forms[s..e], 2) >= 2
                        {
                            inside[s..e].fill(true);
                        }
                    }
                }
                inside.into()
            });
            for (k, &i) in r.words.iter().enumerate() {
                claimed[i] |= inside[k];
            }
        }
        for i in 0..d.words.len() {
            if claimed[i] {
                continue;
            }
            // A word's verdict depends on its three neighbours each side, its sentence's
            // language and the workspace: typing in a paragraph re-judges only the words
            // near the edit.
            // The web-address test reads the whitespace-delimited chunk around the word.
            let chunk = chunk_around(text, &d.words[i].range);
            let (key, at) = window_key(self.fp, text, &d.words, &[i], Some(chunk));
            let key = pair(key, u64::from(foreign[i]));
            let found = WORD_FINDINGS.get_or_insert_with(key, || {
                let mut ctx = Ctx::at(&d.words, i);
                ctx.foreign = foreign[i];
                self.word(text, &ctx, base)
                    .map(|f| Arc::new(f.moved(-((base + at) as isize))))
            });
            if let Some(f) = found {
                out.push(Finding::clone(&f).moved((base + at) as isize));
            }
        }
    }

    /// The sibling, confusable or spelling finding on one word, the first that applies.
    fn word(&self, text: &str, ctx: &Ctx<'_>, base: usize) -> Option<Finding> {
        if self.on(SIBLING) {
            if let Some(f) = self.sibling_word(text, ctx, base) {
                return Some(f);
            }
        }
        if self.on(CONFUSABLE) {
            if let Some(f) = self.confusable(text, ctx, base) {
                return Some(f);
            }
        }
        if self.on(SPELLING) {
            return self.spelling(text, ctx, base);
        }
        None
    }
}

/// A word with its neighbours in the paragraph (nearest first; 0 past the edge).
struct Ctx<'w> {
    w: &'w W,
    /// The word's sentence is mostly words the dictionary does not know (another language,
    /// code, a list of names).
    foreign: bool,
    before: [u64; 3],
    after: [u64; 3],
    before_w: [Option<&'w W>; 3],
    after_w: [Option<&'w W>; 3],
}

impl<'w> Ctx<'w> {
    fn at(words: &'w [W], i: usize) -> Ctx<'w> {
        let mut c = Ctx {
            w: &words[i],
            foreign: false,
            before: [0; 3],
            after: [0; 3],
            before_w: [None; 3],
            after_w: [None; 3],
        };
        for k in 0..3 {
            if let Some(x) = i.checked_sub(k + 1).and_then(|j| words.get(j)) {
                c.before[k] = x.h;
                c.before_w[k] = Some(x);
            }
            if let Some(x) = words.get(i + k + 1) {
                c.after[k] = x.h;
                c.after_w[k] = Some(x);
            }
        }
        c
    }
}

fn content(w: Option<&W>) -> bool {
    w.is_some_and(|w| !w.number && !is_function_word(&w.norm))
}

fn is_wordlike(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        && s.chars().any(char::is_alphabetic)
}

/// A word the British and American spelling table lists as British.
fn is_british_spelling(norm: &str) -> bool {
    use crate::engine::rules::style::spelling_table::{maybe_listed, Variety, SPELLINGS};
    maybe_listed(norm.as_bytes())
        && SPELLINGS
            .get(norm)
            .is_some_and(|e| e.variety == Variety::Uk)
}

/// The characters `w` uses, as bits: letters a-z one each, anything else shares the rest.
fn letter_set(w: &str) -> u64 {
    w.chars().fold(0, |m, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            _ => 26 + c as u32 % 38,
        };
        m | 1 << bit
    })
}

/// A typo-sized difference between two words: one edit (two for long words), not an
/// inflection or a British spelling.
fn near_word(w: &str, c: &str) -> bool {
    let (pw, pc) = (w.ends_with("'s"), c.ends_with("'s"));
    if pw != pc {
        return false; // "Russia's" against "Russian": grammar, not a typo
    }
    let (w, c) = (name_form(w), name_form(c));
    // Byte lengths bound character lengths: words far apart in length are not near.
    if w.len().abs_diff(c.len()) > 8
        || (w.is_ascii() && c.is_ascii() && w.len().abs_diff(c.len()) > 2)
    {
        return false;
    }
    let (lw, lc) = (w.chars().count(), c.chars().count());
    if lc < 3 || lw < 3 {
        return false;
    }
    // An edit changes the set of letters a word uses by at most two, so words whose letter
    // sets differ by more cannot be one edit apart (two for long words): most pairs stop here.
    let apart = (letter_set(w) ^ letter_set(c)).count_ones();
    if apart > 4 || (apart > 2 && lw.min(lc) < 7) {
        return false;
    }
    if !is_wordlike(w) || !is_wordlike(c) {
        return false;
    }
    // A day of the week or a month for another ("Tuesday" for "Thursday") is another day
    // (two outlets writing on different days), not a slip; a date is `figure/conflict`'s.
    if is_calendar_word(w) && is_calendar_word(c) {
        return false;
    }
    let d = osa(w, c, 2);
    let ok = d == 1 || (d == 2 && lw.min(lc) >= 7);
    ok && !inflection(w, c) && !spelling_variant(w, c) && !is_function_word(c)
}

/// A position in sibling `s` where the word `h` stands between the same neighbours as the
/// draft's word in `c`, with at least `min` neighbours agreeing.
fn aligned_at(s: &Sib, c: &Ctx<'_>, h: u64, min: usize) -> Option<usize> {
    for k in aligned_keys(c) {
        for j in s.ix.ctx(k) {
            if s.ix.words[j].h == h && alignment(s, c, j).0 >= min {
                return Some(j);
            }
        }
    }
    None
}

/// The context keys a word is looked up by in the siblings ([`aligned_at`], `sibling_word`):
/// the neighbours on both sides, the two before, the two after (those the draft has).
fn aligned_keys(c: &Ctx<'_>) -> Vec<u64> {
    [
        (LR, c.before[0], c.after[0]),
        (LL, c.before[1], c.before[0]),
        (RR, c.after[0], c.after[1]),
    ]
    .into_iter()
    .filter(|&(_, x, y)| x != 0 && y != 0)
    .map(|(kind, x, y)| ctx_key(kind, x, y))
    .collect()
}

/// How many of the draft word's neighbours (three each side) the sibling's word at `j`
/// shares, and whether one of them is a content word.
fn alignment(s: &Sib, c: &Ctx<'_>, j: usize) -> (usize, bool) {
    let cw = &s.ix.words[j];
    let mut strength = 0;
    let mut has_content = false;
    for k in 0..3 {
        let sb = j.checked_sub(k + 1).map(|t| &s.ix.words[t]);
        if let (Some(sb), Some(db)) = (sb, c.before_w[k]) {
            if sb.para == cw.para && sb.h == db.h {
                strength += 1;
                has_content |= content(Some(db));
            }
        }
        let sa = s.ix.words.get(j + k + 1);
        if let (Some(sa), Some(da)) = (sa, c.after_w[k]) {
            if sa.para == cw.para && sa.h == da.h {
                strength += 1;
                has_content |= content(Some(da));
            }
        }
    }
    (strength, has_content)
}

/// "konstantin kalachev" -> "Konstantin Kalachev" (names learnt from the workspace are kept
/// in lower case).
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| match_case("X", w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Blinken's" -> "Blinken".
fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("’s")
        .or_else(|| s.strip_suffix("'s"))
        .unwrap_or(s)
}

/// The replacement for a name word: the known spelling, in the draft's case when the known
/// form is all lower case (names learnt from the workspace), with the draft's possessive.
fn name_replacement(written: &str, known: &str) -> String {
    let base = strip_possessive(known);
    let mut rep = match_case(strip_possessive(written), base);
    if let Some(p) = written.strip_prefix(strip_possessive(written)) {
        rep.push_str(p);
    }
    rep
}

/// The sibling word at `j` has the draft word's neighbour (next to it, either side) and that
/// neighbour is a content word.
fn shares_neighbour(words: &[W], j: usize, c: &Ctx<'_>) -> bool {
    let p = words[j].para;
    let before = j.checked_sub(1).map(|t| &words[t]).filter(|x| x.para == p);
    let after = words.get(j + 1).filter(|x| x.para == p);
    before.is_some_and(|b| c.before_w[0].is_some_and(|d| d.h == b.h && content(Some(d))))
        || after.is_some_and(|a| c.after_w[0].is_some_and(|d| d.h == a.h && content(Some(d))))
}

/// Two neighbouring letters swapped.
fn transposition(w: &str, c: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (w.chars().collect(), c.chars().collect());
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

/// Two dictionary words of three letters or more run together (or a word and "up").
fn compound(w: &str) -> bool {
    let idx: Vec<usize> = w.char_indices().map(|(i, _)| i).skip(2).collect();
    idx.iter().any(|&k| {
        let (x, y) = (&w[..k], &w[k..]);
        (x.len() >= 3 || y.len() >= 3)
            && x.len() >= 2
            && y.len() >= 2
            && dictionary::check(x)
            && dictionary::check(y)
            && (x.len() >= 3 && y.len() >= 3 || matches!(y, "up" | "in" | "on" | "out" | "off"))
    })
}

/// One letter changed (rather than added, dropped or swapped).
fn substitution(w: &str, c: &str) -> bool {
    w.chars().count() == c.chars().count()
        && w.chars().zip(c.chars()).filter(|(a, b)| a != b).count() == 1
}

/// A near miss of a name word: one edit, or a last word cut short ("Treat" for "Treaty").
fn near_name(d: &str, k: &str, cut: Cut) -> bool {
    if d == k || d.chars().count() < 3 || k.chars().count() < 3 {
        return false;
    }
    // The cheap test first: most names a run is compared with are not near it at all.
    let cut_short = cut != Cut::No
        && d.chars().count() >= 4
        && k.starts_with(d)
        && (k.len() - d.len() <= 3 || cut == Cut::Long && CUT_SUFFIXES.contains(&&k[d.len()..]));
    // One edit changes the letters a word uses by at most two.
    if !cut_short && ((letter_set(d) ^ letter_set(k)).count_ones() > 2 || osa(d, k, 1) != 1) {
        return false;
    }
    if !is_wordlike(d)
        || !is_wordlike(k)
        || inflection(d, k)
        || spelling_variant(d, k)
        || super::text::demonym(d, k)
    {
        return false;
    }
    if is_function_word(d) || is_function_word(k) {
        return false;
    }
    true
}

/// Whether the word compared with a name's word may be that word cut short.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cut {
    No,
    /// By up to three letters ("Outer Space Treat").
    Short,
    /// Also by a whole suffix, the rest of the name matching over two words or more
    /// ("World Meteorological Organ").
    Long,
}

/// Endings a name's last word loses when cut off where it still reads as a word.
const CUT_SUFFIXES: &[&str] = &[
    "ization", "isation", "ation", "ations", "ition", "ment", "ments", "ance", "ence", "ity",
    "ship", "ical", "ology", "ism", "ists", "ians",
];

fn quote(s: &str) -> String {
    format!("“{s}”")
}

/// Where the evidence for a name fix came from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Source {
    House,
    Bundled,
    Workspace,
}

impl Env<'_> {
    // ---------------------------------------------------------------- names

    fn names(
        &self,
        text: &str,
        d: &ParaData,
        base: usize,
        claimed: &mut [bool],
        out: &mut Vec<Finding>,
    ) {
        let ws = &d.words;
        for r in &d.runs {
            if r.words.is_empty() {
                continue;
            }
            // A run's verdict reads the run and three words each side: memoised by them, so
            // typing elsewhere in the paragraph does not compare it with every sibling again.
            let (key, at) = window_key(self.fp ^ 0x2A11, text, ws, &r.words, None);
            let found = RUN_FINDINGS.get_or_insert_with(key, || {
                let mut local = Vec::new();
                self.run(text, ws, &r.words, base, &mut local);
                let moved = local
                    .into_iter()
                    .map(|(k, f)| (k, f.moved(-((base + at) as isize))))
                    .collect();
                Arc::new(moved)
            });
            for (k, f) in found.iter() {
                claimed[r.words[*k]] = true;
                out.push(f.clone().moved((base + at) as isize));
            }
        }
    }

    /// The name findings on one run of capitalised words: (position in the run, finding).
    fn run(
        &self,
        text: &str,
        ws: &[W],
        idx: &[usize],
        base: usize,
        out: &mut Vec<(usize, Finding)>,
    ) {
        let forms: Vec<&str> = idx.iter().map(|&i| name_form(&ws[i].norm)).collect();
        if forms.len() >= 2 {
            if let Some((pos, f)) = self.run_vs_known(text, ws, idx, &forms, base) {
                out.push((pos, f));
                return;
            }
        }
        for (k, &i) in idx.iter().enumerate() {
            if !ws[i].cap {
                continue;
            }
            let ctx = Ctx::at(ws, i);
            if let Some(f) = self.unknown_name_word(text, &ws[i], forms[k], base, &ctx) {
                out.push((k, f));
            }
        }
    }

    /// A run that matches a known name but for one word.
    fn run_vs_known(
        &self,
        text: &str,
        ws: &[W],
        idx: &[usize],
        forms: &[&str],
        base: usize,
    ) -> Option<(usize, Finding)> {
        // Siblings first: the strongest evidence.
        if self.on(NAME_SIBLING) && !self.sibs.is_empty() {
            // (position in run, replacement as written) -> sibling evidence
            let mut cands: Vec<(usize, String, Vec<Related>, usize)> = Vec::new();
            let aligns = |run: &[String], p: usize, q: usize| align(forms, run, p, q).is_some();
            for sib in self.pick(|st| st.with_run(forms, aligns)) {
                for (p, f) in forms.iter().enumerate() {
                    let Some(list) = sib.ix.name_words.get(*f) else {
                        continue;
                    };
                    for &(rid, q) in list {
                        let (run2, idx2) = &sib.ix.runs[rid as usize];
                        let Some((x, y, lo, hi)) = align(forms, run2, p, q as usize) else {
                            continue;
                        };
                        // The draft's own spelling is in a sibling: both are in use.
                        if self.name_seq_count(&forms[lo..hi], 1) > 0 {
                            continue;
                        }
                        let w2 = &sib.ix.words[idx2[y]];
                        let shown = strip_possessive(&sib.a.text()[w2.range.clone()]).to_string();
                        let start = sib.ix.words[idx2[0]].range.start;
                        let end = sib.ix.words[*idx2.last().unwrap_or(&idx2[0])].range.end;
                        let rel = Related {
                            doc: sib.a.doc.clone(),
                            range: start..end,
                            message: format!(
                                "a sibling writes {}",
                                quote(&sib.a.text()[start..end])
                            ),
                        };
                        match cands
                            .iter_mut()
                            .find(|c| c.0 == x && norm(&c.1) == norm(&shown))
                        {
                            Some(c) => {
                                if !c.2.iter().any(|r| Arc::ptr_eq(&r.doc, &rel.doc)) {
                                    c.2.push(rel);
                                }
                            }
                            None => cands.push((x, shown, vec![rel], hi - lo)),
                        }
                    }
                }
            }
            // The draft's spelling is the known one, or the sibling's is the misspelling, or
            // the word is ignored in this article.
            cands.retain(|c| {
                let x = c.0;
                if self.ignored.contains(forms[x]) {
                    return false;
                }
                let w = &ws[idx[x]];
                let written = &text[w.range.clone()];
                let seq: Vec<&str> = (0..forms.len()).map(|i| forms[i]).collect();
                let lo = x.saturating_sub(c.3.saturating_sub(1));
                let draft_known = (lo..x + 1).any(|s| {
                    (s + 1..=forms.len())
                        .filter(|&e| e > x && e - s >= 2)
                        .any(|e| self.is_known_name(&seq[s..e].join(" ")))
                });
                !draft_known && !(dictionary::check(written) && !dictionary::check(&c.1))
            });
            if let Some(&(x, ..)) = cands.first() {
                let mut mine: Vec<_> = cands.iter().filter(|c| c.0 == x).collect();
                // The spelling most siblings write first ("Organization" from four outlets
                // before one British outlet's "Organisation"); sibling order on a tie.
                mine.sort_by_key(|c| std::cmp::Reverse(c.2.len()));
                let w = &ws[idx[x]];
                let written = &text[w.range.clone()];
                let run_text = &text[ws[idx[0]].range.start..ws[*idx.last()?].range.end];
                // The draft's word is a name in its own right ("Anthony"): only agreement of
                // several siblings or a known full name makes the change certain.
                let both_known = self.known_capword(forms[x]) && dictionary::check(written);
                let single = mine.len() == 1;
                let agreed = single && mine[0].2.len() >= 2;
                let known_full = single && self.candidate_name_known(forms, x, &mine[0].1);
                // One sibling against the draft is a tie unless something else sides with it.
                let backed = agreed || known_full || !dictionary::check(written);
                let safe = single && (agreed || known_full || !both_known && backed);
                let names: Vec<String> = mine.iter().map(|c| quote(&c.1)).collect();
                let mut f = Finding::new(
                    NAME_SIBLING,
                    w.range.start + base..w.range.end + base,
                    format!(
                        "{} in {}: the siblings spell it {}",
                        quote(written),
                        quote(run_text),
                        names.join(" or ")
                    ),
                );
                for c in &mine {
                    let rep = name_replacement(written, &c.1);
                    let title = format!("Change to {}", quote(&rep));
                    let edit = vec![Edit::replace(w.range.start + base..w.range.end + base, rep)];
                    f = f.with_fix(if safe {
                        Fix::safe(title, edit)
                    } else {
                        Fix::unsafe_(title, edit)
                    });
                    for r in c.2.iter().take(3) {
                        f = f.with_related(r.clone());
                    }
                }
                return Some((x, f));
            }
        }
        if !self.on(NAME_MISSPELT) {
            return None;
        }
        let shared = self.shared();
        let sources: [(Source, Option<&KnownNames>); 3] = [
            (Source::House, Some(&self.house.names)),
            (Source::Bundled, Some(&BUNDLED)),
            (Source::Workspace, shared.as_deref()),
        ];
        for (source, known) in sources {
            let Some(known) = known else { continue };
            let mut cands: Vec<(usize, String, String, usize, usize)> = Vec::new();
            for (p, f) in forms.iter().enumerate() {
                let Some(list) = known.by_word.get(*f) else {
                    continue;
                };
                for &(nid, q) in list {
                    let k = &known.names[nid as usize];
                    let Some((x, y, lo, hi)) = align(forms, k, p, q as usize) else {
                        continue;
                    };
                    let shown = known.display_words[nid as usize][y].clone();
                    if !cands.iter().any(|c| c.0 == x && c.1 == shown) {
                        cands.push((x, shown, known.display[nid as usize].clone(), lo, hi));
                    }
                }
            }
            let Some(&(x, _, _, lo, hi)) = cands.first() else {
                continue;
            };
            let mine: Vec<_> = cands.iter().filter(|c| c.0 == x).collect();
            let w = &ws[idx[x]];
            let written = &text[w.range.clone()];
            // The draft's version is itself a known name, or ignored in this article.
            let draft_seq = forms[lo..hi].join(" ");
            if self.is_known_name(&draft_seq) || self.ignored.contains(forms[x]) {
                continue;
            }
            if dictionary::check(written) && hi - lo < 3 {
                continue;
            }
            if self.known_capword(forms[x]) {
                continue;
            }
            let safe = mine.len() == 1 && source != Source::Workspace;
            let names: Vec<String> = mine
                .iter()
                .map(|c| {
                    if c.2.chars().any(char::is_uppercase) {
                        quote(&c.2)
                    } else {
                        quote(&title_case(&c.2))
                    }
                })
                .collect();
            let whence = match source {
                Source::House => "the house list",
                Source::Bundled => "Copydesk's list of names in the news",
                Source::Workspace => "other articles in the workspace",
            };
            let mut f = Finding::new(
                NAME_MISSPELT,
                w.range.start + base..w.range.end + base,
                format!(
                    "{} looks like a misspelling of {} ({whence})",
                    quote(&text[ws[idx[lo]].range.start..ws[idx[hi - 1]].range.end]),
                    names.join(" or ")
                ),
            );
            for c in &mine {
                let rep = name_replacement(written, &c.1);
                let title = format!("Change to {}", quote(&rep));
                let edit = vec![Edit::replace(w.range.start + base..w.range.end + base, rep)];
                f = f.with_fix(if safe {
                    Fix::safe(title, edit)
                } else {
                    Fix::unsafe_(title, edit)
                });
            }
            return Some((x, f));
        }
        None
    }

    /// The run with word `x` replaced by `rep` contains a known name of two words or more.
    fn candidate_name_known(&self, forms: &[&str], x: usize, rep: &str) -> bool {
        let r = norm(rep);
        let r = name_form(&r);
        let seq: Vec<&str> = (0..forms.len())
            .map(|i| if i == x { r } else { forms[i] })
            .collect();
        (0..=x).any(|s| {
            (x + 1..=seq.len())
                .filter(|&e| e - s >= 2)
                .any(|e| self.is_known_name(&seq[s..e].join(" ")))
        })
    }

    fn is_known_name(&self, joined: &str) -> bool {
        BUNDLED.joined.contains(joined)
            || self.house.names.joined.contains(joined)
            || self
                .index
                .is_some_and(|i| i.name_count(joined, self.own.as_deref()) > 0)
    }

    /// A capitalised word no dictionary or list knows, one letter from a name the siblings (or
    /// the lists) use.
    fn unknown_name_word(
        &self,
        text: &str,
        w: &W,
        form: &str,
        base: usize,
        ctx: &Ctx<'_>,
    ) -> Option<Finding> {
        let written = &text[w.range.clone()];
        if form.chars().count() < 4 || !is_wordlike(form) || w.number {
            return None;
        }
        // Mixed case ("SpaceX", "McAllen") and acronyms are brands, not slips.
        if written.chars().skip(1).any(char::is_uppercase) {
            return None;
        }
        if dictionary::check(written)
            || self.known_capword(form)
            || self.ignored.contains(form)
            || self.ignored.contains(&w.norm)
            || self.sibling_has(w.h)
            || self.sibling_has(hash(form))
        {
            return None;
        }
        // Siblings.
        let mut cands: Vec<(String, Vec<Related>)> = Vec::new();
        if self.on(NAME_SIBLING) {
            let near = |k: &str| near_name(form, k, Cut::No) && osa(form, k, 1) == 1;
            for sib in self.pick(|st| st.with_name_near(form.chars().count(), near)) {
                for (k, list) in &sib.ix.name_words {
                    if !near(k) {
                        continue;
                    }
                    let Some(&(rid, q)) = list.first() else {
                        continue;
                    };
                    let wi = sib.ix.runs[rid as usize].1[q as usize];
                    let sw = &sib.ix.words[wi];
                    if !sw.cap {
                        continue;
                    }
                    // Names are dense ("Osama"/"Obama"): a changed letter needs a shared
                    // neighbour ("Konstantin Kalashev"/"Konstantin Kalachev").
                    if substitution(form, k)
                        && !list.iter().any(|&(r2, q2)| {
                            let wi = sib.ix.runs[r2 as usize].1[q2 as usize];
                            shares_neighbour(&sib.ix.words, wi, ctx)
                        })
                    {
                        continue;
                    }
                    let shown = sib.a.text()[sw.range.clone()].to_string();
                    let shown = shown
                        .strip_suffix("’s")
                        .or_else(|| shown.strip_suffix("'s"))
                        .unwrap_or(&shown)
                        .to_string();
                    let rel = Related {
                        doc: sib.a.doc.clone(),
                        range: sw.range.clone(),
                        message: format!("a sibling writes {}", quote(&shown)),
                    };
                    match cands.iter_mut().find(|c| c.0 == shown) {
                        Some(c) => c.1.push(rel),
                        None => cands.push((shown, vec![rel])),
                    }
                }
            }
        }
        let possessive = written.ends_with("’s") || written.ends_with("'s");
        let range = w.range.start + base..w.range.end + base;
        let stem_len = if possessive {
            written.len()
                - written
                    .chars()
                    .rev()
                    .take(2)
                    .map(char::len_utf8)
                    .sum::<usize>()
        } else {
            written.len()
        };
        let edit_range = range.start..range.start + stem_len;
        let shown_written = &written[..stem_len];
        if !cands.is_empty() {
            let safe = cands.len() == 1;
            let names: Vec<String> = cands.iter().map(|c| quote(&c.0)).collect();
            let mut f = Finding::new(
                NAME_SIBLING,
                range,
                format!(
                    "{}: the siblings spell this name {}",
                    quote(shown_written),
                    names.join(" or ")
                ),
            );
            for (c, rels) in &cands {
                let title = format!("Change to {}", quote(c));
                let edit = vec![Edit::replace(edit_range.clone(), c.clone())];
                f = f.with_fix(if safe {
                    Fix::safe(title, edit)
                } else {
                    Fix::unsafe_(title, edit)
                });
                for r in rels.iter().take(3) {
                    f = f.with_related(r.clone());
                }
            }
            return Some(f);
        }
        if !self.on(NAME_MISSPELT) {
            return None;
        }
        let mut known: Vec<String> = Vec::new();
        // Names are dense: "Osama" is not a slip for "Obama". Only a long word, a letter added,
        // dropped or swapped (not changed), away from the first letter, and only names no
        // dictionary has in lower case ("Beijing", not "Space").
        let n = form.chars().count();
        let first = form.chars().next();
        let bundled = (n.saturating_sub(1)..=n + 1).flat_map(|len| {
            first
                .and_then(|c| BUNDLED_BY_SHAPE.get(&(c, len)))
                .into_iter()
                .flatten()
                .map(|&(k, shown)| (k, shown))
        });
        let house = self.house.names.words.iter().map(|(k, v)| (k.as_str(), v));
        for (k, shown) in bundled.chain(house) {
            if form.chars().count() >= 6
                && k.chars().count() >= 6
                && form.chars().next() == k.chars().next()
                && osa(form, k, 1) == 1
                && !substitution(form, k)
                && near_name(form, k, Cut::No)
                && !dictionary::check(k)
            {
                if !known.contains(shown) {
                    known.push(shown.clone());
                }
            }
        }
        if known.is_empty() {
            return None;
        }
        known.sort();
        let safe = known.len() == 1;
        let names: Vec<String> = known.iter().map(|c| quote(c)).collect();
        let mut f = Finding::new(
            NAME_MISSPELT,
            range,
            format!(
                "{} looks like a misspelling of the name {}",
                quote(shown_written),
                names.join(" or ")
            ),
        );
        for c in &known {
            let title = format!("Change to {}", quote(c));
            let edit = vec![Edit::replace(edit_range.clone(), c.clone())];
            f = f.with_fix(if safe {
                Fix::safe(title, edit)
            } else {
                Fix::unsafe_(title, edit)
            });
        }
        Some(f)
    }

    // ---------------------------------------------------------------- typo/sibling

    fn sibling_word(&self, text: &str, c: &Ctx<'_>, base: usize) -> Option<Finding> {
        let w = c.w;
        if w.number || w.norm.chars().count() < 3 || !is_wordlike(&w.norm) {
            return None;
        }
        // A function word typed for a content word ("there years") needs more agreement.
        let function = is_function_word(&w.norm);
        if self.sibs.is_empty() {
            return None;
        }
        struct Cand {
            norm: String,
            h: u64,
            shown: String,
            strength: usize,
            rel: Vec<Related>,
        }
        let mut cands: Vec<Cand> = Vec::new();
        let mut near_seen: Vec<(u64, bool)> = Vec::new();
        let live = aligned_keys(c);
        let w_text = &text[w.range.clone()];
        let picked: Vec<&Sib> = match &self.sibs.story {
            Some(st) => {
                // A sibling uses the draft's word here: no finding, whoever else is near.
                if live.iter().any(|&k| st.has_in_ctx(k, w.h)) {
                    return None;
                }
                st.with_ctx_word(&live, |n| near_word(&w.norm, n))
                    .into_iter()
                    .filter_map(|i| self.sibs.get(usize::from(i)))
                    .collect()
            }
            None => self.sibs.iter().collect(),
        };
        for sib in picked {
            for &key in &live {
                if sib.ix.common_ctx(key) {
                    // Too common a context to tell which word belongs there: only look for
                    // the draft's own word in it.
                    if sib.ix.ctx(key).any(|j| sib.ix.words[j].h == w.h) {
                        return None;
                    }
                    continue;
                }
                for j in sib.ix.ctx(key) {
                    let cw = &sib.ix.words[j];
                    if cw.h == w.h {
                        return None; // a sibling uses the draft's word here
                    }
                    if cw.number {
                        continue;
                    }
                    // The same sibling word turns up under several contexts and in several
                    // siblings: decide once whether it is a near miss of the draft's word.
                    let near = match near_seen.iter().find(|x| x.0 == cw.h) {
                        Some(&(_, n)) => n,
                        None => {
                            let n = near_word(&w.norm, &cw.norm);
                            near_seen.push((cw.h, n));
                            n
                        }
                    };
                    if !near {
                        continue;
                    }
                    let (strength, has_content) = alignment(sib, c, j);
                    if !has_content {
                        continue;
                    }
                    let shown = sib.a.text()[cw.range.clone()].to_string();
                    let s0 = j.saturating_sub(2);
                    let s1 = (j + 2).min(sib.ix.words.len() - 1);
                    let (rs, re) = (sib.ix.words[s0].range.start, sib.ix.words[s1].range.end);
                    let (rs, re) =
                        if sib.ix.words[s0].para == cw.para && sib.ix.words[s1].para == cw.para {
                            (rs, re)
                        } else {
                            (cw.range.start, cw.range.end)
                        };
                    let rel = Related {
                        doc: sib.a.doc.clone(),
                        range: rs..re,
                        message: format!("a sibling has {}", quote(&sib.a.text()[rs..re])),
                    };
                    match cands.iter_mut().find(|k| k.norm == cw.norm) {
                        Some(k) => {
                            k.strength = k.strength.max(strength);
                            // Siblings write the word both ways ("Residents" opening a
                            // sentence, "residents" inside one): offer the form whose case
                            // matches the draft's word, whichever sibling came first.
                            if !same_initial_case(&k.shown, w_text)
                                && same_initial_case(&shown, w_text)
                            {
                                k.shown = shown;
                            }
                            if !k.rel.iter().any(|r| Arc::ptr_eq(&r.doc, &rel.doc)) {
                                k.rel.push(rel);
                            }
                        }
                        None => cands.push(Cand {
                            norm: cw.norm.clone(),
                            h: cw.h,
                            shown,
                            strength,
                            rel: vec![rel],
                        }),
                    }
                }
            }
        }
        let written = w_text;
        let is_word = dictionary::check(written)
            || self.house.words.contains(&w.norm)
            || self.ignored.contains(&w.norm);
        // A known confusion is typo/confusable's, which weighs the context too.
        if let Some(ps) = CONFUSABLES.partners.get(&w.h) {
            cands.retain(|k| !ps.contains(&k.norm));
        }
        let used_by_siblings = self.sibling_has(w.h);
        cands.retain(|k| {
            if function && k.strength < 3 {
                return false;
            }
            let k_is_word = dictionary::check(&k.shown) || dictionary::check(&k.norm);
            // The sibling's word is the misspelling.
            if is_word && !k_is_word {
                return false;
            }
            // Two spellings of a name or a coinage ("Vřesina", "Vresina"), the draft's
            // written by at least as many siblings: the draft's is no less likely right.
            if !is_word && !k_is_word && used_by_siblings {
                let writing = |h: u64| self.sibs.iter().filter(|s| s.ix.has(h)).count();
                if writing(w.h) >= writing(k.h) {
                    return false;
                }
            }
            if !is_word {
                k.strength >= 1
            } else if substitution(&w.norm, &k.norm) {
                k.strength >= 3
            } else {
                k.strength >= 2
            }
        });
        if cands.is_empty() {
            return None;
        }
        cands.sort_by(|a, b| {
            b.rel
                .len()
                .cmp(&a.rel.len())
                .then(b.strength.cmp(&a.strength))
        });
        let backed = cands[0].rel.len() >= 2 || !is_word;
        let safe = cands.len() == 1 && !used_by_siblings && cands[0].strength >= 2 && backed;
        let range = w.range.start + base..w.range.end + base;
        let shown: Vec<String> = cands
            .iter()
            .map(|k| quote(&match_case(written, &k.shown)))
            .collect();
        let mut f = Finding::new(
            SIBLING,
            range.clone(),
            format!(
                "{}: the siblings have {} in the same words",
                quote(written),
                shown.join(" or ")
            ),
        );
        // One sibling's real word against the draft's real word is symmetric evidence: that
        // sibling would be told the same about the draft. Say it, at a lower severity.
        if is_word && !backed {
            f = f.with_severity(crate::engine::finding::Severity::Info);
        }
        for k in &cands {
            let rep = match_apostrophe(written, &match_case(written, &k.shown));
            let title = format!("Change to {}", quote(&rep));
            let edit = vec![Edit::replace(range.clone(), rep)];
            f = f.with_fix(if safe {
                Fix::safe(title, edit)
            } else {
                Fix::unsafe_(title, edit)
            });
            for r in k.rel.iter().take(3) {
                f = f.with_related(r.clone());
            }
        }
        Some(f)
    }

    // ---------------------------------------------------------------- typo/confusable

    fn confusable(&self, text: &str, c: &Ctx<'_>, base: usize) -> Option<Finding> {
        let w = c.w;
        let partners = CONFUSABLES.partners.get(&w.h)?;
        let conf = &*CONFUSABLES;
        let written = &text[w.range.clone()];
        if self.ignored.contains(&w.norm) {
            return None;
        }
        let (l1, r1) = (c.before_w[0], c.after_w[0]);
        let (lc, rc) = (content(l1), content(r1));
        // Tier 0: siblings, 1: workspace pairs, 2: the bundled contexts.
        let mut best: Option<(u8, Vec<(String, Vec<Related>)>)> = None;
        let mut consider = |tier: u8, cand: String, rel: Vec<Related>| match &mut best {
            Some((t, v)) if *t == tier => {
                if !v.iter().any(|x| x.0 == cand) {
                    v.push((cand, rel));
                }
            }
            Some((t, _)) if *t < tier => {}
            _ => best = Some((tier, vec![(cand, rel)])),
        };
        // A listed context of the draft's own word settles it.
        if conf.cue(w.h, &c.before, &c.after, true) {
            return None;
        }
        // Siblings.
        // The word pairs `a b` and `b c`, for the neighbours there are.
        let keys = |a: Option<&W>, b: u64, c: Option<&W>| -> Vec<u64> {
            let mut k = Vec::new();
            if let Some(a) = a {
                k.push(pair(a.h, b));
            }
            if let Some(c) = c {
                k.push(pair(b, c.h));
            }
            k
        };
        let sib_uses_w = self
            .pick(|st| st.with_bigrams(&keys(l1, w.h, r1)))
            .into_iter()
            .any(|s| {
                l1.is_some_and(|l| s.ix.bigram(l.h, w.h).is_some())
                    || r1.is_some_and(|r| s.ix.bigram(w.h, r.h).is_some())
            });
        for p in partners {
            let ph = hash(p);
            if !sib_uses_w {
                let mut rel = Vec::new();
                // Only the siblings with the partner next to one of the neighbours can say
                // where it goes.
                let near = self
                    .pick(|st| st.with_bigrams(&keys(l1.filter(|_| lc), ph, r1.filter(|_| rc))));
                for s in near {
                    let at = l1
                        .filter(|_| lc)
                        .and_then(|l| s.ix.bigram(l.h, ph).map(|j| (j, j + 1)))
                        .or_else(|| {
                            r1.filter(|_| rc)
                                .and_then(|r| s.ix.bigram(ph, r.h).map(|j| (j, j + 1)))
                        });
                    if let Some((x, y)) = at {
                        let (x, y) = (&s.ix.words[x], &s.ix.words[y]);
                        let r = x.range.start..y.range.end;
                        rel.push(Related {
                            doc: s.a.doc.clone(),
                            range: r.clone(),
                            message: format!("a sibling has {}", quote(&s.a.text()[r])),
                        });
                    }
                }
                // Or the partner in the same place, two neighbours agreeing whatever they are
                // ("would not be affected", "The treaty must").
                if rel.is_empty() {
                    let near = self.pick(|st| st.with_word_in_ctx(&aligned_keys(c), ph));
                    for s in near {
                        if let Some(j) = aligned_at(s, c, ph, 2) {
                            let cw = &s.ix.words[j];
                            rel.push(Related {
                                doc: s.a.doc.clone(),
                                range: cw.range.clone(),
                                message: format!(
                                    "a sibling has {} here",
                                    quote(&s.a.text()[cw.range.clone()])
                                ),
                            });
                        }
                    }
                }
                // A function word is the usual word far more often than its partner ("people
                // from their homes"): one sibling's "form" there is as likely its own slip.
                let enough = if is_function_word(&w.norm) { 2 } else { 1 };
                if rel.len() >= enough {
                    consider(0, p.clone(), rel);
                    continue;
                }
            }
            // The workspace's own usage.
            if let Some(ix) = self.index {
                let own = self.own.as_deref();
                let count = |h: u64| {
                    l1.filter(|_| lc)
                        .map_or(0, |l| ix.conf_count(conf_key(l.h, h, true), own))
                        + r1.filter(|_| rc)
                            .map_or(0, |r| ix.conf_count(conf_key(h, r.h, false), own))
                };
                let cw = l1.map_or(0, |l| ix.conf_count(conf_key(l.h, w.h, true), own))
                    + r1.map_or(0, |r| ix.conf_count(conf_key(w.h, r.h, false), own));
                if cw == 0 && count(ph) >= 2 {
                    consider(1, p.clone(), Vec::new());
                    continue;
                }
            }
            // The bundled contexts.
            // The partner's context must be more specific than any of the draft word's
            // ("statue of limitations": "_ of limitations" beats "the _ of").
            let own = conf.cue_score(w.h, &c.before, &c.after, false);
            let theirs = conf.cue_score(ph, &c.before, &c.after, true);
            if theirs > own || own == 0 && conf.rare.contains(&w.h) && partners.len() == 1 {
                consider(2, p.clone(), Vec::new());
            }
        }
        let (tier, cands) = best?;
        let used_by_siblings = self.sibling_has(w.h);
        // One sibling against the draft is a tie unless the context or the word itself sides
        // with the sibling.
        let backed = cands.len() == 1
            && (cands[0].1.len() >= 2
                || conf.rare.contains(&w.h)
                || conf.cue(hash(&cands[0].0), &c.before, &c.after, true));
        let safe = tier == 0 && cands.len() == 1 && !used_by_siblings && backed;
        let range = w.range.start + base..w.range.end + base;
        let reps: Vec<String> = cands.iter().map(|k| match_case(written, &k.0)).collect();
        let why = match tier {
            0 => "the siblings use it in the same words",
            1 => "other articles in the workspace use it in the same words",
            _ => "it is the usual word in this context",
        };
        let list: Vec<String> = reps.iter().map(|r| quote(r)).collect();
        let mut f = Finding::new(
            CONFUSABLE,
            range.clone(),
            format!(
                "{} is often typed for {}: {why}",
                quote(written),
                list.join(" or ")
            ),
        );
        for (k, rep) in cands.iter().zip(reps) {
            let title = format!("Change to {}", quote(&rep));
            let edit = vec![Edit::replace(range.clone(), rep)];
            f = f.with_fix(if safe {
                Fix::safe(title, edit)
            } else {
                Fix::unsafe_(title, edit)
            });
            for r in k.1.iter().take(3) {
                f = f.with_related(r.clone());
            }
        }
        Some(f)
    }

    // ---------------------------------------------------------------- typo/spelling

    fn spelling(&self, text: &str, c: &Ctx<'_>, base: usize) -> Option<Finding> {
        let w = c.w;
        let written = &text[w.range.clone()];
        if w.number || written.chars().count() < 3 || !is_wordlike(written) {
            return None;
        }
        // Acronyms and mixed case ("NATO", "iPhone", "McDonald").
        if written.chars().skip(1).any(char::is_uppercase) {
            return None;
        }
        if c.foreign {
            return None;
        }
        let form = name_form(&w.norm);
        if self.ignored.contains(&w.norm)
            || self.ignored.contains(form)
            || self.house.words.contains(&w.norm)
            || self.house.words.contains(form)
        {
            return None;
        }
        if dictionary::check(written) || (w.cap && dictionary::check(&w.norm)) {
            return None;
        }
        // A British spelling ("storey", "maths") is a word: whether the house wants the
        // American one is style/spelling-variant's call.
        if is_british_spelling(&w.norm) {
            return None;
        }
        if in_url_or_handle(text, &w.range) {
            return None;
        }
        // A name written in lower case ("petri dish", "diesel") is a word.
        if !w.cap && dictionary::check(&super::text::match_case("X", &w.norm)) {
            return None;
        }
        if self.sibling_has(w.h) || self.known_capword(form) {
            return None;
        }
        // Used by at least two other articles of the workspace: a word of this desk.
        if self
            .index
            .is_some_and(|i| i.oddword_count(&w.norm, self.own.as_deref()) >= 2)
        {
            return None;
        }
        if w.cap && !w.sentence_start {
            return None; // a name: the name rules' business
        }
        // Used again elsewhere in the draft: deliberate (jargon, a coinage).
        if self.repeated.hashes.contains(&w.h) {
            return None;
        }
        // Two dictionary words run together ("frontend", "wakeup"): a compound, not a slip.
        if compound(&w.norm) {
            return None;
        }
        // Candidates: the siblings' words first, then the dictionary's.
        let mut cands: Vec<(String, bool)> = Vec::new();
        let first = w.norm.chars().next();
        let near = |c: &str| c.len().abs_diff(w.norm.len()) <= 1 && osa(&w.norm, c, 1) == 1;
        let picked = match first {
            Some(f) => self.pick(|st| st.with_lower_near(f, near)),
            None => Vec::new(),
        };
        for s in picked {
            for sw in &s.ix.words {
                if sw.cap
                    || sw.number
                    || sw.norm.len().abs_diff(w.norm.len()) > 1
                    || sw.norm.chars().next() != first
                {
                    continue;
                }
                if osa(&w.norm, &sw.norm, 1) == 1 && !cands.iter().any(|c| c.0 == sw.norm) {
                    cands.push((sw.norm.clone(), true));
                }
            }
        }
        for s in dictionary::suggest(&w.norm, 6) {
            if !cands.iter().any(|c| c.0 == s) {
                cands.push((s, false));
            }
        }
        // An inflection of a dictionary word the dictionary lacks ("strived", "mechs") is
        // a word, not a slip.
        if cands.iter().any(|c| inflection(&w.norm, &c.0)) {
            return None;
        }
        // Fluent typists get the first letter right: edits there are other words ("async").
        cands.retain(|c| {
            c.0.chars().count() >= 3 && c.0.chars().next() == w.norm.chars().next() && {
                let (a, b): (Vec<char>, Vec<char>) =
                    (w.norm.chars().collect(), c.0.chars().collect());
                a.get(1) == b.get(1) || a.get(1) == b.get(2) || a.get(2) == b.get(1)
            }
        });
        cands.truncate(3);
        if cands.is_empty() {
            return None;
        }
        // Short words have many neighbours: only an obvious slip (two letters swapped).
        if (w.norm.chars().count() <= 4 || w.cap)
            && !cands.iter().any(|c| transposition(&w.norm, &c.0))
        {
            return None;
        }
        if w.cap {
            // A capitalised sentence opener: only an obvious slip ("Teh"), and not before
            // another capital ("Por Josh Max", a byline in another language).
            if c.after_w[0].is_none_or(|x| x.cap || x.number) {
                return None;
            }
            cands.retain(|c| transposition(&w.norm, &c.0));
            if cands.len() != 1 {
                return None;
            }
        }
        let safe = cands.len() == 1 && cands[0].1;
        let range = w.range.start + base..w.range.end + base;
        let reps: Vec<String> = cands
            .iter()
            .map(|c| match_apostrophe(written, &match_case(written, &c.0)))
            .collect();
        let list: Vec<String> = reps.iter().map(|r| quote(r)).collect();
        let mut f = Finding::new(
            SPELLING,
            range.clone(),
            format!(
                "{} is not in the dictionary: {}?",
                quote(written),
                list.join(", ")
            ),
        );
        for rep in reps {
            let title = format!("Change to {}", quote(&rep));
            let edit = vec![Edit::replace(range.clone(), rep)];
            f = f.with_fix(if safe {
                Fix::safe(title, edit)
            } else {
                Fix::unsafe_(title, edit)
            });
        }
        f.word = Some(written.to_string());
        Some(f)
    }
}

/// Common function words of other languages that are not English words.
const FOREIGN_FUNCTION_WORDS: &[&str] = &[
    "el", "los", "las", "del", "que", "por", "para", "una", "es", "su", "sus", "les", "des", "une",
    "dans", "du", "aux", "pour", "qui", "und", "ist", "nicht", "mit", "der", "das", "ein", "eine",
    "il", "di", "che", "gli", "della", "não", "uma", "muy", "pero", "como", "más", "sind", "auf",
];

/// For each word: does its sentence look like another language (or code)? Three unknown
/// lower-case words making a quarter of the sentence, four anywhere in it, or unknown words
/// beside function words of another language ("el", "und", "une").
fn foreign_sentences(text: &str, words: &[W]) -> Vec<bool> {
    let mut out = vec![false; words.len()];
    let mut i = 0;
    while i < words.len() {
        let mut j = i + 1;
        while j < words.len() && !words[j].sentence_start {
            j += 1;
        }
        let (mut n, mut unknown) = (0, 0);
        let foreign_function = words[i..j]
            .iter()
            .filter(|w| FOREIGN_FUNCTION_WORDS.contains(&w.norm.as_str()))
            .count();
        for w in &words[i..j] {
            if w.cap || w.number || w.norm.len() < 3 {
                continue;
            }
            n += 1;
            if !dictionary::check(&text[w.range.clone()]) {
                unknown += 1;
            }
        }
        if unknown >= 4
            || unknown >= 3 && unknown * 4 >= n
            || foreign_function >= 2 && unknown >= 1
            || foreign_function >= 1 && unknown >= 2
        {
            out[i..j].iter_mut().for_each(|x| *x = true);
        }
        i = j;
    }
    out
}

/// The whitespace-delimited chunk of `text` around `r` (at most 200 bytes each side).
fn chunk_around(text: &str, r: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = text[..r.start]
        .char_indices()
        .rev()
        .take(200)
        .find(|(_, c)| c.is_whitespace())
        .map_or(r.start.saturating_sub(200), |(i, c)| i + c.len_utf8());
    let start = if text.is_char_boundary(start) {
        start
    } else {
        r.start
    };
    let end = text[r.end..]
        .char_indices()
        .take(200)
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len().min(r.end + 200), |(i, _)| r.end + i);
    let end = if text.is_char_boundary(end) {
        end
    } else {
        r.end
    };
    start..end
}

/// The word is part of a web address, an e-mail address, a handle or a hashtag.
fn in_url_or_handle(text: &str, r: &std::ops::Range<usize>) -> bool {
    let chunk = &text[chunk_around(text, r)];
    chunk.contains("://")
        || chunk.contains("www.")
        || chunk.contains('@')
        || chunk.contains('#')
        || chunk.contains(".com")
        || chunk.contains(".org")
        || chunk.contains('/') && chunk.contains('.')
}

/// Align run `a` (word `p`) with name `b` (word `q`): where they overlap, every word but one
/// must be equal, and that one a near miss. Returns (index in `a`, index in `b`, overlap in
/// `a` as lo..hi).
fn align(a: &[&str], b: &[String], p: usize, q: usize) -> Option<(usize, usize, usize, usize)> {
    let off = p as isize - q as isize; // a index = b index + off
    let lo = off.max(0) as usize;
    let hi = ((b.len() as isize + off).min(a.len() as isize)).max(0) as usize;
    if hi <= lo || hi - lo < 2 {
        return None;
    }
    let mut diff = None;
    for x in lo..hi {
        let y = (x as isize - off) as usize;
        if a[x] != b[y] {
            if diff.is_some() {
                return None;
            }
            diff = Some((x, y));
        }
    }
    let (x, y) = diff?;
    // A cut-short word is only believable at the end of the draft's run and of the name.
    let cut = if x + 1 != a.len() || y + 1 != b.len() {
        Cut::No
    } else if hi - lo >= 3 {
        Cut::Long
    } else {
        Cut::Short
    };
    near_name(a[x], &b[y], cut).then_some((x, y, lo, hi))
}

/// Do `a` and `b` start with a letter of the same case?
fn same_initial_case(a: &str, b: &str) -> bool {
    let up = |s: &str| {
        s.chars()
            .find(|c| c.is_alphabetic())
            .map(char::is_uppercase)
    };
    up(a) == up(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alignment() {
        let k: Vec<String> = ["outer", "space", "treaty"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            align(&["outer", "space", "treat"], &k, 0, 0),
            Some((2, 2, 0, 3))
        );
        assert_eq!(
            align(&["the", "outer", "space", "treat"], &k, 1, 0),
            Some((3, 2, 1, 4))
        );
        assert_eq!(align(&["outer", "space", "treaty"], &k, 0, 0), None);
        assert_eq!(align(&["outer", "spice", "treat"], &k, 0, 0), None);
        let b: Vec<String> = ["antony", "blinken"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(align(&["anthony", "blinken"], &b, 1, 1), Some((0, 0, 0, 2)));
        let n: Vec<String> = ["russia", "putin"].iter().map(|s| s.to_string()).collect();
        assert_eq!(align(&["russian", "putin"], &n, 1, 1), None);
    }

    #[test]
    fn urls_and_handles() {
        let t = "see www.exmaple.com and @someusr now";
        let r = t.find("exmaple").unwrap();
        assert!(in_url_or_handle(t, &(r..r + 7)));
        let r = t.find("now").unwrap();
        assert!(!in_url_or_handle(t, &(r..r + 3)));
    }
}
