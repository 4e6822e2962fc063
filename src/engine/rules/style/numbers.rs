//! Numbers in running text: spell out one to nine, use figures from 10.
//!
//! ## What it finds
//! AP Stylebook, "numerals": spell out whole numbers below 10 and use figures for 10 and above.
//! Reported in running text (not headlines, captions, tables or quotations):
//! - a figure from 1 to 9 that counts something: "3 rivals" → "three rivals"; an ordinal
//!   "5th term" → "fifth term";
//! - a spelled-out number from 10 to 99 mid-sentence: "fifteen people" → "15 people";
//! - a spelled-out number below 10 where AP always uses figures: ages ("five-year-old",
//!   "five years old") and percentages ("five percent"); not under the UK profile.
//!
//! AP's exceptions stay as they are: ages ("a 5-year-old", "Smith, 7,", "the second dose at 4
//! years", "ranging in age from 5 months to 47 years"), percentages
//! ("3 percent"), money ("$5", "5 cents", "2 million"), dimensions, distances, weights, speeds
//! and temperatures ("6 feet", "4 miles", "9 mph", "5 degrees"), times ("3 p.m.", "2 hours",
//! "4:30"), dates ("May 7"), scores, votes and ratios ("5-4", "5 to 4", "1 in 5"), compound
//! modifiers ("2-day"), designations ("No. 1", "Game 7", "page 3", "Category 4", "Route 9"),
//! addresses ("5 Main St."), decimals and fractions. A number that begins a sentence is
//! `style/sentence-start-numeral`'s business.
//!
//! ## Why it matters
//! The one-to-nine rule is the best-known line of the AP Stylebook and the first thing a copy
//! editor changes in copy from outside the newsroom.
//!
//! ## Example
//! ```text
//! He won 87 percent of the vote against 3 rivals.
//!                                       ^ AP: “three”
//! ```
//!
//! ## Fix safety
//! Unsafe: the exceptions are many and some depend on meaning (a sports statistic, a model
//! number), so an editor confirms each rewrite.
//!
//! ## Configuration
//! Follows AP Stylebook, "numerals" (British houses such as the Guardian follow the same
//! one-to-nine rule). Turn it off with `[rules] "style/numbers" = "off"`, or the whole family
//! with `[style] profile = "none"`.

use crate::engine::analysis::{Analysis, TokenKind};
use crate::engine::finding::{Edit, Finding, Fix, Severity};
use crate::engine::rules::{Context, Rule};

use super::dates::month;
use super::text::{Start, StyleText};

pub struct Numbers;

const ONES: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const ORDINALS: [&str; 10] = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
];

/// Words after a figure that make it one of AP's exceptions (units, money, time, percent).
const UNITS: &[&str] = &[
    "percent",
    "pct",
    "per",
    "percentage",
    "million",
    "billion",
    "trillion",
    "bn",
    "mn",
    "a.m",
    "p.m",
    "am",
    "pm",
    "o",
    "feet",
    "foot",
    "ft",
    "inches",
    "inch",
    "meters",
    "metres",
    "meter",
    "metre",
    "km",
    "kilometers",
    "kilometres",
    "kilometer",
    "kilometre",
    "miles",
    "mile",
    "mi",
    "mph",
    "kph",
    "knots",
    "cm",
    "centimeters",
    "centimetres",
    "mm",
    "millimeters",
    "millimetres",
    "kg",
    "kilograms",
    "kilogram",
    "kilos",
    "grams",
    "gram",
    "mg",
    "pounds",
    "pound",
    "lb",
    "lbs",
    "ounces",
    "ounce",
    "oz",
    "tons",
    "ton",
    "tonnes",
    "tonne",
    "degrees",
    "degree",
    "acres",
    "acre",
    "hectares",
    "hectare",
    "yards",
    "yard",
    "yd",
    "gallons",
    "gallon",
    "liters",
    "litres",
    "liter",
    "litre",
    "ml",
    "cents",
    "cent",
    "dollars",
    "dollar",
    "euros",
    "euro",
    "yen",
    "yuan",
    "rupees",
    "rubles",
    "roubles",
    "pesos",
    "francs",
    "points",
    "point",
    "seconds",
    "second",
    "secs",
    "minutes",
    "minute",
    "mins",
    "hours",
    "hour",
    "hrs",
    "x",
    "volts",
    "watts",
    "calories",
    "carats",
    "karats",
    "stories",
    "storeys",
    "goals",
    "runs",
    "wickets",
    "strokes",
    "shots",
    "under",
    "over",
    "seed",
    "seeds",
    "teraflops",
    "gigaflops",
    "bytes",
    "kilobytes",
    "megabytes",
    "gigabytes",
    "terabytes",
    "kilobyte",
    "megabyte",
    "gigabyte",
    "terabyte",
    "kb",
    "mb",
    "gb",
    "tb",
    "bits",
    "megapixels",
    "pixels",
    "ghz",
    "mhz",
    "amps",
    "mah",
    "kwh",
    "rpm",
    "fps",
];

/// Words before a figure that make it a designation or an age.
const DESIGNATORS: &[&str] = &[
    "no",
    "nos",
    "number",
    "page",
    "pages",
    "p",
    "pp",
    "chapter",
    "room",
    "grade",
    "level",
    "phase",
    "stage",
    "step",
    "size",
    "version",
    "model",
    "act",
    "scene",
    "route",
    "gate",
    "game",
    "round",
    "lane",
    "platform",
    "channel",
    "district",
    "ward",
    "category",
    "class",
    "type",
    "article",
    "section",
    "item",
    "figure",
    "fig",
    "table",
    "exhibit",
    "week",
    "day",
    "season",
    "episode",
    "volume",
    "vol",
    "issue",
    "track",
    "verse",
    "line",
    "unit",
    "apartment",
    "apt",
    "suite",
    "floor",
    "seat",
    "terminal",
    "pier",
    "berth",
    "tier",
    "group",
    "pool",
    "heat",
    "lap",
    "hole",
    "set",
    "race",
    "division",
    "zone",
    "sector",
    "bay",
    "dock",
    "box",
    "question",
    "clause",
    "rule",
    "amendment",
    "proposition",
    "measure",
    "exit",
    "aged",
    "age",
    "ages",
    "under",
    "plus",
    "minus",
    "times",
    "divided",
    "multiplied",
    "equals",
    "defcon",
    "tranche",
    "wave",
    "block",
    "lot",
    "stand",
    "bus",
    "flight",
];

/// Words that join two figures into a range, a ratio, a score or a dimension.
const JOINERS: &[&str] = &[
    "to", "in", "of", "and", "or", "by", "out", "x", "from", "than",
];

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// The spelled-out value of a word from "ten" to "ninety".
fn big_word(w: &str) -> Option<u32> {
    Some(match w {
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// The value of "zero" to "nine".
fn small_word(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        _ => return None,
    })
}

fn previous_word(a: &Analysis, i: usize) -> Option<usize> {
    let text = a.text();
    let mut j = i.checked_sub(1)?;
    // Skip an abbreviation's full stop: "No. 3".
    if &text[a.tokens[j].range.clone()] == "." {
        j = j.checked_sub(1)?;
        if a.tokens[j].range.end != a.tokens[j + 1].range.start {
            return None;
        }
    }
    let between = &text[a.tokens[j].range.end..a.tokens[i].range.start];
    (matches!(a.tokens[j].kind, TokenKind::Word | TokenKind::Number)
        && between.chars().all(|c| c == '.' || c.is_whitespace()))
    .then_some(j)
}

fn next_word(a: &Analysis, i: usize) -> Option<usize> {
    let j = i + 1;
    let t = a.tokens.get(j)?;
    let between = &a.text()[a.tokens[i].range.end..t.range.start];
    (matches!(t.kind, TokenKind::Word | TokenKind::Number)
        && !between.is_empty()
        && between.chars().all(|c| c == ' ' || c == '\u{a0}'))
    .then_some(j)
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

impl Rule for Numbers {
    crate::rule_meta!("style/numbers", Severity::Hint, "numbers.rs");

    fn scope(&self, _: &crate::engine::config::Config) -> crate::engine::rules::Scope {
        crate::engine::rules::Scope::Paragraph
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(settings) = super::active(cx, self.id()) else {
            return;
        };
        // Figures for ages and percentages even below 10 is AP's rule, not every house's.
        let ap = settings.profile != super::Profile::Uk;
        let a = cx.analysis;
        let text = a.text();
        let st = StyleText::of(a);
        let word = |j: usize| &text[a.tokens[j].range.clone()];
        for (i, t) in a.tokens.iter().enumerate() {
            let s = &text[t.range.clone()];
            let first = s.as_bytes()[0];
            let small_figure = t.kind == TokenKind::Number
                && (s.len() == 1 && (b'1'..=b'9').contains(&first)
                    || s.len() == 3
                        && (b'1'..=b'9').contains(&first)
                        && matches!(&s[1..], "st" | "nd" | "rd" | "th"));
            let spelled = t.kind == TokenKind::Word
                && (3..=9).contains(&s.len())
                && matches!(first, b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'z')
                && s.as_bytes()[0].is_ascii_lowercase()
                && (big_word(s).is_some() || small_word(s).is_some());
            if !small_figure && !spelled {
                continue;
            }
            if !st.is_running(t.range.start)
                || st.in_quote(t.range.start)
                || st.in_markup(t.range.start)
                || st.start[i] != Start::No
            {
                continue;
            }
            let before = text[..t.range.start].chars().next_back();
            let after = text[t.range.end..].chars().next();
            if small_figure {
                let n = (first - b'0') as usize;
                let ordinal = s.len() == 3;
                // Glued to something: "$5", "5%", "5-4", "3/4", "(3)", "4:30", "#9".
                if before.is_some_and(|c| !c.is_whitespace())
                    || after.is_some_and(|c| {
                        !c.is_whitespace() && !matches!(c, ',' | ';' | '.' | '!' | '?' | '”')
                    })
                {
                    continue;
                }
                // A list item's number: "2. Norway", "3) Refund".
                let line_start = text[..t.range.start]
                    .rsplit('\n')
                    .next()
                    .is_some_and(|l| l.chars().all(|c| c.is_whitespace() || c == '>'));
                if line_start && matches!(after, Some('.' | ')')) {
                    continue;
                }
                // Arithmetic: "2^15 - 1", "3 + 4".
                let op = |c: Option<char>| c.is_some_and(|c| "-+*/=^×÷<>≤≥".contains(c));
                if before == Some(' ') && op(text[..t.range.start].trim_end().chars().next_back())
                    || after == Some(' ') && op(text[t.range.end..].trim_start().chars().next())
                {
                    continue;
                }
                // A series of figures: "1, 2 and 3".
                if after == Some(',')
                    && text[t.range.end + 1..]
                        .trim_start_matches(' ')
                        .starts_with(|c: char| c.is_ascii_digit())
                {
                    continue;
                }
                let pw = previous_word(a, i);
                if let Some(p) = pw {
                    let w = word(p);
                    let lw = lower(w);
                    if month(w).is_some()
                        || a.tokens[p].kind == TokenKind::Number
                        || DESIGNATORS.contains(&lw.as_str())
                        || (is_capitalised(w) && st.start[p] == Start::No)
                        || w.chars().skip(1).any(char::is_uppercase)
                    {
                        continue;
                    }
                    // "5 to 4" seen from the second figure: "to" after a figure.
                    if JOINERS.contains(&lw.as_str())
                        && previous_word(a, p)
                            .is_some_and(|q| a.tokens[q].kind == TokenKind::Number)
                    {
                        continue;
                    }
                }
                // An age after a name: "Smith, 7, said".
                if before == Some(' ')
                    && text[..t.range.start].trim_end().ends_with(',')
                    && after == Some(',')
                {
                    continue;
                }
                let nw = next_word(a, i);
                if let Some(q) = nw {
                    let w = word(q);
                    let lw = lower(w);
                    if UNITS.contains(&lw.as_str())
                        || is_capitalised(w)
                        || a.tokens[q].kind == TokenKind::Number
                    {
                        continue;
                    }
                    if JOINERS.contains(&lw.as_str())
                        && next_word(a, q).is_some_and(|r| a.tokens[r].kind == TokenKind::Number)
                    {
                        continue;
                    }
                    // "5 years old", "3 months old": an age.
                    if matches!(lw.as_str(), "years" | "year" | "months" | "weeks" | "days")
                        && next_word(a, q).is_some_and(|r| word(r) == "old")
                    {
                        continue;
                    }
                    // "the second dose at 4 years", "in age from 5 months": an age too.
                    if matches!(lw.as_str(), "years" | "year" | "months" | "month") {
                        let mut back = Vec::new();
                        let mut k = pw;
                        while let Some(p) = k.filter(|_| back.len() < 3) {
                            back.push(lower(word(p)));
                            k = previous_word(a, p);
                        }
                        if back.first().is_some_and(|w| w == "at")
                            || back
                                .iter()
                                .any(|w| matches!(w.as_str(), "age" | "ages" | "aged"))
                        {
                            continue;
                        }
                    }
                } else if ordinal {
                    continue;
                }
                // "5th term" but not "the 7th of May" (a date, rewritten by hand).
                if ordinal
                    && nw.is_none_or(|q| {
                        !word(q).starts_with(|c: char| c.is_lowercase()) || word(q) == "of"
                    })
                {
                    continue;
                }
                let spelled = if ordinal { ORDINALS[n] } else { ONES[n] };
                out.push(
                    Finding::new(
                        self.id(),
                        t.range.clone(),
                        format!("AP style spells out numbers below 10: “{spelled}”, not “{s}”"),
                    )
                    .with_fix(Fix::unsafe_(
                        format!("Write “{spelled}”"),
                        vec![Edit::replace(t.range.clone(), spelled)],
                    )),
                );
                continue;
            }

            // A spelled-out number.
            let mut end_tok = i;
            let mut value = big_word(s)
                .unwrap_or_else(|| ONES.iter().position(|x| *x == s).unwrap_or(0) as u32);
            // "twenty-five"
            if value >= 20 && value % 10 == 0 {
                if let (Some(h), Some(u)) = (a.tokens.get(i + 1), a.tokens.get(i + 2)) {
                    let us = &text[u.range.clone()];
                    if &text[h.range.clone()] == "-"
                        && h.range.start == t.range.end
                        && u.range.start == h.range.end
                    {
                        if let Some(k) = ONES.iter().position(|x| *x == us).filter(|k| *k > 0) {
                            value += k as u32;
                            end_tok = i + 2;
                        }
                    }
                }
            }
            if i > 0 {
                let p = &a.tokens[i - 1];
                if p.range.end == t.range.start {
                    continue; // "ninety-nine" seen from its second half, or glued to something
                }
            }
            let end = a.tokens[end_tok].range.end;
            // What follows: a hyphenated compound, a unit or an age.
            let next = a.tokens.get(end_tok + 1);
            let glued = next.filter(|n| n.range.start == end);
            let mut age = false;
            if let Some(g) = glued {
                let gs = &text[g.range.clone()];
                if gs != "-" {
                    if !matches!(gs, "," | "." | ";" | "!" | "?" | "”" | "\"" | ")") {
                        continue;
                    }
                } else {
                    // "five-year-old" is an age (figures); any other compound ("ten-day",
                    // "twenty-first", "one-time") is left alone.
                    let rest = &text[end..];
                    if rest.starts_with("-year-old") || rest.starts_with("-month-old") {
                        age = true;
                    } else {
                        continue;
                    }
                }
            }
            let nw = next_word(a, end_tok);
            let nws = nw.map(|q| lower(word(q))).unwrap_or_default();
            if matches!(
                nws.as_str(),
                "hundred" | "thousand" | "million" | "billion" | "trillion" | "o" | "and"
            ) || nw.is_some_and(|q| a.tokens[q].kind == TokenKind::Number)
            {
                continue;
            }
            let percent = matches!(nws.as_str(), "percent")
                || nws == "per"
                    && nw
                        .and_then(|q| next_word(a, q))
                        .is_some_and(|r| word(r) == "cent");
            let years_old = matches!(nws.as_str(), "years" | "year" | "months")
                && nw
                    .and_then(|q| next_word(a, q))
                    .is_some_and(|r| word(r) == "old");
            if value < 10 && !(ap && (age || percent || years_old)) {
                continue;
            }
            // "one" is as often a pronoun or an article as a number ("one of the", "no one").
            if value == 1 && !(age || years_old) {
                continue;
            }
            let written = &text[t.range.start..end];
            let figure = value.to_string();
            let why = if value < 10 {
                "AP style uses figures for ages and percentages"
            } else {
                "AP style uses figures from 10"
            };
            out.push(
                Finding::new(
                    self.id(),
                    t.range.start..end,
                    format!("{why}: “{figure}”, not “{written}”"),
                )
                .with_fix(Fix::unsafe_(
                    format!("Write “{figure}”"),
                    vec![Edit::replace(t.range.start..end, figure.clone())],
                )),
            );
        }
    }
}
