//! A figure that differs from what the sibling articles say about the same thing.
//!
//! ## What it finds
//! Each figure in the draft (a percentage, an amount of money, an age, a date, a duration, a
//! measurement, an ordinal, or a count with what it counts) is aligned with the figures of the
//! sibling articles that are about the same thing: the same kind of unit, the same thing counted
//! (`opponents` and `rivals` are the same thing; `years of relations` and `year tenure` are not),
//! and the same words and names around it. Position in the article plays no part. When the
//! siblings that mention it agree with one another and the draft says something else, the
//! finding is at the draft's figure, says what the siblings say and how many of them, and points
//! at every sibling mention. When the siblings disagree among themselves (and none clearly sides
//! with the draft), the finding says so at a lower severity, without taking a side.
//!
//! Rounding and hedges are not disagreements: `87.3 percent` and `87 percent`, `more than 100`
//! and `130`, `about 3,000` and `3,200` are consistent; so are `$1.8 billion` and `1.8 billion
//! dollars`, `185 km/h` and `115 mph`, `48-hour` and `two days`, `February 2022` and
//! `Feb. 24, 2022`.
//!
//! ## Why it matters
//! A transposed or mistyped figure (`78 percent` for `87 percent`, `May 9` for `May 7`) reads
//! as plausibly as the right one, and no spellchecker or grammar checker can know it is wrong.
//! The other articles about the same story can.
//!
//! ## Example
//! ```text
//! The 71-year-old leader won 78 percent of the vote against three minor opponents.
//!                            ^^^^^^^^^^ 2 sibling articles say 87 percent
//! ```
//! with related locations at `wire.txt:12` (“sibling says 87 percent”) and `daily.txt:15`.
//! `75 years of diplomatic relations` and `his 24-year tenure`, or a `two-day state visit` and
//! his `second trip`, are figures about different things and never conflict.
//!
//! ## Fix safety
//! Unsafe: the fix writes the siblings' value in the draft's own format (`87%` stays a percent
//! sign, `May 9th` becomes `May 7th`, `four` becomes `three`), but the siblings may be the ones
//! that are wrong: an editor decides. When the siblings disagree among themselves there is no
//! fix.

use std::sync::Arc;

use crate::engine::analysis::Analysis;
use crate::engine::corpus::Sibling;
use crate::engine::finding::{Edit, Finding, Fix, Related, Severity};
use crate::engine::rules::{Context, Rule};

use super::cluster::{self, Memo};
use std::collections::HashMap;

use super::extract::{
    canonical, consistent, counted_match, figures, hash, render_date, render_number, same_value,
    tune, twin, value_key, Figure, Kind, Qual, Style, Value,
};

pub struct Conflict;

/// Alignment score at or above which a sibling figure is about the same thing (enough to count
/// as agreement when the values match).
const T_ALIGN: f32 = 0.25;
/// Alignment score a sibling figure needs to count as disagreeing.
const T_STRONG: f32 = 0.35;
/// Shared context words a disagreeing sibling figure needs.
const MIN_SHARED: u16 = 2;
/// A disagreeing candidate must beat any other candidate with another value by this factor.
const MARGIN: f32 = 0.85;
/// Alignment enough for the one figure of its kind left on both sides.
const T_LEFT: f32 = 0.1;

impl Rule for Conflict {
    crate::rule_meta!("figure/conflict", Severity::Warning, "conflict.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.siblings.is_empty() {
            return;
        }
        let a = cx.analysis;
        let figs = figures(a);
        if figs.list.is_empty() {
            return;
        }
        let (key, cl) = cluster::get(cx.siblings, ClusterFigures::build);
        for (i, f) in figs.list.iter().enumerate() {
            let v = verdict(key, &cl, &figs.list, i);
            if let Some(finding) = report(self.id(), a, f, &v, &cl) {
                out.push(finding);
            }
        }
    }
}

/// One sibling figure aligned with a draft figure.
#[derive(Debug, Clone, Copy)]
struct Mention {
    sib: u16,
    fig: u32,
    score: f32,
}

#[derive(Debug, Clone, Default)]
struct Verdict {
    /// Per agreeing sibling, its best mention.
    agree: Vec<Mention>,
    /// Per disagreeing sibling, its mentions of the value it states (best first).
    disagree: Vec<Vec<Mention>>,
}

/// Every figure of every sibling, indexed by (kind, context word) and by (kind, thing counted).
pub(crate) struct ClusterFigures {
    sibs: Vec<Arc<Analysis>>,
    figs: Vec<Arc<super::extract::Figures>>,
    /// (sibling, figure, total weighted context) per candidate.
    cands: Vec<(u16, u32, f32)>,
    /// (kind, word) -> (candidate, weight × idf).
    postings: HashMap<u64, Vec<(u32, f32)>>,
    /// (kind, counted) -> candidates, in sibling order; (kind) -> candidates.
    by_counted: HashMap<u64, Vec<u32>>,
    by_kind: HashMap<u64, Vec<u32>>,
    /// (kind, value) -> candidates.
    by_value: HashMap<u64, Vec<u32>>,
    /// Context word -> idf among the cluster's figures (words every figure has weigh little).
    idf: HashMap<u64, f32>,
}

fn kind_code(k: Kind) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&k, &mut h);
    std::hash::Hasher::finish(&h)
}

fn posting_key(kind: u64, word: u64) -> u64 {
    word ^ kind.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17)
}

/// Nouns that say too little to pin a figure down on their own.
fn is_generic(counted: &str) -> bool {
    matches!(
        counted,
        "people"
            | "person"
            | "time"
            | "thing"
            | "other"
            | "one"
            | "way"
            | "year"
            | "day"
            | "point"
            | "member"
            | "unit"
            | "case"
            | "place"
            | "part"
            | "item"
            | "level"
    )
}

fn counted_keys(f: &Figure) -> Vec<u64> {
    let mut v: Vec<u64> = f
        .counted
        .iter()
        .filter(|c| !is_generic(c))
        .map(|c| hash(canonical(c)))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl ClusterFigures {
    fn build(siblings: &[Sibling]) -> ClusterFigures {
        let mut cl = ClusterFigures {
            sibs: Vec::new(),
            figs: Vec::new(),
            cands: Vec::new(),
            postings: HashMap::new(),
            by_counted: HashMap::new(),
            by_kind: HashMap::new(),
            by_value: HashMap::new(),
            idf: HashMap::new(),
        };
        for s in siblings.iter().take(u16::MAX as usize) {
            cl.sibs.push(s.analysis.clone());
            cl.figs.push(figures(&s.analysis));
        }
        // Document frequency of context words over all sibling figures.
        let mut df: HashMap<u64, u32> = HashMap::new();
        let mut n = 0u32;
        for f in &cl.figs {
            for g in &f.list {
                n += 1;
                for &(w, _) in &g.context {
                    *df.entry(w).or_default() += 1;
                }
            }
        }
        let use_idf = tune("IDF", 1.0) > 0.0;
        let top = ((n as f32 + 1.0) / 0.5).ln().max(f32::EPSILON);
        for (w, d) in df {
            let v = if use_idf {
                (((n as f32 + 1.0) / (d as f32 + 0.5)).ln() / top).clamp(0.05, 1.0)
            } else {
                1.0
            };
            cl.idf.insert(w, v);
        }
        for (si, f) in cl.figs.iter().enumerate() {
            for (fi, g) in f.list.iter().enumerate() {
                let c = cl.cands.len() as u32;
                let k = kind_code(g.kind);
                let mut total = 0.0;
                for &(w, wt) in &g.context {
                    let x = wt * cl.idf.get(&w).copied().unwrap_or(1.0);
                    total += x;
                    cl.postings
                        .entry(posting_key(k, w))
                        .or_default()
                        .push((c, x));
                }
                cl.cands.push((si as u16, fi as u32, total));
                for ck in counted_keys(g) {
                    cl.by_counted.entry(posting_key(k, ck)).or_default().push(c);
                }
                cl.by_kind.entry(k).or_default().push(c);
                cl.by_value.entry(value_key(g)).or_default().push(c);
            }
        }
        cl
    }

    fn fig(&self, m: Mention) -> &Figure {
        &self.figs[m.sib as usize].list[m.fig as usize]
    }

    /// A mention of `f`'s own value in sibling `sib`, about something compatible.
    fn twin_in(&self, f: &Figure, sib: u16) -> Option<Mention> {
        self.by_value.get(&value_key(f))?.iter().find_map(|&c| {
            let (s, fig, _) = self.cands[c as usize];
            let m = Mention {
                sib: s,
                fig,
                score: 0.0,
            };
            (s == sib && compatible(f, self.fig(m)) && twin(f, self.fig(m))).then_some(m)
        })
    }

    fn weight(&self, w: u64, wt: f32) -> f32 {
        wt * self.idf.get(&w).copied().unwrap_or(1.0)
    }
}

/// Alignment of two figures' contexts (sorted by word hash), weighted by the cluster's idf:
/// shared weight over the geometric mean of both totals, and the number of shared words.
fn align(cl: &ClusterFigures, a: &[(u64, f32)], b: &[(u64, f32)]) -> (f32, u16) {
    let (mut i, mut j) = (0, 0);
    let (mut shared, mut n) = (0.0f32, 0u16);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += cl.weight(a[i].0, a[i].1.min(b[j].1));
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let ta: f32 = a.iter().map(|x| cl.weight(x.0, x.1)).sum();
    let tb: f32 = b.iter().map(|x| cl.weight(x.0, x.1)).sum();
    (normalise(shared, ta, tb), n)
}

fn normalise(shared: f32, ta: f32, tb: f32) -> f32 {
    let d = match tune("NORM", 0.0) as u32 {
        1 => ta.min(tb),
        2 => (ta * tb).sqrt().min(tune("NORM_CAP", 4.0)),
        _ => (ta * tb).sqrt(),
    };
    shared / d.max(f32::EPSILON)
}

/// Can `f` and `g` be about the same thing at all?
fn compatible(f: &Figure, g: &Figure) -> bool {
    if f.kind != g.kind {
        return false;
    }
    match (&f.value, &g.value) {
        // Dates must share a part to be compared: a year alone says nothing about "May 7".
        (Value::Date(x), Value::Date(y)) => {
            return (x.year.is_some() && y.year.is_some())
                || (x.month.is_some() && y.month.is_some());
        }
        _ => {}
    }
    if f.kind == Kind::Age {
        return true;
    }
    if f.is_range() != g.is_range() && f.kind == Kind::Count {
        return false;
    }
    counted_match(&f.counted, &g.counted) != Some(false)
}

fn signature(f: &Figure) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(
        format!(
            "{:?}|{:?}|{:?}|{}|{:?}",
            f.kind, f.value, f.qual, f.tol, f.counted
        )
        .as_bytes(),
    );
    for (w, wt) in &f.context {
        h.update(&w.to_le_bytes());
        h.update(&wt.to_le_bytes());
    }
    h.digest()
}

static MEMO: Memo<Arc<Verdict>> = Memo::new(8192);

/// What the siblings say about draft figure `i`, remembered across keystrokes for the same
/// figure in the same context with the same siblings.
fn verdict(cluster_key: u64, cl: &ClusterFigures, draft: &[Figure], i: usize) -> Arc<Verdict> {
    let f = &draft[i];
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&cluster_key.to_le_bytes());
    h.update(&signature(f).to_le_bytes());
    // The mutual-best and uniqueness checks read the draft's other figures of the same kind.
    for (j, g) in draft.iter().enumerate() {
        if j != i && g.kind == f.kind {
            h.update(&signature(g).to_le_bytes());
        }
    }
    let key = h.digest();
    if let Some(v) = MEMO.get(key) {
        return v;
    }
    let v = Arc::new(compute(cl, draft, i));
    MEMO.put(key, v.clone());
    v
}

/// Per sibling, the candidates aligned with draft figure `i`: (mention, shared words, pinned),
/// where pinned means aligned by a unique thing counted or a unique kind rather than by words.
fn candidates(cl: &ClusterFigures, draft: &[Figure], i: usize) -> Vec<Vec<(Mention, u16, bool)>> {
    let f = &draft[i];
    let k = kind_code(f.kind);
    let mut acc: HashMap<u32, (f32, u16)> = HashMap::new();
    for &(w, wt) in &f.context {
        if let Some(p) = cl.postings.get(&posting_key(k, w)) {
            let x = cl.weight(w, wt);
            for &(c, wg) in p {
                let e = acc.entry(c).or_default();
                e.0 += x.min(wg);
                e.1 += 1;
            }
        }
    }
    let tf: f32 = f.context.iter().map(|x| cl.weight(x.0, x.1)).sum();
    // Pinned by a thing counted that the draft and the sibling each mention once.
    let mut pinned: HashMap<u32, ()> = HashMap::new();
    let fk = counted_keys(f);
    let draft_count = |key: u64| {
        draft
            .iter()
            .filter(|d| d.kind == f.kind && counted_keys(d).contains(&key))
            .count()
    };
    for ck in &fk {
        if draft_count(*ck) != 1 {
            continue;
        }
        if let Some(p) = cl.by_counted.get(&posting_key(k, *ck)) {
            for (idx, &c) in p.iter().enumerate() {
                let sib = cl.cands[c as usize].0;
                let same_sib = p.iter().filter(|&&d| cl.cands[d as usize].0 == sib).count();
                let _ = idx;
                if same_sib == 1 {
                    pinned.insert(c, ());
                }
            }
        }
    }
    // Pinned by kind: one measurement or one amount of a currency on each side.
    if matches!(f.kind, Kind::Measure(_) | Kind::Money(_))
        && draft.iter().filter(|d| d.kind == f.kind).count() == 1
    {
        if let Some(p) = cl.by_kind.get(&k) {
            for &c in p {
                let sib = cl.cands[c as usize].0;
                if p.iter().filter(|&&d| cl.cands[d as usize].0 == sib).count() == 1
                    && acc.get(&c).is_some_and(|x| x.1 >= 1)
                {
                    pinned.insert(c, ());
                }
            }
        }
    }
    let mut per_sib: Vec<Vec<(Mention, u16, bool)>> = vec![Vec::new(); cl.sibs.len()];
    let mut seen: HashMap<u32, ()> = HashMap::new();
    let all = acc
        .iter()
        .map(|(c, x)| (*c, *x))
        .chain(pinned.keys().map(|c| (*c, (0.0, 0))));
    for (c, (shared, n)) in all {
        if seen.insert(c, ()).is_some() {
            continue;
        }
        let (sib, fig, tg) = cl.cands[c as usize];
        let (shared, n) = acc.get(&c).copied().unwrap_or((shared, n));
        let score = normalise(shared, tf, tg);
        let pin = pinned.contains_key(&c);
        let m = Mention { sib, fig, score };
        if !compatible(f, cl.fig(m)) {
            continue;
        }
        per_sib[sib as usize].push((m, n, pin));
    }
    for ms in &mut per_sib {
        ms.sort_by(|x, y| {
            (y.2 as u8)
                .cmp(&(x.2 as u8))
                .then(y.0.score.total_cmp(&x.0.score))
                .then(x.0.fig.cmp(&y.0.fig))
        });
    }
    per_sib
}

fn is_bound(f: &Figure) -> bool {
    matches!(f.qual, Qual::AtLeast | Qual::AtMost)
}

/// Does the draft state `f` twice (headline and body), once as `d`? Then `d`'s twins in a
/// sibling still speak to `f`.
fn restated(cl: &ClusterFigures, f: &Figure, d: &Figure) -> bool {
    f.sentence != d.sentence
        && counted_match(&f.counted, &d.counted) != Some(false)
        && align(cl, &f.context, &d.context).0 >= tune("T_RESTATED", 0.3)
}

/// A date with a day and a month: one event, unlike a year.
fn day_date(f: &Figure) -> bool {
    matches!(f.value, Value::Date(d) if d.day.is_some() && d.month.is_some())
}

/// Within a factor of 20: a slip of the keyboard, not a different quantity.
fn same_magnitude(f: &Figure, g: &Figure) -> bool {
    match (f.value, g.value) {
        (Value::Num { lo: a, .. }, Value::Num { lo: b, .. }) => {
            let (a, b) = (a.abs(), b.abs());
            a.max(b) <= 20.0 * a.min(b).max(f64::MIN_POSITIVE)
        }
        _ => true,
    }
}

fn compute(cl: &ClusterFigures, draft: &[Figure], i: usize) -> Verdict {
    let f = &draft[i];
    let t_align = tune("T_ALIGN", T_ALIGN);
    let t_strong = tune("T_STRONG", T_STRONG);
    let t_left = tune("T_LEFT", T_LEFT);
    let min_shared = tune("MIN_SHARED", MIN_SHARED as f32) as u16;
    let mut v = Verdict::default();
    let mut weak: Vec<Vec<Mention>> = Vec::new();
    let same_kind: Vec<usize> = (0..draft.len())
        .filter(|&j| j != i && draft[j].kind == f.kind)
        .collect();
    for (si, ms) in candidates(cl, draft, i).into_iter().enumerate() {
        let sib = si as u16;
        // The sibling states the draft's own value about a compatible thing: agreement,
        // however differently the sentence around it is written.
        if let Some(mut m) = cl.twin_in(f, sib) {
            m.score = ms
                .iter()
                .find(|(x, _, _)| x.fig == m.fig)
                .map(|x| x.0.score)
                .unwrap_or(0.0);
            v.agree.push(m);
            continue;
        }
        if ms.is_empty() {
            continue;
        }
        if let Some((m, _, _)) = ms
            .iter()
            .find(|(m, _, pin)| (*pin || m.score >= t_align) && consistent(f, cl.fig(*m)))
        {
            // "Up to 185 km/h" neither confirms nor contradicts "158 km/h".
            if !is_bound(cl.fig(*m)) || is_bound(f) {
                v.agree.push(*m);
            }
            continue;
        }
        // Sibling figures whose value another draft figure states, in words at least as
        // close, are that figure's twins. (A draft may repeat a figure, headline and body, and
        // change only one of them.)
        let open: Vec<(Mention, u16, bool)> = ms
            .into_iter()
            .filter(|(m, _, _)| {
                let g = cl.fig(*m);
                !same_kind.iter().any(|&j| {
                    let d = &draft[j];
                    compatible(d, g)
                        && twin(d, g)
                        && (d.sentence == f.sentence
                            || (align(cl, &d.context, &g.context).0 >= m.score
                                && !restated(cl, f, d)))
                })
            })
            .collect();
        let trace = tune("TRACE", 0.0) > 0.0;
        if trace {
            eprintln!(
                "sib {si}: open {:?}",
                open.iter()
                    .map(|(m, n, p)| (said(&cl.sibs[m.sib as usize], cl.fig(*m)), m.score, *n, *p))
                    .collect::<Vec<_>>()
            );
        }
        let Some(&(best, n, pin)) = open.first() else {
            continue;
        };
        let g = cl.fig(best);
        if consistent(f, g) {
            continue;
        }
        let strong = best.score >= t_strong && n >= min_shared;
        // The one figure of its kind left on both sides once the twins are paired off.
        // Bounds and fraction words are too loose to pair off on so little.
        let vague = [f, g]
            .iter()
            .any(|x| is_bound(x) || x.parts.iter().any(|p| p.style == Style::Fraction));
        // A generic noun ("people") matched through the wildcard says too little.
        let generic = f.kind == Kind::Count
            && tune("LEFT_GENERIC", 1.0) > 0.0
            && !f
                .counted
                .iter()
                .any(|x| !is_generic(x) && g.counted.iter().any(|y| canonical(x) == canonical(y)));
        // Ages are about many different people in one story, years about many events:
        // never paired off by elimination (a day and month, with words in common, may be).
        let leftover = open.len() == 1
            && f.kind != Kind::Age
            && (f.kind != Kind::Date || (day_date(f) && day_date(g)))
            && !vague
            && !generic
            && same_magnitude(f, g)
            && n >= 1
            && (best.score >= t_left || f.kind == Kind::Date)
            && (f.kind != Kind::Date
                || !same_kind
                    .iter()
                    .any(|&j| day_date(&draft[j]) && cl.twin_in(&draft[j], sib).is_none()))
            && !same_kind.iter().any(|&j| {
                let d = &draft[j];
                compatible(d, g)
                    && cl.twin_in(d, sib).is_none()
                    && align(cl, &d.context, &g.context).0 >= best.score
            });
        if !(pin || strong || leftover || (best.score >= t_align && n >= min_shared)) {
            continue;
        }
        // Ambiguous: another open candidate with another value aligns nearly as well.
        if !pin
            && !leftover
            && open[1..].iter().any(|(m, _, _)| {
                m.score >= best.score * tune("MARGIN", MARGIN) && !same_value(cl.fig(*m), g)
            })
        {
            continue;
        }
        // Mutual: the sibling figure must not fit another draft figure better.
        let mine = align(cl, &f.context, &g.context).0;
        if !pin
            && same_kind.iter().any(|&j| {
                compatible(&draft[j], g)
                    && align(cl, &draft[j].context, &g.context).0 > mine
                    && !restated(cl, f, &draft[j])
            })
        {
            continue;
        }
        let mut mentions = vec![best];
        mentions.extend(
            open[1..]
                .iter()
                .filter(|(m, _, _)| m.score >= t_align && same_value(cl.fig(*m), g))
                .map(|(m, _, _)| *m)
                .take(2),
        );
        if pin || strong || leftover {
            v.disagree.push(mentions);
        } else {
            weak.push(mentions);
        }
    }
    // A loosely aligned sibling figure counts when it states what a closely aligned one does:
    // once "begin his fifth term on May 7" has pinned the figure down, "fifth term
    // inauguration is set for May 7th" is the same fact.
    let strong = v.disagree.len();
    for ms in weak {
        let g = cl.fig(ms[0]);
        if v.disagree[..strong]
            .iter()
            .any(|d| same_value(cl.fig(d[0]), g))
        {
            v.disagree.push(ms);
        }
    }
    v
}

/// For calibration: per (draft figure, sibling), the best alignment score among the sibling's
/// figures that agree with it and among those that do not.
#[doc(hidden)]
pub fn calibration(cx: &Context<'_>) -> Vec<(String, String, f32, f32)> {
    let a = cx.analysis;
    let figs = figures(a);
    let (_, cl) = cluster::get(cx.siblings, ClusterFigures::build);
    let mut out = Vec::new();
    for (i, f) in figs.list.iter().enumerate() {
        for (si, sf) in cl.figs.iter().enumerate() {
            let (mut good, mut bad) = (0.0f32, 0.0f32);
            let mut bad_text = String::new();
            for g in &sf.list {
                if !compatible(f, g) {
                    continue;
                }
                let (score, _) = align(&cl, &f.context, &g.context);
                if consistent(f, g) {
                    good = good.max(score);
                } else if score > bad {
                    bad = score;
                    bad_text = said(&cl.sibs[si], g);
                }
            }
            let _ = i;
            out.push((
                said(a, f),
                format!("{} {bad_text}", sibling_name(&cl.sibs[si])),
                good,
                bad,
            ));
        }
    }
    out
}

fn sibling_name(a: &Analysis) -> String {
    a.doc
        .path()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| a.doc.path().display().to_string())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The draft figure rewritten with `g`'s value in the draft's format: (edits, new text).
fn rewrite(a: &Analysis, f: &Figure, g: &Figure) -> Option<(Vec<Edit>, String)> {
    let edits = match (&f.value, &g.value) {
        (Value::Date(_), Value::Date(gv)) => {
            let (Value::Date(fv), Some(style)) = (&f.value, &f.date_style) else {
                return None;
            };
            if fv.month.is_none() {
                // A year alone.
                let y = gv.year?;
                vec![Edit::replace(f.range.clone(), y.to_string())]
            } else {
                vec![Edit::replace(f.range.clone(), render_date(gv, style, fv)?)]
            }
        }
        (Value::Num { .. }, Value::Num { lo, hi }) => {
            let values: Vec<f64> = match (f.parts.len(), hi > lo) {
                (1, false) => vec![*lo],
                (2, true) => vec![*lo, *hi],
                _ => return None,
            };
            let mut edits = Vec::new();
            for (p, v) in f.parts.iter().zip(values) {
                let x = v / p.scale;
                let text = match render_number(x, &p.style, 0) {
                    Some(t) => t,
                    None => {
                        let digits = render_number(
                            x,
                            &Style::Digits {
                                commas: true,
                                decimals: 0,
                            },
                            0,
                        )?;
                        match (&p.style, f.kind) {
                            (Style::Fraction, Kind::Percent) => format!("{digits} percent"),
                            _ => digits,
                        }
                    }
                };
                edits.push(Edit::replace(p.range.clone(), text));
            }
            edits
        }
        _ => return None,
    };
    // The figure as it would read.
    let mut text = String::new();
    let mut at = f.range.start;
    for e in &edits {
        if e.range.start < at || e.range.end > f.range.end {
            return None;
        }
        text.push_str(&a.text()[at..e.range.start]);
        text.push_str(&e.replacement);
        at = e.range.end;
    }
    text.push_str(&a.text()[at..f.range.end]);
    Some((edits, text))
}

/// A figure's value written briefly: its own text.
fn said(a: &Analysis, f: &Figure) -> String {
    a.slice(&f.range)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn report(
    rule: &'static str,
    a: &Analysis,
    f: &Figure,
    v: &Verdict,
    cl: &ClusterFigures,
) -> Option<Finding> {
    if v.disagree.is_empty() {
        return None;
    }
    // Group disagreeing siblings by the value they state.
    let mut groups: Vec<Vec<&Vec<Mention>>> = Vec::new();
    for ms in &v.disagree {
        let g = cl.fig(ms[0]);
        match groups
            .iter_mut()
            .find(|grp| same_value(cl.fig(grp[0][0]), g))
        {
            Some(grp) => grp.push(ms),
            None => groups.push(vec![ms]),
        }
    }
    let related = |ms: &Vec<Mention>, what: &str| -> Vec<Related> {
        ms.iter()
            .map(|m| {
                let sa = &cl.sibs[m.sib as usize];
                let g = cl.fig(*m);
                Related {
                    doc: sa.doc.clone(),
                    range: g.range.clone(),
                    message: format!("{what} {}", said(sa, g)),
                }
            })
            .collect()
    };
    let draft_says = said(a, f);
    let agree = v.agree.len();
    let dis = v.disagree.len();
    if agree == 0 && groups.len() == 1 {
        // The siblings agree with one another; the draft differs.
        let first = groups[0][0][0];
        let g = cl.fig(first);
        let rewritten = rewrite(a, f, g);
        let shown = rewritten
            .as_ref()
            .map(|r| r.1.clone())
            .unwrap_or_else(|| said(&cl.sibs[first.sib as usize], g));
        let mut finding = Finding::new(
            rule,
            f.range.clone(),
            format!(
                "This draft says {draft_says}; {} {} {shown}",
                plural(dis, "sibling article", "sibling articles"),
                if dis == 1 { "says" } else { "say" }
            ),
        );
        for ms in &groups[0] {
            for r in related(ms, "sibling says") {
                finding = finding.with_related(r);
            }
        }
        if let Some((edits, text)) = rewritten {
            finding = finding.with_fix(Fix::unsafe_(
                format!("Use the siblings' value: {text}"),
                edits,
            ));
        }
        return Some(finding);
    }
    if agree > 0 && dis < agree {
        // Most siblings side with the draft: the outliers are theirs to fix.
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    if agree > 0 {
        parts.push(format!(
            "{} with this draft ({draft_says})",
            plural(agree, "agrees", "agree")
        ));
    }
    for grp in &groups {
        let m = grp[0][0];
        parts.push(format!(
            "{} {}",
            plural(grp.len(), "says", "say"),
            said(&cl.sibs[m.sib as usize], cl.fig(m))
        ));
    }
    let mut finding = Finding::new(
        rule,
        f.range.clone(),
        format!(
            "The sibling articles disagree about this figure: {} (this draft says {draft_says})",
            parts.join(", ")
        ),
    )
    .with_severity(Severity::Info);
    for m in &v.agree {
        let sa = &cl.sibs[m.sib as usize];
        let g = cl.fig(*m);
        finding = finding.with_related(Related {
            doc: sa.doc.clone(),
            range: g.range.clone(),
            message: format!("sibling agrees: {}", said(sa, g)),
        });
    }
    for grp in &groups {
        for ms in grp {
            for r in related(ms, "sibling says") {
                finding = finding.with_related(r);
            }
        }
    }
    Some(finding)
}

/// Markdown for a hover on the draft's figure at `offset`.
pub fn hover(cx: &Context<'_>, offset: usize) -> Option<String> {
    let a = cx.analysis;
    let figs = figures(a);
    let i = figs
        .list
        .iter()
        .position(|f| f.range.start <= offset && offset <= f.range.end)?;
    let f = &figs.list[i];
    let mut md = format!("**{}**: {}", said(a, f), f.kind.describe());
    if !f.counted.is_empty() {
        md.push_str(&format!(" ({})", f.counted.join(" ")));
    }
    md.push_str("\n\n");
    if cx.siblings.is_empty() {
        md.push_str("No sibling articles found for this draft.");
        return Some(md);
    }
    let (key, cl) = cluster::get(cx.siblings, ClusterFigures::build);
    let v = verdict(key, &cl, &figs.list, i);
    if v.agree.is_empty() && v.disagree.is_empty() {
        md.push_str(&format!(
            "None of the {} mentions this figure.",
            plural(cx.siblings.len(), "sibling article", "sibling articles")
        ));
        return Some(md);
    }
    let line = |m: &Mention, verb: &str| -> String {
        let sa = &cl.sibs[m.sib as usize];
        let g = cl.fig(*m);
        format!(
            "- `{}` line {}: {verb} **{}**\n",
            sibling_name(sa),
            sa.doc.line_of(g.range.start) + 1,
            said(sa, g)
        )
    };
    md.push_str(&format!(
        "What the siblings say: {} agree, {} {}.\n\n",
        v.agree.len(),
        v.disagree.len(),
        if v.disagree.len() == 1 {
            "differs"
        } else {
            "differ"
        }
    ));
    for m in &v.agree {
        md.push_str(&line(m, "agrees,"));
    }
    for ms in &v.disagree {
        md.push_str(&line(&ms[0], "says"));
    }
    Some(md)
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_fixed_with, run_rule};

    const RULE: &str = "figure/conflict";

    const WIRE: &str = "The 71-year-old mayor of Brisk won 87 percent of the vote on Sunday \
        against three minor opponents, and will begin her fifth term on May 7. Turnout in Brisk \
        was 52 percent, the election office said.";
    const DAILY: &str = "Brisk's 71-year-old mayor took 87% of the vote against three rivals \
        in Sunday's election and begins a fifth term on 7 May. Turnout was 52%, officials in \
        Brisk said.";

    #[test]
    fn a_changed_percentage_is_fixed_in_the_drafts_format() {
        let draft = WIRE.replace("87 percent", "78 percent");
        let f = run_rule(RULE, &draft, &[DAILY]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&draft[f[0].range.clone()], "78 percent");
        assert!(
            f[0].message.contains("1 sibling article says 87 percent"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].related.len(), 1);
        assert_eq!(f[0].related[0].message, "sibling says 87%");
        assert_eq!(f[0].fixes[0].title, "Use the siblings' value: 87 percent");
        assert_fixed_with(RULE, &draft, &[DAILY], WIRE);
    }

    #[test]
    fn ages_dates_counts_and_ordinals() {
        for (from, to) in [
            ("71-year-old mayor of", "72-year-old mayor of"),
            ("on May 7", "on May 9"),
            ("three minor opponents", "four minor opponents"),
            ("her fifth term", "her sixth term"),
        ] {
            let draft = WIRE.replace(from, to);
            assert_fixed_with(RULE, &draft, &[DAILY], WIRE);
        }
    }

    #[test]
    fn the_unchanged_story_is_silent() {
        assert!(run_rule(RULE, WIRE, &[DAILY]).is_empty());
        assert!(run_rule(RULE, DAILY, &[WIRE]).is_empty());
    }

    #[test]
    fn figures_about_different_things_do_not_conflict() {
        let a = "The president, on a two-day state visit, marked 75 years of diplomatic \
            relations with the kingdom.";
        let b = "It is the president's second trip to the kingdom, which has extended his \
            24-year tenure, a visit marking relations with the kingdom.";
        assert!(run_rule(RULE, a, &[b]).is_empty());
        assert!(run_rule(RULE, b, &[a]).is_empty());
    }

    #[test]
    fn disagreeing_siblings_are_reported_at_a_lower_severity_without_a_fix() {
        let draft = WIRE.replace("87 percent", "80 percent");
        let other = DAILY.replace("87%", "78%");
        let f = run_rule(RULE, &draft, &[DAILY, &other]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].severity, crate::engine::finding::Severity::Info);
        assert!(f[0].fixes.is_empty());
        assert!(f[0].message.contains("disagree"), "{}", f[0].message);
        assert_eq!(f[0].related.len(), 2);
    }

    #[test]
    fn no_siblings_no_findings() {
        assert!(run_rule(RULE, WIRE, &[]).is_empty());
    }
}

/// For development: every sibling figure aligned with the draft figure at `offset`, with its
/// score, shared words and whether it is compatible and consistent.
#[doc(hidden)]
pub fn debug_alignments(cx: &Context<'_>, offset: usize) -> Vec<String> {
    let a = cx.analysis;
    let figs = figures(a);
    let Some(i) = figs
        .list
        .iter()
        .position(|f| f.range.start <= offset && offset <= f.range.end)
    else {
        return vec!["no figure there".into()];
    };
    let f = &figs.list[i];
    let (_, cl) = cluster::get(cx.siblings, ClusterFigures::build);
    let mut out = vec![format!(
        "draft: {:?} {:?} {:?}",
        said(a, f),
        f.kind,
        f.counted
    )];
    for (si, sf) in cl.figs.iter().enumerate() {
        for g in &sf.list {
            if g.kind != f.kind {
                continue;
            }
            let (score, n) = align(&cl, &f.context, &g.context);
            out.push(format!(
                "  {} {:?} score {:.3} shared {} compatible {} consistent {}",
                sibling_name(&cl.sibs[si]),
                said(&cl.sibs[si], g),
                score,
                n,
                compatible(f, g),
                consistent(f, g)
            ));
        }
    }
    let v = compute(&cl, &figs.list, i);
    out.push(format!(
        "verdict: agree {:?} disagree {:?}",
        v.agree, v.disagree
    ));
    out
}
