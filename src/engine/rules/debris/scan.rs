//! The shared scan behind every debris rule: classify each line, find the article's body,
//! head and tail, grow blocks, and turn the verdicts into findings with non-overlapping
//! removal fixes. Computed once per analysis and house configuration.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, LazyLock, Mutex};

use regex::{RegexSet, RegexSetBuilder};

use super::house::House;
use super::line::LineView;
use super::vocab::Vocab;
use super::Kind;
use crate::engine::analysis::Analysis;
use crate::engine::finding::{Edit, Finding, Fix, Related, Severity};
use crate::engine::rules::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Strength {
    /// Furniture only in company: next to other debris, in the head or tail, or recurring.
    Weak,
    /// Furniture on its own.
    Strong,
}

#[derive(Debug, Clone)]
pub(super) enum Action {
    /// Delete the whole line (with its neighbours of the same kind, as one block).
    Delete,
    /// Edit inside the line; the finding covers `range`.
    Edit {
        range: Range<usize>,
        edits: Vec<Edit>,
        title: String,
    },
}

#[derive(Debug, Clone)]
pub(super) struct Cand {
    pub kind: Kind,
    pub strength: Strength,
    /// A widget heading: headline-like lines under it belong to the widget.
    pub heading: bool,
    /// For weak candidates: being in the head or tail of the article is enough.
    pub zone: bool,
    /// The evidence is certain, so the fix is safe.
    pub certain: bool,
    pub action: Action,
}

impl Cand {
    pub fn strong(kind: Kind) -> Cand {
        Cand {
            kind,
            strength: Strength::Strong,
            heading: false,
            zone: true,
            certain: true,
            action: Action::Delete,
        }
    }

    pub fn weak(kind: Kind) -> Cand {
        Cand {
            strength: Strength::Weak,
            ..Cand::strong(kind)
        }
    }

    pub fn uncertain(mut self) -> Cand {
        self.certain = false;
        self
    }

    fn is_strong(&self) -> bool {
        self.strength == Strength::Strong
    }
}

/// A phrase pattern of one kind, matched against a line's key (see `line::key_of`).
pub(super) struct Pat {
    pub re: &'static str,
    pub strength: Strength,
    /// Lines with more words than this never match.
    pub max_words: usize,
    pub heading: bool,
    pub zone: bool,
}

impl Pat {
    pub const fn strong(re: &'static str) -> Pat {
        Pat {
            re,
            strength: Strength::Strong,
            max_words: 12,
            heading: false,
            zone: true,
        }
    }
    pub const fn weak(re: &'static str) -> Pat {
        Pat {
            strength: Strength::Weak,
            ..Pat::strong(re)
        }
    }
    pub const fn heading(re: &'static str) -> Pat {
        Pat {
            heading: true,
            ..Pat::strong(re)
        }
    }
    pub const fn words(self, n: usize) -> Pat {
        Pat {
            max_words: n,
            ..self
        }
    }
    /// A weak pattern that needs debris beside it; the head or tail alone is not enough.
    pub const fn needs_company(self) -> Pat {
        Pat {
            zone: false,
            ..self
        }
    }
}

struct Table {
    set: RegexSet,
    pats: Vec<(Kind, &'static Pat)>,
    max_words: usize,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let groups: [(Kind, &'static [Pat]); 11] = [
        (Kind::Markup, super::markup::PATTERNS),
        (Kind::RelatedLinks, super::related_links::PATTERNS),
        (Kind::Comments, super::comments::PATTERNS),
        (Kind::Newsletter, super::newsletter::PATTERNS),
        (Kind::ShareBar, super::share_bar::PATTERNS),
        (Kind::Syndication, super::syndication::PATTERNS),
        (Kind::Promo, super::promo::PATTERNS),
        (Kind::Advert, super::advert::PATTERNS),
        (Kind::PhotoCredit, super::photo_credit::PATTERNS),
        (Kind::Media, super::media::PATTERNS),
        (Kind::Cookie, super::cookie::PATTERNS),
    ];
    let mut pats: Vec<(Kind, &'static Pat)> = Vec::new();
    for (k, ps) in groups {
        for p in ps {
            pats.push((k, p));
        }
    }
    for p in super::copyright::PATTERNS {
        pats.push((Kind::Copyright, p));
    }
    for p in super::section_label::PATTERNS {
        pats.push((Kind::SectionLabel, p));
    }
    let set = RegexSetBuilder::new(pats.iter().map(|(_, p)| p.re))
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .expect("debris pattern table");
    let max_words = pats.iter().map(|(_, p)| p.max_words).max().unwrap_or(0);
    Table {
        set,
        pats,
        max_words,
    }
});

type Special = fn(&LineView<'_>) -> Option<Cand>;

/// Line-local detectors that need more than a phrase, in order of precedence.
const SPECIALS: &[Special] = &[
    super::markup::line,
    super::glued_dateline::line,
    super::timestamp::line,
    super::breadcrumb::line,
    super::photo_credit::line,
    super::share_bar::line,
    super::newsletter::line,
    super::promo::line,
    super::advert::line,
];

/// The built-in verdict on one line, on its own.
pub(super) fn classify(l: &LineView<'_>) -> Option<Cand> {
    let mut best: Option<Cand> = None;
    let t = &*TABLE;
    if !l.key.is_empty() && l.words <= t.max_words {
        for i in t.set.matches(&l.key).iter() {
            let (kind, p) = t.pats[i];
            if l.words > p.max_words {
                continue;
            }
            let c = Cand {
                kind,
                strength: p.strength,
                heading: p.heading,
                zone: p.zone,
                certain: true,
                action: Action::Delete,
            };
            if c.is_strong() {
                return Some(c);
            }
            if best.is_none() {
                best = Some(c);
            }
        }
    }
    for f in SPECIALS {
        if let Some(c) = f(l) {
            if c.is_strong() {
                return Some(c);
            }
            if best.is_none() {
                best = Some(c);
            }
        }
    }
    best
}

/// Lines that are part of the article even though they look like furniture.
static PROTECT: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        // Agency and staff credits: "The Associated Press contributed to this article."
        r"(?i)\bcontributed (?:to )?(?:this|the|today's) (?:report|article|story|reporting|coverage)",
        r"(?i)\bcontributed reporting\b",
        // "(Reporting by …; Editing by …)", "Additional reporting by …"
        r"(?i)^\(?(?:additional |with )?(?:reporting|writing|editing|research|compiled|translated|produced|edited) (?:by|from)\b",
        r"(?i)\b(?:editing|reporting|writing) by\b[^)]*\)\.?$",
        // Datelines: "MOSCOW (AP) —", "LONDON —"
        r"^\p{Lu}[\p{Lu} .,'’-]{1,40}(?: \([\p{L} .]{1,30}\))? ?[—–-]{1,2}(?:\s|$)",
    ])
    .expect("protect patterns")
});

fn is_protected(l: &LineView<'_>) -> bool {
    PROTECT.is_match(l.raw)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Zone {
    Head,
    Body,
    Tail,
}

#[derive(Clone, Default)]
pub(super) struct St {
    pub cand: Option<Cand>,
    pub protected: bool,
    pub body: bool,
    /// Evidence elsewhere in the article (the headline a repeat copies, the byline a widget
    /// doubles).
    pub related: Option<(Range<usize>, String)>,
}

/// The scan in progress.
pub(super) struct Pass<'a> {
    pub a: &'a Analysis,
    pub lines: Vec<LineView<'a>>,
    pub st: Vec<St>,
    /// `adj[i]`: line `i + 1` follows line `i` with only blank lines between.
    pub adj: Vec<bool>,
    /// `same_para[i]`: line `i + 1` is the very next line after line `i`.
    pub same_para: Vec<bool>,
    pub first_body: Option<usize>,
    pub last_body: Option<usize>,
    vocab: Option<Option<Vocab>>,
}

impl<'a> Pass<'a> {
    fn new(a: &'a Analysis) -> Pass<'a> {
        let lines: Vec<LineView<'a>> = a
            .lines
            .iter()
            .map(|l| LineView::new(a, l.index, l.range.clone()))
            .collect();
        let n = lines.len();
        let doc = &a.doc;
        let mut adj = vec![false; n];
        let mut same_para = vec![false; n];
        for i in 0..n.saturating_sub(1) {
            let (x, y) = (lines[i].doc_line, lines[i + 1].doc_line);
            same_para[i] = y == x + 1;
            adj[i] = (x + 1..y).all(|k| doc.line_text(k).trim().is_empty());
        }
        Pass {
            a,
            lines,
            st: vec![St::default(); n],
            adj,
            same_para,
            first_body: None,
            last_body: None,
            vocab: None,
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Not protected and without a strong verdict yet.
    pub fn free(&self, i: usize) -> bool {
        !self.st[i].protected && !self.st[i].cand.as_ref().is_some_and(Cand::is_strong)
    }

    pub fn is_debris(&self, i: usize) -> bool {
        self.st[i].cand.as_ref().is_some_and(Cand::is_strong)
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.st[i]
            .cand
            .as_ref()
            .filter(|c| c.is_strong())
            .map(|c| c.kind)
    }

    pub fn set(&mut self, i: usize, c: Cand) {
        self.st[i].cand = Some(c);
    }

    pub fn zone(&self, i: usize) -> Zone {
        match (self.first_body, self.last_body) {
            (Some(f), _) if i < f => Zone::Head,
            (_, Some(l)) if i > l => Zone::Tail,
            _ => Zone::Body,
        }
    }

    fn zones(&mut self) {
        for i in 0..self.len() {
            self.st[i].body = self.lines[i].is_prose() && !self.is_debris(i);
        }
        self.first_body = self.st.iter().position(|s| s.body);
        self.last_body = self.st.iter().rposition(|s| s.body);
    }

    /// The article has enough prose to judge a line's vocabulary.
    pub fn has_vocab(&mut self) -> bool {
        self.ensure_vocab();
        matches!(self.vocab, Some(Some(_)))
    }

    fn ensure_vocab(&mut self) {
        if self.vocab.is_none() {
            let ranges: Vec<Range<usize>> = (0..self.len())
                .filter(|&j| self.st[j].body)
                .map(|j| self.lines[j].range.clone())
                .collect();
            self.vocab = Some(Vocab::build(self.a, ranges.into_iter()));
        }
    }

    /// Share of the line's content words that the article's prose uses (`None`: cannot tell).
    pub fn overlap(&mut self, i: usize) -> Option<f32> {
        self.ensure_vocab();
        let v = self.vocab.as_ref()?.as_ref()?;
        v.overlap(self.a, &self.lines[i].range)
    }

    /// Headline-like lines under each widget heading go with it.
    fn extend_widgets(&mut self) {
        let n = self.len();
        let mut i = 0;
        while i < n {
            let Some(h) = self.st[i]
                .cand
                .clone()
                .filter(|c| c.is_strong() && c.heading)
            else {
                i += 1;
                continue;
            };
            let tail = self.zone(i) == Zone::Tail;
            let mut j = i + 1;
            let mut prev_headline = false;
            let mut items = 0;
            while j < n && self.adj[j - 1] {
                if self.st[j].protected || self.is_debris(j) {
                    break;
                }
                let l = &self.lines[j];
                let date = super::timestamp::is_date_like(&l.key);
                let headline = l.is_headline_like() && !date;
                let lede = !headline
                    && !date
                    && prev_headline
                    && l.words <= 45
                    && l.ends_sentence()
                    && !l.key.ends_with(':');
                if !(headline || date || lede) {
                    break;
                }
                if !tail || lede {
                    let limit = if lede { 0.35 } else { 0.5 };
                    match self.overlap(j) {
                        Some(o) if o < limit => {}
                        None if date || (!lede && self.lines[j].words <= 3 && tail) => {}
                        _ => break,
                    }
                    if !tail && items >= 12 {
                        break;
                    }
                }
                let mut c = Cand::strong(h.kind);
                c.certain = tail;
                self.set(j, c);
                prev_headline = headline;
                items += 1;
                j += 1;
            }
            i = j.max(i + 1);
        }
    }

    /// Short lines between two lines of the same widget go with them.
    fn fill_sandwiches(&mut self) {
        let n = self.len();
        for i in 0..n {
            let Some(k) = self.kind(i).filter(|k| k.is_widget()) else {
                continue;
            };
            if !matches!(
                self.st[i].cand.as_ref().map(|c| &c.action),
                Some(Action::Delete)
            ) {
                continue;
            }
            let mut j = i + 1;
            while j < n
                && j - i <= 3
                && self.adj[j - 1]
                && self.free(j)
                && !self.st[j].body
                && self.lines[j].words <= 15
            {
                j += 1;
            }
            if j == i + 1 || j >= n || !self.adj[j - 1] || self.kind(j) != Some(k) {
                continue;
            }
            let para = (i..j).all(|x| self.same_para[x]);
            let edge = (i..=j).all(|x| self.zone(x) != Zone::Body);
            if !para && !edge {
                continue;
            }
            for x in i + 1..j {
                let mut c = Cand::strong(k);
                c.certain = para;
                self.set(x, c);
            }
        }
    }

    /// Weak candidates become debris next to debris, in the head or tail, or when recurring.
    fn promote(&mut self) {
        let n = self.len();
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for (i, l) in self.lines.iter().enumerate() {
            if self.st[i].cand.is_some() {
                *counts.entry(l.key.as_str()).or_default() += 1;
            }
        }
        let repeated: Vec<bool> = self
            .lines
            .iter()
            .map(|l| counts.get(l.key.as_str()).copied().unwrap_or(0) >= 2)
            .collect();
        for round in 0..6 {
            let mut changed = false;
            let order: Box<dyn Iterator<Item = usize>> = if round % 2 == 0 {
                Box::new(0..n)
            } else {
                Box::new((0..n).rev())
            };
            for i in order {
                let Some(c) = self.st[i].cand.as_ref() else {
                    continue;
                };
                if c.is_strong() || self.st[i].protected {
                    continue;
                }
                let zone_ok = c.zone && self.zone(i) != Zone::Body && self.first_body.is_some();
                let nb = (i > 0 && self.adj[i - 1] && self.is_debris(i - 1))
                    || (i + 1 < n && self.adj[i] && self.is_debris(i + 1));
                if zone_ok || nb || repeated[i] {
                    let c = self.st[i].cand.as_mut().expect("candidate");
                    c.strength = Strength::Strong;
                    c.certain = c.certain && zone_ok && nb;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }
}

/// One finding per line or block, with its kind.
pub(super) struct Scan {
    pub findings: Vec<(Kind, Finding)>,
}

#[derive(Default)]
struct ScanCache(Mutex<Option<(u64, Arc<Scan>)>>);

/// Report the findings of `kind` for the draft in `cx`.
pub(super) fn report(cx: &Context<'_>, kind: Kind, out: &mut Vec<Finding>) {
    let scan = scan_of(cx.analysis, &cx.config.debris.house());
    out.extend(
        scan.findings
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, f)| f.clone()),
    );
}

fn scan_of(a: &Analysis, house: &House) -> Arc<Scan> {
    let cache = a.cached(|_| ScanCache::default());
    let mut g = cache.0.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((fp, s)) = g.as_ref() {
        if *fp == house.fingerprint {
            return s.clone();
        }
    }
    let s = Arc::new(compute(a, house));
    *g = Some((house.fingerprint, s.clone()));
    s
}

pub(super) fn compute(a: &Analysis, house: &House) -> Scan {
    let mut p = Pass::new(a);
    let n = p.len();
    for i in 0..n {
        let l = &p.lines[i];
        if house.allows(l) || is_protected(l) {
            p.st[i].protected = true;
            continue;
        }
        p.st[i].cand = house.classify(l).or_else(|| classify(l));
    }
    p.zones();
    super::section_label::mark(&mut p);
    super::duplicate_headline::mark(&mut p);
    super::author_widget::mark(&mut p);
    p.zones();
    super::teasers::mark(&mut p);
    p.extend_widgets();
    p.fill_sandwiches();
    p.promote();
    assemble(&p)
}

fn excerpt(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}

fn assemble(p: &Pass<'_>) -> Scan {
    let a = p.a;
    let doc = &a.doc;
    let text = a.text();
    let n = p.len();
    let blank = |k: usize| doc.line_text(k).trim().is_empty();

    // Blocks of adjacent lines of one kind that are deleted whole.
    struct Block {
        kind: Kind,
        first: usize,
        last: usize,
        certain: bool,
    }
    let mut blocks: Vec<Block> = Vec::new();
    let mut edits: Vec<(usize, Cand)> = Vec::new();
    for i in 0..n {
        if p.st[i].protected {
            continue;
        }
        let Some(c) = p.st[i].cand.as_ref().filter(|c| c.is_strong()) else {
            continue;
        };
        match c.action {
            Action::Edit { .. } => edits.push((i, c.clone())),
            Action::Delete => match blocks.last_mut() {
                Some(b)
                    if b.kind == c.kind
                        && b.last + 1 == i
                        && p.adj[b.last]
                        && p.st[i].related.is_none()
                        && p.st[b.first].related.is_none() =>
                {
                    b.last = i;
                    b.certain &= c.certain;
                }
                _ => blocks.push(Block {
                    kind: c.kind,
                    first: i,
                    last: i,
                    certain: c.certain,
                }),
            },
        }
    }

    // The last line the fixes keep: blocks after it are the tail of the draft, removed
    // together with the blank lines before them.
    let mut deleted = vec![false; doc.line_count()];
    for b in &blocks {
        for i in b.first..=b.last {
            deleted[p.lines[i].doc_line] = true;
        }
    }
    let last_keep = (0..doc.line_count())
        .rev()
        .find(|&k| !blank(k) && !deleted[k]);
    let next_nonblank_start = |from: usize| -> usize {
        let mut k = from;
        while k < doc.line_count() && blank(k) {
            k += 1;
        }
        doc.line_start(k)
    };

    let mut findings: Vec<(Kind, Finding)> = Vec::new();
    for b in &blocks {
        let f = p.lines[b.first].doc_line;
        let l = p.lines[b.last].doc_line;
        let mut start = doc.line_start(f);
        let mut end = doc.line_range_full(l).end;
        let in_tail = last_keep.is_none_or(|k| f > k);
        if in_tail {
            end = next_nonblank_start(l + 1);
            let prev = (0..f).rev().find(|&k| !blank(k));
            if prev.is_none_or(|k| !deleted[k]) {
                start = prev.map_or(0, |k| doc.line_start(k + 1));
            }
        } else if f == 0 || blank(f - 1) {
            end = next_nonblank_start(l + 1);
        }
        let range = p.lines[b.first].range.start..p.lines[b.last].range.end;
        let count = b.last - b.first + 1;
        let first = excerpt(p.lines[b.first].raw);
        let message = if count == 1 {
            format!("{} left by the scraper: “{first}”", b.kind.noun())
        } else {
            format!(
                "{} left by the scraper ({count} lines): “{first}” …",
                b.kind.noun()
            )
        };
        let title = if count == 1 {
            format!("Remove this line ({})", b.kind.noun().to_lowercase())
        } else {
            format!(
                "Remove these {count} lines ({})",
                b.kind.noun().to_lowercase()
            )
        };
        let edit = vec![Edit::delete(start..end)];
        let fix = if b.certain {
            Fix::safe(title, edit)
        } else {
            Fix::unsafe_(title, edit)
        };
        let mut finding = Finding::new(b.kind.id(), range, message).with_fix(fix);
        if !b.certain {
            finding = finding.with_severity(Severity::Info);
        }
        if let Some((r, m)) = &p.st[b.first].related {
            finding = finding.with_related(Related {
                doc: doc.clone(),
                range: r.clone(),
                message: m.clone(),
            });
        }
        findings.push((b.kind, finding));
    }

    for (i, c) in edits {
        let Action::Edit {
            range,
            edits,
            title,
        } = c.action
        else {
            continue;
        };
        let excerpt_text = excerpt(p.lines[i].raw);
        let message = format!("{} left by the scraper: “{excerpt_text}”", c.kind.noun());
        let fix = if c.certain {
            Fix::safe(title, edits)
        } else {
            Fix::unsafe_(title, edits)
        };
        let mut finding = Finding::new(c.kind.id(), range, message).with_fix(fix);
        if !c.certain {
            finding = finding.with_severity(Severity::Info);
        }
        findings.push((c.kind, finding));
    }

    // Markup inside lines that stay.
    for i in 0..n {
        if p.is_debris(i) && !p.st[i].protected {
            continue;
        }
        super::markup::inline(a, &p.lines[i], &mut findings);
    }
    findings.sort_by_key(|(_, f)| (f.range.start, f.range.end));
    debug_assert!(text.len() >= findings.last().map_or(0, |(_, f)| f.range.end));
    Scan { findings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pattern_table_compiles() {
        assert!(TABLE.pats.len() > 50);
    }
}
