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
use crate::engine::hashing::{hash, pair, Memo};
use crate::engine::rules::Context;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Strength {
    /// Furniture only in company: next to other debris, in the head or tail, or recurring.
    Weak,
    /// Furniture on its own.
    Strong,
}

/// What a weak candidate needs to count as debris.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Need {
    /// The head or tail of the article, a debris neighbour, or recurring.
    Zone,
    /// A debris neighbour, or recurring.
    Neighbour,
    /// Debris on both sides.
    Both,
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
    /// For weak candidates: what confirms them.
    pub need: Need,
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
            need: Need::Zone,
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

    pub fn needing(mut self, need: Need) -> Cand {
        self.need = need;
        self
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
    pub need: Need,
    /// Only lines that do not end like a sentence (the key drops a final full stop).
    pub bare: bool,
}

impl Pat {
    pub const fn strong(re: &'static str) -> Pat {
        Pat {
            re,
            strength: Strength::Strong,
            max_words: 12,
            heading: false,
            need: Need::Zone,
            bare: false,
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
    /// Only for lines without a closing full stop, question or exclamation mark.
    pub const fn bare(self) -> Pat {
        Pat { bare: true, ..self }
    }
    /// A weak pattern that needs debris beside it; the head or tail alone is not enough.
    pub const fn needs_company(self) -> Pat {
        Pat {
            need: Need::Neighbour,
            ..self
        }
    }
}

/// The phrase patterns of every kind in two sets: those for short lines (at most
/// `SHORT` words), run only on short lines, and those that may match longer lines. Article
/// prose only ever meets the small second set.
struct Table {
    short: RegexSet,
    long: RegexSet,
    short_pats: Vec<(Kind, &'static Pat)>,
    long_pats: Vec<(Kind, &'static Pat)>,
    max_words: usize,
}

const SHORT: usize = 15;

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let groups: [(Kind, &'static [Pat]); 13] = [
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
        (Kind::Copyright, super::copyright::PATTERNS),
        (Kind::SectionLabel, super::section_label::PATTERNS),
    ];
    let mut short_pats: Vec<(Kind, &'static Pat)> = Vec::new();
    let mut long_pats: Vec<(Kind, &'static Pat)> = Vec::new();
    let all = groups
        .into_iter()
        .chain([(Kind::Breadcrumb, super::breadcrumb::PATTERNS)]);
    for (k, ps) in all {
        for p in ps {
            if p.max_words <= SHORT {
                short_pats.push((k, p));
            } else {
                long_pats.push((k, p));
            }
        }
    }
    let build = |pats: &[(Kind, &'static Pat)]| {
        RegexSetBuilder::new(pats.iter().map(|(_, p)| p.re))
            .size_limit(64 << 20)
            .dfa_size_limit(64 << 20)
            .build()
            .expect("debris pattern table")
    };
    let max_words = long_pats
        .iter()
        .map(|(_, p)| p.max_words)
        .max()
        .unwrap_or(SHORT);
    Table {
        short: build(&short_pats),
        long: build(&long_pats),
        short_pats,
        long_pats,
        max_words,
    }
});

type Special = fn(&LineView<'_>) -> Option<Cand>;

/// Line-local detectors that need more than a phrase, in order of precedence.
const SPECIALS: &[Special] = &[
    super::markup::line,
    super::comments::line,
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
    // A label printed twice ("Sponsored Links Sponsored Links") is judged once.
    let key = undouble(&l.key).unwrap_or(&l.key);
    let sets: &[(&RegexSet, &[(Kind, &'static Pat)])] = if key.is_empty() || l.words > t.max_words {
        &[]
    } else if l.words <= SHORT {
        &[(&t.short, &t.short_pats), (&t.long, &t.long_pats)]
    } else {
        &[(&t.long, &t.long_pats)]
    };
    for (set, pats) in sets {
        if !set.is_match(key) {
            continue;
        }
        for i in set.matches(key).iter() {
            let (kind, p) = pats[i];
            if l.words > p.max_words || (p.bare && l.plain.ends_with(['.', '!', '?'])) {
                continue;
            }
            let c = Cand {
                kind,
                strength: p.strength,
                heading: p.heading,
                need: p.need,
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

/// The first half of a key whose two halves are the same words.
fn undouble(key: &str) -> Option<&str> {
    let n = key.len();
    if n < 3 || n % 2 == 0 || !key.is_char_boundary(n / 2) {
        return None;
    }
    let (a, b) = key.split_at(n / 2);
    (b.strip_prefix(' ') == Some(a)).then_some(a)
}

/// Lines that are part of the article even though they look like furniture.
static PROTECT: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        // Agency and staff credits: "The Associated Press contributed to this article."
        r"(?i)(?-u:\b)contributed (?:to )?(?:this|the|today's) (?:report|article|story|reporting|coverage)",
        r"(?i)(?-u:\b)contributed reporting(?-u:\b)",
        // "(Reporting by …; Editing by …)", "Additional reporting by …"
        r"(?i)^\(?(?:additional |with )?(?:reporting|writing|editing|research|compiled|translated|produced|edited) (?:by|from)(?-u:\b)",
        r"(?i)(?-u:\b)(?:editing|reporting|writing) by(?-u:\b)[^)]*\)\.?$",
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
    /// Lines whose words the vocabulary counts (a line is not judged by its own words).
    in_vocab: Vec<bool>,
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
            in_vocab: Vec::new(),
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
            // The article's own words: its prose, and the headline, headings and short
            // sentences up to the last paragraph, but no candidate debris or cut-off line.
            let last = self.last_body.unwrap_or(0);
            self.in_vocab = (0..self.len())
                .map(|j| {
                    self.st[j].body
                        || (j <= last
                            && self.st[j].cand.is_none()
                            && !self.st[j].protected
                            && self.lines[j].words >= 3
                            && !self.lines[j].is_cutoff()
                            // A byline's name is the writer's, not the story's: the author's
                            // bio under the story shares it.
                            && super::author_widget::byline_name(&self.lines[j].plain).is_none())
                })
                .collect();
            let ranges: Vec<Range<usize>> = (0..self.len())
                .filter(|&j| self.in_vocab[j])
                .map(|j| self.lines[j].range.clone())
                .collect();
            self.vocab = Some(Vocab::build(self.a, ranges.into_iter()));
        }
    }

    /// Share of the line's content words that the article's prose uses (`None`: cannot tell).
    pub fn overlap(&mut self, i: usize) -> Option<f32> {
        self.pooled_overlap(&[i])
    }

    /// Share of the content words of lines `js`, pooled, that the article's prose uses
    /// (`None`: too few words, or too little prose to tell). Pooled, a list of one-word
    /// labels can be judged where each label alone cannot.
    pub fn pooled_overlap(&mut self, js: &[usize]) -> Option<f32> {
        self.ensure_vocab();
        let v = self.vocab.as_ref()?.as_ref()?;
        let (mut n, mut hit) = (0, 0);
        for &j in js {
            let (a, b) = v.counts(self.a, &self.lines[j].range, self.in_vocab[j]);
            n += a;
            hit += b;
        }
        (n >= 2).then(|| hit as f32 / n as f32)
    }

    /// Furniture (a candidate of any strength, not protected) right before line `i` or right
    /// after line `j - 1`: what anchors a run `i..j` judged by its shape alone.
    pub fn furniture_beside(&self, i: usize, j: usize) -> bool {
        let furniture = |k: usize| self.st[k].cand.is_some() && !self.st[k].protected;
        (i > 0 && self.adj[i - 1] && furniture(i - 1))
            || (j < self.len() && j > 0 && self.adj[j - 1] && furniture(j))
    }

    /// A list item: a headline, a date, or (after another item) a source line or a lede.
    fn item(&self, j: usize, after_item: bool) -> Option<Item> {
        if self.st[j].protected || self.is_debris(j) {
            return None;
        }
        let l = &self.lines[j];
        if super::timestamp::is_date_like(&l.key) {
            return Some(Item::Date);
        }
        if l.key.ends_with(':') || l.raw.ends_with(':') {
            return None; // a lead-in to the article's own list
        }
        if l.is_headline_like() {
            let source = (after_item && l.words <= 4 && l.starts_upper())
                || super::section_label::is_label(&l.key);
            return Some(if source { Item::Source } else { Item::Headline });
        }
        (after_item && l.words <= 45 && l.ends_sentence() && !l.key.ends_with(':'))
            .then_some(Item::Lede)
    }

    /// The next line, if it follows `j` with only blank lines between.
    fn next(&self, j: usize) -> Option<usize> {
        (j + 1 < self.len() && self.adj[j]).then_some(j + 1)
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
            let mut prev_long_headline = false;
            // The list item accepted last, if any.
            let mut prev = None;
            let mut items = 0;
            while j < n && self.adj[j - 1] {
                // Empty bullets inside the list stay findings of their own, and so does other
                // furniture after the end of the article.
                if self.kind(j) == Some(Kind::Markup) || (tail && self.st[j].cand.is_some()) {
                    j += 1;
                    continue;
                }
                let Some(item) = self.item(j, prev.is_some()) else {
                    break;
                };
                let ok = match item {
                    Item::Date | Item::Source => true,
                    // Between paragraphs a lede sits under its headline (or the headline's
                    // date or source) and the next headline, date or other furniture follows
                    // it. The story's own paragraphs about something new (the farm losses
                    // after a flood) come one after another, so they are not taken for ledes.
                    Item::Lede if !tail => {
                        prev.is_some_and(|p| p != Item::Lede)
                            && self.next(j).is_none_or(|k| {
                                self.st[k].cand.is_some()
                                    || matches!(
                                        self.item(k, true),
                                        Some(Item::Headline | Item::Date | Item::Source)
                                    )
                            })
                            && self.overlap(j).is_some_and(|o| o < 0.35)
                    }
                    Item::Lede => self.overlap(j).is_some_and(|o| o < 0.35),
                    Item::Headline if tail => true,
                    Item::Headline => {
                        // Between paragraphs: a headline with its date, two story headlines
                        // in a row, or one headline about something else.
                        let long = |p: &Pass<'_>, k: usize| p.lines[k].words >= 4;
                        let next = self.next(j);
                        next.is_some_and(|k| matches!(self.item(k, true), Some(Item::Date)))
                            || (long(self, j)
                                && (prev_long_headline
                                    || next.is_some_and(|k| {
                                        long(self, k)
                                            && matches!(self.item(k, false), Some(Item::Headline))
                                    })))
                            || self.overlap(j).is_some_and(|o| o < 0.5)
                    }
                };
                if !ok || (!tail && items >= 15) {
                    break;
                }
                let mut c = Cand::strong(h.kind);
                c.certain = tail;
                self.set(j, c);
                prev_long_headline = item == Item::Headline && self.lines[j].words >= 4;
                prev = Some(item);
                items += 1;
                j += 1;
            }
            i = j.max(i + 1);
        }
    }

    /// Lists of other stories' headlines after the end of the article, without a heading:
    /// headlines with their dates, or headlines whose words are foreign to the story and
    /// which are Title Case or come each with a source line (next to other furniture).
    fn headless_lists(&mut self) {
        let n = self.len();
        let Some(last) = self.last_body else { return };
        let mut i = last + 1;
        while i < n {
            let mut j = i;
            let (mut heads, mut dates, mut foreign, mut titles, mut sources) = (0, 0, 0, 0, 0);
            let mut after_item = false;
            while j < n && (j == i || self.adj[j - 1]) {
                if self.kind(j) == Some(Kind::Markup) {
                    j += 1;
                    continue;
                }
                match self.item(j, after_item) {
                    Some(Item::Date) => dates += 1,
                    Some(Item::Headline) if self.lines[j].words >= 4 => {
                        heads += 1;
                        titles += self.lines[j].is_title_case() as usize;
                        foreign += self.overlap(j).is_some_and(|o| o < 0.35) as usize;
                    }
                    Some(Item::Source) => sources += 1,
                    Some(Item::Headline) => {}
                    Some(Item::Lede) if self.overlap(j).is_some_and(|o| o < 0.35) => {}
                    _ => break,
                }
                after_item = true;
                j += 1;
            }
            // Headlines with their dates; Title Case headlines about other things; or
            // headlines about other things, each with its source ("Business Insider").
            let foreign = heads >= 3 && foreign * 3 >= heads * 2;
            // Foreign lists need other furniture beside them: an article's own list of titles
            // with their authors (a prize shortlist, a playlist) has the same shape.
            let anchored = self.furniture_beside(i, j);
            let foreign_titles = foreign && titles * 3 >= heads * 2 && anchored;
            let foreign_sourced = foreign && sources * 2 >= heads && anchored;
            if (dates >= 2 && heads >= 2) || foreign_titles || foreign_sourced {
                for k in i..j {
                    if self.free(k) {
                        self.set(k, Cand::strong(Kind::RelatedLinks).uncertain());
                    }
                }
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

    /// Weak candidates become debris next to debris, in the head or tail, when recurring, or
    /// in a run of three or more of one kind.
    fn promote(&mut self) {
        let n = self.len();
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for (i, l) in self.lines.iter().enumerate() {
            if self.st[i].cand.is_some() {
                *counts.entry(&*l.key).or_default() += 1;
            }
        }
        let repeated: Vec<bool> = self
            .lines
            .iter()
            .map(|l| counts.get(&*l.key).copied().unwrap_or(0) >= 2)
            .collect();
        // Runs of weak lines of one kind: "Share / Tweet / Email / Print".
        let weak = |p: &Pass<'_>, k: usize| {
            p.st[k]
                .cand
                .as_ref()
                .filter(|c| !c.is_strong() && c.need != Need::Both && !p.st[k].protected)
                .map(|c| c.kind)
        };
        let mut in_run = vec![false; n];
        let mut i = 0;
        while i < n {
            let Some(k) = weak(self, i) else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while j < n && self.adj[j - 1] && weak(self, j) == Some(k) {
                j += 1;
            }
            let verbs = (i..j)
                .filter(|&x| super::share_bar::starts_with_verb(&self.lines[x].key))
                .count();
            if j - i >= 3 && (k != Kind::ShareBar || verbs >= 2) {
                in_run[i..j].iter_mut().for_each(|r| *r = true);
            }
            i = j;
        }
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
                let edge = self.zone(i) != Zone::Body && self.first_body.is_some();
                let before = i > 0 && self.adj[i - 1] && self.is_debris(i - 1);
                let after = i + 1 < n && self.adj[i] && self.is_debris(i + 1);
                let ok = match c.need {
                    Need::Zone => edge || before || after || repeated[i] || in_run[i],
                    Need::Neighbour => before || after || repeated[i] || in_run[i],
                    Need::Both => before && after,
                };
                if ok {
                    let certain = c.certain
                        && match c.need {
                            Need::Zone => edge && (before || after) || in_run[i] && edge,
                            Need::Neighbour => before && after,
                            Need::Both => false,
                        };
                    let c = self.st[i].cand.as_mut().expect("candidate");
                    c.strength = Strength::Strong;
                    c.certain = certain;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Headline,
    Date,
    Source,
    Lede,
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

/// A line's verdict on its own (protected, candidate), by line text and house lists: a
/// keystroke changes one line and the others are not classified again.
fn verdict(l: &LineView<'_>, house: &House) -> (bool, Option<Cand>) {
    static VERDICTS: Memo<u64, (bool, Option<Cand>)> = Memo::new(8_192);
    let key = pair(hash(l.raw), house.fingerprint);
    let base = l.range.start;
    let shift = |c: &Cand, by: isize| {
        let mut c = c.clone();
        let mv = |r: &mut Range<usize>| {
            *r = r.start.wrapping_add_signed(by)..r.end.wrapping_add_signed(by);
        };
        if let Action::Edit { range, edits, .. } = &mut c.action {
            mv(range);
            for e in edits {
                mv(&mut e.range);
            }
        }
        c
    };
    if let Some((p, c)) = VERDICTS.get(&key) {
        return (p, c.as_ref().map(|c| shift(c, base as isize)));
    }
    let v = if house.allows(l) || is_protected(l) {
        (true, None)
    } else {
        (false, house.classify(l).or_else(|| classify(l)))
    };
    VERDICTS.insert(key, (v.0, v.1.as_ref().map(|c| shift(c, -(base as isize)))));
    v
}

pub(super) fn compute(a: &Analysis, house: &House) -> Scan {
    let mut p = Pass::new(a);
    let n = p.len();
    for i in 0..n {
        let (protected, cand) = verdict(&p.lines[i], house);
        p.st[i].protected = protected;
        p.st[i].cand = cand;
    }
    structure(&mut p);
    assemble(&p)
}

/// Everything after each line's own verdict: zones, the structural rules, widgets and
/// promotion.
fn structure(p: &mut Pass<'_>) {
    p.zones();
    super::section_label::mark(p);
    super::duplicate_headline::mark(p);
    super::author_widget::mark(p);
    super::chart::mark(p);
    super::menu::mark(p);
    p.zones();
    super::teasers::mark(p);
    p.extend_widgets();
    p.headless_lists();
    p.fill_sandwiches();
    p.promote();
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
        // Quote what goes, unless the line itself says more (a date glued to a label).
        let l = &p.lines[i];
        let quoted = match range.start.checked_sub(l.range.start) {
            Some(from) if c.kind != Kind::GluedDateline => {
                let to = (range.end.min(l.range.end)).saturating_sub(l.range.start);
                l.raw.get(from..to).unwrap_or(l.raw)
            }
            _ => l.raw,
        };
        let excerpt_text = excerpt(quoted);
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

    /// Where the time goes: `cargo test --release --lib debris_phases -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn debris_phases() {
        use std::time::Instant;
        let mut text = String::new();
        for i in 0..400 {
            text.push_str(match i % 4 {
                0 => "The harbour authority said on Tuesday that ferry crews would return to work after the union accepted a pay offer that caps night shifts.\n\n",
                1 => "Island businesses had warned that the strike was costing them the start of the season, and about 40,000 passengers were stranded.\n\n",
                2 => "Advertisement\n\n",
                _ => "“We did not want to strike,” said a deckhand who has worked on the ferries for nineteen years.\n\n",
            });
        }
        if let Ok(path) = std::env::var("DEBRIS_PHASES_FILE") {
            text = std::fs::read_to_string(path).expect("read");
        }
        let a = Analysis::new(Arc::new(crate::engine::document::Document::new(
            "t.txt", text,
        )));
        let n = a.lines.len();
        let t = Instant::now();
        let p = Pass::new(&a);
        println!("views      {:?} per line", t.elapsed() / n as u32);
        for l in &p.lines {
            std::hint::black_box(is_protected(l));
        }
        let t = Instant::now();
        for l in &p.lines {
            std::hint::black_box(is_protected(l));
        }
        println!("protect    {:?} per line", t.elapsed() / n as u32);
        for _ in 0..2 {
            let t = Instant::now();
            for l in &p.lines {
                std::hint::black_box(classify(l));
            }
            println!("classify   {:?} per line", t.elapsed() / n as u32);
        }
        for (name, f) in [
            ("markup", super::super::markup::line as Special),
            ("comments", super::super::comments::line),
            ("dateline", super::super::glued_dateline::line),
            ("timestamp", super::super::timestamp::line),
            ("breadcrumb", super::super::breadcrumb::line),
            ("photo", super::super::photo_credit::line),
            ("share", super::super::share_bar::line),
            ("newsletter", super::super::newsletter::line),
            ("promo", super::super::promo::line),
            ("advert", super::super::advert::line),
        ] {
            for l in &p.lines {
                std::hint::black_box(f(l));
            }
            let t = Instant::now();
            for l in &p.lines {
                std::hint::black_box(f(l));
            }
            println!("{name:10} {:?} per line", t.elapsed() / n as u32);
        }
        let t = Instant::now();
        std::hint::black_box(compute(&a, &House::default()));
        println!("compute    {:?} per line", t.elapsed() / n as u32);
        {
            let house = House::default();
            let mut lap = Instant::now();
            let mut tick = |name: &str| {
                println!("  {name:12} {:?}", lap.elapsed());
                lap = Instant::now();
            };
            let mut p = Pass::new(&a);
            tick("new");
            for i in 0..p.len() {
                let l = &p.lines[i];
                if house.allows(l) || is_protected(l) {
                    p.st[i].protected = true;
                    continue;
                }
                p.st[i].cand = house.classify(l).or_else(|| classify(l));
            }
            tick("classify");
            p.zones();
            tick("zones");
            super::super::section_label::mark(&mut p);
            super::super::duplicate_headline::mark(&mut p);
            super::super::author_widget::mark(&mut p);
            tick("structural");
            super::super::chart::mark(&mut p);
            super::super::menu::mark(&mut p);
            p.zones();
            tick("chart");
            super::super::teasers::mark(&mut p);
            tick("teasers");
            p.extend_widgets();
            p.headless_lists();
            tick("lists");
            p.fill_sandwiches();
            p.promote();
            tick("promote");
            std::hint::black_box(assemble(&p));
            tick("assemble");
        }
        let t = Instant::now();
        std::hint::black_box(compute(&a, &House::default()));
        println!(
            "compute2   {:?} per line ({n} lines)",
            t.elapsed() / n as u32
        );
    }

    /// `DEBRIS_DUMP=path cargo test --lib debris_dump -- --ignored --nocapture` prints each
    /// line's verdict: a tool for tuning, not a check.
    #[test]
    #[ignore]
    fn debris_dump() {
        let Ok(path) = std::env::var("DEBRIS_DUMP") else {
            return;
        };
        let text = std::fs::read_to_string(&path).expect("read");
        let a = Analysis::new(Arc::new(crate::engine::document::Document::new(
            &path, text,
        )));
        let house = House::default();
        let mut p = Pass::new(&a);
        for i in 0..p.len() {
            (p.st[i].protected, p.st[i].cand) = verdict(&p.lines[i], &house);
        }
        structure(&mut p);
        for i in 0..p.len() {
            let ov = p.overlap(i);
            let c = p.st[i].cand.as_ref();
            let l = &p.lines[i];
            println!(
                "{:4} {:?} {} {:<22} ov={:<5} {}",
                l.doc_line + 1,
                p.zone(i),
                if p.st[i].protected {
                    "P"
                } else if p.st[i].body {
                    "B"
                } else {
                    " "
                },
                c.map(|c| format!("{}{}", c.kind.name(), if c.is_strong() { "" } else { "?" }))
                    .unwrap_or_default(),
                ov.map(|o| format!("{o:.2}")).unwrap_or_default(),
                l.raw.chars().take(70).collect::<String>()
            );
        }
    }

    #[test]
    fn the_pattern_table_compiles() {
        assert!(TABLE.short_pats.len() + TABLE.long_pats.len() > 50);
    }

    #[test]
    fn doubled_labels() {
        assert_eq!(
            undouble("sponsored links sponsored links"),
            Some("sponsored links")
        );
        assert_eq!(undouble("\u{e095}"), None);
        assert_eq!(undouble("é é"), Some("é"));
        assert_eq!(undouble("ab ac"), None);
    }

    /// Every line shape, cut at every character, through the whole scan: no panic.
    #[test]
    fn never_panics_on_odd_text() {
        let samples = [
            "\u{e095}\n\u{e071}\nSponsored Links Sponsored Links\n",
            "é é\n🦀 🦀\n“Share” “Share”\n- \n•\n1.\n[\n&#x1F980;&#0;&#xD800;&amp\n",
            "April 25, 2024World News\nWorld NewsApril 25, 2024\n(AP Photo/Ж)\nCreditЖ\n",
            "Related Stories\n\nЖурнал…\nЖурнал Журнал…\n\r\n\r\nComments",
            "<span class=x>Sponsored by </span>Ж\n[embed]x[/embed\n{{ x\n${}\n",
        ];
        for s in samples {
            for (i, _) in s.char_indices() {
                for text in [&s[..i], &s[i..]] {
                    let a = Analysis::new(Arc::new(crate::engine::document::Document::new(
                        "t.txt", text,
                    )));
                    let scan = compute(&a, &House::default());
                    for (_, f) in &scan.findings {
                        assert!(f.range.start <= f.range.end && f.range.end <= text.len());
                        assert!(text.is_char_boundary(f.range.start));
                        assert!(text.is_char_boundary(f.range.end));
                        for e in &f.fixes[0].edits {
                            assert!(text.is_char_boundary(e.range.start), "{text:?}");
                            assert!(text.is_char_boundary(e.range.end), "{text:?}");
                        }
                    }
                }
            }
        }
    }
}
