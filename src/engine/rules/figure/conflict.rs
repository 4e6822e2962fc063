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
use super::extract::{
    consistent, counted_match, figures, render_date, render_number, same_value, Figure, Kind,
    Style, Value,
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

/// Every figure of every sibling, indexed by (kind, context word).
pub(crate) struct ClusterFigures {
    sibs: Vec<Arc<Analysis>>,
    figs: Vec<Arc<super::extract::Figures>>,
    /// (sibling, figure, total context weight) per candidate.
    cands: Vec<(u16, u32, f32)>,
    postings: std::collections::HashMap<u64, Vec<(u32, f32)>>,
}

fn kind_code(k: Kind) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&k, &mut h);
    std::hash::Hasher::finish(&h)
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
            postings: Default::default(),
        };
        for (si, s) in siblings.iter().enumerate().take(u16::MAX as usize) {
            let f = figures(&s.analysis);
            for (fi, g) in f.list.iter().enumerate() {
                let c = cl.cands.len() as u32;
                let total: f32 = g.context.iter().map(|x| x.1).sum();
                cl.cands.push((si as u16, fi as u32, total));
                let k = kind_code(g.kind);
                for &(w, wt) in &g.context {
                    cl.postings
                        .entry(posting_key(k, w))
                        .or_default()
                        .push((c, wt));
                }
            }
            cl.sibs.push(s.analysis.clone());
            cl.figs.push(f);
        }
        cl
    }

    fn fig(&self, m: Mention) -> &Figure {
        &self.figs[m.sib as usize].list[m.fig as usize]
    }
}

/// Alignment of two figures' contexts (sorted by word hash): shared weight over the geometric
/// mean of both totals, and the number of shared words.
fn align(a: &[(u64, f32)], b: &[(u64, f32)]) -> (f32, u16) {
    let (mut i, mut j) = (0, 0);
    let (mut shared, mut n) = (0.0f32, 0u16);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += a[i].1.min(b[j].1);
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let ta: f32 = a.iter().map(|x| x.1).sum();
    let tb: f32 = b.iter().map(|x| x.1).sum();
    (shared / (ta * tb).sqrt().max(f32::EPSILON), n)
}

/// Can `f` and `g` be about the same thing at all?
fn compatible(f: &Figure, g: &Figure) -> bool {
    if f.kind != g.kind {
        return false;
    }
    if matches!(f.kind, Kind::Age | Kind::Date) {
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
    // The mutual-best check reads the draft's other figures of the same kind.
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

fn compute(cl: &ClusterFigures, draft: &[Figure], i: usize) -> Verdict {
    let f = &draft[i];
    let k = kind_code(f.kind);
    // Accumulate shared weight per candidate through the postings of f's context words.
    let mut acc: std::collections::HashMap<u32, (f32, u16)> = std::collections::HashMap::new();
    for &(w, wt) in &f.context {
        if let Some(p) = cl.postings.get(&posting_key(k, w)) {
            for &(c, wg) in p {
                let e = acc.entry(c).or_default();
                e.0 += wt.min(wg);
                e.1 += 1;
            }
        }
    }
    let tf: f32 = f.context.iter().map(|x| x.1).sum();
    // Per sibling: (mention, shared words), compatible and aligned at least loosely.
    let mut per_sib: Vec<Vec<(Mention, u16)>> = vec![Vec::new(); cl.sibs.len()];
    for (c, (shared, n)) in acc {
        let (sib, fig, tg) = cl.cands[c as usize];
        let score = shared / (tf * tg).sqrt().max(f32::EPSILON);
        if score < T_ALIGN {
            continue;
        }
        let m = Mention { sib, fig, score };
        if !compatible(f, cl.fig(m)) {
            continue;
        }
        per_sib[sib as usize].push((m, n));
    }
    let mut v = Verdict::default();
    let mut weak: Vec<Vec<Mention>> = Vec::new();
    for (si, mut ms) in per_sib.into_iter().enumerate() {
        if ms.is_empty() {
            continue;
        }
        ms.sort_by(|x, y| y.0.score.total_cmp(&x.0.score).then(x.0.fig.cmp(&y.0.fig)));
        if let Some((m, _)) = ms.iter().find(|(m, _)| consistent(f, cl.fig(*m))) {
            v.agree.push(*m);
            continue;
        }
        let (best, n) = ms[0];
        if n < MIN_SHARED {
            continue;
        }
        let g = cl.fig(best);
        // Ambiguous: another candidate with another value scores nearly as well.
        if ms[1..]
            .iter()
            .any(|(m, _)| m.score >= best.score * MARGIN && !same_value(cl.fig(*m), g))
        {
            continue;
        }
        // Mutual: the sibling figure must not fit another draft figure better.
        let mine = align(&f.context, &g.context).0;
        if draft
            .iter()
            .enumerate()
            .any(|(j, d)| j != i && compatible(d, g) && align(&d.context, &g.context).0 > mine)
        {
            continue;
        }
        let mut mentions = vec![best];
        mentions.extend(
            ms[1..]
                .iter()
                .filter(|(m, _)| same_value(cl.fig(*m), g))
                .map(|(m, _)| *m)
                .take(2),
        );
        let _ = si;
        if best.score >= T_STRONG {
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
        if v.disagree[..strong].iter().any(|d| same_value(cl.fig(d[0]), g)) {
            v.disagree.push(ms);
        }
    }
    v
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
