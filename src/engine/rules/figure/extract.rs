//! Figures in an article: numbers with what they count, normalised to a value, a unit and the
//! thing counted, with the words around them (for aligning a draft's figure with its siblings'
//! figures about the same thing) and the way each was written (so a fix keeps the draft's
//! format).
//!
//! Extraction walks the analysis tokens once, left to right; no regular expressions. It knows:
//! digits and number words (`three`, `twenty-five`, `a dozen`, `half`, `two-thirds`), scale
//! words (`1.8 billion`, `€3m`, `2.4bn`), ordinals (`fifth term`, `12th minute`,
//! `second-largest port`), percentages (`87 percent`, `87%`, `87 per cent`, percentage points),
//! money (`$240 billion`, `240 billion dollars`, `€3m`, `US$1.8bn`, `£310 million`), ages
//! (`71-year-old`, `aged 71`, `Putin, 71,`, `who is 71`), dates (`May 7`, `7 May`, `May 7th`,
//! `Feb. 24, 2022`, `February 2022`, years), durations (`two-day visit`, `24-year tenure`,
//! `75 years of diplomatic relations`), measures (`185 km/h`, `1,200-kilogram`, `300
//! millimetres`), counts with what they count (`three minor opponents`, `12-point plan`,
//! `19 of the 31 seats`), ranges (`between 300 and 400`, `10-12 days`), and qualifiers (`about`,
//! `more than`, `up to`).
//!
//! Left out on purpose: `first` and `last` (sequence words far more often than figures), bare
//! numbers with nothing counted (`a city of 240,000`), numbers inside names (`Boeing 737`,
//! `4417 Orsa`, `Covid-19`), times of day, scores and tallies (`3-1`, `voted 23 to 8`), decades.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use crate::engine::analysis::{Analysis, TokenKind};

/// What kind of quantity a figure is; figures are only compared within one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Percent or a fraction (value in percent).
    Percent,
    PercentPoints,
    Money(Currency),
    Age,
    Date,
    /// Seconds to weeks (value in seconds).
    ShortDuration,
    /// Months to centuries (value in months).
    LongDuration,
    Measure(Dimension),
    Ordinal,
    Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Currency {
    Usd,
    Eur,
    Gbp,
    Jpy,
    Cny,
    Rub,
    Inr,
    Chf,
    Nok,
    Sek,
    Dkk,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    Length,
    Mass,
    Speed,
    Temperature,
    Area,
    Volume,
    Data,
    Pixels,
}

impl Kind {
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Percent => "a percentage",
            Kind::PercentPoints => "percentage points",
            Kind::Money(_) => "an amount of money",
            Kind::Age => "an age",
            Kind::Date => "a date",
            Kind::ShortDuration | Kind::LongDuration => "a duration",
            Kind::Measure(_) => "a measurement",
            Kind::Ordinal => "an ordinal",
            Kind::Count => "a count",
        }
    }
}

/// How sure the writer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qual {
    Exact,
    /// about, around, roughly, some.
    About,
    /// more than, over, at least.
    AtLeast,
    /// up to, fewer than, under.
    AtMost,
    /// nearly, almost: a little under.
    Nearly,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateVal {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A single value, or a range `lo..=hi` (lo < hi), in the kind's base unit.
    Num {
        lo: f64,
        hi: f64,
    },
    Date(DateVal),
}

/// How one number in the text is written, so a fix can write another value the same way.
#[derive(Debug, Clone, PartialEq)]
pub enum Style {
    /// `87`, `2,900`, `4.6`: with thousands separators, this many decimals.
    Digits { commas: bool, decimals: u8 },
    /// `fourteen`, `Twenty-five`.
    Words { capital: bool },
    /// `fifth`, `Second`.
    OrdinalWords { capital: bool },
    /// `5th`, `21st`.
    OrdinalDigits,
    /// `a dozen`.
    Dozen,
    /// `half`, `a third`, `two-thirds`.
    Fraction,
}

/// A number inside a figure that a fix may rewrite.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub range: Range<usize>,
    pub style: Style,
    /// The written number is multiplied by this to give the figure's base value (`billion`,
    /// `m`, `hours` for a duration in seconds, ...).
    pub scale: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateStyle {
    pub day_first: bool,
    /// 0: `May`, `February`; 1: `Feb.` (AP); 2: `Feb` (no full stop).
    pub month_form: u8,
    pub ordinal_day: bool,
    pub month_capital: bool,
}

/// A figure: where it is, and what it says ([`FigureData`], shared: a figure reused from an
/// unchanged paragraph is placed with one reference count, not copied).
#[derive(Debug, Clone)]
pub struct Figure {
    /// The whole expression: `87 percent`, `$1.8 billion`, `May 7`, `three minor opponents`.
    pub range: Range<usize>,
    /// Index of the figure's sentence in `Analysis::sentences`.
    pub sentence: usize,
    data: Arc<FigureData>,
}

impl std::ops::Deref for Figure {
    type Target = FigureData;
    fn deref(&self) -> &FigureData {
        &self.data
    }
}

/// What a figure says, wherever it is.
#[derive(Debug)]
pub struct FigureData {
    pub kind: Kind,
    pub value: Value,
    pub qual: Qual,
    /// Half the rounding unit, in the base unit: `87` -> 0.5, `4.6 billion` -> 0.05e9.
    pub tol: f64,
    /// The numbers a fix rewrites (one, or two for a range; none for dates), with ranges
    /// relative to the figure's start (see [`Figure::part_range`]). Shared, like the other
    /// lists, so a figure reused from an unchanged paragraph is cheap to copy.
    pub parts: Arc<[Part]>,
    pub date_style: Option<DateStyle>,
    /// What it counts, lemmatised: `opponent`, `plan`, `vote`.
    pub counted: Arc<[String]>,
    /// Words around it in its sentence (hashes of stems, sorted) with weights by distance.
    pub context: Arc<[(u64, f32)]>,
    /// Hashes of what it counts, synonyms folded (`rival` -> `opponent`).
    pub counted_canon: Arc<[u64]>,
    /// The same without generic nouns (`people`, `year`): what can pin a figure down.
    pub counted_keys: Arc<[u64]>,
    /// For an age, whose it is: the context keys of the name near it ([`whose_age`]).
    pub who: Arc<[u64]>,
    /// A value the thing had before ("down from 12.4 percent", "9.8 percent a year ago"):
    /// see [`earlier_value`].
    pub earlier: bool,
    /// A value something would have if something else happened ("a merger would give it 410
    /// stores", "the toll could rise to 50"), or that someone asks for ("called for a third
    /// inquiry"): see [`conditional_value`].
    pub conditional: bool,
    /// A part restated after the share it is of: "a quarter of the 107 injured – 27 people
    /// –" (see [`restated_part`]).
    pub part: bool,
    /// Whose share or count it is, when the figure says so with a possessive ("of the
    /// city's vote"): the owner's context key, or 0.
    pub owner: u64,
    /// Counts people in general (`people`, `persons`); counts some kind of people.
    pub people: bool,
    pub human: bool,
    /// Hash of kind and value; of what is counted and how (qualifier, rounding); of
    /// everything the comparison reads.
    pub vkey: u64,
    pub shape: u64,
    pub sig: u64,
}

impl Figure {
    /// What the figure says, to share without its place.
    pub fn data(&self) -> &Arc<FigureData> {
        &self.data
    }

    pub fn text<'a>(&self, a: &'a Analysis) -> &'a str {
        a.slice(&self.range)
    }

    /// Where part `p` is in the text.
    pub fn part_range(&self, p: &Part) -> Range<usize> {
        self.range.start + p.range.start..self.range.start + p.range.end
    }
}

impl FigureData {
    pub fn is_range(&self) -> bool {
        matches!(self.value, Value::Num { lo, hi } if hi > lo)
    }
}

/// All figures of an article, in text order. Computed once per analysis.
pub struct Figures {
    pub list: Vec<Figure>,
}

/// Extraction without the per-analysis cache (for benchmarks).
#[doc(hidden)]
pub fn extract_uncached(a: &Analysis) -> Vec<Figure> {
    a.paragraphs
        .iter()
        .flat_map(|p| extract_tokens(a, a.tokens_in(p)))
        .collect()
}

pub fn figures(a: &Analysis) -> Arc<Figures> {
    a.cached(|a| Figures { list: extract(a) })
}

// ---------------------------------------------------------------------------------------------
// Tokens with their lower-case text.

struct Tk<'a> {
    s: &'a str,
    low: Cow<'a, str>,
    kind: TokenKind,
    range: Range<usize>,
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.chars().any(|c| c.is_uppercase()) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

struct Scan<'a> {
    a: &'a Analysis,
    t: Vec<Tk<'a>>,
    /// Token index -> sentence index.
    sent: Vec<usize>,
    /// Token index -> context key (hash of the folded stem), 0 when the token is no context.
    ctxk: Vec<u64>,
    /// Token index -> what the word is (default for numbers and punctuation).
    lex: Vec<Lex>,
    /// Token index -> line breaks before it (tokens on one line share a number).
    line: Vec<u32>,
}

impl<'a> Scan<'a> {
    /// The tokens of one paragraph (`tokens` is a slice of the analysis tokens).
    fn new(a: &'a Analysis, tokens: &[crate::engine::analysis::Token]) -> Scan<'a> {
        let mut t = Vec::with_capacity(tokens.len());
        let mut sent = Vec::with_capacity(tokens.len());
        let first = tokens.first().map(|t| t.range.start).unwrap_or(0);
        let mut si = a.sentences.partition_point(|s| s.end <= first);
        for tok in tokens {
            let s = a.slice(&tok.range);
            t.push(Tk {
                s,
                low: lower(s),
                kind: tok.kind,
                range: tok.range.clone(),
            });
            while si + 1 < a.sentences.len() && a.sentences[si].end <= tok.range.start {
                si += 1;
            }
            sent.push(si);
        }
        let lex: Vec<Lex> = t
            .iter()
            .map(|tk| {
                if tk.kind == TokenKind::Word {
                    lex(tk.low.as_ref())
                } else {
                    Lex::default()
                }
            })
            .collect();
        let ctxk = t
            .iter()
            .zip(&lex)
            .map(|(tk, l)| if tk.kind == TokenKind::Word { l.ctx } else { 0 })
            .collect();
        let text = a.text().as_bytes();
        let mut line = Vec::with_capacity(t.len());
        let mut n = 0u32;
        let mut prev_end = first;
        for tk in &t {
            if text[prev_end.min(tk.range.start)..tk.range.start]
                .iter()
                .any(|&b| b == b'\n' || b == b'\r')
            {
                n += 1;
            }
            line.push(n);
            prev_end = tk.range.end;
        }
        Scan {
            a,
            t,
            sent,
            ctxk,
            lex,
            line,
        }
    }

    fn low(&self, i: usize) -> &str {
        self.t.get(i).map(|t| t.low.as_ref()).unwrap_or("")
    }

    fn is_word(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == TokenKind::Word)
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.low(i) == w
    }

    /// Tokens `i` and `i + 1` touch (no space between), e.g. `71` `-` in `71-year-old`.
    fn glued(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(x), Some(y)) => x.range.end == y.range.start,
            _ => false,
        }
    }

    /// Same sentence and only spaces between (not a line break).
    fn near(&self, i: usize, j: usize) -> bool {
        let (Some(x), Some(y)) = (self.t.get(i), self.t.get(j)) else {
            return false;
        };
        if self.sent[i] != self.sent[j] {
            return false;
        }
        let _ = (x, y);
        self.line[i] == self.line[j]
    }

    fn capital(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| {
            t.kind == TokenKind::Word && t.s.chars().next().is_some_and(char::is_uppercase)
        })
    }

    /// First token of its sentence or line (capitals say nothing there).
    fn starts_sentence(&self, i: usize) -> bool {
        if i == 0 || self.sent[i - 1] != self.sent[i] {
            return true;
        }
        let between = &self.a.text()[self.t[i - 1].range.end..self.t[i].range.start];
        if between.contains('\n') {
            return true;
        }
        matches!(self.t[i - 1].s, "“" | "\"" | "(" | ":" | "‘" | "—" | "–")
    }
}

/// Where `text` writes the whole number `n`: spelled out from two to ninety as a word of its
/// own ("three", "twenty"), or in digits from 100 up ("6,500"). Byte offsets of the words. For
/// a sibling sentence that may say the draft's count about something else ("six people had
/// died and three were still missing", "14,000 residents are under orders and 6,500 under
/// warnings"). Small numbers in digits are left out (times, "No. 3", years' parts say
/// nothing of counts), and so is "one" ("one of the worst", "no one").
pub fn number_written_at(text: &str, n: f64) -> Vec<usize> {
    if n >= 100.0 && n.fract() == 0.0 && n < 1e15 {
        let mut out = Vec::new();
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
                let s = i;
                while i < b.len() && (b[i].is_ascii_digit() || b[i] == b',') {
                    i += 1;
                }
                let digits: String = text[s..i]
                    .trim_end_matches(',')
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect();
                let decimal =
                    i < b.len() && b[i] == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit);
                if !decimal && digits.parse::<u64>().ok() == Some(n as u64) {
                    out.push(s);
                }
            }
            i += 1;
        }
        return out;
    }
    if !(2.0..100.0).contains(&n) || n.fract() != 0.0 {
        return Vec::new();
    }
    let n = n as u32;
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start.take() else { continue };
        let w = &text[s..i];
        let w = w.to_lowercase();
        if lookup(UNITS_WORDS, &w).or_else(|| lookup(TENS_WORDS, &w)) == Some(n) {
            out.push(s);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Word lists.

const UNITS_WORDS: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
];
const TENS_WORDS: &[(&str, u32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];
const ORDINAL_WORDS: &[(&str, u32)] = &[
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
];
const MONTHS: &[(&str, u8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];
use crate::engine::lexicon::{MONTHS as MONTH_NAMES, MONTHS_AP_WITH_DAY as MONTH_AP};
const MONTH_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn lookup<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        "million" | "mn" | "mln" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

fn currency_symbol(s: &str) -> Option<Currency> {
    Some(match s {
        "$" => Currency::Usd,
        "€" => Currency::Eur,
        "£" => Currency::Gbp,
        "¥" => Currency::Jpy,
        "₽" => Currency::Rub,
        "₹" => Currency::Inr,
        _ => return None,
    })
}

fn currency_word(w: &str) -> Option<Currency> {
    Some(match w {
        "dollar" | "dollars" | "usd" => Currency::Usd,
        "euro" | "euros" | "eur" => Currency::Eur,
        "pound" | "pounds" | "sterling" | "gbp" => Currency::Gbp,
        "yen" | "jpy" => Currency::Jpy,
        "yuan" | "renminbi" | "cny" => Currency::Cny,
        "ruble" | "rubles" | "rouble" | "roubles" | "rub" => Currency::Rub,
        "rupee" | "rupees" | "inr" => Currency::Inr,
        "franc" | "francs" | "chf" => Currency::Chf,
        "krone" | "kroner" | "nok" => Currency::Nok,
        "krona" | "kronor" | "sek" => Currency::Sek,
        "dkk" => Currency::Dkk,
        _ => return None,
    })
}

/// Time units: (kind, size in the kind's base unit).
fn time_unit(w: &str) -> Option<(Kind, f64)> {
    Some(match w {
        "second" | "seconds" => (Kind::ShortDuration, 1.0),
        "minute" | "minutes" => (Kind::ShortDuration, 60.0),
        "hour" | "hours" => (Kind::ShortDuration, 3600.0),
        "day" | "days" => (Kind::ShortDuration, 86400.0),
        "week" | "weeks" => (Kind::ShortDuration, 604800.0),
        "month" | "months" => (Kind::LongDuration, 1.0),
        "year" | "years" => (Kind::LongDuration, 12.0),
        "decade" | "decades" => (Kind::LongDuration, 120.0),
        "century" | "centuries" => (Kind::LongDuration, 1200.0),
        _ => return None,
    })
}

/// Measure units written as words or glued suffixes: (dimension, size in the base unit).
fn measure_unit(w: &str) -> Option<(Dimension, f64)> {
    use Dimension::*;
    Some(match w {
        "km" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => (Length, 1000.0),
        "m" | "metre" | "metres" | "meter" | "meters" => (Length, 1.0),
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => (Length, 0.01),
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => (Length, 0.001),
        "mile" | "miles" => (Length, 1609.344),
        "ft" | "foot" | "feet" => (Length, 0.3048),
        "in" | "inch" | "inches" => (Length, 0.0254),
        "kg" | "kilo" | "kilos" | "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" => {
            (Mass, 1.0)
        }
        "g" | "gram" | "grams" | "gramme" | "grammes" => (Mass, 0.001),
        "tonne" | "tonnes" | "ton" | "tons" | "t" => (Mass, 1000.0),
        "lb" | "lbs" => (Mass, 0.453_592),
        "kmh" | "kph" | "km/h" => (Speed, 1.0),
        "mph" => (Speed, 1.609_344),
        "c" | "°c" | "celsius" => (Temperature, 1.0),
        "hectare" | "hectares" | "ha" => (Area, 10_000.0),
        "acre" | "acres" => (Area, 4046.86),
        "litre" | "litres" | "liter" | "liters" => (Volume, 1.0),
        "gb" => (Data, 1.0),
        "tb" => (Data, 1000.0),
        "mb" => (Data, 0.001),
        "megapixel" | "megapixels" | "mp" => (Pixels, 1.0),
        _ => return None,
    })
}

/// What the extractor needs to know about a lower-case word, computed once per word (per
/// thread) instead of scanning word lists at every token.
#[derive(Debug, Default, Clone, Copy)]
struct Lex {
    /// Ends a noun phrase (function word, verb, number word or adverb).
    stop_np: bool,
    skip_adj: bool,
    /// Says nothing about which figure is meant.
    ctx_stop: bool,
    /// May start a figure: a number, ordinal, fraction or month word, `a`, `between`.
    starter: bool,
    month: bool,
    /// Context key (see [`context_key`]); 0 when the word says nothing.
    ctx: u64,
}

fn lex(w: &str) -> Lex {
    use std::cell::RefCell;
    thread_local! {
        static CACHE: RefCell<crate::engine::siblings::IdMap<u64, Lex>> = RefCell::default();
    }
    let h = hash(w);
    if let Some(l) = CACHE.with(|c| c.borrow().get(&h).copied()) {
        return l;
    }
    let number_word = is_number_word(w);
    let l = Lex {
        stop_np: is_function_word(w)
            || is_verbish(w)
            || number_word
            || (w.len() > 4 && w.ends_with("ly")),
        skip_adj: is_skippable_adjective(w),
        ctx_stop: is_context_stopword(w) || lookup(UNITS_WORDS, w).is_some(),
        starter: number_word
            || lookup(ORDINAL_WORDS, w).is_some()
            || lookup(TENS_WORDS, w).is_some()
            || lookup(MONTHS, w).is_some()
            || matches!(w, "a" | "an" | "one" | "half" | "between"),
        month: lookup(MONTHS, w).is_some(),
        ctx: 0,
    };
    let l = Lex {
        ctx: if w.len() < 2 || l.ctx_stop {
            0
        } else {
            context_key(w)
        },
        ..l
    };
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() > 200_000 {
            c.clear();
        }
        c.insert(h, l);
    });
    l
}

/// Words that end a noun phrase after a number.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "by"
            | "with"
            | "without"
            | "against"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "as"
            | "than"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "do"
            | "does"
            | "did"
            | "said"
            | "says"
            | "say"
            | "after"
            | "before"
            | "since"
            | "until"
            | "during"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "about"
            | "around"
            | "between"
            | "through"
            | "per"
            | "each"
            | "ago"
            | "apiece"
            | "it"
            | "its"
            | "they"
            | "their"
            | "he"
            | "his"
            | "she"
            | "her"
            | "we"
            | "our"
            | "you"
            | "your"
            | "this"
            | "these"
            | "those"
            | "there"
            | "here"
            | "when"
            | "where"
            | "while"
            | "if"
            | "so"
            | "up"
            | "down"
            | "out"
            | "off"
            | "away"
            | "back"
            | "later"
            | "earlier"
            | "too"
            | "not"
            | "no"
            | "all"
            | "both"
            | "then"
            | "now"
            | "ago."
            | "times"
            | "percent"
            | "pct"
            | "cent"
    )
}

/// Words skipped (neither collected nor ending the phrase) between a number and its noun.
fn is_skippable_adjective(w: &str) -> bool {
    matches!(
        w,
        "other"
            | "more"
            | "additional"
            | "further"
            | "extra"
            | "separate"
            | "different"
            | "new"
            | "own"
    )
}

/// Verbs that often follow a count ("14 died", "a dozen boats sank"): they end the noun
/// phrase. Regular past tenses in -ed are handled by shape.
fn is_verbish(w: &str) -> bool {
    matches!(
        w,
        "died"
            | "rose"
            | "fell"
            | "went"
            | "came"
            | "made"
            | "took"
            | "got"
            | "left"
            | "won"
            | "lost"
            | "remain"
            | "remains"
            | "stay"
            | "stays"
            | "began"
            | "begin"
            | "begins"
            | "get"
            | "go"
            | "come"
            | "make"
            | "take"
            | "win"
            | "lose"
            | "need"
            | "needs"
            | "sank"
            | "sunk"
            | "fled"
            | "flee"
            | "hit"
            | "struck"
            | "ran"
            | "saw"
            | "met"
            | "sold"
            | "bought"
            | "paid"
            | "held"
            | "led"
            | "kept"
            | "gave"
            | "grew"
            | "spoke"
            | "told"
            | "wrote"
            | "stood"
            | "sat"
            | "brought"
            | "thought"
            | "felt"
            | "found"
            | "arrive"
            | "arrives"
            | "carry"
            | "carries"
            | "include"
            | "includes"
            | "beat"
            | "lie"
            | "lay"
            | "face"
            | "faces"
            | "work"
            | "works"
            | "live"
            | "lives"
            | "run"
            | "runs"
            | "cost"
            | "costs"
            | "mean"
            | "means"
            | "show"
            | "shows"
            | "just"
            | "only"
            | "also"
            | "even"
            | "still"
            | "already"
            | "again"
            | "each"
    )
}

fn is_number_word(w: &str) -> bool {
    lookup(UNITS_WORDS, w).is_some()
        || lookup(TENS_WORDS, w).is_some()
        || matches!(w, "hundred" | "dozen" | "half")
}

/// `opponents` -> `opponent`, `countries` -> `country`, `people` -> `people`.
pub fn lemma(w: &str) -> String {
    let w = w.trim_end_matches(['’', '\'']);
    let w = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w);
    let l = w.to_lowercase();
    let n = l.len();
    if !l.is_ascii() || n <= 3 {
        return l;
    }
    match l.as_str() {
        "people" | "persons" => return "people".into(),
        "children" => return "child".into(),
        "men" => return "man".into(),
        "women" => return "woman".into(),
        "staff" | "news" | "series" | "species" => return l,
        _ => {}
    }
    if l.ends_with("ies") && n > 4 {
        return format!("{}y", &l[..n - 3]);
    }
    for suffix in ["sses", "ches", "shes", "xes"] {
        if l.ends_with(suffix) {
            return l[..n - 2].to_string();
        }
    }
    if l.ends_with('s') && !l.ends_with("ss") && !l.ends_with("us") && !l.ends_with("is") {
        return l[..n - 1].to_string();
    }
    l
}

/// A crude stem for context words: `killed`, `killing`, `kills` -> `kill`; `estimated`,
/// `estimates` -> `estimat`.
pub fn stem(w: &str) -> String {
    let mut l = lemma(w);
    for suffix in ["ing", "ed", "es", "ly"] {
        if l.len() > suffix.len() + 3 && l.ends_with(suffix) {
            l.truncate(l.len() - suffix.len());
            break;
        }
    }
    if l.len() > 4 && l.ends_with('e') {
        l.pop();
    }
    l
}

/// Words that say nothing about which figure is meant.
pub fn is_context_stopword(w: &str) -> bool {
    is_function_word(w)
        || matches!(
            w,
            "also"
                | "just"
                | "only"
                | "some"
                | "more"
                | "most"
                | "than"
                | "other"
                | "such"
                | "very"
                | "first"
                | "last"
                | "next"
                | "year"
                | "years"
                | "percent"
                | "per"
                | "cent"
                | "one"
                | "new"
                | "mr"
                | "ms"
                | "mrs"
                | "dr"
                | "like"
                | "even"
                | "still"
                | "yet"
                | "any"
                | "many"
                | "much"
                | "few"
                | "several"
                | "what"
                | "how"
                | "why"
                | "whether"
                | "because"
                | "although"
                | "though"
                | "however"
                | "according"
                | "including"
                | "told"
                | "added"
                | "further"
                | "around"
                | "nearly"
                | "almost"
                | "roughly"
                | "approximately"
                | "least"
                | "less"
                | "fewer"
                | "some."
                | "i"
                | "me"
                | "my"
                | "us"
                | "him"
                | "them"
                | "then"
        )
}

/// Canonical member of a synonym set, for what a figure counts.
pub fn canonical(lemma: &str) -> &str {
    static MAP: std::sync::LazyLock<std::collections::HashMap<&'static str, &'static str>> =
        std::sync::LazyLock::new(|| {
            const SETS: &[&[&str]] = &[
                &["opponent", "rival", "challenger", "contender"],
                &["soldier", "troop", "serviceman", "servicemember"],
                &["bidder", "suitor"],
                &["plant", "factory", "facility"],
                &["employee", "worker", "staff", "staffer", "workforce"],
                &["trip", "journey", "visit", "voyage", "tour"],
                &["plan", "proposal", "programme", "program", "blueprint"],
                &["death", "fatality", "dead", "victim"],
                &[
                    "home",
                    "house",
                    "household",
                    "dwelling",
                    "flat",
                    "apartment",
                ],
                &["boat", "ship", "vessel", "trawler"],
                &["seat", "mandate"],
                &["job", "post", "position", "role"],
                &["country", "nation"],
                &["vote", "ballot"],
                &["centre", "center", "shelter"],
                &["car", "vehicle"],
                &["child", "kid"],
                &["company", "firm"],
                &["lawmaker", "legislator", "deputy"],
                &["probe", "spacecraft"],
                &["sample", "material"],
                &["farmer", "grower", "producer"],
            ];
            let mut m = std::collections::HashMap::new();
            for set in SETS {
                for w in *set {
                    m.insert(*w, set[0]);
                }
            }
            m
        });
    MAP.get(lemma).copied().unwrap_or(lemma)
}

/// People in general: `people` counts any of these.
fn is_human(l: &str) -> bool {
    matches!(
        l,
        "people"
            | "person"
            | "resident"
            | "employee"
            | "worker"
            | "staff"
            | "civilian"
            | "soldier"
            | "troop"
            | "member"
            | "voter"
            | "fan"
            | "farmer"
            | "individual"
            | "passenger"
            | "student"
            | "patient"
            | "child"
            | "adult"
            | "man"
            | "woman"
            | "officer"
            | "refugee"
            | "migrant"
            | "victim"
            | "death"
            | "dead"
    )
}

/// Do two figures count the same thing? `None` when either says nothing.
pub fn counted_match(a: &FigureData, b: &FigureData) -> Option<bool> {
    if a.counted_canon.is_empty() || b.counted_canon.is_empty() {
        return None;
    }
    if a.counted_canon.iter().any(|x| b.counted_canon.contains(x)) {
        return Some(true);
    }
    if (a.people && b.human) || (b.people && a.human) {
        return Some(true);
    }
    Some(false)
}

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

// ---------------------------------------------------------------------------------------------
// Numbers.

struct Num {
    value: f64,
    /// The token after the number.
    end: usize,
    /// Bytes of the number itself (a digit prefix of a token like `3m` or `7th`).
    range: Range<usize>,
    style: Style,
    ordinal: bool,
    /// A glued suffix (`m`, `bn`, `km`, `C`, `th`), lower-cased.
    suffix: String,
    /// Decimal places written (for digits).
    decimals: u8,
    trailing_zeros: u8,
    fraction: bool,
    /// Digits written with thousands separators.
    has_commas: bool,
}

impl Num {
    /// Plain digits: no separators, decimals or suffix (`63`, `737`, `2019`).
    fn plain_digits(&self) -> bool {
        matches!(self.style, Style::Digits { .. })
            && !self.has_commas
            && self.decimals == 0
            && self.suffix.is_empty()
    }
}

/// Split `2.4bn` into (`2.4`, `bn`). `None` if it does not start with a digit.
fn split_digits(s: &str) -> Option<(&str, &str)> {
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let num = s[..end].trim_end_matches(['.', ',']);
    if num.is_empty() || !num.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    Some((num, &s[num.len()..]))
}

/// `2,900` -> 2900; `4.6` -> 4.6; rejects `1,2,3` and `1.2.3`.
fn parse_digits(s: &str) -> Option<(f64, bool, u8, u8)> {
    let commas = s.contains(',');
    if commas {
        let mut groups = s.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 {
            return None;
        }
        for g in groups {
            let int_part = g.split('.').next()?;
            if int_part.len() != 3 {
                return None;
            }
        }
    }
    let clean: String = s.chars().filter(|c| *c != ',').collect();
    if clean.matches('.').count() > 1 {
        return None;
    }
    let v: f64 = clean.parse().ok()?;
    let decimals = clean
        .split_once('.')
        .map(|(_, d)| d.len() as u8)
        .unwrap_or(0);
    let trailing_zeros = if decimals == 0 {
        clean
            .bytes()
            .rev()
            .take_while(|b| *b == b'0')
            .count()
            .min(clean.len() - 1) as u8
    } else {
        0
    };
    Some((v, commas, decimals, trailing_zeros))
}

fn parse_number(sc: &Scan<'_>, i: usize) -> Option<Num> {
    let t = sc.t.get(i)?;
    match t.kind {
        TokenKind::Number => {
            let (digits, suffix) = split_digits(t.s)?;
            let (value, has_commas, decimals, trailing_zeros) = parse_digits(digits)?;
            let commas = has_commas;
            // Too short to show separators: write them when a longer value needs them.
            let commas = commas || digits.split('.').next().unwrap_or("").len() < 4;
            let suffix_low = suffix.to_lowercase();
            let ordinal = matches!(suffix_low.as_str(), "st" | "nd" | "rd" | "th") && decimals == 0;
            Some(Num {
                value,
                end: i + 1,
                range: t.range.start..t.range.start + digits.len(),
                style: if ordinal {
                    Style::OrdinalDigits
                } else {
                    Style::Digits { commas, decimals }
                },
                ordinal,
                suffix: suffix_low,
                decimals,
                trailing_zeros,
                fraction: false,
                has_commas,
            })
        }
        TokenKind::Word => parse_number_words(sc, i),
        TokenKind::Punct => None,
    }
}

fn parse_number_words(sc: &Scan<'_>, i: usize) -> Option<Num> {
    let w = sc.low(i);
    let capital = sc.capital(i);
    let words = |value: f64, end: usize, style: Style, fraction: bool| Num {
        value,
        end,
        range: sc.t[i].range.start..sc.t[end - 1].range.end,
        style,
        ordinal: false,
        suffix: String::new(),
        decimals: 0,
        trailing_zeros: 0,
        fraction,
        has_commas: false,
    };
    // "a dozen", "a third", "a quarter", "half".
    if w == "a" || w == "an" || w == "one" {
        if sc.near(i, i + 1) {
            match sc.low(i + 1) {
                "dozen" => return Some(words(12.0, i + 2, Style::Dozen, false)),
                "third" if sc.is(i + 2, "of") => {
                    return Some(words(100.0 / 3.0, i + 2, Style::Fraction, true))
                }
                "quarter" if sc.is(i + 2, "of") => {
                    return Some(words(25.0, i + 2, Style::Fraction, true))
                }
                "fifth" if sc.is(i + 2, "of") => {
                    return Some(words(20.0, i + 2, Style::Fraction, true))
                }
                "tenth" if sc.is(i + 2, "of") => {
                    return Some(words(10.0, i + 2, Style::Fraction, true))
                }
                "half" if w == "one" => return Some(words(50.0, i + 2, Style::Fraction, true)),
                _ => {}
            }
        }
        if w != "one" {
            return None;
        }
    }
    if w == "half" {
        return Some(words(50.0, i + 1, Style::Fraction, true));
    }
    let mut value = lookup(UNITS_WORDS, w).or_else(|| lookup(TENS_WORDS, w))? as f64;
    let mut end = i + 1;
    // twenty-five
    if lookup(TENS_WORDS, w).is_some()
        && sc.glued(i)
        && sc.t.get(i + 1).is_some_and(|t| t.s == "-")
        && sc.glued(i + 1)
    {
        if let Some(u) = lookup(UNITS_WORDS, sc.low(i + 2)).filter(|u| (1..10).contains(u)) {
            value += u as f64;
            end = i + 3;
        }
    }
    // two-thirds, three-quarters
    if sc.glued(end - 1) && sc.t.get(end).is_some_and(|t| t.s == "-") && sc.glued(end) {
        match sc.low(end + 1) {
            "thirds" => return Some(words(value * 100.0 / 3.0, end + 2, Style::Fraction, true)),
            "quarters" => return Some(words(value * 25.0, end + 2, Style::Fraction, true)),
            "fifths" => return Some(words(value * 20.0, end + 2, Style::Fraction, true)),
            _ => {}
        }
    }
    // three hundred
    if sc.is(end, "hundred") && sc.near(end - 1, end) {
        value *= 100.0;
        end += 1;
    }
    Some(words(value, end, Style::Words { capital }, false))
}

fn ordinal_word(sc: &Scan<'_>, i: usize) -> Option<u32> {
    let w = sc.low(i);
    if let Some(v) = lookup(ORDINAL_WORDS, w) {
        return Some(v);
    }
    // twenty-first
    let tens = lookup(TENS_WORDS, w)?;
    if sc.glued(i) && sc.t.get(i + 1).is_some_and(|t| t.s == "-") && sc.glued(i + 1) {
        let u = match sc.low(i + 2) {
            "first" => 1,
            "second" => 2,
            "third" => 3,
            x => lookup(ORDINAL_WORDS, x).filter(|v| *v < 10)?,
        };
        return Some(tens + u);
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Extraction.

fn tol_of(n: &Num, scale: f64) -> f64 {
    let base = if n.decimals > 0 {
        0.5 * 10f64.powi(-(n.decimals as i32))
    } else if n.trailing_zeros > 0 && n.value >= 100.0 {
        (0.5 * 10f64.powi(n.trailing_zeros as i32)).min(0.1 * n.value)
    } else {
        0.5
    };
    base * scale
}

/// Qualifier words right before token `i`.
fn qualifier(sc: &Scan<'_>, i: usize) -> Qual {
    let w1 = if i >= 1 && sc.near(i - 1, i) {
        sc.low(i - 1)
    } else {
        ""
    };
    let w2 = if i >= 2 && sc.near(i - 2, i) {
        sc.low(i - 2)
    } else {
        ""
    };
    let w3 = if i >= 3 && sc.near(i - 3, i) {
        sc.low(i - 3)
    } else {
        ""
    };
    match (w3, w2, w1) {
        (_, "more" | "fewer" | "less", "than") => {
            if w2 == "more" {
                Qual::AtLeast
            } else {
                Qual::AtMost
            }
        }
        (_, "at", "least") | (_, "upwards", "of") | (_, "in", "excess") => Qual::AtLeast,
        (_, "at", "most") | (_, "up", "to") => Qual::AtMost,
        ("as", "many", "as") | ("as", "much", "as") | ("as", "few", "as") => Qual::AtMost,
        (_, "close", "to") => Qual::Nearly,
        (_, "just", "over") | (_, "just", "above") => Qual::AtLeast,
        (_, "just", "under") | (_, "just", "below") => Qual::AtMost,
        (_, "an", "estimated") => Qual::About,
        (
            _,
            _,
            "about" | "around" | "roughly" | "approximately" | "some" | "circa" | "approx"
            | "estimated",
        ) => Qual::About,
        (_, _, "over" | "above" | "exceeding") => Qual::AtLeast,
        (_, _, "under" | "below") => Qual::AtMost,
        (_, _, "nearly" | "almost") => Qual::Nearly,
        (_, _, "dozens" | "hundreds" | "thousands") => Qual::AtLeast,
        _ => Qual::Exact,
    }
}

/// The noun phrase after token `j` (what a count counts): up to three words, skipping
/// `other`, `more`; stops at function words, punctuation and verbs after the noun. Returns
/// lemmas and the token after the phrase.
fn noun_phrase(sc: &Scan<'_>, j: usize) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut k = j;
    let mut end = j;
    while out.len() < 3 && k < sc.t.len() && sc.near(j.saturating_sub(1).max(0), k) {
        let t = &sc.t[k];
        if t.kind == TokenKind::Punct {
            // Compound words: "low-lying".
            if t.s == "-" && !out.is_empty() && sc.glued(k - 1) && sc.glued(k) && sc.is_word(k + 1)
            {
                k += 1;
                continue;
            }
            break;
        }
        if t.kind != TokenKind::Word {
            break;
        }
        let w = t.low.as_ref();
        let l = sc.lex[k];
        if l.skip_adj && out.is_empty() {
            k += 1;
            continue;
        }
        // "78.4 percent last year", "12 percent next year": when, not what.
        if l.stop_np || matches!(w, "last" | "next" | "yesterday" | "today" | "tomorrow") {
            break;
        }
        if !out.is_empty() && (w.ends_with("ed") || w.ends_with("ing")) && w.len() > 4 {
            break;
        }
        if scale_word(w).is_some() || l.month && sc.capital(k) {
            break;
        }
        // A name after a lower-case word starts another phrase: "the one district Labour
        // held" counts districts, not Labour.
        if sc.capital(k) && k > j && !out.is_empty() && !sc.capital(k - 1) {
            break;
        }
        out.push(lemma(t.s));
        k += 1;
        end = k;
    }
    // A participle at the end is the verb, not the noun: "240,000 voted", "14 people killed".
    // (Words in -ing stay: "warning", "building", "meeting" are nouns as often as not.)
    while out.last().is_some_and(|w| w.len() > 4 && w.ends_with("ed")) {
        out.pop();
        end -= 1;
        while end > j && sc.t[end - 1].kind != TokenKind::Word {
            end -= 1;
        }
    }
    (out, end)
}

/// The owner a possessive names: "city's" -> "city", "voters'" -> "voters" (straight or curly
/// apostrophe); `None` for any other word.
fn possessor(w: &str) -> Option<&str> {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix('\'').filter(|o| o.ends_with('s')))
        .or_else(|| w.strip_suffix('’').filter(|o| o.ends_with('s')))
}

/// `of [the|its|X's] [N] noun`: what a part or a percentage is of.
fn of_phrase(sc: &Scan<'_>, j: usize) -> (Vec<String>, usize) {
    if !sc.is(j, "of") || !sc.near(j - 1, j) {
        return (Vec::new(), j);
    }
    let mut k = j + 1;
    let mut skipped = 0;
    while k < sc.t.len() && skipped < 3 {
        let w = sc.low(k);
        let possessive = possessor(w).is_some();
        if matches!(
            w,
            "the" | "its" | "their" | "his" | "her" | "our" | "a" | "an" | "this" | "that" | "all"
        ) || possessive
            || sc.t[k].kind == TokenKind::Number
            || is_number_word(w)
        {
            k += 1;
            skipped += 1;
            continue;
        }
        break;
    }
    let (np, end) = noun_phrase(sc, k);
    if np.is_empty() {
        (Vec::new(), j)
    } else {
        (np, end)
    }
}

struct Builder<'s, 'a> {
    sc: &'s Scan<'a>,
    out: Vec<Figure>,
}

impl Builder<'_, '_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        start_tok: usize,
        end_tok: usize,
        kind: Kind,
        value: Value,
        qual: Qual,
        tol: f64,
        parts: Vec<Part>,
        date_style: Option<DateStyle>,
        counted: Vec<String>,
    ) {
        let sc = self.sc;
        let range = sc.t[start_tok].range.start..sc.t[end_tok - 1].range.end;
        let sentence = sc.sent[start_tok];
        let context = context(sc, start_tok, end_tok, &counted);
        let who: Vec<u64> = if kind == Kind::Age {
            whose_age(sc, start_tok, end_tok)
        } else {
            Vec::new()
        };
        let mut counted_canon: Vec<u64> = counted.iter().map(|c| hash(canonical(c))).collect();
        counted_canon.sort_unstable();
        counted_canon.dedup();
        // "four other victims" counts some of something (the victims not yet named), so
        // what it counts cannot pin it to a sibling's total ("six dead"); its words still can.
        let other = (start_tok..end_tok).any(|k| sc.low(k) == "other");
        let mut counted_keys: Vec<u64> = counted
            .iter()
            .filter(|c| !is_generic(c) && !other)
            .map(|c| hash(canonical(c)))
            .collect();
        counted_keys.sort_unstable();
        counted_keys.dedup();
        let people = counted.iter().any(|c| c == "people" || c == "person");
        let human = counted.iter().any(|c| is_human(c));
        // "54.1 percent of the city's vote": a possessive among the words the of-phrase
        // skips ([`of_phrase`]).
        let of = end_tok < sc.t.len() && sc.is(end_tok, "of") && sc.sent[end_tok] == sentence;
        let owner = (end_tok + 1..(end_tok + 5).min(sc.t.len()))
            .filter(|_| of)
            .take_while(|&k| sc.sent[k] == sentence)
            .filter(|&k| sc.t[k].kind == TokenKind::Word)
            .find_map(|k| possessor(sc.low(k)))
            .filter(|o| !o.is_empty())
            .map_or(0, context_key);
        let parts: Vec<Part> = parts
            .into_iter()
            .map(|p| Part {
                range: p.range.start - range.start..p.range.end - range.start,
                ..p
            })
            .collect();
        let mut f = FigureData {
            kind,
            value,
            qual,
            tol,
            parts: parts.into(),
            date_style,
            counted: counted.into(),
            context: context.into(),
            counted_canon: counted_canon.into(),
            counted_keys: counted_keys.into(),
            who: who.into(),
            earlier: earlier_value(sc, start_tok, end_tok),
            conditional: conditional_value(sc, start_tok),
            part: restated_part(sc, start_tok),
            owner,
            people,
            human,
            vkey: 0,
            shape: 0,
            sig: 0,
        };
        f.vkey = value_key(&f);
        f.shape = {
            use std::hash::{Hash, Hasher};
            let mut h = Xx(xxhash_rust::xxh3::Xxh3::new());
            (f.qual as u8).hash(&mut h);
            f.tol.to_bits().hash(&mut h);
            f.counted_canon.hash(&mut h);
            f.people.hash(&mut h);
            f.human.hash(&mut h);
            h.finish()
        };
        f.sig = signature(&f);
        self.out.push(Figure {
            range,
            sentence,
            data: Arc::new(f),
        });
    }
}

/// A `Hasher` over xxh3, for hashing derived `Hash` values.
struct Xx(xxhash_rust::xxh3::Xxh3);

impl std::hash::Hasher for Xx {
    fn finish(&self) -> u64 {
        self.0.digest()
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}

/// Six significant digits, so `2.4 billion` and `2,400 million` meet.
fn round6(v: f64) -> i64 {
    if v == 0.0 || !v.is_finite() {
        return 0;
    }
    let e = v.abs().log10().floor() as i32 - 5;
    (v / 10f64.powi(e)).round() as i64 ^ ((e as i64) << 48)
}

/// A hash of a figure's kind and value, for finding twins quickly.
pub fn value_key(f: &FigureData) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = Xx(xxhash_rust::xxh3::Xxh3::new());
    f.kind.hash(&mut h);
    match f.value {
        Value::Num { lo, hi } => {
            round6(lo).hash(&mut h);
            round6(hi).hash(&mut h);
        }
        Value::Date(d) => {
            (d.year, d.month, d.day).hash(&mut h);
        }
    }
    h.finish()
}

/// A hash of everything the comparison with siblings reads.
fn signature(f: &FigureData) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = Xx(xxhash_rust::xxh3::Xxh3::new());
    f.vkey.hash(&mut h);
    (f.qual as u8).hash(&mut h);
    f.tol.to_bits().hash(&mut h);
    f.is_range().hash(&mut h);
    f.counted_canon.hash(&mut h);
    f.people.hash(&mut h);
    f.human.hash(&mut h);
    f.owner.hash(&mut h);
    f.who.hash(&mut h);
    f.earlier.hash(&mut h);
    f.conditional.hash(&mut h);
    f.part.hash(&mut h);
    for (w, wt) in f.context.iter() {
        w.hash(&mut h);
        wt.to_bits().hash(&mut h);
    }
    h.finish()
}

/// A figure stating what something was before: right after "from" ("down from 12.4
/// percent", "up from 24 seats") or "compared with", or right before "a year earlier", "a
/// year ago", "last year", "the year before" ("9.8 percent a year ago"). Not the change
/// itself: in "fell 6 percent from a year earlier" the 6 percent is now; nor the value
/// reached: in "fell to 78.4 percent last year" the 78.4 percent is now.
fn earlier_value(sc: &Scan<'_>, s: usize, e: usize) -> bool {
    let sent = sc.sent[s];
    let after = |k: usize, w: &str| k < sc.t.len() && sc.sent[k] == sent && sc.is(k, w);
    if s >= 1 && sc.sent[s - 1] == sent && sc.is(s - 1, "from") {
        return true;
    }
    // "compared with 9.8 percent": the baseline a figure is set against.
    if s >= 2
        && sc.sent[s - 2] == sent
        && (sc.is(s - 1, "with") || sc.is(s - 1, "to"))
        && sc.is(s - 2, "compared")
    {
        return true;
    }
    let year_back = (after(e, "a") || after(e, "the"))
        && after(e + 1, "year")
        && (after(e + 2, "earlier") || after(e + 2, "ago") || after(e + 2, "before"));
    let last_year = after(e, "last") && after(e + 1, "year");
    // "fell to 78.4 percent last year": the value reached, which is the latest one.
    let reached = s >= 1 && sc.sent[s - 1] == sent && sc.is(s - 1, "to");
    (year_back || last_year) && !reached
}

/// A figure set off by a dash or a parenthesis right after a share of a total, which it
/// restates as a count: "about a quarter of the 107 injured – 27 people – were in a serious
/// condition". It counts part of the total, not what a sibling's total counts.
fn restated_part(sc: &Scan<'_>, s: usize) -> bool {
    let sent = sc.sent[s];
    if s == 0 || sc.sent[s - 1] != sent || !matches!(sc.t[s - 1].s, "–" | "—" | "-" | "(") {
        return false;
    }
    let lo = s.saturating_sub(8);
    (lo..s.saturating_sub(2)).any(|k| {
        sc.sent[k] == sent
            && sc.is(k, "of")
            && [k + 1, k + 2]
                .into_iter()
                .any(|n| n < s && sc.t[n].kind == TokenKind::Number)
    })
}

/// Verbs that, after "would", "could" or "might", say what a figure would come to: "would
/// give the company 410 stores", "could rise to 50", "might push the bill to $2 billion".
const RESULT_VERBS: &[&str] = &[
    "give", "bring", "lift", "raise", "push", "take", "leave", "make", "boost", "swell", "rise",
    "climb", "reach", "hit", "top", "exceed", "grow", "increase", "double", "triple",
];

/// A figure a modal verb of result introduces in its own clause, a few words before it:
/// what something would come to, not what it is ("a merger would give the company 410
/// stores" against "it runs 260 stores"; "the toll could rise to 50" against "40 dead").
/// A reported plan is not one: "it would cut 1,200 jobs" says what the company will do.
/// Nor is what someone calls for ("called for a third inquiry" against "the second
/// inquiry", which is under way).
fn conditional_value(sc: &Scan<'_>, s: usize) -> bool {
    let sent = sc.sent[s];
    let lo = s.saturating_sub(8);
    for k in (lo..s).rev() {
        if sc.sent[k] != sent || matches!(sc.t[k].s, "," | ";" | ":" | "(" | "\u{2014}") {
            return false;
        }
        // "called for a third inquiry", "demanded a second vote": asked for, not held.
        if matches!(sc.low(k), "called" | "calls" | "calling") && sc.is(k + 1, "for")
            || matches!(
                sc.low(k),
                "demanded" | "demanding" | "demands" | "proposed" | "proposes" | "urged" | "urges"
            )
        {
            return true;
        }
        if matches!(sc.low(k), "would" | "could" | "might") {
            // The verb right after the modal, or after one adverb ("would eventually give").
            return [k + 1, k + 2]
                .into_iter()
                .filter(|&v| v < s && sc.is_word(v))
                .take_while(|&v| v == k + 1 || sc.low(k + 1).ends_with("ly"))
                .any(|v| RESULT_VERBS.contains(&sc.low(v)));
        }
    }
    false
}

/// Whose age an age is: the name right before it ("Petra Lindqvist, 61"), or right after it
/// and a word or two ("the 61-year-old mayor Petra Lindqvist"); in a sentence that names no
/// one ("the 62-year-old said"), the first name of the sentence before, its subject as a
/// rule. The names' context keys, sorted; empty when no name is near.
fn whose_age(sc: &Scan<'_>, s: usize, e: usize) -> Vec<u64> {
    let sent = sc.sent[s];
    let named = |k: usize| {
        sc.capital(k)
            && (!sc.starts_sentence(k) || sc.capital(k + 1))
            && sc.ctxk[k] != 0
            && lookup(MONTHS, sc.low(k)).is_none()
    };
    let run_from = |k: usize, step: isize| -> Vec<u64> {
        let mut out = Vec::new();
        let mut i = k as isize;
        while i >= 0 && (i as usize) < sc.t.len() && sc.sent[i as usize] == sc.sent[k] {
            let j = i as usize;
            if !named(j) {
                break;
            }
            out.push(sc.ctxk[j]);
            i += step;
        }
        out
    };
    let mut who = Vec::new();
    // Before: "Lindqvist, 61" (a comma between), "Lindqvist (61)".
    if s >= 2 && matches!(sc.t[s - 1].s, "," | "(") && sc.sent[s - 2] == sent {
        who = run_from(s - 2, -1);
    }
    // After: up to two lower-case words, then the name.
    if who.is_empty() {
        let mut k = e;
        let mut skipped = 0;
        while k < sc.t.len() && sc.sent[k] == sent && skipped <= 2 && !named(k) {
            if sc.t[k].kind != TokenKind::Word || sc.capital(k) {
                break;
            }
            k += 1;
            skipped += 1;
        }
        if k < sc.t.len() && sc.sent[k] == sent {
            who = run_from(k, 1);
        }
    }
    // "the 62-year-old", or an age in a sentence that names no one: the first name of the
    // sentence before.
    if who.is_empty() {
        let first = (0..s)
            .rev()
            .take_while(|&k| sc.sent[k] == sent)
            .last()
            .unwrap_or(s);
        let own_names = (first..sc.t.len())
            .take_while(|&k| sc.sent[k] == sent)
            .any(named);
        let the = s >= 1 && sc.is(s - 1, "the");
        if (the || !own_names) && first > 0 {
            let prev = sc.sent[first - 1];
            let start = (0..first).rev().take_while(|&k| sc.sent[k] == prev).last();
            if let Some(start) = start {
                if let Some(k) = (start..first).find(|&k| named(k)) {
                    who = run_from(k, 1);
                }
            }
        }
    }
    who.sort_unstable();
    who.dedup();
    who
}

/// Words around tokens `s..e` in the same sentence, weighted by distance.
fn context(sc: &Scan<'_>, s: usize, e: usize, counted: &[String]) -> Vec<(u64, f32)> {
    const WINDOW: usize = 12;
    let window = WINDOW;
    let (near, mid, far) = (1.0, 0.7, 0.45);
    let sent = sc.sent[s];
    let mut v: Vec<(u64, f32)> = Vec::with_capacity(2 * window + counted.len());
    let weight = |d: usize| -> f32 {
        if d <= 3 {
            near
        } else if d <= 6 {
            mid
        } else {
            far
        }
    };
    let add = |k: usize, d: usize, v: &mut Vec<(u64, f32)>| {
        let key = sc.ctxk[k];
        if key != 0 {
            v.push((key, weight(d)));
        }
    };
    // Left.
    let mut d = 0;
    let mut k = s;
    while k > 0 && d < window {
        k -= 1;
        if sc.sent[k] != sent {
            break;
        }
        d += 1;
        add(k, d, &mut v);
    }
    // Right (the figure's own words are not context).
    let mut d = 0;
    let mut k = e;
    while k < sc.t.len() && d < window {
        if sc.sent[k] != sent {
            break;
        }
        d += 1;
        add(k, d, &mut v);
        k += 1;
    }
    let _ = counted;
    // Keep the highest weight per word.
    v.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    v.dedup_by_key(|x| x.0);
    v
}

/// The context key of a lower-case word: the hash of its folded stem (see [`stem`] and
/// `context_canonical`), without allocating for the usual short ASCII word.
pub fn context_key(low: &str) -> u64 {
    static FOLD: std::sync::LazyLock<crate::engine::siblings::IdMap<u64, u64>> =
        std::sync::LazyLock::new(|| {
            let mut m = crate::engine::siblings::IdMap::default();
            for set in CONTEXT_SETS {
                for w in *set {
                    m.insert(hash(w), hash(set[0]));
                }
            }
            m
        });
    let h = stem_hash(low);
    FOLD.get(&h).copied().unwrap_or(h)
}

fn stem_hash(low: &str) -> u64 {
    let mut buf = [0u8; 48];
    let b = low.as_bytes();
    if !low.is_ascii() || b.len() > buf.len() - 1 {
        return hash(&stem(low));
    }
    // lemma(): apostrophes and possessives, then plurals.
    let mut n = b.len();
    while n > 0 && b[n - 1] == b'\'' {
        n -= 1;
    }
    if n >= 2 && &b[n - 2..n] == b"'s" {
        n -= 2;
    }
    buf[..n].copy_from_slice(&b[..n]);
    let w = &buf[..n];
    if n > 3 {
        match w {
            b"people" | b"persons" => return hash("people"),
            b"children" => return hash("child"),
            b"men" => return hash("man"),
            b"women" => return hash("woman"),
            b"staff" | b"news" | b"series" | b"species" => return hash(&low[..n]),
            _ => {}
        }
        if w.ends_with(b"ies") && n > 4 {
            buf[n - 3] = b'y';
            n -= 2;
        } else if w.ends_with(b"sses")
            || w.ends_with(b"ches")
            || w.ends_with(b"shes")
            || w.ends_with(b"xes")
        {
            n -= 2;
        } else if w.ends_with(b"s")
            && !w.ends_with(b"ss")
            && !w.ends_with(b"us")
            && !w.ends_with(b"is")
        {
            n -= 1;
        }
    }
    // stem(): one verb or adverb ending, then a final e.
    for suffix in [&b"ing"[..], b"ed", b"es", b"ly"] {
        if n > suffix.len() + 3 && buf[..n].ends_with(suffix) {
            n -= suffix.len();
            break;
        }
    }
    if n > 4 && buf[n - 1] == b'e' {
        n -= 1;
    }
    xxhash_rust::xxh3::xxh3_64(&buf[..n])
}

/// Context words that report the same event in other words: `killed`, `died`, `deaths`.
/// Written as stems (see `stem`).
const CONTEXT_SETS: &[&[&str]] = &[
    &[
        "death", "kill", "died", "die", "dead", "toll", "fatality", "fatal", "perish",
    ],
    &[
        "evacuat", "flee", "fled", "forc", "move", "moved", "displac", "relocat",
    ],
    &[
        "win", "winn", "won", "took", "secur", "receiv", "captur", "garner", "gain", "got",
    ],
    &[
        "ris", "ros", "risen", "climb", "jump", "increas", "surg", "soar",
    ],
    &[
        "fall", "fell", "drop", "dropp", "slip", "slipp", "declin", "decreas", "slump",
    ],
    &["cost", "pric", "paid", "pay", "valu", "worth", "bill"],
    &["estimat", "put", "forecast", "expect", "project"],
    &["land", "touchdown", "touch", "arriv", "reach"],
    &["launch", "lift"],
    &["storm", "cyclon", "hurrican", "typhoon"],
    &["employ", "staff", "worker", "employe", "workforc"],
    &["vot", "ballot", "electorat"],
    &["sworn", "inaugurat", "inauguration", "begin", "start"],
    &[
        "buy", "acquir", "purchas", "bought", "takeover", "sell", "sold",
    ],
    &["company", "firm", "group", "business"],
    &["plan", "proposal", "blueprint"],
];

#[allow(dead_code)]
fn context_canonical(stem: &str) -> &str {
    for set in CONTEXT_SETS {
        if set.contains(&stem) {
            return set[0];
        }
    }
    stem
}

pub fn hash(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

/// Figures of one paragraph, with byte offsets relative to the paragraph's start and
/// sentence numbers relative to its first sentence, so they can be reused when the same
/// paragraph comes back in the next version of a draft.
struct ParaFigures(Vec<Figure>);

static PARAS: crate::engine::hashing::Memo<u64, Arc<ParaFigures>> =
    crate::engine::hashing::Memo::new(8192);

fn shift(f: &Figure, by: isize, sentences: isize) -> Figure {
    let mv = |r: &Range<usize>| (r.start as isize + by) as usize..(r.end as isize + by) as usize;
    let mut g = f.clone();
    g.range = mv(&f.range);
    g.sentence = (f.sentence as isize + sentences) as usize;
    g
}

fn extract(a: &Analysis) -> Vec<Figure> {
    let mut out = Vec::new();
    let text = a.text();
    for p in &a.paragraphs {
        let tokens = a.tokens_in(p);
        if tokens.is_empty() {
            continue;
        }
        let first_sentence = a.sentences.partition_point(|s| s.end <= p.start);
        // Paragraphs touching ignored regions (code) are not reused: the region depends on
        // more than the paragraph's text.
        let reusable = !a.is_ignored(p);
        let key = {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(text[p.clone()].as_bytes());
            h.update(&[7]);
            h.digest()
        };
        let cached = if reusable { PARAS.get(&key) } else { None };
        let para = match cached {
            Some(c) => c,
            None => {
                let found = extract_tokens(a, tokens);
                let rel: Vec<Figure> = found
                    .iter()
                    .map(|f| shift(f, -(p.start as isize), -(first_sentence as isize)))
                    .collect();
                let c = Arc::new(ParaFigures(rel));
                if reusable {
                    PARAS.insert(key, c.clone());
                }
                c
            }
        };
        out.extend(
            para.0
                .iter()
                .map(|f| shift(f, p.start as isize, first_sentence as isize)),
        );
    }
    out
}

fn extract_tokens(a: &Analysis, tokens: &[crate::engine::analysis::Token]) -> Vec<Figure> {
    let sc = Scan::new(a, tokens);
    let mut b = Builder {
        sc: &sc,
        out: Vec::new(),
    };
    let n = sc.t.len();
    let mut i = 0;
    while i < n {
        let t = &sc.t[i];
        let may_start = match t.kind {
            TokenKind::Number => true,
            TokenKind::Word => sc.lex[i].starter,
            TokenKind::Punct => currency_symbol(t.s).is_some(),
        };
        if !may_start || a.is_ignored(&t.range) {
            i += 1;
            continue;
        }
        let next = try_date(&mut b, i)
            .or_else(|| try_money_symbol(&mut b, i))
            .or_else(|| try_range(&mut b, i))
            .or_else(|| try_ordinal(&mut b, i))
            .or_else(|| try_number(&mut b, i));
        i = match next {
            Some(j) if j > i => j,
            _ => i + 1,
        };
    }
    b.out
}

fn month_at(sc: &Scan<'_>, i: usize) -> Option<(u8, usize, u8)> {
    // (month, tokens used, form)
    let t = sc.t.get(i)?;
    if t.kind != TokenKind::Word || !sc.capital(i) {
        return None;
    }
    let m = lookup(MONTHS, sc.low(i))?;
    let full = sc.low(i).len() > 3 || matches!(sc.low(i), "may");
    if full && lookup(MONTHS[..12].as_ref(), sc.low(i)).is_some() {
        // Full names may still be followed by a stray full stop: not part of the month.
        return Some((m, 1, 0));
    }
    if sc.t.get(i + 1).is_some_and(|t| t.s == ".") && sc.glued(i) {
        Some((m, 2, 1))
    } else {
        Some((m, 1, 2))
    }
}

fn is_year(v: f64) -> bool {
    v.fract() == 0.0 && (1800.0..=2100.0).contains(&v)
}

/// Dates: `May 7`, `May 7th`, `Feb. 24, 2022`, `7 May`, `7 May 2024`, `February 2022`.
fn try_date(b: &mut Builder<'_, '_>, i: usize) -> Option<usize> {
    let sc = b.sc;
    let plain_int = |k: usize| -> Option<(f64, bool, Range<usize>)> {
        let t = sc.t.get(k)?;
        if t.kind != TokenKind::Number {
            return None;
        }
        let (d, suffix) = split_digits(t.s)?;
        if d.contains(['.', ',']) {
            return None;
        }
        let v: f64 = d.parse().ok()?;
        let sl = suffix.to_lowercase();
        let ordinal = matches!(sl.as_str(), "st" | "nd" | "rd" | "th");
        // A year glued to a following word ("2024World") is still a year.
        if !(suffix.is_empty()
            || ordinal
            || (is_year(v) && suffix.chars().next().is_some_and(char::is_uppercase)))
        {
            return None;
        }
        Some((v, ordinal, t.range.start..t.range.start + d.len()))
    };
    let year_after = |k: usize| -> Option<(i32, usize)> {
        // ", 2024" or " 2024"
        let mut k = k;
        if sc.t.get(k).is_some_and(|t| t.s == ",") {
            k += 1;
        }
        let (y, ord, _) = plain_int(k)?;
        (!ord && is_year(y) && sc.near(k - 1, k)).then_some((y as i32, k + 1))
    };
    // Month first.
    if let Some((m, used, form)) = month_at(sc, i) {
        let j = i + used;
        if let Some((d, ord, _)) = plain_int(j).filter(|_| sc.near(i, j)) {
            if (1.0..=31.0).contains(&d) && d.fract() == 0.0 {
                let (year, end) = match year_after(j + 1) {
                    Some((y, e)) => (Some(y), e),
                    None => (None, j + 1),
                };
                let style = DateStyle {
                    day_first: false,
                    month_form: form,
                    ordinal_day: ord,
                    month_capital: true,
                };
                let value = Value::Date(DateVal {
                    year,
                    month: Some(m),
                    day: Some(d as u8),
                });
                b.push(
                    i,
                    end,
                    Kind::Date,
                    value,
                    Qual::Exact,
                    0.0,
                    Vec::new(),
                    Some(style),
                    Vec::new(),
                );
                return Some(end);
            }
            if is_year(d) && !ord {
                let style = DateStyle {
                    day_first: false,
                    month_form: form,
                    ordinal_day: false,
                    month_capital: true,
                };
                let value = Value::Date(DateVal {
                    year: Some(d as i32),
                    month: Some(m),
                    day: None,
                });
                b.push(
                    i,
                    j + 1,
                    Kind::Date,
                    value,
                    Qual::Exact,
                    0.0,
                    Vec::new(),
                    Some(style),
                    Vec::new(),
                );
                return Some(j + 1);
            }
        }
        return None;
    }
    // Day first: "7 May", "14 October 2025", "the 14th of October".
    let (d, ord, _) = plain_int(i)?;
    if !(1.0..=31.0).contains(&d) {
        return None;
    }
    let mut j = i + 1;
    if ord && sc.is(j, "of") {
        j += 1;
    }
    let (m, used, form) = month_at(sc, j).filter(|_| sc.near(i, j))?;
    let (year, end) = match year_after(j + used) {
        Some((y, e)) => (Some(y), e),
        None => (None, j + used),
    };
    let style = DateStyle {
        day_first: true,
        month_form: form,
        ordinal_day: ord,
        month_capital: true,
    };
    let value = Value::Date(DateVal {
        year,
        month: Some(m),
        day: Some(d as u8),
    });
    b.push(
        i,
        end,
        Kind::Date,
        value,
        Qual::Exact,
        0.0,
        Vec::new(),
        Some(style),
        Vec::new(),
    );
    Some(end)
}

/// Scale after a number: a glued suffix (`3m`, `2.4bn`) or a word (`1.8 billion`).
/// Returns (scale, next token).
fn scale_after(sc: &Scan<'_>, n: &Num) -> (f64, usize) {
    if let Some(s) = scale_word(&n.suffix).or(match n.suffix.as_str() {
        "m" => Some(1e6),
        "b" => Some(1e9),
        "k" => Some(1e3),
        _ => None,
    }) {
        return (s, n.end);
    }
    if n.suffix.is_empty() && sc.near(n.end - 1, n.end) {
        if let Some(s) = scale_word(sc.low(n.end)) {
            return (s, n.end + 1);
        }
    }
    (1.0, n.end)
}

/// `$240 billion`, `€3m`, `US$1.8bn`, `£310 million`.
fn try_money_symbol(b: &mut Builder<'_, '_>, i: usize) -> Option<usize> {
    let sc = b.sc;
    let t = sc.t.get(i)?;
    let cur = currency_symbol(t.s)?;
    let start = if i > 0
        && sc.glued(i - 1)
        && matches!(sc.t[i - 1].s, "US" | "A" | "C" | "NZ" | "HK" | "S")
    {
        i - 1
    } else {
        i
    };
    let cur = if start < i && sc.t[i - 1].s != "US" {
        Currency::Other
    } else {
        cur
    };
    if !sc.glued(i) {
        return None;
    }
    let n = parse_number(sc, i + 1).filter(|n| !n.ordinal)?;
    let (scale, end) = scale_after(sc, &n);
    let qual = qualifier(sc, start);
    let value = n.value * scale;
    let tol = tol_of(&n, scale);
    let part = Part {
        range: n.range.clone(),
        style: n.style.clone(),
        scale,
    };
    let (counted, _) = noun_phrase(sc, end);
    let (of, _) = of_phrase(sc, end);
    let counted = if of.is_empty() { counted } else { of };
    b.push(
        start,
        end,
        Kind::Money(cur),
        Value::Num {
            lo: value,
            hi: value,
        },
        qual,
        tol,
        vec![part],
        None,
        counted,
    );
    Some(end)
}

/// `between 300 and 400 millimetres`, `300 to 400 millimetres`, `10-12 days`.
fn try_range(b: &mut Builder<'_, '_>, i: usize) -> Option<usize> {
    let sc = b.sc;
    // "from 12 to 15 percent" is a change, not a range: leave it to the single figures.
    if i > 0 && sc.is(i - 1, "from") {
        return None;
    }
    let (first_at, between) = if sc.is(i, "between") {
        (i + 1, true)
    } else {
        (i, false)
    };
    let n1 = parse_number(sc, first_at).filter(|n| !n.ordinal && !n.fraction)?;
    let sep = n1.end;
    let sep_ok = match sc.t.get(sep).map(|t| t.low.as_ref()) {
        Some("and") => between && sc.is(i, "between"),
        Some("to") => !sc.is(i, "between"),
        Some("-" | "–") => {
            !between
                && sc.glued(sep - 1)
                && sc.glued(sep)
                && sc.t[sep - 1].kind == TokenKind::Number
        }
        _ => false,
    };
    if !sep_ok || !sc.near(i, sep + 1) {
        return None;
    }
    let n2 = parse_number(sc, sep + 1).filter(|n| !n.ordinal && !n.fraction)?;
    if n2.value <= n1.value || !n1.suffix.is_empty() && scale_word(&n1.suffix).is_none() {
        return None;
    }
    // What the range measures: the unit after the second number.
    let (scale2, after) = scale_after(sc, &n2);
    let scale1 = if n1.suffix.is_empty() {
        scale2
    } else {
        scale_after(sc, &n1).0
    };
    let unit = unit_after(sc, after, &n2)?;
    let (kind, unit_scale, end, counted) = unit;
    if matches!(kind, Kind::Count | Kind::Age) && counted.is_empty() {
        return None;
    }
    let s1 = scale1 * unit_scale;
    let s2 = scale2 * unit_scale;
    let parts = vec![
        Part {
            range: n1.range.clone(),
            style: n1.style.clone(),
            scale: s1,
        },
        Part {
            range: n2.range.clone(),
            style: n2.style.clone(),
            scale: s2,
        },
    ];
    let tol = tol_of(&n1, s1).max(tol_of(&n2, s2));
    b.push(
        i,
        end,
        kind,
        Value::Num {
            lo: n1.value * s1,
            hi: n2.value * s2,
        },
        qualifier(sc, i),
        tol,
        parts,
        None,
        counted,
    );
    Some(end)
}

/// What follows a number at token `j`: (kind, unit size, end token, counted).
fn unit_after(sc: &Scan<'_>, j: usize, n: &Num) -> Option<(Kind, f64, usize, Vec<String>)> {
    // Glued unit suffixes: 41C, 225g, 128GB, 18km.
    if !n.suffix.is_empty()
        && scale_word(&n.suffix).is_none()
        && !matches!(n.suffix.as_str(), "m" | "b" | "k")
    {
        let (dim, size) = measure_unit(&n.suffix)?;
        let (counted, _) = noun_phrase(sc, j);
        return Some((Kind::Measure(dim), size, j, counted));
    }
    let t = sc.t.get(j);
    let w = sc.low(j);
    let near = sc.near(j.saturating_sub(1), j);
    // Percent.
    if t.is_some_and(|t| t.s == "%") && sc.glued(j - 1) {
        let (of, e) = of_phrase(sc, j + 1);
        let (np, _) = if of.is_empty() {
            noun_phrase(sc, j + 1)
        } else {
            (of.clone(), e)
        };
        return Some((Kind::Percent, 1.0, j + 1, np));
    }
    if near && (w == "percent" || w == "pct" || (w == "per" && sc.is(j + 1, "cent"))) {
        let e = if w == "per" { j + 2 } else { j + 1 };
        let (of, _) = of_phrase(sc, e);
        let counted = if of.is_empty() {
            noun_phrase(sc, e).0
        } else {
            of
        };
        return Some((Kind::Percent, 1.0, e, counted));
    }
    if near && w == "percentage" && matches!(sc.low(j + 1), "point" | "points") {
        return Some((Kind::PercentPoints, 1.0, j + 2, Vec::new()));
    }
    // Hyphenated compounds: 71-year-old, two-day visit, 12-point plan, 1,200-kilogram.
    if t.is_some_and(|t| t.s == "-" || t.s == "‐")
        && sc.glued(j - 1)
        && sc.glued(j)
        && sc.is_word(j + 1)
    {
        let u = sc.low(j + 1);
        if matches!(u, "year" | "years")
            && sc.glued(j + 1)
            && sc.t.get(j + 2).is_some_and(|t| t.s == "-")
            && sc.is(j + 3, "old")
        {
            let (np, _) = noun_phrase(sc, j + 4);
            return Some((Kind::Age, 1.0, j + 4, np));
        }
        if let Some((kind, size)) = time_unit(u) {
            let mut e = j + 2;
            if sc.glued(j + 1)
                && sc.t.get(j + 2).is_some_and(|t| t.s == "-")
                && sc.is(j + 3, "long")
            {
                e = j + 4;
            }
            let (np, _) = noun_phrase(sc, e);
            return Some((kind, size, e, np));
        }
        if let Some((dim, size)) = measure_unit(u) {
            let (np, _) = noun_phrase(sc, j + 2);
            return Some((Kind::Measure(dim), size, j + 2, np));
        }
        if lookup(MONTHS, u).is_some() || u.ends_with("th") && lookup(ORDINAL_WORDS, u).is_some() {
            return None;
        }
        // 12-point plan, four-way contest.
        let (np, _) = noun_phrase(sc, j + 2);
        let mut counted = vec![lemma(sc.t[j + 1].s)];
        counted.extend(np);
        return Some((Kind::Count, 1.0, j + 2, counted));
    }
    if !near {
        return None;
    }
    // "two full days", "four more years".
    if matches!(
        w,
        "full"
            | "straight"
            | "consecutive"
            | "whole"
            | "additional"
            | "more"
            | "further"
            | "extra"
            | "long"
    ) && sc.near(j, j + 1)
    {
        if let Some((kind, size)) = time_unit(sc.low(j + 1)) {
            return Some((kind, size, j + 2, Vec::new()));
        }
    }
    // Ages: "71 years old".
    if matches!(w, "year" | "years") && sc.is(j + 1, "old") {
        return Some((Kind::Age, 1.0, j + 2, Vec::new()));
    }
    if let Some((kind, size)) = time_unit(w) {
        // "a second" is not a duration of one second; "second" after digits is.
        let (of, _) = of_phrase(sc, j + 1);
        return Some((kind, size, j + 1, of));
    }
    // Speeds: "185 kilometres per hour", "115 miles an hour".
    if matches!(w, "kilometres" | "kilometers" | "km" | "miles")
        && (sc.is(j + 1, "per") || sc.is(j + 1, "an"))
        && sc.is(j + 2, "hour")
    {
        let size = if w == "miles" { 1.609_344 } else { 1.0 };
        return Some((Kind::Measure(Dimension::Speed), size, j + 3, Vec::new()));
    }
    if w == "km" && sc.t.get(j + 1).is_some_and(|t| t.s == "/") && sc.is(j + 2, "h") {
        return Some((Kind::Measure(Dimension::Speed), 1.0, j + 3, Vec::new()));
    }
    if matches!(w, "degrees" | "degree") {
        let e = if matches!(sc.low(j + 1), "celsius" | "c" | "centigrade") {
            j + 2
        } else {
            j + 1
        };
        if sc.low(j + 1) == "fahrenheit" {
            return None;
        }
        return Some((Kind::Measure(Dimension::Temperature), 1.0, e, Vec::new()));
    }
    if let Some((dim, size)) =
        measure_unit(w).filter(|_| !matches!(w, "m" | "in" | "t" | "g" | "c" | "mp" | "ha"))
    {
        let (of, _) = of_phrase(sc, j + 1);
        let counted = if of.is_empty() {
            noun_phrase(sc, j + 1).0
        } else {
            of
        };
        return Some((Kind::Measure(dim), size, j + 1, counted));
    }
    // A part of a whole: "19 of the council's 31 seats".
    if w == "of" {
        let (of, e) = of_phrase(sc, j);
        if !of.is_empty() && of_has_number(sc, j, e) {
            return Some((Kind::Count, 1.0, j, of));
        }
        return None;
    }
    // "two more people", "three additional cases": an increase on an earlier figure (the
    // toll given yesterday), not a total to compare with the siblings' totals. ("Three other
    // bidders" is often a total: other than the buyer.)
    if matches!(sc.low(j), "more" | "additional" | "further" | "extra") {
        return None;
    }
    let (np, e) = noun_phrase(sc, j);
    if np.is_empty() {
        return predicate_noun(sc, j);
    }
    Some((Kind::Count, 1.0, e, np))
}

/// "58 were adults", "12 are children": a number as the subject of "were" or "are" counts
/// the plural noun after the verb. (The figure's range stays the number.)
fn predicate_noun(sc: &Scan<'_>, j: usize) -> Option<(Kind, f64, usize, Vec<String>)> {
    if !matches!(sc.low(j), "were" | "are") || !sc.near(j, j + 1) || sc.capital(j + 1) {
        return None;
    }
    let (np, _) = noun_phrase(sc, j + 1);
    let last = sc.low(j + 1 + np.len().checked_sub(1)?);
    let plural = matches!(last, "children" | "women" | "men" | "people")
        || (last.len() > 3
            && last.ends_with('s')
            && !last.ends_with("ss")
            && !last.ends_with("ous"));
    plural.then_some((Kind::Count, 1.0, j, np))
}

fn of_has_number(sc: &Scan<'_>, from: usize, to: usize) -> bool {
    (from..to)
        .any(|k| sc.t[k].kind == TokenKind::Number || lookup(UNITS_WORDS, sc.low(k)).is_some())
}

/// `fifth term`, `12th minute`, `second-largest port`, `third quarter`.
fn try_ordinal(b: &mut Builder<'_, '_>, i: usize) -> Option<usize> {
    let sc = b.sc;
    let t = sc.t.get(i)?;
    let (value, style, range, after) = if t.kind == TokenKind::Number {
        let n = parse_number(sc, i)?;
        if !n.ordinal {
            return None;
        }
        (n.value as u32, Style::OrdinalDigits, t.range.clone(), i + 1)
    } else {
        let v = ordinal_word(sc, i)?;
        let after = if lookup(TENS_WORDS, sc.low(i)).is_some() {
            i + 3
        } else {
            i + 1
        };
        let range = t.range.start..sc.t[after - 1].range.end;
        (
            v,
            Style::OrdinalWords {
                capital: sc.capital(i),
            },
            range,
            after,
        )
    };
    // "a second", "one second", "per second", "5 seconds": a time, not a rank.
    if sc.is(i, "second") && i > 0 && matches!(sc.low(i - 1), "one" | "per" | "split") {
        return None;
    }
    // "a fifth of": a fraction, handled as a number.
    if i > 0 && matches!(sc.low(i - 1), "a" | "one") && sc.is(after, "of") {
        return None;
    }
    // second-largest, third-biggest
    let mut counted = Vec::new();
    let mut j = after;
    if sc.t.get(j).is_some_and(|t| t.s == "-")
        && sc.glued(j - 1)
        && sc.glued(j)
        && sc.is_word(j + 1)
    {
        counted.push(lemma(sc.t[j + 1].s));
        j += 2;
    }
    let (np, end) = noun_phrase(sc, j);
    if np.is_empty() {
        return None;
    }
    counted.extend(np);
    let part = Part {
        range,
        style,
        scale: 1.0,
    };
    b.push(
        i,
        end.max(j),
        Kind::Ordinal,
        Value::Num {
            lo: value as f64,
            hi: value as f64,
        },
        Qual::Exact,
        0.5,
        vec![part],
        None,
        counted,
    );
    Some(end.max(j))
}

/// Numbers inside names: `Boeing 737`, `4417 Orsa`, `Covid-19`, `Flight 370`.
fn is_identifier(sc: &Scan<'_>, i: usize, n: &Num) -> bool {
    // Glued to a word on the left: Covid-19, MS-04, G7 (single token anyway).
    if i >= 2
        && sc.t[i - 1].s == "-"
        && sc.glued(i - 2)
        && sc.glued(i - 1)
        && sc.is_word(i - 2)
        && !sc.is(i - 2, "mid")
    {
        return true;
    }
    if !n.plain_digits() {
        return false;
    }
    // A capitalised word right before (not a month, not the start of a sentence).
    if i >= 1
        && sc.capital(i - 1)
        && !sc.starts_sentence(i - 1)
        && sc.near(i - 1, i)
        && lookup(MONTHS, sc.low(i - 1)).is_none()
    {
        return true;
    }
    // A capitalised word right after a number that is no year: "4417 Orsa".
    if !is_year(n.value) && sc.capital(n.end) && sc.near(i, n.end) {
        return true;
    }
    false
}

fn try_number(b: &mut Builder<'_, '_>, i: usize) -> Option<usize> {
    let sc = b.sc;
    let n = parse_number(sc, i)?;
    if n.ordinal || n.suffix == "s" || n.suffix == "’s" {
        return None;
    }
    if n.fraction {
        return try_fraction(b, i, &n);
    }
    if matches!(n.style, Style::Words { .. }) && sc.low(i) == "one" {
        // "one of", "one at a time", "pulled one back": only "one" + noun counts.
        if sc.is(n.end, "of") {
            return None;
        }
    }
    if sc.t[i].kind == TokenKind::Number && is_identifier(sc, i, &n) {
        return Some(n.end);
    }
    // "Labour + Greens = 34 seats": the writer's sum, not a figure anyone reported.
    if i >= 1 && sc.t[i - 1].s == "=" {
        return Some(n.end);
    }
    // Times of day and scores.
    if matches!(sc.low(n.end), "a.m" | "p.m" | "am" | "pm" | "gmt" | "utc")
        || sc
            .t
            .get(n.end)
            .is_some_and(|t| t.s == ":" && sc.glued(n.end - 1))
        || sc
            .t
            .get(n.end)
            .is_some_and(|t| matches!(t.s, "-" | "–" | "/") && sc.glued(n.end - 1))
            && sc
                .t
                .get(n.end + 1)
                .is_some_and(|t| t.kind == TokenKind::Number)
    {
        return Some(n.end + 2);
    }
    let qual = qualifier(sc, i);
    // Money written with a word: "240 billion dollars", "12 million euro fund".
    let (scale, after) = scale_after(sc, &n);
    if let Some(cur) = currency_word(sc.low(after)).filter(|_| sc.near(i, after)) {
        let cur_end = after + 1;
        let (counted, _) = noun_phrase(sc, cur_end);
        let value = n.value * scale;
        let part = Part {
            range: n.range.clone(),
            style: n.style.clone(),
            scale,
        };
        b.push(
            i,
            cur_end,
            Kind::Money(cur),
            Value::Num {
                lo: value,
                hi: value,
            },
            qual,
            tol_of(&n, scale),
            vec![part],
            None,
            counted,
        );
        return Some(cur_end);
    }
    // Ages: "aged 71", "Putin, 71,", "who is 71".
    if n.plain_digits() && (1.0..=120.0).contains(&n.value) {
        let prev = if i >= 1 { sc.low(i - 1) } else { "" };
        let appositive = i >= 2
            && prev == ","
            && sc.capital(i - 2)
            && sc
                .t
                .get(n.end)
                .is_some_and(|t| matches!(t.s, "," | ")" | "."))
            && !sc.is(n.end + 1, "and")
            && lookup(MONTHS, sc.low(i - 2)).is_none();
        let aged = matches!(prev, "aged" | "age");
        let who_is = i >= 2
            && matches!(prev, "is" | "was")
            && sc.is(i - 2, "who")
            && sc.t.get(n.end).is_some_and(|t| t.kind == TokenKind::Punct);
        if appositive || aged || who_is {
            let start = if aged { i - 1 } else { i };
            let part = Part {
                range: n.range.clone(),
                style: n.style.clone(),
                scale: 1.0,
            };
            // The person: the capitalised words before the comma.
            let mut who = Vec::new();
            if appositive {
                who.push(lemma(sc.t[i - 2].s));
            }
            b.push(
                start,
                n.end,
                Kind::Age,
                Value::Num {
                    lo: n.value,
                    hi: n.value,
                },
                Qual::Exact,
                0.5,
                vec![part],
                None,
                who,
            );
            return Some(n.end);
        }
    }
    // "3m" with no currency after it: metres or millions, nobody knows.
    if matches!(n.suffix.as_str(), "m" | "b" | "k" | "bn") {
        return Some(after);
    }
    let unit = unit_after(sc, after, &n);
    let Some((kind, unit_scale, end, counted)) = unit else {
        // A year on its own: "in 2019", "the 1967 Outer Space Treaty", "by 2030".
        if is_plain_year(&n) && scale == 1.0 {
            push_year(b, i, &n, qual);
            return Some(n.end);
        }
        return Some(after);
    };
    // "the 2019 floods", "in 2019 cyclones": a year before a noun, unless it counts them
    // ("sent 2000 troops").
    if kind == Kind::Count && is_plain_year(&n) {
        let prev = if i > 0 { sc.low(i - 1) } else { "" };
        let plural =
            sc.t.get(end - 1)
                .is_some_and(|t| counted.last().is_some_and(|c| t.low.as_ref() != c.as_str()));
        let year_words = matches!(
            prev,
            "the"
                | "in"
                | "since"
                | "by"
                | "of"
                | "from"
                | "until"
                | "before"
                | "after"
                | "during"
                | "its"
                | "their"
                | "his"
                | "her"
        );
        if !plural || year_words {
            push_year(b, i, &n, qual);
            return Some(n.end);
        }
    }
    let s = scale * unit_scale;
    let part = Part {
        range: n.range.clone(),
        style: n.style.clone(),
        scale: s,
    };
    let end = end.max(n.end);
    b.push(
        i,
        end,
        kind,
        Value::Num {
            lo: n.value * s,
            hi: n.value * s,
        },
        qual,
        tol_of(&n, s),
        vec![part],
        None,
        counted,
    );
    Some(end)
}

fn is_plain_year(n: &Num) -> bool {
    is_year(n.value) && n.plain_digits() && n.range.len() == 4
}

fn push_year(b: &mut Builder<'_, '_>, i: usize, n: &Num, qual: Qual) {
    b.push(
        i,
        n.end,
        Kind::Date,
        Value::Date(DateVal {
            year: Some(n.value as i32),
            month: None,
            day: None,
        }),
        qual,
        0.0,
        Vec::new(),
        Some(DateStyle {
            day_first: false,
            month_form: 0,
            ordinal_day: false,
            month_capital: true,
        }),
        Vec::new(),
    );
}

/// `half a year`, `a quarter of their customers`, `two-thirds of voters`, `half the crop`.
fn try_fraction(b: &mut Builder<'_, '_>, i: usize, n: &Num) -> Option<usize> {
    let sc = b.sc;
    let qual = match qualifier(sc, i) {
        Qual::Exact => Qual::About,
        q => q,
    };
    let part = |scale: f64| Part {
        range: n.range.clone(),
        style: n.style.clone(),
        scale,
    };
    let tol = 0.0;
    // half a year, half an hour
    if matches!(sc.low(n.end), "a" | "an") && sc.near(i, n.end + 1) {
        if let Some((kind, size)) = time_unit(sc.low(n.end + 1)) {
            let v = n.value / 100.0 * size;
            b.push(
                i,
                n.end + 2,
                kind,
                Value::Num { lo: v, hi: v },
                qual,
                tol,
                vec![part(size / 100.0)],
                None,
                Vec::new(),
            );
            return Some(n.end + 2);
        }
    }
    let (counted, _) = if sc.is(n.end, "of") {
        of_phrase(sc, n.end)
    } else if sc.is(n.end, "the") && sc.low(i) == "half" {
        noun_phrase(sc, n.end + 1)
    } else {
        (Vec::new(), n.end)
    };
    if counted.is_empty() {
        return Some(n.end);
    }
    b.push(
        i,
        n.end,
        Kind::Percent,
        Value::Num {
            lo: n.value,
            hi: n.value,
        },
        qual,
        tol,
        vec![part(1.0)],
        None,
        counted,
    );
    Some(n.end)
}

// ---------------------------------------------------------------------------------------------
// Comparing and writing values.

/// The interval a figure allows, in base units.
fn interval(f: &Figure) -> Option<(f64, f64)> {
    let Value::Num { lo, hi } = f.value else {
        return None;
    };
    let t = f.tol;
    Some(match f.qual {
        Qual::Exact => (lo - t, hi + t),
        Qual::About => (lo * 0.85 - t, hi * 1.15 + t),
        // A bound is written as a round number: no rounding slack, only 2%.
        Qual::AtLeast => (lo - (lo.abs() * 0.02).min(t), f64::INFINITY),
        Qual::AtMost => (f64::NEG_INFINITY, hi + (hi.abs() * 0.02).min(t)),
        Qual::Nearly => (lo * 0.85 - t, hi + t),
    })
}

/// Can both figures be true at once? (Same kind assumed.)
pub fn consistent(a: &Figure, b: &Figure) -> bool {
    match (&a.value, &b.value) {
        (Value::Date(x), Value::Date(y)) => {
            let same = |p: Option<i64>, q: Option<i64>| match (p, q) {
                (Some(p), Some(q)) => p == q,
                _ => true,
            };
            same(x.year.map(i64::from), y.year.map(i64::from))
                && same(x.month.map(i64::from), y.month.map(i64::from))
                && same(x.day.map(i64::from), y.day.map(i64::from))
        }
        (Value::Num { lo: l1, hi: h1 }, Value::Num { lo: l2, hi: h2 }) => {
            // Two exact ranges: both ends must agree.
            if a.is_range() && b.is_range() && a.qual == Qual::Exact && b.qual == Qual::Exact {
                let t = a.tol.max(b.tol) + 1e-9;
                return (l1 - l2).abs() <= t && (h1 - h2).abs() <= t;
            }
            let (Some((a0, a1)), Some((b0, b1))) = (interval(a), interval(b)) else {
                return true;
            };
            // Touching is not overlapping: 71 (70.5..71.5) and 72 (71.5..72.5) differ.
            let eps = 1e-9 * (l1.abs() + h1.abs() + l2.abs() + h2.abs() + 1.0);
            (a0 < b1 - eps && b0 < a1 - eps) || ((a0 - b0).abs() <= eps && (a1 - b1).abs() <= eps)
        }
        _ => true,
    }
}

/// Do both figures state the same value (not merely compatible)? Used to group what siblings
/// say.
pub fn same_value(a: &Figure, b: &Figure) -> bool {
    consistent(a, b) && consistent(b, a)
}

fn is_bound(f: &Figure) -> bool {
    matches!(f.qual, Qual::AtLeast | Qual::AtMost)
}

/// Two mentions of one value: the same value, both stated or both bounds (`up to 185` is no
/// twin of `185`).
pub fn twin(a: &Figure, b: &Figure) -> bool {
    same_value(a, b) && is_bound(a) == is_bound(b)
}

fn words_for(n: u64) -> Option<String> {
    let n = n as u32;
    if let Some((w, _)) = UNITS_WORDS.iter().find(|(_, v)| *v == n) {
        return Some((*w).to_string());
    }
    if n < 100 {
        let tens = TENS_WORDS.iter().find(|(_, v)| *v == n / 10 * 10)?.0;
        return Some(if n % 10 == 0 {
            tens.to_string()
        } else {
            format!("{tens}-{}", UNITS_WORDS[(n % 10) as usize].0)
        });
    }
    None
}

fn ordinal_words_for(n: u32) -> Option<String> {
    if n == 1 {
        return Some("first".into());
    }
    if let Some((w, _)) = ORDINAL_WORDS.iter().find(|(_, v)| *v == n) {
        return Some((*w).to_string());
    }
    if (21..100).contains(&n) && n % 10 != 0 {
        let tens = TENS_WORDS.iter().find(|(_, v)| *v == n / 10 * 10)?.0;
        let unit = match n % 10 {
            1 => "first".to_string(),
            u => ORDINAL_WORDS.iter().find(|(_, v)| *v == u)?.0.to_string(),
        };
        return Some(format!("{tens}-{unit}"));
    }
    None
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn group_thousands(int: &str) -> String {
    let mut out = String::new();
    let n = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Write `v` (in the number's own units, before scale) in `style`. `None` when the style
/// cannot express it (words for 2.5).
pub fn render_number(v: f64, style: &Style, min_decimals: u8) -> Option<String> {
    if !v.is_finite() || v < 0.0 {
        return None;
    }
    let int = (v - v.round()).abs() < 1e-6;
    match style {
        Style::Digits { commas, decimals } => {
            let mut d = (*decimals).max(min_decimals);
            // Enough decimals to say the value.
            while d < 3
                && ((v * 10f64.powi(d as i32)).round() - v * 10f64.powi(d as i32)).abs() > 1e-6
            {
                d += 1;
            }
            let s = format!("{:.*}", d as usize, v);
            let (ip, fp) = match s.split_once('.') {
                Some((a, b)) => (a.to_string(), Some(b.to_string())),
                None => (s.clone(), None),
            };
            let ip = if *commas { group_thousands(&ip) } else { ip };
            Some(match fp {
                Some(f) => format!("{ip}.{f}"),
                None => ip,
            })
        }
        Style::Words { capital } => {
            if !int {
                return None;
            }
            let w = words_for(v.round() as u64)?;
            Some(if *capital { capitalise(&w) } else { w })
        }
        Style::OrdinalWords { capital } => {
            if !int {
                return None;
            }
            let w = ordinal_words_for(v.round() as u32)?;
            Some(if *capital { capitalise(&w) } else { w })
        }
        Style::OrdinalDigits => {
            if !int {
                return None;
            }
            let n = v.round() as u64;
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            Some(format!("{n}{suffix}"))
        }
        Style::Dozen => None,
        Style::Fraction => None,
    }
}

/// Write a date in the style of `style`, keeping only the parts the draft wrote.
pub fn render_date(v: &DateVal, style: &DateStyle, keep: &DateVal) -> Option<String> {
    let m = v.month.or(keep.month)?;
    let idx = (m as usize).checked_sub(1)?;
    let month = match style.month_form {
        1 => MONTH_AP.get(idx)?,
        2 => MONTH_SHORT.get(idx)?,
        _ => MONTH_NAMES.get(idx)?,
    };
    let day = match (keep.day, v.day) {
        (Some(_), Some(d)) | (Some(d), None) => Some(d),
        _ => None,
    };
    let year = match (keep.year, v.year) {
        (Some(_), Some(y)) | (Some(y), None) => Some(y),
        _ => None,
    };
    let day_s = day.map(|d| {
        if style.ordinal_day {
            render_number(d as f64, &Style::OrdinalDigits, 0).unwrap_or_else(|| d.to_string())
        } else {
            d.to_string()
        }
    });
    Some(match (style.day_first, day_s, year) {
        (false, Some(d), Some(y)) => format!("{month} {d}, {y}"),
        (false, Some(d), None) => format!("{month} {d}"),
        (true, Some(d), Some(y)) => format!("{d} {month} {y}"),
        (true, Some(d), None) => format!("{d} {month}"),
        (_, None, Some(y)) => format!("{month} {y}"),
        (_, None, None) => month.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::analyse;

    fn figs(text: &str) -> Vec<(String, Kind, String, Vec<String>)> {
        let a = analyse(text);
        figures(&a)
            .list
            .iter()
            .map(|f| {
                let v = match f.value {
                    Value::Num { lo, hi } if hi > lo => format!("{lo}..{hi}"),
                    Value::Num { lo, .. } => format!("{lo}"),
                    Value::Date(d) => format!("{:?}-{:?}-{:?}", d.year, d.month, d.day),
                };
                (a.slice(&f.range).to_string(), f.kind, v, f.counted.to_vec())
            })
            .collect()
    }

    fn one(text: &str) -> (String, Kind, String, Vec<String>) {
        let v = figs(text);
        assert_eq!(v.len(), 1, "{text:?}: {v:#?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn percentages_in_three_spellings() {
        for t in [
            "won 87 percent of the vote",
            "won 87% of the vote",
            "won 87 per cent of the vote",
        ] {
            let (_, k, v, c) = one(t);
            assert_eq!(
                (k, v.as_str(), c),
                (Kind::Percent, "87", vec!["vote".to_string()]),
                "{t}"
            );
        }
        let (s, k, v, _) = one("Turnout was 47.5 percent.");
        assert_eq!(
            (s.as_str(), k, v.as_str()),
            ("47.5 percent", Kind::Percent, "47.5")
        );
    }

    #[test]
    fn money_in_symbols_words_and_suffixes() {
        let (s, k, v, _) = one("Trade rose to $240 billion in May.");
        assert_eq!(
            (s.as_str(), k, v.as_str()),
            ("$240 billion", Kind::Money(Currency::Usd), "240000000000")
        );
        let (_, k, v, _) = one("They paid 240 billion dollars for it.");
        assert_eq!(
            (k, v.as_str()),
            (Kind::Money(Currency::Usd), "240000000000")
        );
        let (s, k, v, _) = one("a €3m fund");
        assert_eq!(
            (s.as_str(), k, v.as_str()),
            ("€3m", Kind::Money(Currency::Eur), "3000000")
        );
        let (s, k, v, _) = one("worth US$1.8bn today");
        assert_eq!(
            (s.as_str(), k, v.as_str()),
            ("US$1.8bn", Kind::Money(Currency::Usd), "1800000000")
        );
        let (_, k, v, _) = one("a 12 million euro fund");
        assert_eq!((k, v.as_str()), (Kind::Money(Currency::Eur), "12000000"));
    }

    #[test]
    fn ages_dates_and_years() {
        assert_eq!(one("The 71-year-old leader spoke.").1, Kind::Age);
        assert_eq!(one("He was aged 71 at the time.").2, "71");
        let (s, k, _, _) = one("Governor Anselm Ruhle, 63, declared an emergency.");
        assert_eq!((s.as_str(), k), ("63", Kind::Age));
        for (t, want) in [
            ("It begins on May 7 after the vote.", "None-Some(5)-Some(7)"),
            ("It begins on 7 May after the vote.", "None-Some(5)-Some(7)"),
            (
                "It begins on May 7th after the vote.",
                "None-Some(5)-Some(7)",
            ),
            (
                "The war began on Feb. 24, 2022, at dawn.",
                "Some(2022)-Some(2)-Some(24)",
            ),
            ("In February 2022 they met.", "Some(2022)-Some(2)-None"),
            ("They met in 2019 again.", "Some(2019)-None-None"),
        ] {
            let (_, k, v, _) = one(t);
            assert_eq!((k, v.as_str()), (Kind::Date, want), "{t}");
        }
    }

    #[test]
    fn durations_counts_and_ordinals() {
        let (s, k, _, c) = one("a two-day state visit to China");
        assert_eq!(
            (s.as_str(), k, c),
            (
                "two-day",
                Kind::ShortDuration,
                vec!["state".to_string(), "visit".to_string()]
            )
        );
        let (_, k, _, c) = one("extended his 24-year tenure");
        assert_eq!((k, c), (Kind::LongDuration, vec!["tenure".to_string()]));
        let (_, k, _, c) = one("marking 75 years of diplomatic relations");
        assert_eq!(
            (k, c),
            (
                Kind::LongDuration,
                vec!["diplomatic".to_string(), "relation".to_string()]
            )
        );
        let (s, k, v, c) = one("against three minor opponents in an election");
        assert_eq!(
            (s.as_str(), k, v.as_str(), c),
            (
                "three minor opponents",
                Kind::Count,
                "3",
                vec!["minor".to_string(), "opponent".to_string()]
            )
        );
        let (_, k, v, c) = one("The 12-point peace plan called for talks.");
        assert_eq!(
            (k, v.as_str(), c),
            (
                Kind::Count,
                "12",
                vec!["point".to_string(), "peace".to_string(), "plan".to_string()]
            )
        );
        let (s, k, v, _) = one("his fifth term in office");
        assert_eq!(
            (s.as_str(), k, v.as_str()),
            ("fifth term", Kind::Ordinal, "5")
        );
        let (_, k, v, _) = one("A dozen fishing boats sank.");
        assert_eq!((k, v.as_str()), (Kind::Count, "12"));
        let v = figs("won 19 of the council's 31 seats");
        assert_eq!(
            (v[0].0.as_str(), v[0].1, v[0].3.clone()),
            ("19", Kind::Count, vec!["seat".to_string()])
        );
        assert_eq!(v[1].0, "31 seats");
        let (_, k, v, _) = one("in just over half a year");
        assert_eq!((k, v.as_str()), (Kind::LongDuration, "6"));
    }

    #[test]
    fn ranges_and_measures() {
        let (_, k, v, _) = one("between 300 and 400 millimetres of rain");
        assert_eq!(
            (k, v.as_str()),
            (Kind::Measure(Dimension::Length), "0.3..0.4")
        );
        let (_, k, v, _) = one("a stay of 10-12 days");
        assert_eq!((k, v.as_str()), (Kind::ShortDuration, "864000..1036800"));
        let (_, k, v, _) = one("winds of 185 km/h battered the coast");
        assert_eq!((k, v.as_str()), (Kind::Measure(Dimension::Speed), "185"));
        let (_, k, _, _) = one("winds of 185 kilometres per hour battered the coast");
        assert_eq!(k, Kind::Measure(Dimension::Speed));
    }

    #[test]
    fn names_times_scores_and_sequence_words_are_not_figures() {
        for t in [
            "The Boeing 737 landed.",
            "It landed on 4417 Orsa yesterday.",
            "Cases of Covid-19 fell.",
            "They won 3-1 at home.",
            "We met at 4 p.m. there.",
            "His first trip abroad.",
            "It was the last straw.",
            "In the 1960s it was quiet.",
            "A city of 240,000 voted.",
            "He pulled one back late.",
        ] {
            assert!(figs(t).is_empty(), "{t}: {:?}", figs(t));
        }
    }

    #[test]
    fn qualifiers_widen_the_comparison() {
        let a = analyse("more than 100 people died");
        let b = analyse("130 people died");
        let c = analyse("90 people died");
        let (fa, fb, fc) = (
            &figures(&a).list[0],
            &figures(&b).list[0],
            &figures(&c).list[0],
        );

        assert_eq!(fa.qual, Qual::AtLeast);
        assert!(consistent(fa, fb));
        assert!(!consistent(fa, fc));
        let d = analyse("87.3 percent of the vote");
        let e = analyse("87 percent of the vote");
        assert!(consistent(&figures(&d).list[0], &figures(&e).list[0]));
    }

    #[test]
    fn rendering_keeps_the_format() {
        assert_eq!(
            render_number(
                87.0,
                &Style::Digits {
                    commas: false,
                    decimals: 0
                },
                0
            )
            .unwrap(),
            "87"
        );
        assert_eq!(
            render_number(
                2900.0,
                &Style::Digits {
                    commas: true,
                    decimals: 0
                },
                0
            )
            .unwrap(),
            "2,900"
        );
        assert_eq!(
            render_number(
                1.8,
                &Style::Digits {
                    commas: false,
                    decimals: 0
                },
                0
            )
            .unwrap(),
            "1.8"
        );
        assert_eq!(
            render_number(3.0, &Style::Words { capital: true }, 0).unwrap(),
            "Three"
        );
        assert_eq!(
            render_number(87.0, &Style::Words { capital: false }, 0).unwrap(),
            "eighty-seven"
        );
        assert_eq!(
            render_number(5.0, &Style::OrdinalWords { capital: false }, 0).unwrap(),
            "fifth"
        );
        assert_eq!(
            render_number(22.0, &Style::OrdinalDigits, 0).unwrap(),
            "22nd"
        );
        let d = DateVal {
            year: None,
            month: Some(5),
            day: Some(7),
        };
        let keep = DateVal {
            year: None,
            month: Some(5),
            day: Some(9),
        };
        let st = DateStyle {
            day_first: true,
            month_form: 0,
            ordinal_day: false,
            month_capital: true,
        };
        assert_eq!(render_date(&d, &st, &keep).unwrap(), "7 May");
    }

    #[test]
    fn never_panics_on_random_figure_soup() {
        const POOL: &[&str] = &[
            "3", "14", "2,900", "4.6", "1,2", "7th", "21st", "2024", "1932", "$", "€", "£", "US",
            "%", "percent", "per", "cent", "-", "–", "year", "old", "years", "day", "aged", "May",
            "Feb", ".", ",", "between", "and", "to", "a", "dozen", "half", "third", "of", "the",
            "billion", "m", "bn", "km", "/", "h", "fifth", "second", "twenty", "-", "five",
            "people", "more", "than", "up", "about", "“", "”", "\n", "\n\n", "é", "🦀", "(", ")",
        ];
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..400 {
            let mut t = String::new();
            for _ in 0..(x % 60) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                t.push_str(POOL[(x % POOL.len() as u64) as usize]);
                if x % 3 != 0 {
                    t.push(' ');
                }
            }
            let a = analyse(&t);
            for f in &figures(&a).list {
                assert!(
                    f.range.start < f.range.end && f.range.end <= t.len(),
                    "{t:?}"
                );
                assert!(t.is_char_boundary(f.range.start) && t.is_char_boundary(f.range.end));
                for p in f.parts.iter() {
                    let r = f.part_range(p);
                    assert!(f.range.start <= r.start && r.end <= f.range.end, "{t:?}");
                }
            }
            let b = analyse(&t.replace('3', "4"));
            let _ = crate::engine::testing::run_rule("figure", &t, &[a.text(), b.text()]);
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "",
            "$",
            "€ 3",
            "1,2,3",
            "5.5.5 percent",
            "- - -",
            "twenty-",
            "a dozen",
            "May",
            "31 May 99999",
            "££££",
            "½ of it",
            "٣ people",
            "10,000,000,000,000,000,000,000 dollars",
        ] {
            let _ = figs(t);
        }
    }
}
