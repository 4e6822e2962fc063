//! A quotation that nearly matches a sibling's: a word changed, added or dropped.
//!
//! ## What it finds
//! Each quotation of four words or more in the draft (between “curly” or "straight" double
//! quotation marks, split at an ellipsis) is compared word by word with the quotations of the
//! sibling articles. When no sibling quotes the same words, but one quotes them with one word
//! changed, added or dropped (two in a quotation of seven words or more, three from thirteen),
//! the quotation is reported with the sibling's wording. Case, punctuation, the shape of
//! apostrophes and British against American spelling ("paediatric", "pediatric") are ignored,
//! and so is quoting more or fewer words at either end (one article may quote a longer stretch
//! of the same sentence).
//!
//! ## Why it matters
//! A misquotation puts words in someone's mouth. Quotes are retyped from notes, recordings
//! and other outlets' copy, and a changed word ("we will not" for "we will") survives every
//! spellchecker.
//!
//! ## Example
//! ```text
//! “We will build 3,000 of them by 2030, and we will start next winter,” Varga said.
//!                                                        ^^^^ a sibling quotes “… we will start this winter”
//! ```
//! Quotations of two or three words (“no limits”, “relevant countries”) are left to the typo
//! rules: a single word there is too much of the quotation to call a misquote.
//!
//! ## Fix safety
//! Unsafe: the fix replaces the quoted words with the sibling's wording, but the sibling may be
//! the one that misquoted: an editor checks the recording or the source.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::engine::analysis::{Analysis, TokenKind};
use crate::engine::corpus::Sibling;
use crate::engine::finding::{Edit, Finding, Fix, Related, Severity};
use crate::engine::hashing::Memo;
use crate::engine::rules::figure::cluster;
use crate::engine::rules::{Context, Rule};

pub struct Misquote;

/// Shortest quotation (in words) that is compared.
const MIN_WORDS: usize = 4;
/// Longest quotation compared (longer ones are cut to this many words).
const MAX_WORDS: usize = 200;

/// One quotation: the words between the marks (as hashes of their normalised form) and where
/// each word is.
#[derive(Debug, Clone)]
pub struct Quotation {
    /// Inside the quotation marks, trimmed.
    pub range: Range<usize>,
    pub words: Vec<u64>,
    pub spans: Vec<Range<usize>>,
}

pub struct Quotations {
    pub list: Vec<Quotation>,
}

/// The quotations of an article, computed once per analysis.
pub fn quotations(a: &Analysis) -> Arc<Quotations> {
    a.cached(|a| Quotations { list: extract(a) })
}

fn norm_hash(s: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for c in s.chars() {
        let c = match c {
            '’' | '‘' | 'ʼ' | '`' => '\'',
            c => c,
        };
        for l in c.to_lowercase() {
            let mut b = [0u8; 4];
            h.update(l.encode_utf8(&mut b).as_bytes());
        }
    }
    h.digest()
}

/// A quoted word's key: its normal form, with a British spelling taken as the American one
/// ("paediatric" is "pediatric"), since two outlets' house styles spell the same words two
/// ways and `style/spelling-variant` already has that to say.
fn word_key(s: &str) -> u64 {
    use crate::engine::rules::style::spelling_table::{maybe_listed, Variety, SPELLINGS};
    let low = s.to_lowercase();
    if maybe_listed(low.as_bytes()) {
        if let Some(e) = SPELLINGS.get(&low).filter(|e| e.variety == Variety::Uk) {
            return norm_hash(&e.other);
        }
    }
    norm_hash(s)
}

/// Quotations of each paragraph, reused while the paragraph's text is unchanged (offsets
/// relative to the paragraph).
static PARAS: Memo<u64, Arc<Vec<Quotation>>> = Memo::new(8192);

fn moved(q: &Quotation, by: isize) -> Quotation {
    let mv = |r: &Range<usize>| (r.start as isize + by) as usize..(r.end as isize + by) as usize;
    Quotation {
        range: mv(&q.range),
        words: q.words.clone(),
        spans: q.spans.iter().map(mv).collect(),
    }
}

fn extract(a: &Analysis) -> Vec<Quotation> {
    let text = a.text();
    let mut out = Vec::new();
    for p in &a.paragraphs {
        let para = &text[p.clone()];
        let reusable = !a.is_ignored(p);
        let key = xxhash_rust::xxh3::xxh3_64(para.as_bytes()) ^ 0x5157;
        if reusable {
            if let Some(qs) = PARAS.get(&key) {
                out.extend(qs.iter().map(|q| moved(q, p.start as isize)));
                continue;
            }
        }
        let before = out.len();
        extract_paragraph(a, p, &mut out);
        if reusable {
            let rel: Vec<Quotation> = out[before..]
                .iter()
                .map(|q| moved(q, -(p.start as isize)))
                .collect();
            PARAS.insert(key, Arc::new(rel));
        }
    }
    out
}

fn extract_paragraph(a: &Analysis, p: &Range<usize>, out: &mut Vec<Quotation>) {
    let text = a.text();
    {
        let para = &text[p.clone()];
        // Pairs of marks inside the paragraph: “…” and "…".
        let mut spans: Vec<Range<usize>> = Vec::new();
        let mut open_curly: Option<usize> = None;
        let mut open_straight: Option<usize> = None;
        for (i, c) in para.char_indices() {
            match c {
                '“' => open_curly = Some(i + c.len_utf8()),
                '”' => {
                    if let Some(s) = open_curly.take() {
                        spans.push(p.start + s..p.start + i);
                    }
                }
                '"' => match open_straight.take() {
                    Some(s) => spans.push(p.start + s..p.start + i),
                    None => open_straight = Some(i + 1),
                },
                _ => {}
            }
        }
        for span in spans {
            if a.is_ignored(&span) {
                continue;
            }
            // Split at an ellipsis: the words on either side were not said together.
            let mut seg_start = span.start;
            let inner = &text[span.clone()];
            let mut cuts: Vec<Range<usize>> = Vec::new();
            for (i, _) in inner.match_indices('…').chain(inner.match_indices("...")) {
                cuts.push(span.start + i..span.start + i);
            }
            cuts.sort_by_key(|r| r.start);
            let mut segments = Vec::new();
            for c in cuts {
                if c.start > seg_start {
                    segments.push(seg_start..c.start);
                }
                seg_start = c.start + 1;
            }
            segments.push(seg_start.min(span.end)..span.end);
            for seg in segments {
                let mut words = Vec::new();
                let mut ws = Vec::new();
                for t in a.tokens_in(&seg) {
                    if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                        words.push(word_key(a.slice(&t.range)));
                        ws.push(t.range.clone());
                        if words.len() == MAX_WORDS {
                            break;
                        }
                    }
                }
                if words.len() < 2 {
                    continue;
                }
                let range = ws[0].start..ws[ws.len() - 1].end;
                out.push(Quotation {
                    range,
                    words,
                    spans: ws,
                });
            }
        }
    }
}

fn bigram(a: u64, b: u64) -> u64 {
    a.rotate_left(21) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Every sibling quotation, indexed by word pairs.
struct ClusterQuotes {
    sibs: Vec<Arc<Analysis>>,
    quotes: Vec<Arc<Quotations>>,
    /// (sibling, quotation) per id.
    ids: Vec<(u16, u32)>,
    pairs: HashMap<u64, Vec<u32>>,
}

impl ClusterQuotes {
    fn build(siblings: &[Sibling]) -> ClusterQuotes {
        let mut cl = ClusterQuotes {
            sibs: Vec::new(),
            quotes: Vec::new(),
            ids: Vec::new(),
            pairs: HashMap::new(),
        };
        for (si, s) in siblings.iter().enumerate().take(u16::MAX as usize) {
            let q = quotations(&s.analysis);
            for (qi, quote) in q.list.iter().enumerate() {
                let id = cl.ids.len() as u32;
                cl.ids.push((si as u16, qi as u32));
                let mut seen = Vec::new();
                for w in quote.words.windows(2) {
                    let k = bigram(w[0], w[1]);
                    if !seen.contains(&k) {
                        seen.push(k);
                        cl.pairs.entry(k).or_default().push(id);
                    }
                }
            }
            cl.sibs.push(s.analysis.clone());
            cl.quotes.push(q);
        }
        cl
    }

    fn quote(&self, id: u32) -> (&Arc<Analysis>, &Quotation) {
        let (s, q) = self.ids[id as usize];
        (
            &self.sibs[s as usize],
            &self.quotes[s as usize].list[q as usize],
        )
    }
}

/// How the draft's words map onto a sibling's: edits, and the aligned windows.
#[derive(Debug, Clone)]
struct Alignment {
    edits: usize,
    changed: usize,
    added: usize,
    dropped: usize,
    /// Word windows aligned: draft `d`, sibling `s` (half-open word indices).
    d: Range<usize>,
    s: Range<usize>,
}

/// Word-level edit distance with free end gaps on the `free` side: `inner` must be matched
/// whole, somewhere inside `outer`.
fn semi_global(inner: &[u64], outer: &[u64]) -> (usize, Range<usize>, usize, usize, usize) {
    let (n, m) = (inner.len(), outer.len());
    // dp[i][j]: cost of matching inner[..i] ending at outer[..j].
    let w = m + 1;
    let mut dp = vec![0usize; (n + 1) * w];
    for i in 1..=n {
        dp[i * w] = i;
    }
    for i in 1..=n {
        for j in 1..=m {
            let sub = dp[(i - 1) * w + j - 1] + usize::from(inner[i - 1] != outer[j - 1]);
            let del = dp[(i - 1) * w + j] + 1; // inner word not in outer
            let ins = dp[i * w + j - 1] + 1; // outer word not in inner
            dp[i * w + j] = sub.min(del).min(ins);
        }
    }
    let (mut best_j, mut best) = (0, usize::MAX);
    for j in 0..=m {
        if dp[n * w + j] < best {
            best = dp[n * w + j];
            best_j = j;
        }
    }
    // On a tie with the outer side's very end, the window ends there: a changed last word
    // ("never signed" / "never made") is a change, not a word the inner side added with the
    // outer side's last word cut off. Where the outer side goes on ("wall by March next
    // year" / "wall soon"), the inner side's extra word stays an added word.
    if dp[n * w + m] == best {
        best_j = m;
    }
    // Trace back to find where the window starts and what the edits were.
    let (mut i, mut j) = (n, best_j);
    let (mut changed, mut extra_inner, mut extra_outer) = (0, 0, 0);
    while i > 0 {
        let here = dp[i * w + j];
        if j > 0 && here == dp[(i - 1) * w + j - 1] + usize::from(inner[i - 1] != outer[j - 1]) {
            if inner[i - 1] != outer[j - 1] {
                changed += 1;
            }
            i -= 1;
            j -= 1;
        } else if here == dp[(i - 1) * w + j] + 1 {
            extra_inner += 1;
            i -= 1;
        } else {
            extra_outer += 1;
            j -= 1;
        }
    }
    (best, j..best_j, changed, extra_inner, extra_outer)
}

fn align(draft: &[u64], sib: &[u64]) -> Alignment {
    // The draft quotes a stretch of the sibling's quotation…
    let (e1, win1, c1, xi1, xo1) = semi_global(draft, sib);
    // …or the sibling quotes a stretch of the draft's.
    let (e2, win2, c2, xi2, xo2) = semi_global(sib, draft);
    if e1 <= e2 {
        Alignment {
            edits: e1,
            changed: c1,
            added: xi1,
            dropped: xo1,
            d: 0..draft.len(),
            s: win1,
        }
    } else {
        Alignment {
            edits: e2,
            changed: c2,
            added: xo2,
            dropped: xi2,
            d: win2,
            s: 0..sib.len(),
        }
    }
}

/// Edits allowed for a quotation of `n` words.
fn allowed(n: usize) -> usize {
    match n {
        0..=3 => 0,
        4..=6 => 1,
        7..=12 => 2,
        _ => 3,
    }
}

#[derive(Debug, Clone)]
struct Near {
    id: u32,
    al: Alignment,
}

#[derive(Debug, Clone, Default)]
struct QuoteVerdict {
    /// Some sibling quotes these words exactly.
    supported: bool,
    near: Vec<Near>,
}

static MEMO: Memo<u64, Arc<QuoteVerdict>> = Memo::new(4096);

fn verdict(key: u64, cl: &ClusterQuotes, q: &Quotation) -> Arc<QuoteVerdict> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&key.to_le_bytes());
    for w in &q.words {
        h.update(&w.to_le_bytes());
    }
    let k = h.digest();
    MEMO.get_or_insert_with(k, || Arc::new(compute(cl, q)))
}

fn compute(cl: &ClusterQuotes, q: &Quotation) -> QuoteVerdict {
    let mut v = QuoteVerdict::default();
    // Candidates: sibling quotations sharing at least two word pairs (or one, for short ones).
    let mut shared: HashMap<u32, usize> = HashMap::new();
    let mut seen = Vec::new();
    for w in q.words.windows(2) {
        let k = bigram(w[0], w[1]);
        if seen.contains(&k) {
            continue;
        }
        seen.push(k);
        if let Some(ids) = cl.pairs.get(&k) {
            for &id in ids {
                *shared.entry(id).or_default() += 1;
            }
        }
    }
    let need = if q.words.len() <= 6 { 1 } else { 2 };
    let mut cands: Vec<(u32, usize)> = shared.into_iter().filter(|(_, n)| *n >= need).collect();
    cands.sort();
    for (id, _) in cands {
        let (_, sq) = cl.quote(id);
        let al = align(&q.words, &sq.words);
        let covered = (al.d.end - al.d.start).min(al.s.end - al.s.start);
        if covered < MIN_WORDS {
            continue;
        }
        if al.edits == 0 {
            v.supported = true;
            return v;
        }
        if al.edits <= allowed(covered) && al.edits * 4 <= covered {
            v.near.push(Near { id, al });
        }
    }
    v
}

fn describe(al: &Alignment) -> String {
    let mut parts = Vec::new();
    let word = |n: usize| if n == 1 { "word" } else { "words" };
    if al.changed > 0 {
        parts.push(format!("{} {} changed", al.changed, word(al.changed)));
    }
    if al.added > 0 {
        parts.push(format!("{} {} added", al.added, word(al.added)));
    }
    if al.dropped > 0 {
        parts.push(format!("{} {} dropped", al.dropped, word(al.dropped)));
    }
    parts.join(", ")
}

/// The fix's title names what changes, not the start of a long quotation: "Write “signed”
/// for “made”", "Insert “will”", "Drop “all”" (the sibling's wording, as the message says).
fn fix_title(draft: &str, sibling: &str) -> String {
    let dw: Vec<&str> = draft.split_whitespace().collect();
    let sw: Vec<&str> = sibling.split_whitespace().collect();
    let same = |a: &str, b: &str| {
        let n = |w: &str| -> String {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        n(a) == n(b)
    };
    let p = dw.iter().zip(&sw).take_while(|(a, b)| same(a, b)).count();
    let room = dw.len().min(sw.len()) - p;
    let q = dw
        .iter()
        .rev()
        .zip(sw.iter().rev())
        .take(room)
        .take_while(|(a, b)| same(a, b))
        .count();
    let mid = |w: &[&str]| shorten(&w.join(" "), 60);
    let (dm, sm) = (mid(&dw[p..dw.len() - q]), mid(&sw[p..sw.len() - q]));
    match (dm.is_empty(), sm.is_empty()) {
        (false, false) => format!("Write “{sm}” for “{dm}” (the sibling's wording)"),
        (true, false) => format!("Insert “{sm}” (the sibling's wording)"),
        (false, true) => format!("Drop “{dm}” (the sibling's wording)"),
        (true, true) => format!("Use the sibling's wording: “{}”", shorten(sibling, 60)),
    }
}

fn shorten(s: &str, max: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

impl Rule for Misquote {
    crate::rule_meta!("quote/misquote", Severity::Warning, "misquote.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.siblings.is_empty() {
            return;
        }
        let a = cx.analysis;
        let qs = quotations(a);
        if qs.list.iter().all(|q| q.words.len() < MIN_WORDS) {
            return;
        }
        let (key, cl) = cluster::get(cx.siblings, ClusterQuotes::build);
        for q in &qs.list {
            if q.words.len() < MIN_WORDS {
                continue;
            }
            let v = verdict(key, &cl, q);
            if v.supported || v.near.is_empty() {
                continue;
            }
            // Group the siblings' wordings; the most common first.
            let mut groups: Vec<(String, Vec<&Near>)> = Vec::new();
            for n in &v.near {
                let (sa, sq) = cl.quote(n.id);
                let w = &sq.spans[n.al.s.start..n.al.s.end];
                let wording = sa.text()[w[0].start..w[w.len() - 1].end].to_string();
                let key = wording.to_lowercase();
                match groups.iter_mut().find(|g| g.0.to_lowercase() == key) {
                    Some(g) => g.1.push(n),
                    None => groups.push((wording, vec![n])),
                }
            }
            groups.sort_by(|x, y| y.1.len().cmp(&x.1.len()));
            let first = groups[0].1[0];
            let d = &q.spans[first.al.d.start..first.al.d.end];
            let range = d[0].start..d[d.len() - 1].end;
            let n_sibs = {
                let mut s: Vec<u16> = v.near.iter().map(|n| cl.ids[n.id as usize].0).collect();
                s.sort();
                s.dedup();
                s.len()
            };
            let mut f = Finding::new(
                self.id(),
                range.clone(),
                format!(
                    "Possible misquote: {} {} “{}” ({} in this draft)",
                    if n_sibs == 1 {
                        "a sibling article"
                    } else {
                        "sibling articles"
                    },
                    if n_sibs == 1 { "quotes" } else { "quote" },
                    shorten(&groups[0].0, 120),
                    describe(&first.al)
                ),
            );
            for (wording, ns) in &groups {
                for n in ns {
                    let (sa, sq) = cl.quote(n.id);
                    let w = &sq.spans[n.al.s.start..n.al.s.end];
                    f = f.with_related(Related {
                        doc: sa.doc.clone(),
                        range: w[0].start..w[w.len() - 1].end,
                        message: format!("sibling quotes “{}”", shorten(wording, 120)),
                    });
                }
            }
            for (wording, ns) in &groups {
                let d = &q.spans[ns[0].al.d.start..ns[0].al.d.end];
                let r = d[0].start..d[d.len() - 1].end;
                f = f.with_fix(Fix::unsafe_(
                    fix_title(&a.text()[r.clone()], wording),
                    vec![Edit::replace(r, wording.clone())],
                ));
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed_with, run_rule};

    const RULE: &str = "quote/misquote";
    const SIB: &str = "Mayor Ilse Varga of Port Halden won a fourth term. “We will build 3,000 of \
        them by 2030, and we will start this winter,” Varga told supporters in Port Halden.";

    #[test]
    fn a_changed_word_is_reported_with_the_siblings_wording() {
        let draft = "Ilse Varga of Port Halden won a fourth term on Sunday. “We will build 3,000 \
            of them by 2030, and we will start next winter,” the mayor of Port Halden said.";
        let f = run_rule(RULE, draft, &[SIB]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("1 word changed"), "{}", f[0].message);
        assert_eq!(f[0].related.len(), 1);
        assert_fixed_with(
            RULE,
            draft,
            &[SIB],
            &draft.replace("next winter", "this winter"),
        );
    }

    #[test]
    fn a_changed_last_word_is_changed_not_cut_off() {
        // The fix must write the sibling's last word, not drop the draft's.
        let draft = "Ilse Varga of Port Halden won a fourth term on Sunday. “We will build 3,000 \
            of them by 2030, and we will start this summer,” the mayor of Port Halden said.";
        let f = run_rule(RULE, draft, &[SIB]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("1 word changed"), "{}", f[0].message);
        assert!(f[0].message.contains("this winter"), "{}", f[0].message);
        assert_fixed_with(
            RULE,
            draft,
            &[SIB],
            &draft.replace("this summer", "this winter"),
        );
    }

    #[test]
    fn a_word_added_at_the_end_is_added_where_the_sibling_goes_on() {
        // The sibling quotes more after the shared words; the draft's last word is extra,
        // not a change of the sibling's next word.
        let draft = "Ilse Varga of Port Halden won a fourth term on Sunday. “We will build 3,000 \
            of them by 2030, and we will start soon,” the mayor of Port Halden said.";
        let f = run_rule(RULE, draft, &[SIB]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("1 word added"), "{}", f[0].message);
        assert!(
            f[0].fixes[0].title.starts_with("Drop “soon”"),
            "{:?}",
            f[0].fixes[0]
        );
    }

    #[test]
    fn the_fix_says_what_it_changes() {
        assert_eq!(
            super::fix_title("we will start next winter,", "we will start this winter"),
            "Write “this” for “next” (the sibling's wording)"
        );
        assert_eq!(
            super::fix_title("we start this winter", "we will start this winter"),
            "Insert “will” (the sibling's wording)"
        );
        assert_eq!(
            super::fix_title(
                "We will build all 3,000 of them",
                "We will build 3,000 of them"
            ),
            "Drop “all” (the sibling's wording)"
        );
        // Only case or punctuation differ: the wording itself.
        assert_eq!(
            super::fix_title("We Will Build", "we will build"),
            "Use the sibling's wording: “we will build”"
        );
    }

    #[test]
    fn added_and_dropped_words() {
        let dropped = "Ilse Varga of Port Halden won a fourth term. “We will build 3,000 of them \
            by 2030, and we start this winter,” she said in Port Halden.";
        let f = run_rule(RULE, dropped, &[SIB]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("dropped"), "{}", f[0].message);
        let added = "Ilse Varga of Port Halden won a fourth term. “We will build all 3,000 of \
            them by 2030, and we will start this winter,” she said in Port Halden.";
        let f = run_rule(RULE, added, &[SIB]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("added"), "{}", f[0].message);
    }

    #[test]
    fn exact_partial_and_short_quotations_are_silent() {
        // The same words, a shorter stretch of them, different punctuation and apostrophes.
        for draft in [
            "Ilse Varga of Port Halden won a fourth term. “We will build 3,000 of them by 2030, \
             and we will start this winter,” she said in Port Halden.",
            "Ilse Varga of Port Halden won a fourth term, promising to “start this winter” and \
             “build 3,000 of them by 2030” in Port Halden.",
            "Ilse Varga of Port Halden won a fourth term. \"We will build 3,000 of them by 2030 \
             and we will start this winter\" she said in Port Halden.",
            // Three words with one changed: left to the typo rules.
            "Ilse Varga of Port Halden won a fourth term: “start next winter” in Port Halden.",
            // A different quotation altogether.
            "Ilse Varga of Port Halden won a fourth term. “The harbour is ours again,” she said \
             in Port Halden.",
        ] {
            let f = run_rule(RULE, draft, &[SIB]);
            assert!(f.is_empty(), "{draft}: {f:#?}");
        }
    }

    #[test]
    fn a_quotation_one_sibling_has_exactly_is_not_a_misquote() {
        let other = SIB.replace("this winter", "next winter");
        let draft = SIB.replace("Mayor Ilse", "Ilse");
        assert!(run_rule(RULE, &draft, &[SIB, &other]).is_empty());
    }

    #[test]
    fn a_british_spelling_in_a_quotation_is_the_same_word() {
        let draft = "\"Our paediatric ward is full and the theatre staff are exhausted,\" Dr. Ines Raud said.";
        let sib = "“Our pediatric ward is full and the theater staff are exhausted,” Dr. Ines Raud said on Monday.";
        assert!(run_rule(RULE, draft, &[sib]).is_empty());
        assert!(run_rule(RULE, sib, &[draft]).is_empty());
        // A changed word next to a spelling variant is still a change.
        let changed = draft.replace("exhausted", "exhilarated");
        assert_eq!(run_rule(RULE, &changed, &[sib]).len(), 1);
    }

    #[test]
    fn alignment_counts_edits() {
        let w = |s: &str| -> Vec<u64> { s.split(' ').map(super::norm_hash).collect() };
        let al = super::align(
            &w("we will start next winter"),
            &w("and we will start this winter"),
        );
        assert_eq!((al.edits, al.changed), (1, 1));
        assert_eq!(al.s, 1..6);
        let al = super::align(&w("a b c d e f g"), &w("c d"));
        assert_eq!(al.edits, 0);
        assert_eq!(al.d, 2..4);
    }
}
