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
//! at every sibling mention. When the siblings disagree among themselves, the finding says so
//! at a lower severity, without taking a side: information when the draft differs from all of
//! them, a hint when it agrees with some and as many differ. When most siblings agree with the
//! draft, nothing is said: the ones that differ will hear about it when they are checked.
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
//! his `second trip`, are figures about different things and never conflict. Nor do a count and
//! a sibling sentence that also writes the draft's number without saying what it counts (`three
//! people were missing` against `six people had died and three were missing`), an increase
//! (`two more people died`) and a total, or what a deal would give (`a merger would give the
//! company 410 stores`) and what is there now (`it runs 150 stores`).
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

use super::cluster;
use crate::engine::hashing::Memo;

use super::extract::{
    consistent, counted_match, figures, render_date, render_number, same_value, twin, Figure,
    FigureData, Kind, Qual, Style, Value,
};
use crate::engine::siblings::IdMap;

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
        // Figures of different kinds never read one another (claims, sentence mates, counts
        // and pairing by elimination all stay within a kind), so each kind's findings are
        // worked out and kept apart. Typing away from every figure of a kind changes none of
        // its findings: they are the last ones, moved with their figures.
        let mut kinds: Vec<(u64, Vec<usize>)> = Vec::new();
        for (i, f) in figs.list.iter().enumerate() {
            let kc = kind_code(f.kind);
            match kinds.iter_mut().find(|k| k.0 == kc) {
                Some(k) => k.1.push(i),
                None => kinds.push((kc, vec![i])),
            }
        }
        let mut found: Vec<(usize, Finding)> = Vec::new();
        for (_, members) in &kinds {
            if cx.config.figures.ignores(figs.list[members[0]].kind) {
                continue;
            }
            let kept =
                FINDINGS.get_or_insert_with(findings_key(key, a, &figs.list, members), || {
                    let group: Vec<Figure> =
                        members.iter().map(|&i| figs.list[i].clone()).collect();
                    Arc::new(findings(self.id(), a, key, &cl, &group))
                });
            for (k, at, finding) in kept.iter() {
                let i = members[*k];
                let moved = finding
                    .clone()
                    .moved(figs.list[i].range.start as isize - *at as isize);
                found.push((i, moved));
            }
        }
        // In the order of the figures, as if worked out together.
        found.sort_by_key(|f| f.0);
        out.extend(found.into_iter().map(|f| f.1));
    }
}

/// Findings, each with its figure's index (in the figures they were worked out for) and where
/// that figure started.
type Found = Vec<(usize, usize, Finding)>;

/// Per draft and kind of figure: the findings, keyed by [`findings_key`].
static FINDINGS: Memo<u64, Arc<Found>> = Memo::new(1024);

/// Everything the findings of `members` (the draft's figures of one kind) read of the draft:
/// per figure, its signature (value, qualifier, rounding, what it counts, its context words), value
/// and shape keys, own text (which the message quotes and the fix rewrites), and whether it
/// shares a sentence with the figure before it (verdicts only ask whether two figures share
/// one). Not where the figure is: findings are moved with it.
fn findings_key(cluster: u64, a: &Analysis, figs: &[Figure], members: &[usize]) -> u64 {
    let mut m = Mixer::new(&[cluster, members.len() as u64, 11]);
    let mut sentence = None;
    for f in members.iter().map(|&i| &figs[i]) {
        m.add(f.sig);
        m.add(f.vkey);
        m.add(f.shape);
        m.add(u64::from(sentence == Some(f.sentence)));
        sentence = Some(f.sentence);
        m.add(crate::engine::hashing::hash(a.slice(&f.range)));
        m.add(f.counted_keys.iter().fold(0, |x, k| x ^ k.rotate_left(5)));
    }
    m.0
}

/// The findings of the draft's figures `figs` (all of them, or all of one kind) against the
/// cluster `cl`.
fn findings(
    rule: &'static str,
    a: &Analysis,
    key: u64,
    cl: &ClusterFigures,
    figs: &[Figure],
) -> Found {
    let mut out = Vec::new();
    // A figure every sibling also states cannot conflict: when that is every figure of the
    // draft, nothing else needs working out.
    let twins = twins_of(key, cl, figs);
    if twins.iter().all(|t| cl.all_state(t)) {
        return out;
    }
    let d = Draft::with_twins(key, cl, figs, twins);
    for (i, (f, v)) in figs.iter().zip(d.verdicts()).enumerate() {
        // A figure every sibling states too has no verdict to report.
        let Some(v) = v else { continue };
        if let Some(finding) = report(rule, a, f, &v, cl) {
            out.push((i, f.range.start, finding));
        }
    }
    out
}

/// One sibling figure aligned with a draft figure.
#[derive(Debug, Clone, Copy)]
struct Mention {
    sib: u16,
    fig: u32,
    score: f32,
}

/// The part of a verdict that depends on the figure, its sentence and the draft's other
/// statements of the same values: memoised across keystrokes. Pairings by elimination
/// ("leftovers") depend on every figure of the kind and are checked on each call.
#[derive(Debug, Clone, Default)]
struct Partial {
    agree: Vec<Mention>,
    disagree: Vec<Vec<Mention>>,
    weak: Vec<Vec<Mention>>,
    /// (mentions, shared words, aligned loosely) of siblings whose only open candidate may
    /// pair by elimination.
    leftovers: Vec<(Vec<Mention>, u16, bool)>,
    /// Siblings whose closest figure's sentence also writes the draft's count, about
    /// something the sibling names apart ("14,000 residents are under orders and 6,500 under
    /// warnings"): they back the draft's number, though not as a figure of their own.
    writes: u16,
}

#[derive(Debug, Clone)]
struct Verdict {
    p: Arc<Partial>,
    /// Per disagreeing sibling, its mentions of the value it states (best first).
    disagree: Vec<Vec<Mention>>,
}

impl Verdict {
    /// Per agreeing sibling, its best mention.
    fn agree(&self) -> &[Mention] {
        &self.p.agree
    }
}

/// Every figure of every sibling, indexed by (kind, context word), by (kind, thing counted),
/// by kind and by value.
pub(crate) struct ClusterFigures {
    sibs: Vec<Arc<Analysis>>,
    figs: Vec<Arc<super::extract::Figures>>,
    /// (sibling, figure, total weighted context) per candidate; ids follow sibling order.
    cands: Vec<(u16, u32, f32)>,
    /// Per candidate, what its figure says (one pointer away: profiles test thousands).
    data: Vec<Arc<FigureData>>,
    /// (kind, word) -> (candidate, weight × idf).
    postings: IdMap<u64, Vec<(u32, f32)>>,
    by_counted: IdMap<u64, Vec<u32>>,
    by_kind: IdMap<u64, Vec<u32>>,
    by_value: IdMap<u64, Vec<u32>>,
    /// Context word -> idf among the cluster's figures (words every figure has weigh little).
    idf: IdMap<u64, f32>,
    /// Per value key, the siblings stating it (in sibling order, once each).
    value_sibs: IdMap<u64, Vec<u16>>,
}

fn kind_code(k: Kind) -> u64 {
    use super::extract::{Currency as C, Dimension as D};
    let (a, b): (u64, u64) = match k {
        Kind::Percent => (1, 0),
        Kind::PercentPoints => (2, 0),
        Kind::Money(c) => (
            3,
            match c {
                C::Usd => 1,
                C::Eur => 2,
                C::Gbp => 3,
                C::Jpy => 4,
                C::Cny => 5,
                C::Rub => 6,
                C::Inr => 7,
                C::Chf => 8,
                C::Nok => 9,
                C::Sek => 10,
                C::Dkk => 11,
                C::Other => 12,
            },
        ),
        Kind::Age => (4, 0),
        Kind::Date => (5, 0),
        Kind::ShortDuration => (6, 0),
        Kind::LongDuration => (7, 0),
        Kind::Measure(d) => (
            8,
            match d {
                D::Length => 1,
                D::Mass => 2,
                D::Speed => 3,
                D::Temperature => 4,
                D::Area => 5,
                D::Volume => 6,
                D::Data => 7,
                D::Pixels => 8,
            },
        ),
        Kind::Ordinal => (9, 0),
        Kind::Count => (10, 0),
    };
    (a << 8 | b).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

fn posting_key(kind: u64, word: u64) -> u64 {
    word ^ kind.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17)
}

impl ClusterFigures {
    fn build(siblings: &[Sibling]) -> ClusterFigures {
        let mut cl = ClusterFigures {
            sibs: Vec::new(),
            figs: Vec::new(),
            cands: Vec::new(),
            data: Vec::new(),
            postings: IdMap::default(),
            by_counted: IdMap::default(),
            by_kind: IdMap::default(),
            by_value: IdMap::default(),
            idf: IdMap::default(),
            value_sibs: IdMap::default(),
        };
        for s in siblings.iter().take(u16::MAX as usize) {
            cl.sibs.push(s.analysis.clone());
            cl.figs.push(figures(&s.analysis));
        }
        // Document frequency of context words over all sibling figures.
        let mut df: IdMap<u64, u32> = IdMap::default();
        let mut n = 0u32;
        for f in &cl.figs {
            for g in &f.list {
                n += 1;
                for &(w, _) in g.context.iter() {
                    *df.entry(w).or_default() += 1;
                }
            }
        }
        let top = ((n as f32 + 1.0) / 0.5).ln().max(f32::EPSILON);
        for (w, d) in df {
            let v = (((n as f32 + 1.0) / (d as f32 + 0.5)).ln() / top).clamp(0.05, 1.0);
            cl.idf.insert(w, v);
        }
        for (si, f) in cl.figs.iter().enumerate() {
            for (fi, g) in f.list.iter().enumerate() {
                let c = cl.cands.len() as u32;
                let k = kind_code(g.kind);
                let mut total = 0.0;
                for &(w, wt) in g.context.iter() {
                    let x = wt * cl.idf.get(&w).copied().unwrap_or(1.0);
                    total += x;
                    cl.postings
                        .entry(posting_key(k, w))
                        .or_default()
                        .push((c, x));
                }
                cl.cands.push((si as u16, fi as u32, total));
                cl.data.push(g.data().clone());
                for &ck in g.counted_keys.iter() {
                    cl.by_counted.entry(posting_key(k, ck)).or_default().push(c);
                }
                cl.by_kind.entry(k).or_default().push(c);
                cl.by_value.entry(g.vkey).or_default().push(c);
            }
            let mut values: Vec<u64> = f.list.iter().map(|g| g.vkey).collect();
            values.sort_unstable();
            values.dedup();
            for v in values {
                cl.value_sibs.entry(v).or_default().push(si as u16);
            }
        }
        cl
    }

    /// Every sibling states the figure whose twins (one per sibling) are `twins`.
    fn all_state(&self, twins: &[(u16, u32)]) -> bool {
        twins.len() == self.sibs.len()
    }

    fn fig(&self, m: Mention) -> &Figure {
        &self.figs[m.sib as usize].list[m.fig as usize]
    }

    fn cand_data(&self, c: u32) -> &FigureData {
        &self.data[c as usize]
    }

    fn cand_fig(&self, c: u32) -> &Figure {
        let (s, f, _) = self.cands[c as usize];
        &self.figs[s as usize].list[f as usize]
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
    shared / (ta * tb).sqrt().max(f32::EPSILON)
}

/// Can `f` and `g` be about the same thing at all?
fn compatible(f: &FigureData, g: &FigureData) -> bool {
    if f.kind != g.kind {
        return false;
    }
    if let (Value::Date(x), Value::Date(y)) = (&f.value, &g.value) {
        // Dates must share a part to be compared: a year alone says nothing about "May 7".
        return (x.year.is_some() && y.year.is_some()) || (x.month.is_some() && y.month.is_some());
    }
    if f.kind == Kind::Age {
        return true;
    }
    if f.is_range() != g.is_range() && f.kind == Kind::Count {
        return false;
    }
    counted_match(f, g) != Some(false)
}

fn is_bound(f: &Figure) -> bool {
    matches!(f.qual, Qual::AtLeast | Qual::AtMost)
}

/// The same value stated the same way (a bound is no twin of a plain figure).
/// Two whole numbers one digit apart (changed, added, dropped or two swapped: 16/15, 14/41,
/// 150/1500), which a slip of the hand makes; `true` for anything else, which this test
/// cannot judge.
fn digits_near(f: &FigureData, g: &FigureData) -> bool {
    let whole = |v: &Value| match *v {
        Value::Num { lo, hi } if lo == hi && lo.fract() == 0.0 && (0.0..1e15).contains(&lo) => {
            Some(lo as u64)
        }
        _ => None,
    };
    match (whole(&f.value), whole(&g.value)) {
        (Some(a), Some(b)) => digit_edits(a, b) <= 1,
        _ => true,
    }
}

/// "one dose" is as often a manner of speaking as a count of the story: a count of one
/// needs two shared words of context to be pinned by what it counts or paired off.
fn count_of_one(x: &FigureData) -> bool {
    x.kind == Kind::Count && matches!(x.value, Value::Num { lo, hi } if lo == 1.0 && hi == 1.0)
}

/// How many digits must change, be added, dropped or swapped to write `a` as `b`.
fn digit_edits(a: u64, b: u64) -> usize {
    strsim::osa_distance(&a.to_string(), &b.to_string())
}

fn exact_twin(d: &Figure, g: &Figure) -> bool {
    d.vkey == g.vkey && is_bound(d) == is_bound(g)
}

/// Two measurements written in different units ("18 months", "eight years"). They may agree,
/// but a changed figure keeps its unit: a disagreement across units is two quantities, and
/// the converted fix ("96 months") nothing anyone would write.
fn other_unit(f: &Figure, g: &Figure) -> bool {
    let measured = |k: Kind| {
        matches!(
            k,
            Kind::Measure(_) | Kind::ShortDuration | Kind::LongDuration
        )
    };
    measured(f.kind)
        && measured(g.kind)
        && match (f.parts.first(), g.parts.first()) {
            (Some(p), Some(q)) => p.scale != q.scale,
            _ => false,
        }
}

/// A year standing alone against a year more than one digit off ("1994", "2002"). A story
/// dates many events by their years; a year slipped in the typing is one digit off ("1949").
fn far_years(f: &Figure, g: &Figure) -> bool {
    match (f.value, g.value) {
        (Value::Date(x), Value::Date(y)) if x.month.is_none() || y.month.is_none() => {
            match (x.year, y.year) {
                (Some(a), Some(b)) => {
                    digit_edits(a.unsigned_abs().into(), b.unsigned_abs().into()) > 1
                }
                _ => false,
            }
        }
        _ => false,
    }
}

/// One figure says whose share or count it is ("of the city's vote") and the other neither
/// says the same nor mentions that owner nearby: two scopes, not one figure changed.
fn other_owner(f: &Figure, g: &Figure) -> bool {
    let apart = |a: &Figure, b: &Figure| {
        a.owner != 0 && b.owner != a.owner && !b.context.iter().any(|c| c.0 == a.owner)
    };
    apart(f, g) || apart(g, f)
}

/// One figure is what something was, would be, or is a part of, and the other is not
/// ([`FigureData::earlier`], [`FigureData::conditional`], [`FigureData::part`]): two
/// different quantities, never one figure changed.
fn other_stance(f: &Figure, g: &Figure) -> bool {
    f.earlier != g.earlier || f.conditional != g.conditional || f.part != g.part
}

/// The candidates of `list` (in sibling order) that are the only one of their sibling in it:
/// what a sibling says once can be pinned to what the draft says once.
fn alone_in_sibling<'c>(cl: &'c ClusterFigures, list: &'c [u32]) -> impl Iterator<Item = u32> + 'c {
    let sib = |c: u32| cl.cands[c as usize].0;
    list.iter().enumerate().filter_map(move |(x, &c)| {
        let before = x > 0 && sib(list[x - 1]) == sib(c);
        let after = list.get(x + 1).is_some_and(|&d| sib(d) == sib(c));
        (!before && !after).then_some(c)
    })
}

/// Two ages' names ([`FigureData::who`]) are one person's: one set holds the other
/// ("Lindqvist" within "Petra Lindqvist").
fn same_person(a: &[u64], b: &[u64]) -> bool {
    !a.is_empty()
        && !b.is_empty()
        && (a.iter().all(|x| b.contains(x)) || b.iter().all(|x| a.contains(x)))
}

fn is_duration(f: &Figure) -> bool {
    matches!(f.kind, Kind::LongDuration | Kind::ShortDuration)
}

/// A span of years or months said of someone's age ("patients range in age from 7 months to
/// 58 years"): an age in all but form, and ages are about many different people.
fn age_like(f: &Figure) -> bool {
    use std::sync::LazyLock;
    static AGE: LazyLock<[u64; 3]> =
        LazyLock::new(|| ["age", "ages", "aged"].map(super::extract::context_key));
    f.context.iter().any(|(k, _)| AGE.contains(k))
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

/// What one draft figure shares with the cluster's figures: per candidate (sorted by id), the
/// alignment score and the number of shared words. Depends on the figure alone.
struct Profile {
    entries: Vec<(u32, f32, u16)>,
    /// The candidates' distinct value keys (for the verdict's dependencies).
    values: Vec<u64>,
    /// The entries' value keys and positions, sorted by (value key, candidate): the
    /// candidates stating one value, together, found without reading their figures.
    by_value: Vec<(u64, u32)>,
}

impl Profile {
    /// The entries of candidates stating `vkey`, by candidate id.
    fn of_value(&self, vkey: u64) -> impl Iterator<Item = &(u32, f32, u16)> + '_ {
        let bv = &self.by_value;
        let from = bv.partition_point(|e| e.0 < vkey);
        let to = from + bv[from..].partition_point(|e| e.0 == vkey);
        bv[from..to].iter().map(|&(_, i)| &self.entries[i as usize])
    }

    fn score(&self, c: u32) -> f32 {
        self.entries
            .binary_search_by_key(&c, |e| e.0)
            .map(|i| self.entries[i].1)
            .unwrap_or(0.0)
    }
}

static PROFILES: Memo<u64, Arc<Profile>> = Memo::new(16384);
static TWINS: Memo<u64, Arc<Vec<(u16, u32)>>> = Memo::new(16384);
static PARTIALS: Memo<u64, Arc<Partial>> = Memo::new(16384);
static CLAIMS: Memo<u64, u64> = Memo::new(65536);
static CLAIM_SETS: Memo<u64, u64> = Memo::new(16384);

/// A running hash of u64s.
struct Mixer(u64);

impl Mixer {
    fn new(parts: &[u64]) -> Mixer {
        Mixer(mix(parts))
    }
    fn add(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 ^= self.0 >> 29;
    }
}

fn mix(parts: &[u64]) -> u64 {
    let mut h: u64 = 0x243F_6A88_85A3_08D3;
    for &p in parts {
        h = (h ^ p).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 29;
    }
    h
}

fn profile_key(key: u64, f: &Figure) -> u64 {
    mix(&[key, f.sig, 1])
}

fn compute_profile(cl: &ClusterFigures, f: &Figure) -> Arc<Profile> {
    let kc = kind_code(f.kind);
    // Shared weight and words per candidate, in a dense array: a story of a hundred
    // siblings has thousands of candidates and a common word posts most of them.
    let mut acc: Vec<(f32, u16)> = vec![(0.0, 0); cl.cands.len()];
    let mut touched: Vec<u32> = Vec::new();
    for &(w, wt) in f.context.iter() {
        if let Some(p) = cl.postings.get(&posting_key(kc, w)) {
            let x = cl.weight(w, wt);
            for &(c, wg) in p {
                let e = &mut acc[c as usize];
                if e.1 == 0 {
                    touched.push(c);
                }
                e.0 += x.min(wg);
                e.1 += 1;
            }
        }
    }
    touched.sort_unstable();
    let tf: f32 = f.context.iter().map(|x| cl.weight(x.0, x.1)).sum();
    let entries: Vec<(u32, f32, u16)> = touched
        .into_iter()
        .filter(|&c| compatible(f, cl.cand_data(c)))
        .map(|c| {
            let (shared, n) = acc[c as usize];
            (c, normalise(shared, tf, cl.cands[c as usize].2), n)
        })
        .collect();
    let mut by_value: Vec<(u64, u32)> = (0..entries.len() as u32)
        .map(|i| (cl.cand_data(entries[i as usize].0).vkey, i))
        .collect();
    // Entries are in candidate order, so (value key, position) sorts as (value key, candidate).
    by_value.sort_unstable();
    let mut values: Vec<u64> = by_value.iter().map(|e| e.0).collect();
    values.dedup();
    Arc::new(Profile {
        entries,
        values,
        by_value,
    })
}

/// The siblings (and their figure) that state `f`'s own value about a compatible thing.
fn twins_key(key: u64, f: &Figure) -> u64 {
    mix(&[key, f.vkey, f.shape, 2])
}

/// The siblings (and their figure) that state `f`'s own value about a compatible thing.
fn compute_twins(cl: &ClusterFigures, f: &Figure) -> Arc<Vec<(u16, u32)>> {
    let mut out: Vec<(u16, u32)> = Vec::new();
    if let Some(cs) = cl.by_value.get(&f.vkey) {
        for &c in cs {
            let g = cl.cand_fig(c);
            let sib = cl.cands[c as usize].0;
            // Candidates come in sibling order: a sibling already taken was the last one.
            if compatible(f, g) && twin(f, g) && out.last().is_none_or(|x| x.0 != sib) {
                out.push((sib, c));
            }
        }
    }
    out.sort_unstable();
    Arc::new(out)
}

/// Is sibling `sib` in the bit set `bits` ([`Draft::twin_bits`])?
fn has_bit(bits: &[u64], sib: u16) -> bool {
    bits[usize::from(sib) / 64] & (1 << (sib % 64)) != 0
}

/// Each figure's twins, memoised.
fn twins_of(key: u64, cl: &ClusterFigures, figs: &[Figure]) -> Vec<Arc<Vec<(u16, u32)>>> {
    let tk: Vec<u64> = figs.iter().map(|f| twins_key(key, f)).collect();
    TWINS.get_or_insert_many(&tk, |i| compute_twins(cl, &figs[i]))
}

/// A draft's figures prepared for one check: what each verdict depends on.
struct Draft<'a> {
    key: u64,
    cl: &'a ClusterFigures,
    figs: &'a [Figure],
    profiles: Vec<Arc<Profile>>,
    twins: Vec<Arc<Vec<(u16, u32)>>>,
    ix: Arc<DraftIndex>,
    /// Per value key: a mix of the signatures and sentences of the figures stating it.
    value_mix: IdMap<u64, u64>,
}

/// Which figures of a draft state which value, count what, are of which kind: depends on
/// the figures' values and kinds only, so typing words reuses it.
struct DraftIndex {
    /// value key -> figures.
    by_value: IdMap<u64, Vec<usize>>,
    /// (kind, thing counted) -> how many figures; kind -> how many figures.
    counted_n: IdMap<u64, usize>,
    kind_n: IdMap<u64, usize>,
    /// kind -> its figures.
    of_kind: IdMap<u64, Vec<usize>>,
}

static INDEXES: Memo<u64, Arc<DraftIndex>> = Memo::new(64);

impl DraftIndex {
    fn new(figs: &[Figure]) -> DraftIndex {
        let mut by_value: IdMap<u64, Vec<usize>> = IdMap::default();
        let mut counted_n: IdMap<u64, usize> = IdMap::default();
        let mut kind_n: IdMap<u64, usize> = IdMap::default();
        let mut of_kind: IdMap<u64, Vec<usize>> = IdMap::default();
        for (i, f) in figs.iter().enumerate() {
            let kc = kind_code(f.kind);
            of_kind.entry(kc).or_default().push(i);
            by_value.entry(f.vkey).or_default().push(i);
            *kind_n.entry(kc).or_default() += 1;
            for &ck in f.counted_keys.iter() {
                *counted_n.entry(posting_key(kc, ck)).or_default() += 1;
            }
        }
        DraftIndex {
            by_value,
            counted_n,
            kind_n,
            of_kind,
        }
    }
}

impl<'a> Draft<'a> {
    fn new(key: u64, cl: &'a ClusterFigures, figs: &'a [Figure]) -> Draft<'a> {
        Draft::with_twins(key, cl, figs, twins_of(key, cl, figs))
    }

    fn with_twins(
        key: u64,
        cl: &'a ClusterFigures,
        figs: &'a [Figure],
        twins: Vec<Arc<Vec<(u16, u32)>>>,
    ) -> Draft<'a> {
        let pk: Vec<u64> = figs.iter().map(|f| profile_key(key, f)).collect();
        let profiles = PROFILES.get_or_insert_many(&pk, |i| compute_profile(cl, &figs[i]));
        let mut shape = Mixer::new(&[figs.len() as u64]);
        for f in figs {
            shape.add(f.vkey);
            shape.add(f.counted_keys.iter().fold(0, |a, x| a ^ x.rotate_left(3)));
        }
        let ix = INDEXES.get_or_insert_with(shape.0, || Arc::new(DraftIndex::new(figs)));
        let mut value_mix: IdMap<u64, u64> = IdMap::default();
        for f in figs {
            let e = value_mix.entry(f.vkey).or_insert(0x51);
            *e = mix(&[*e, f.sig, f.sentence as u64]);
        }
        Draft {
            key,
            cl,
            figs,
            profiles,
            twins,
            ix,
            value_mix,
        }
    }

    fn same_kind(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.ix
            .of_kind
            .get(&kind_code(self.figs[i].kind))
            .map(|v| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .copied()
            .filter(move |&j| j != i)
    }

    /// Same-kind figures in `i`'s sentence.
    fn sentence_mates(&self, i: usize) -> Vec<usize> {
        let f = &self.figs[i];
        let mut v = Vec::new();
        let mut j = i;
        while j > 0 && self.figs[j - 1].sentence == f.sentence {
            j -= 1;
        }
        while j < self.figs.len() && self.figs[j].sentence == f.sentence {
            if j != i && self.figs[j].kind == f.kind {
                v.push(j);
            }
            j += 1;
        }
        v
    }

    /// The draft's other statements of the values `i`'s candidates state.
    fn claimers(&self, i: usize) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .open_values(i)
            .filter_map(|vk| self.ix.by_value.get(&vk))
            .flatten()
            .copied()
            .filter(|&j| j != i && self.figs[j].kind == self.figs[i].kind)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The values of `i`'s candidates that a sibling not stating `i`'s own value also states.
    /// Only those siblings' candidates are judged, so only draft figures stating one of these
    /// values can be twins that matter (a draft that repeats a figure thirty times must not
    /// make every keystroke near one of them redo the other twenty-nine).
    fn open_values(&self, i: usize) -> impl Iterator<Item = u64> + '_ {
        let twins = &self.twins[i];
        self.profiles[i].values.iter().copied().filter(move |vk| {
            self.cl.value_sibs.get(vk).is_some_and(|ss| {
                ss.iter()
                    .any(|&s| twins.binary_search_by_key(&s, |t| t.0).is_err())
            })
        })
    }

    /// The key of figure `i`'s memoised verdict part: everything it reads (its own
    /// signature, its sentence mates, `claims` (what the draft's other statements of its
    /// candidates' values take for themselves, see [`Draft::claims`]), how often the draft
    /// mentions what it counts).
    fn partial_key(&self, i: usize, claims: u64) -> u64 {
        let f = &self.figs[i];
        let mut m = Mixer::new(&[self.key, f.sig, 3]);
        let mut j = i;
        while j > 0 && self.figs[j - 1].sentence == f.sentence {
            j -= 1;
        }
        while j < self.figs.len() && self.figs[j].sentence == f.sentence {
            if j != i && self.figs[j].kind == f.kind {
                m.add(self.figs[j].sig);
            }
            j += 1;
        }
        m.add(4);
        for t in self.twins[i].iter() {
            m.add(u64::from(t.0) + 0x100);
        }
        // The draft's other statements of the candidates' values: which candidates each
        // takes for itself. Not their wording: typing next to one figure must not redo every
        // verdict whose candidates state its value.
        m.add(claims);
        m.add(5);
        let kc = kind_code(f.kind);
        for &ck in f.counted_keys.iter() {
            m.add(
                self.ix
                    .counted_n
                    .get(&posting_key(kc, ck))
                    .copied()
                    .unwrap_or(0) as u64,
            );
        }
        m.add(self.ix.kind_n.get(&kc).copied().unwrap_or(0) as u64);
        m.0
    }

    /// For each figure of `open`, a fingerprint of which of its candidates each claimer (see
    /// [`Draft::claimers`]) takes for itself: what [`Draft::partial`] reads of the claimers.
    /// Memoised per figure by the claimers' wording, so typing next to one figure redoes only
    /// the figures it may claim for, and those from the per-pair memo.
    fn claims(&self, open: &[usize]) -> Vec<u64> {
        let keys: Vec<u64> = open.iter().map(|&i| self.claims_key(i)).collect();
        CLAIM_SETS.get_or_insert_many(&keys, |k| self.claim_set(open[k]))
    }

    /// What the claimers of `i` are: the key of [`Draft::claims`].
    fn claims_key(&self, i: usize) -> u64 {
        let f = &self.figs[i];
        let mut m = Mixer::new(&[self.key, f.sig, f.sentence as u64, 8]);
        for vk in self.open_values(i) {
            if let Some(x) = self.value_mix.get(&vk) {
                m.add(*x);
            }
        }
        m.0
    }

    /// [`Draft::claim_print`] of every claimer of `i` (memoised per pair), mixed.
    fn claim_set(&self, i: usize) -> u64 {
        let f = &self.figs[i];
        let js = self.claimers(i);
        let keys: Vec<u64> = js
            .iter()
            .map(|&j| {
                let d = &self.figs[j];
                mix(&[
                    self.key,
                    f.sig,
                    d.sig,
                    u64::from(f.sentence == d.sentence),
                    6,
                ])
            })
            .collect();
        // `claim_print` asks about every candidate of a value, hundreds with a hundred siblings.
        let agreeing = self.twin_bits(i);
        let mut m = Mixer::new(&[9]);
        for p in CLAIMS.get_or_insert_many(&keys, |k| self.claim_print(i, js[k], &agreeing)) {
            m.add(p);
        }
        m.0
    }

    /// The siblings that state figure `i`'s own value (its twins'), as a bit set for
    /// [`has_bit`].
    fn twin_bits(&self, i: usize) -> Vec<u64> {
        let mut bits = vec![0u64; self.cl.sibs.len() / 64 + 1];
        for &(sib, _) in self.twins[i].iter() {
            bits[usize::from(sib) / 64] |= 1 << (sib % 64);
        }
        bits
    }

    /// Which of `i`'s candidates stating `j`'s value `j` would take for itself in
    /// [`Draft::partial`], as a fingerprint. `agreeing`: the siblings stating `i`'s own value,
    /// as a bit set.
    fn claim_print(&self, i: usize, j: usize, agreeing: &[u64]) -> u64 {
        let (f, d) = (&self.figs[i], &self.figs[j]);
        let mut m = Mixer::new(&[d.vkey, d.shape, 7]);
        m.add(u64::from(f.sentence == d.sentence));
        m.add(u64::from(self.restated(f, d)));
        // Both profiles' candidates stating the value, merged by candidate id.
        let mut mine = self.profiles[j].of_value(d.vkey).peekable();
        // Siblings that state `f`'s own value are never asked about it.
        for &(c, score, _) in self.profiles[i].of_value(d.vkey) {
            if has_bit(agreeing, self.cl.cands[c as usize].0) {
                continue;
            }
            while mine.next_if(|e| e.0 < c).is_some() {}
            let theirs = mine.peek().filter(|e| e.0 == c).map_or(0.0, |e| e.1);
            m.add(u64::from(c));
            m.add(u64::from(theirs >= score));
        }
        m.0
    }

    /// What the siblings say about every figure (memoised parts fetched and stored in one
    /// go; pairing by elimination checked afresh).
    fn verdicts(&self) -> Vec<Option<Verdict>> {
        // A figure every sibling states too needs nothing else: no sibling is left to
        // disagree (most figures of a story, and no memo key to work out for them when a
        // keystroke touches another figure stating the same value).
        let open: Vec<usize> = (0..self.figs.len())
            .filter(|&i| !self.cl.all_state(&self.twins[i]))
            .collect();
        let parts = self.parts(&open);
        let mut out: Vec<Option<Verdict>> = vec![None; self.figs.len()];
        for (&i, p) in open.iter().zip(parts) {
            out[i] = Some(self.finish(i, p));
        }
        out
    }

    /// The agreeing part of a verdict: each sibling stating the figure's value, its best
    /// mention. All of a verdict when every sibling agrees.
    fn agreed(&self, i: usize) -> Partial {
        let mut v = Partial::default();
        for &(sib, c) in self.twins[i].iter() {
            v.agree.push(Mention {
                sib,
                fig: self.cl.cands[c as usize].1,
                score: self.profiles[i].score(c),
            });
        }
        v
    }

    /// What the siblings say about figure `i`.
    fn verdict(&self, i: usize) -> Verdict {
        let p = self.parts(&[i]).pop().expect("one");
        self.finish(i, p)
    }

    /// The memoised verdict parts of the figures `open`.
    fn parts(&self, open: &[usize]) -> Vec<Arc<Partial>> {
        let claims = self.claims(open);
        let keys: Vec<u64> = open
            .iter()
            .zip(&claims)
            .map(|(&i, &c)| self.partial_key(i, c))
            .collect();
        PARTIALS.get_or_insert_many(&keys, |k| Arc::new(self.partial(open[k])))
    }

    fn finish(&self, i: usize, p: Arc<Partial>) -> Verdict {
        if p.disagree.is_empty() && p.leftovers.is_empty() {
            return Verdict {
                p,
                disagree: Vec::new(),
            };
        }
        let cl = self.cl;
        let mut disagree = p.disagree.clone();
        let mut weak: Vec<&Vec<Mention>> = p.weak.iter().collect();
        for (ms, n, loose) in &p.leftovers {
            if self.leftover(i, ms[0], *n) {
                disagree.push(ms.clone());
            } else if *loose {
                weak.push(ms);
            }
        }
        // A loosely aligned sibling figure counts when it states what a closely aligned one
        // does: once "begin his fifth term on May 7" has pinned the figure down, "fifth term
        // inauguration is set for May 7th" is the same fact.
        let strong = disagree.len();
        for ms in weak {
            let g = cl.fig(ms[0]);
            if disagree[..strong]
                .iter()
                .any(|d| same_value(cl.fig(d[0]), g))
            {
                disagree.push(ms.clone());
            }
        }
        Verdict {
            p: p.clone(),
            disagree,
        }
    }

    /// Does the draft state `f` twice (headline and body), once as `d`? Then `d`'s twins in a
    /// sibling still speak to `f`.
    fn restated(&self, f: &Figure, d: &Figure) -> bool {
        f.sentence != d.sentence
            && counted_match(f, d) != Some(false)
            && align(self.cl, &f.context, &d.context).0 >= 0.3
    }

    /// Candidates of figure `i`: (mention, shared words, pinned), compatible ones only, from
    /// the siblings not in the bit set `skip` ([`has_bit`]), grouped by sibling in sibling
    /// order and, within a sibling, pinned first, then by score. Pinned: the thing counted is
    /// mentioned once on each side, or the kind is a measurement or a currency mentioned once
    /// on each side. One list, not one per sibling: with a hundred siblings, a keystroke near
    /// a figure asks for this for every figure the edit touches.
    fn candidates(&self, i: usize, skip: &[u64]) -> Vec<(Mention, u16, bool)> {
        let (cl, f) = (self.cl, &self.figs[i]);
        let prof = &self.profiles[i];
        let kc = kind_code(f.kind);
        let mut pinned: Vec<u32> = Vec::new();
        for &ck in f.counted_keys.iter() {
            let in_draft = self
                .ix
                .counted_n
                .get(&posting_key(kc, ck))
                .copied()
                .unwrap_or(0);
            if in_draft != 1 {
                continue;
            }
            if let Some(p) = cl.by_counted.get(&posting_key(kc, ck)) {
                pinned.extend(alone_in_sibling(cl, p).filter(|&c| compatible(f, cl.cand_data(c))));
            }
        }
        if matches!(f.kind, Kind::Measure(_) | Kind::Money(_))
            && self.ix.kind_n.get(&kc).copied().unwrap_or(0) == 1
        {
            if let Some(p) = cl.by_kind.get(&kc) {
                pinned.extend(alone_in_sibling(cl, p).filter(|&c| {
                    let shares = prof
                        .entries
                        .binary_search_by_key(&c, |e| e.0)
                        .is_ok_and(|k| prof.entries[k].2 >= 1);
                    shares && compatible(f, cl.cand_data(c))
                }));
            }
        }
        // An age is pinned by whose it is: the one age a sibling gives the same person
        // ("Petra Lindqvist, 61" for the draft's "the 62-year-old" after her name).
        if f.kind == Kind::Age && !f.who.is_empty() {
            if let Some(p) = cl.by_kind.get(&kc) {
                let theirs: Vec<u32> = p
                    .iter()
                    .copied()
                    .filter(|&c| same_person(&f.who, &cl.cand_data(c).who))
                    .collect();
                pinned.extend(alone_in_sibling(cl, &theirs));
            }
        }
        pinned.sort_unstable();
        pinned.dedup();
        let wanted = |c: u32| !has_bit(skip, cl.cands[c as usize].0);
        // Merge profile entries and pins, in candidate (so sibling) order.
        let mut all: Vec<(Mention, u16, bool)> = Vec::new();
        let mention = |c: u32, score: f32| {
            let (sib, fig, _) = cl.cands[c as usize];
            Mention { sib, fig, score }
        };
        for &(c, score, n) in prof.entries.iter().filter(|e| wanted(e.0)) {
            all.push((mention(c, score), n, pinned.binary_search(&c).is_ok()));
        }
        let before = all.len();
        for &c in pinned.iter().filter(|&&c| wanted(c)) {
            if prof.entries.binary_search_by_key(&c, |e| e.0).is_err() {
                all.push((mention(c, 0.0), 0, true));
            }
        }
        // Profile entries come sorted by candidate, and candidates by sibling, then figure.
        if all.len() > before {
            all.sort_unstable_by_key(|e| (e.0.sib, e.0.fig));
        }
        for ms in all.chunk_by_mut(|x, y| x.0.sib == y.0.sib) {
            ms.sort_by(|x, y| {
                (y.2 as u8)
                    .cmp(&(x.2 as u8))
                    .then(y.0.score.total_cmp(&x.0.score))
                    .then(x.0.fig.cmp(&y.0.fig))
            });
        }
        all
    }

    /// `f` is a count and the sentence of the sibling figure `m` writes its number too, outside
    /// the sibling's figures.
    fn sentence_writes_count(&self, f: &Figure, m: Mention) -> bool {
        let Value::Num { lo, hi } = f.value else {
            return false;
        };
        if f.kind != Kind::Count || lo != hi {
            return false;
        }
        let a = &self.cl.sibs[m.sib as usize];
        let Some(r) = a.sentences.get(self.cl.fig(m).sentence) else {
            return false;
        };
        let figs = &self.cl.figs[m.sib as usize].list;
        super::extract::number_written_at(&a.text()[r.clone()], lo)
            .into_iter()
            .map(|at| r.start + at)
            .any(|at| !figs.iter().any(|g| g.range.contains(&at)))
    }

    fn cand_id(&self, m: Mention) -> u32 {
        // Candidate ids follow sibling order, figures in order within a sibling.
        let first = self.cl.cands.partition_point(|c| c.0 < m.sib);
        first as u32 + m.fig
    }

    fn partial(&self, i: usize) -> Partial {
        let (cl, draft) = (self.cl, self.figs);
        let f = &draft[i];
        let mut v = self.agreed(i);
        let agreeing = self.twin_bits(i);
        let mates = self.sentence_mates(i);
        let claimers = self.claimers(i);
        let cands = self.candidates(i, &agreeing);
        for ms in cands.chunk_by(|x, y| x.0.sib == y.0.sib) {
            if let Some((m, _, _)) = ms
                .iter()
                .find(|(m, _, pin)| (*pin || m.score >= T_ALIGN) && consistent(f, cl.fig(*m)))
            {
                // "Up to 185 km/h" neither confirms nor contradicts "158 km/h".
                if !is_bound(cl.fig(*m)) || is_bound(f) {
                    v.agree.push(*m);
                }
                continue;
            }
            // Sibling figures whose value another draft figure states, in words at least as
            // close, are that figure's twins. (A draft may repeat a figure, headline and
            // body, and change only one of them.)
            let open: Vec<(Mention, u16, bool)> = ms
                .iter()
                .copied()
                .filter(|(m, _, _)| {
                    let g = cl.fig(*m);
                    let c = self.cand_id(*m);
                    !claimers.iter().any(|&j| {
                        let d = &draft[j];
                        exact_twin(d, g)
                            && compatible(d, g)
                            && (d.sentence == f.sentence
                                || (self.profiles[j].score(c) >= m.score && !self.restated(f, d)))
                    })
                })
                .collect();
            let Some(&(best, n, pin)) = open.first() else {
                continue;
            };
            // What both count pins a figure on its own only where the two values could be one
            // mistyped as the other ("sixteen instruments" / "fifteen instruments"); otherwise
            // the two must also share a word of context: "12 protesters were detained" and
            // "about 200 protesters gathered" share none, and are two different crowds.
            let pin = pin
                && if count_of_one(f) || count_of_one(cl.fig(best)) {
                    n >= 2
                } else {
                    n >= 1 || digits_near(f, cl.fig(best))
                };
            let g = cl.fig(best);
            if consistent(f, g)
                || other_unit(f, g)
                || far_years(f, g)
                || other_owner(f, g)
                || other_stance(f, g)
            {
                continue;
            }
            // The sibling's sentence also writes the draft's count without saying what it
            // counts ("six people had died and three were still missing" against the draft's
            // "three people were still missing"): not a contradiction. (A number there that
            // is a figure of its own, "including two private equity firms", was a candidate.)
            if self.sentence_writes_count(f, best) {
                v.writes += 1;
                continue;
            }
            let strong = best.score >= T_STRONG && n >= MIN_SHARED;
            let weak = best.score >= T_ALIGN && n >= MIN_SHARED;
            let maybe_leftover = !pin && !strong && open.len() == 1;
            if !(pin || strong || weak || maybe_leftover) {
                continue;
            }
            // Ambiguous: another open candidate with another value aligns nearly as well.
            if !pin
                && open[1..]
                    .iter()
                    .any(|(m, _, _)| m.score >= best.score * MARGIN && !same_value(cl.fig(*m), g))
            {
                continue;
            }
            // Mutual: the sibling figure must not fit another figure of the same sentence
            // better ("trade rose 12 percent while exports fell 8 percent").
            let c = self.cand_id(best);
            if !pin
                && mates
                    .iter()
                    .any(|&j| compatible(&draft[j], g) && self.profiles[j].score(c) > best.score)
            {
                continue;
            }
            let mut mentions = vec![best];
            mentions.extend(
                open[1..]
                    .iter()
                    .filter(|(m, _, _)| m.score >= T_ALIGN && same_value(cl.fig(*m), g))
                    .map(|(m, _, _)| *m)
                    .take(2),
            );
            if pin || strong {
                v.disagree.push(mentions);
            } else if maybe_leftover {
                v.leftovers.push((mentions, n, weak));
            } else {
                v.weak.push(mentions);
            }
        }
        v
    }

    /// The one figure of its kind left on both sides once the twins are paired off: `best`
    /// is the sibling's only open candidate, and no other figure of the draft that could be
    /// about it lacks a twin in that sibling.
    fn leftover(&self, i: usize, best: Mention, n: u16) -> bool {
        let (cl, f) = (self.cl, &self.figs[i]);
        let sib = best.sib;
        let g = cl.fig(best);
        // Bounds and fraction words are too loose to pair off on so little.
        let vague = [f, g]
            .iter()
            .any(|x| is_bound(x) || x.parts.iter().any(|p| p.style == Style::Fraction));
        // A generic noun ("people") matched through the wildcard says too little.
        let generic =
            f.kind == Kind::Count && !f.counted_keys.iter().any(|x| g.counted_keys.contains(x));
        // Ages are about many different people in one story, years about many events:
        // never paired off by elimination (a day and month may be).
        if f.kind == Kind::Age
            || (is_duration(f) && (age_like(f) || age_like(g)))
            || (f.kind == Kind::Date && !(day_date(f) && day_date(g)))
            || vague
            || generic
            || !same_magnitude(f, g)
            || n < 1
            || ((count_of_one(f) || count_of_one(g)) && n < 2)
            || (best.score < T_LEFT && f.kind != Kind::Date)
        {
            return false;
        }
        let c = self.cand_id(best);
        !self.same_kind(i).any(|j| {
            let d = &self.figs[j];
            let twinned = self.twins[j].binary_search_by_key(&sib, |t| t.0).is_ok();
            !twinned
                && compatible(d, g)
                && if f.kind == Kind::Date {
                    day_date(d)
                } else {
                    self.profiles[j].score(c) >= best.score
                }
        })
    }
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
fn rewrite(a: &Analysis, f: &Figure, sa: &Analysis, g: &Figure) -> Option<(Vec<Edit>, String)> {
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
                edits.push(Edit::replace(f.part_range(p), text));
            }
            // "one dose" for "two doses": the noun takes the sibling's number too.
            if let (Kind::Count, Value::Num { lo: old, .. }, Some(n)) =
                (f.kind, f.value, head_noun(a, f))
            {
                if (old == 1.0) != (*lo == 1.0) && f.counted.last() == g.counted.last() {
                    if let Some(m) = head_noun(sa, g) {
                        let theirs = sa.slice(&m);
                        let mine = a.slice(&n);
                        if !theirs.eq_ignore_ascii_case(mine) {
                            let rep = crate::engine::rules::typo::text::match_case(
                                mine,
                                &theirs.to_lowercase(),
                            );
                            edits.push(Edit::replace(n, rep));
                        }
                    }
                }
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

/// The last word of a count's own text, after its number: "doses" in "two doses".
fn head_noun(a: &Analysis, f: &Figure) -> Option<std::ops::Range<usize>> {
    let last_part = f.parts.last()?;
    let after = f.part_range(last_part).end;
    a.tokens_in(&(after..f.range.end))
        .iter()
        .rev()
        .find(|t| t.kind == crate::engine::analysis::TokenKind::Word)
        .map(|t| t.range.clone())
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
    let agree = v.agree().len() + usize::from(v.p.writes);
    let dis = v.disagree.len();
    if agree == 0 && groups.len() == 1 {
        // The siblings agree with one another; the draft differs. The fix writes the most
        // precise of their values ("78.4 percent", not another sibling's rounded "78 percent").
        let first = groups[0]
            .iter()
            .map(|ms| ms[0])
            .min_by(|x, y| cl.fig(*x).tol.total_cmp(&cl.fig(*y).tol))
            .unwrap_or(groups[0][0][0]);
        let g = cl.fig(first);
        let rewritten = rewrite(a, f, &cl.sibs[first.sib as usize], g);
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
    // Info when the draft sides with none of them; a hint when it sides with some.
    .with_severity(if agree > 0 {
        Severity::Hint
    } else {
        Severity::Info
    });
    for m in v.agree() {
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
    let v = Draft::new(key, &cl, &figs.list).verdict(i);
    if v.agree().is_empty() && v.disagree.is_empty() {
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
        v.agree().len(),
        v.disagree.len(),
        if v.disagree.len() == 1 {
            "differs"
        } else {
            "differ"
        }
    ));
    for m in v.agree() {
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
    fn ignored_kinds_are_not_compared() {
        let draft = WIRE.replace("87 percent", "78 percent");
        let mut c = crate::engine::testing::only(RULE);
        c.figures.ignore_kinds = vec!["percent".into()];
        assert!(crate::engine::testing::run_with_config(c, &draft, &[DAILY]).is_empty());
        let bad = crate::engine::rules::figure::FigureConfig {
            ignore_kinds: vec!["percentage".into()],
        };
        assert!(bad.validate().is_err());
    }

    #[test]
    fn a_sibling_sentence_that_also_writes_the_count_does_not_contradict_it() {
        // The sibling's "six people" is about the dead; its bare "three" is the missing.
        let draft = "Regional police chief Tomas Lind said three people were still missing after the landslide above Orsa.";
        let sibs = [
            "Regional police chief Tomas Lind said on Friday that six people had died and three were still missing after the landslide above Orsa.",
            "The landslide above Orsa destroyed eleven houses, and rescue teams worked through the night.",
        ];
        assert!(run_rule(RULE, draft, &sibs).is_empty());
        // Where the sibling does not write the draft's number, the change is still reported.
        let changed = draft.replace("three people", "five people");
        let sibs = [
            "Regional police chief Tomas Lind said on Friday that three people were still missing after the landslide above Orsa.",
            "Three people were still missing after the landslide above Orsa, police chief Tomas Lind said.",
        ];
        let f = run_rule(RULE, &changed, &sibs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("three people"), "{}", f[0].message);
        // "one of the worst" and a time of day are not counts: the change is still reported.
        let draft = "Regional police chief Tomas Lind said 3 people were injured when the landslide hit Orsa, one of the worst in years.\n";
        let sibs = [
            "Regional police chief Tomas Lind said 5 people were injured when the landslide hit Orsa at 3 p.m., one of the worst in years.",
            "Five people were injured when the landslide hit Orsa at 3 p.m., police chief Tomas Lind said.",
        ];
        let f = run_rule(RULE, draft, &sibs);
        assert_eq!(f.len(), 1, "{f:#?}");
        let draft =
            "One person died when the landslide hit Orsa, regional police chief Tomas Lind said.\n";
        let sibs = [
            "Two people died when the landslide hit Orsa, one of the worst in years, regional police chief Tomas Lind said.",
            "Two people died when the landslide hit Orsa, police chief Tomas Lind said, in one of the worst disasters in years.",
        ];
        let f = run_rule(RULE, draft, &sibs);
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn some_of_a_total_is_not_the_total() {
        // Two victims named, "three other victims" not: the siblings' "five dead" is all of
        // them, and "victims" and "dead" count the same people.
        let draft = "The victims include Ada Lund, 80, and her neighbour Per Holm, 62. Three other victims have not been named, the Orsa police said.\n";
        let sibs = [
            "Five dead after landslide buries houses above Orsa\n\nThe Orsa police said the victims included Ada Lund, 80.",
            "Five people died when the landslide buried houses above Orsa, the police said. Ada Lund, 80, was among them.",
        ];
        assert!(run_rule(RULE, draft, &sibs).is_empty());
    }

    #[test]
    fn two_crowds_counted_by_one_noun_are_not_one_figure() {
        // Each article mentions protesters once, but the crowd and the arrests are two
        // numbers no slip of the hand turns into each other, and no other word ties them.
        let draft = "The Orsa council approved the quarry licence on Tuesday by nine votes to four.\n\nAbout 300 people gathered outside the council chamber. Police said 12 protesters were detained after a scuffle at the gates.\n";
        let sibs = [
            "Orsa councillors approved the quarry licence by nine votes to four on Tuesday.\n\nAbout 300 protesters gathered outside the chamber during the vote, chanting and waving banners.\n",
            "The quarry licence passed by nine votes to four. Police detained 12 people after scuffles at the gates of the council chamber in Orsa.\n",
        ];
        assert!(run_rule(RULE, draft, &sibs).is_empty());
        // A slip of the hand ("sixteen instruments" for "fifteen") still counts on what is
        // counted alone: the own-cluster test `changed_figures_are_found_and_fixed` has one.
    }

    #[test]
    fn an_increase_is_not_a_total() {
        // "two more people" died since the last toll; the siblings give the toll itself.
        let draft = "Two more people died in hospital on Sunday, the Orsa health board said, after the landslide above the town.";
        let sibs = [
            "Seven people died in hospital after the landslide above Orsa, the health board said on Sunday.",
            "The Orsa health board said on Sunday that seven people had died in hospital after the landslide above the town.",
        ];
        assert!(run_rule(RULE, draft, &sibs).is_empty());
    }

    #[test]
    fn a_party_named_after_a_count_is_not_what_it_counts() {
        // "one district Labour held" counts districts, "two outgoing Labour councillors"
        // counts councillors: the party name after the number is no shared noun.
        let draft = "In the Orsa vote, Labour lost ground everywhere. Harrow, the one district Labour held, had the lowest turnout of the night.";
        let sibs = ["Labour's defeat in Orsa was bitter. Two outgoing Labour councillors said the campaign had ignored the rural districts."];
        assert!(run_rule(RULE, draft, &sibs).is_empty());
        let draft = "Labour's defeat in Orsa was bitter. Two outgoing Labour councillors said the campaign had ignored the rural districts.";
        let sibs = ["In the Orsa vote, Labour lost ground everywhere. Harrow, the one district Labour held, had the lowest turnout of the night."];
        assert!(run_rule(RULE, draft, &sibs).is_empty());
    }

    #[test]
    fn durations_in_different_units_are_not_one_figure_changed() {
        // "in 18 months" and "eight years" of rule: a changed figure keeps its unit, and
        // "96 months" is no fix anyone would write.
        let draft = "The Orsa council, run by the Green bloc, faces a general election in 18 months, after a coalition of the Green bloc and Labour collapsed.";
        let sibs = ["Voters in Orsa ended eight years of Green bloc rule on Sunday, as the coalition of the Green bloc and Labour faces a general election."];
        assert!(run_rule(RULE, draft, &sibs).is_empty());
        // The same unit still conflicts.
        let draft = "Voters in Orsa ended nine years of Green bloc rule on Sunday, as the coalition of the Green bloc and Labour faces a general election.";
        let f = run_rule(RULE, draft, &sibs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&draft[f[0].range.clone()], "nine years");
    }

    #[test]
    fn a_sum_worked_out_in_the_copy_is_not_a_reported_figure() {
        // "Labour + Greens = 34 seats" is the writer's arithmetic, not what a source said.
        let draft = "The coalition maths is simple.\n\n- Labour + Greens = 34 seats\n- Labour + Liberals = 31 seats\n";
        let sibs = [
            "Labour won 27 seats in Orsa. The Greens took seven seats and the Liberals four seats.",
            "The Greens took seven seats and the Liberals four seats, while Labour won 27 seats.",
        ];
        assert!(run_rule(RULE, draft, &sibs).is_empty());
    }

    #[test]
    fn years_of_two_events_are_not_one_year_changed() {
        // The first election and the last record turnout: two events, two years. A slipped
        // year is one digit off ("1994" for "1949"), and that is still found.
        let sibs = ["Turnout was the highest in an Orsa regional election since 2002, the election office said on Monday."];
        let draft = "Labour had its best result in an Orsa regional election since the region's first election in 1994, the election office said.";
        assert!(run_rule(RULE, draft, &sibs).is_empty());
        let draft = "Turnout was the highest in an Orsa regional election since 2003, the election office said on Monday.";
        let f = run_rule(RULE, draft, &sibs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&draft[f[0].range.clone()], "2003");
    }

    #[test]
    fn a_share_of_one_place_is_not_the_share_of_all() {
        // "of the city's vote" against the whole region's: two shares, unless the sibling
        // also speaks of the city.
        let sibs = ["Labour took 47.8 percent of the vote across the Orsa region on Sunday, final results showed."];
        let draft = "Final results showed Labour took 54.1 percent of the city's vote in the Orsa region on Sunday.";
        assert!(run_rule(RULE, draft, &sibs).is_empty());
        assert!(run_rule(RULE, sibs[0], &[draft]).is_empty());
        let sibs = ["Labour took 47.8 percent of the vote in the city, in the Orsa region, on Sunday, final results showed."];
        let f = run_rule(RULE, draft, &sibs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&draft[f[0].range.clone()], "54.1 percent");
    }

    #[test]
    fn an_age_refers_to_the_person_named_just_before() {
        // "the 62-year-old" is the mayor the sentence before names.
        let sibs = [
            "The outgoing mayor, Petra Lindqvist, 61, conceded shortly before midnight in Orsa.",
            "Petra Lindqvist, 61, who led the council for eight years, conceded defeat.",
        ];
        let draft = "Shortly before midnight, outgoing mayor Petra Lindqvist conceded. Speaking to supporters in Orsa town hall, the 62-year-old thanked her staff.";
        let f = run_rule(RULE, draft, &sibs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&draft[f[0].range.clone()], "62-year-old");
        // Someone else's age, the sentence before naming no one the siblings give an age.
        let draft = "Shortly before midnight, outgoing mayor Petra Lindqvist conceded. Her driver, Tomas Berg, a 62-year-old, thanked the staff.";
        assert!(run_rule(RULE, draft, &sibs).is_empty());
    }

    #[test]
    fn the_value_a_figure_changed_from_is_not_the_value_now() {
        // "down from 12.4 percent a year earlier" is last year's margin, not this quarter's.
        let sibs = ["Orsa Foods said its operating margin was 14.1 percent in the third quarter, helped by lower grain prices."];
        let draft = "Orsa Foods said its operating margin fell in the third quarter, down from 12.4 percent a year earlier, despite lower grain prices.";
        assert!(run_rule(RULE, draft, &sibs).is_empty());
        assert!(run_rule(RULE, sibs[0], &[draft]).is_empty());
        let draft = "Orsa Foods said its operating margin was 11.4 percent in the third quarter, compared with 9.8 percent a year ago, helped by lower grain prices.";
        let f = run_rule(RULE, draft, &sibs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&draft[f[0].range.clone()], "11.4 percent");
    }

    #[test]
    fn what_a_deal_would_give_is_not_what_is_there() {
        // The merged chain's shops against the target's own: a projection is no fact.
        let sibs = [
            "A merger with Tindal Markets would give the company 410 shops, analysts said. Orsa Foods currently runs 260 shops.",
            "Orsa Foods has 260 shops. Buying Tindal Markets would lift that to 410.",
        ];
        let draft = "The company is in talks to buy Tindal Markets, which runs 150 shops.";
        assert!(run_rule(RULE, draft, &sibs).is_empty());
        assert!(run_rule(RULE, sibs[0], &[draft, sibs[1]]).is_empty());
        // Two projections of the same deal still meet, and a changed one is found.
        let sibs = [
            "A deal for Tindal Markets would give the chain 410 shops across the north, analysts said.",
            "Analysts said buying Tindal Markets would give the chain 410 shops in the north.",
        ];
        let changed =
            "Buying Tindal Markets would give the chain 401 shops in the north, analysts said.";
        let f = run_rule(RULE, changed, &sibs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&changed[f[0].range.clone()], "401 shops");
        // A plan reported with "would" is what the company says it will do, and is compared.
        let sibs = ["Orsa Foods said on Monday it will close 14 shops in the north by March."];
        let draft = "Orsa Foods said on Monday it would close 41 shops in the north by March.";
        let f = run_rule(RULE, draft, &sibs);
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn the_value_reached_last_year_is_the_value_now() {
        // "fell to 61.3 percent last year" is this year's figure, not the one it fell from,
        // and "last year" is when, not what the share is of: the sibling agrees.
        let sibs = [
            "Bus use among Velmo commuters fell to 61.3 percent last year, from 70.2 percent in 2019, city figures show.",
            "Bus use in Velmo has slipped: the bus share dropped to 61.3 percent of commuters in 2024, city data show.",
            "According to city data, 16.3 percent of commuters in Velmo took the bus in 2024, down from 70.2 percent five years earlier.",
        ];
        let draft = "According to city data, 61.3 percent of commuters in Velmo took the bus in 2024, a drop from 70.2 percent five years earlier.";
        let f = run_rule(RULE, draft, &sibs);
        assert!(f.is_empty(), "{f:#?}");
        // What the share was compared with a year ago is still an earlier value.
        let sibs = ["Bus use in Velmo was 61.3 percent of commuters this year, the city said."];
        let draft = "Bus use in Velmo rose this year, compared with 58.1 percent of commuters last year, the city said.";
        let f = run_rule(RULE, draft, &sibs);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn the_fix_writes_the_most_precise_of_the_siblings_values() {
        let sibs = [
            "In 2024, 61 percent of Velmo commuters took the bus, the city said.",
            "In 2024, 61.3 percent of Velmo commuters took the bus, city data show.",
        ];
        let draft =
            "In 2024, 63.1 percent of Velmo commuters took the bus, according to city data.";
        let f = run_rule(RULE, draft, &sibs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].fixes[0].title, "Use the siblings' value: 61.3 percent");
    }

    #[test]
    fn a_count_after_were_counts_the_noun_after_it() {
        let sibs = [
            "Of the 96 mumps cases in Tarrow, 31 were adults, the health office said on Friday.",
            "Tarrow has recorded 96 mumps cases; 31 are adults and the rest children, the health office said.",
        ];
        let draft = "Tarrow's health office has counted 96 mumps cases, and 13 were adults, it said on Friday.";
        let f = run_rule(RULE, draft, &sibs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&draft[f[0].range.clone()], "13");
        assert_eq!(f[0].fixes[0].title, "Use the siblings' value: 31");
        // Still said by the siblings, the adults are no longer set against the hospital's
        // patients.
        let sibs = [
            "Of the 96 mumps cases in Tarrow, 31 were adults. Forty patients were treated in hospital, the health office said.",
            "Tarrow has recorded 96 mumps cases; 31 are adults, the health office said. Forty patients needed hospital care.",
        ];
        let draft = "Of the 96 cases, nine of the 31 adult patients work in schools, the Tarrow health office said.";
        assert!(run_rule(RULE, draft, &sibs).is_empty());
    }

    #[test]
    fn an_inquiry_called_for_is_not_the_one_under_way() {
        let sibs = [
            "The Lomvik crash inquiry, led by a retired judge, must report by June. The rail board's own investigation is the second inquiry into the crash.",
            "A retired judge will lead the Lomvik crash inquiry, due in June, alongside the rail board's investigation, the second inquiry into the crash.",
        ];
        let draft = "A retired judge will lead an inquiry into the Lomvik crash, due in June. Opposition parties have called for a third inquiry into the crash, by parliament.";
        assert!(run_rule(RULE, draft, &sibs).is_empty());
        // The inquiry under way, renumbered, is still found.
        let draft = "A retired judge will lead an inquiry into the Lomvik crash, due in June. The rail board's own investigation is the third inquiry into the crash.";
        assert_eq!(run_rule(RULE, draft, &sibs).len(), 1);
    }

    #[test]
    fn a_share_restated_as_a_count_is_part_of_the_total() {
        let sibs = [
            "Lomvik train crash kills 12\n\nA passenger train derailed near Lomvik on Monday, killing 12 people. Another 81 people were injured, 19 of them seriously, the regional governor's office said at midday.\n",
            "Death toll in Lomvik crash rises to 14\n\nFourteen people died when a passenger train derailed near Lomvik on Monday, and 107 were injured, the regional governor's office said in the evening.\n",
        ];
        let draft = "Fourteen dead in Lomvik rail crash\n\nFourteen people were killed when a train derailed near Lomvik on Monday. About a quarter of the 107 injured – 27 people – were said to be in a serious condition, the regional governor's office said.\n";
        let f = run_rule(RULE, draft, &sibs);
        assert!(
            !f.iter().any(|f| &draft[f.range.clone()] == "27 people"),
            "{f:#?}"
        );
    }

    #[test]
    fn an_age_range_is_not_paired_off_with_another_span_of_years() {
        let sibs = [
            "Mumps cases in Tarrow reach 96\n\nThe mumps outbreak in the Tarrow district has reached 96 cases, the health office said on Friday.\n\nOf the 96 cases, 31 were adults. Patients range in age from 7 months to 58 years.\n",
            "Tarrow mumps cases hit 96\n\nThe Tarrow district health office said on Friday that 96 people had caught mumps. Patients have ranged in age from seven months to 58 years.\n",
        ];
        let draft = "Tarrow mumps outbreak grows\n\nHealth officials in Tarrow have confirmed 96 cases of mumps, the district health office said on Friday.\n\nChildren can get the first jab at 13 months and the second at 5 years, the office said.\n";
        let f = run_rule(RULE, draft, &sibs);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn the_fix_gives_the_noun_the_siblings_number() {
        let sibs = [
            "Tarrow's clinics gave each pupil two doses of the vaccine on Monday, the health office said.",
            "On Monday the clinics in Tarrow gave every pupil two doses of the vaccine, said the health office.",
        ];
        let draft = "Tarrow's clinics gave each pupil one dose of the vaccine on Monday, the health office said.";
        assert_fixed_with(RULE, draft, &sibs, sibs[0]);
        let draft = "Tarrow's clinics gave each pupil three doses of the vaccine on Monday, the health office said.";
        assert_fixed_with(RULE, draft, &sibs, sibs[0]);
    }

    #[test]
    fn a_sibling_sentence_that_writes_a_large_count_too_does_not_contradict_it() {
        // 6,500 under warnings and 14,000 under orders: the siblings give both.
        let sibs = [
            "Evacuation orders cover Lomvik and Harlen. In all, about 14,000 residents have been ordered out of Lomvik and Harlen, and another 6,500 are under warnings.",
            "Orders cover Lomvik and Harlen: about 14,000 residents of Lomvik and Harlen are under orders and 6,500 under warnings.",
        ];
        let draft = "Officials ordered the evacuation of Lomvik and Harlen. Another 6,500 residents of Lomvik and Harlen remain under warnings.";
        let f = run_rule(RULE, draft, &sibs);
        assert!(f.is_empty(), "{f:#?}");
        // They also outweigh a third sibling that gives only the other number.
        let mut three = sibs.to_vec();
        three.push("About 14,000 residents of Lomvik and Harlen remain under evacuation orders, officials said.");
        let f = run_rule(RULE, draft, &three);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn one_dose_for_some_is_not_the_two_doses_advised() {
        let sibs = [
            "Tarrow mumps outbreak reaches 96 cases\n\nThe mumps outbreak in Tarrow has reached 96 cases, the district health office said on Friday. Thirty of the patients had never been vaccinated.\n\nTravellers were advised to make sure they had received two doses of the vaccine.\n",
            "Mumps spreads in Tarrow district\n\nTarrow's district health office has counted 96 mumps cases this year. Thirty patients had no vaccination.\n\nTwo doses of the vaccine are about 88 percent effective, according to the office.\n",
        ];
        let draft = "Mumps cases climb in Tarrow\n\nHealth officials in Tarrow said 96 people had caught mumps since January.\n\nOf the 96 patients, 30 had never been vaccinated. Another 17 had received only one dose, officials said.\n";
        let f = run_rule(RULE, draft, &sibs);
        assert!(f.is_empty(), "{f:#?}");
        // A count of one that the siblings set in the same words is still compared.
        let sibs = [
            "The Greens won two seats on the Tarrow council in Sunday's election, the returning officer said.",
            "In Sunday's election the Greens won two seats on the Tarrow council, officials said.",
        ];
        let draft = "The Greens won one seat on the Tarrow council in Sunday's election, the returning officer said.";
        assert_eq!(run_rule(RULE, draft, &sibs).len(), 1);
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

    /// The draft edited in one workspace, as in an editor: the siblings stay the same.
    #[test]
    fn findings_move_with_their_figure_when_the_draft_is_edited_elsewhere() {
        use std::path::Path;
        use std::sync::Arc;
        let mut corpus =
            crate::engine::corpus::Corpus::new(Arc::new(crate::engine::testing::only(RULE)));
        corpus.upsert(Path::new("daily.txt"), DAILY.to_string());
        let config = corpus.config().clone();
        let mut check = |text: &str| {
            let a = corpus.upsert(Path::new("draft.txt"), text.to_string());
            crate::engine::check(&a, &corpus, &config)
        };
        let draft = WIRE.replace("87 percent", "78 percent");
        let before = check(&draft);
        assert_eq!(before.len(), 1, "{before:#?}");
        for edited in [
            format!("Polls closed at eight and counting went on overnight.\n\n{draft}"),
            draft.replace("on Sunday", "on a rainy Sunday"),
            format!("{draft}\n\nA recount is not expected."),
        ] {
            let f = check(&edited);
            assert_eq!(f.len(), 1, "{edited}: {f:#?}");
            assert_eq!(&edited[f[0].range.clone()], "78 percent");
            assert_eq!(f[0].message, before[0].message);
            let edit = &f[0].fixes[0].edits[0];
            assert_eq!(&edited[edit.range.clone()], "78", "{edit:?}");
        }
        // The figure itself changed: a new verdict, not the remembered one.
        assert!(check(&draft.replace("78 percent", "87 percent")).is_empty());
        let f = check(&draft.replace("78 percent", "77 percent"));
        assert!(f[0].message.contains("77 percent"), "{}", f[0].message);
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
    let (key, cl) = cluster::get(cx.siblings, ClusterFigures::build);
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
    let v = Draft::new(key, &cl, &figs.list).verdict(i);
    out.push(format!(
        "verdict: agree {:?} disagree {:?}",
        v.agree(),
        v.disagree
    ));
    out
}
