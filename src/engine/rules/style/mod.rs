//! The `style` rule family: house style (AP by default) and a draft's consistency with itself.
//!
//! Every rule here has a lower default severity than the other families (info or hint), can be
//! switched off by id in `[rules]`, and reads the `[style]` section of `copydesk.toml`:
//!
//! ```toml
//! [style]
//! profile = "ap"        # "ap" (default) | "uk" | "none" (the family is off unless a rule is
//!                       # switched on by name in [rules])
//! spelling = "us"       # "us" | "uk" | "any" (any: only a draft that mixes the two is reported)
//! percent = "percent"   # "percent" | "per cent" | "%" | "any"
//! ellipsis = "…"        # "…" | "..." | "any"
//! quotes = "any"        # "curly" | "straight" | "any" (any: the draft's own majority)
//! ```
//!
//! A profile is a set of defaults; each knob set in `[style]` overrides its profile.

use serde::Deserialize;

use super::{Context, Rule};
use crate::engine::config::RuleSetting;

mod date_ordinal;
mod dates;
mod double_space;
mod ellipsis;
mod em_dash;
mod honorific;
mod month_abbreviation;
mod month_year_comma;
mod name_variant;
mod numbers;
mod percent;
mod quote_marks;
mod sentence_start_numeral;
mod space_before_punctuation;
mod spelling;
pub(crate) mod spelling_table;
mod text;
mod unbalanced;

#[cfg(test)]
mod tests;

/// A named set of house-style defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// The Associated Press Stylebook, as most US newsrooms use it.
    #[default]
    Ap,
    /// British copy: UK spellings, "per cent", no month abbreviations ("7 May").
    Uk,
    /// No house style: the family is off unless a rule is switched on in `[rules]`.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Spelling {
    #[serde(rename = "us")]
    Us,
    #[serde(rename = "uk")]
    Uk,
    /// Either, as long as one draft does not mix them.
    #[serde(rename = "any")]
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Percent {
    #[serde(rename = "percent")]
    Percent,
    #[serde(rename = "per cent")]
    PerCent,
    #[serde(rename = "%")]
    Sign,
    /// Any one of them, as long as one draft does not mix them.
    #[serde(rename = "any")]
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Ellipsis {
    /// The single character "…".
    #[serde(rename = "…")]
    Char,
    /// Three full stops.
    #[serde(rename = "...")]
    Dots,
    #[serde(rename = "any")]
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Quotes {
    #[serde(rename = "curly")]
    Curly,
    #[serde(rename = "straight")]
    Straight,
    /// The draft's own majority style.
    #[serde(rename = "any")]
    Any,
}

/// `[style]` in `copydesk.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StyleConfig {
    pub profile: Profile,
    pub spelling: Option<Spelling>,
    pub percent: Option<Percent>,
    pub ellipsis: Option<Ellipsis>,
    pub quotes: Option<Quotes>,
}

/// The knobs after the profile's defaults and the house overrides are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub profile: Profile,
    pub spelling: Spelling,
    pub percent: Percent,
    pub ellipsis: Ellipsis,
    pub quotes: Quotes,
}

impl StyleConfig {
    pub fn validate(&self) -> Result<(), String> {
        // Every knob is an enum checked by serde when the file is read; nothing else to check.
        Ok(())
    }

    pub fn settings(&self) -> Settings {
        let (spelling, percent) = match self.profile {
            Profile::Ap | Profile::None => (Spelling::Us, Percent::Percent),
            Profile::Uk => (Spelling::Uk, Percent::PerCent),
        };
        Settings {
            profile: self.profile,
            spelling: self.spelling.unwrap_or(spelling),
            percent: self.percent.unwrap_or(percent),
            ellipsis: self.ellipsis.unwrap_or(Ellipsis::Char),
            quotes: self.quotes.unwrap_or(Quotes::Any),
        }
    }

    /// Whether the profile turns `rule` on when `[rules]` says nothing about it.
    fn profile_enables(&self, rule: &str) -> bool {
        match self.profile {
            Profile::Ap => true,
            // British dates are written "7 May 2024": AP's month abbreviations do not apply.
            Profile::Uk => rule != "style/month-abbreviation",
            Profile::None => false,
        }
    }
}

/// The settings a style rule runs with, or `None` when the profile leaves it off. A rule
/// switched on (or given a severity) in `[rules]`, by id or as the family, always runs.
pub(crate) fn active(cx: &Context<'_>, rule: &str) -> Option<Settings> {
    let style = &cx.config.style;
    let on = match cx.config.rule_setting(rule) {
        Some(RuleSetting::Off) => false,
        Some(RuleSetting::On) | Some(RuleSetting::Severity(_)) => true,
        None => style.profile_enables(rule),
    };
    on.then(|| style.settings())
}

/// Builds the per-analysis data the style rules share (for timing it apart from the rules).
#[doc(hidden)]
pub fn shared_text_for_timing(a: &crate::engine::analysis::Analysis) -> usize {
    text::StyleText::of(a).blocks.len()
}

pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(date_ordinal::DateOrdinal),
        Box::new(month_abbreviation::MonthAbbreviation),
        Box::new(month_year_comma::MonthYearComma),
        Box::new(numbers::Numbers),
        Box::new(sentence_start_numeral::SentenceStartNumeral),
        Box::new(percent::PercentRule),
        Box::new(quote_marks::QuoteMarks),
        Box::new(unbalanced::Unbalanced),
        Box::new(name_variant::NameVariant),
        Box::new(honorific::Honorific),
        Box::new(spelling::SpellingVariant),
        Box::new(double_space::DoubleSpace),
        Box::new(space_before_punctuation::SpaceBeforePunctuation),
        Box::new(em_dash::EmDash),
        Box::new(ellipsis::EllipsisRule),
    ]
}
