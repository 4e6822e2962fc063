//! Chart residue: the axis ticks, values and legend of a data graphic, one per line.
//!
//! ## What it finds
//! A run of short lines at least six of which are bare figures (“$915”, “600”, “13.0%”,
//! “’17”, “billion”) and which otherwise holds only short labels (“RECESSIONS”, “Net
//! interest”) and the graphic's source line (“By The Ledger | Source: Port Authority”). The
//! figures must make up at least half of the run; leading and trailing labels stay unless they
//! are the source line.
//!
//! ## Why it matters
//! A chart on the page becomes dozens of one-number lines when the page's text is copied. They
//! carry no sentence and cannot be printed; the numbers belong to the graphic.
//!
//! ## Example
//! ```text
//! Interest payments on the debt
//! $900          <- one block, from "$900" to the source line
//! billion
//! 600
//! 300
//! ’18
//! ’20
//! By The Ledger | Source: Budget Office
//! ```
//! Left alone: numbered lists (“1. Finland”), tables of names and figures, and any run with
//! fewer than six bare figures.
//!
//! ## Fix safety
//! Safe for long runs (eight figures or more, mostly figures); unsafe otherwise, since the
//! run may be a table the editor wants to rebuild.

use std::sync::LazyLock;

use regex::Regex;

use super::line::LineView;
use super::scan::{Cand, Pass};
use super::Kind;
use crate::engine::finding::{Finding, Severity};
use crate::engine::rules::{Context, Rule};

pub struct Chart;

impl Rule for Chart {
    crate::rule_meta!("debris/chart", Severity::Warning, "chart.rs");

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        super::scan::report(cx, Kind::Chart, out);
    }
}

const UNITS: &[&str] = &[
    "billion", "million", "trillion", "thousand", "bn", "m", "k", "percent", "pct", "%", "bln",
    "mln", "pts", "points",
];

/// A bare figure: "$915", "600", "13.0%", "’17", "-2.5", "billion", "1,440p" is not.
fn is_tick(l: &LineView<'_>) -> bool {
    let t = &*l.key;
    if t.is_empty() || t.len() > 16 || l.words > 2 {
        return false;
    }
    let mut digit = false;
    for w in t.split(' ') {
        if UNITS.contains(&w) {
            continue;
        }
        let w = w.trim_start_matches(['$', '£', '€', '¥', '\'', '+', '-', '−', '–']);
        let w = w.trim_end_matches(['%', '+']);
        if w.is_empty()
            || !w
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return false;
        }
        digit = true;
    }
    digit || UNITS.contains(&t)
}

static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\|\s*|\.\s+)(?:source|sources|data|graphic|chart)s?\s*:")
        .expect("source regex")
});

/// A legend or axis label: a few words, no sentence.
fn is_label(l: &LineView<'_>) -> bool {
    l.words <= 7 && !l.ends_sentence() && !l.key.is_empty()
}

pub(super) fn mark(p: &mut Pass<'_>) {
    let n = p.len();
    let mut i = 0;
    while i < n {
        let mut j = i;
        let mut ticks = 0;
        while j < n && (j == i || p.adj[j - 1]) && !p.st[j].body {
            let l = &p.lines[j];
            let source = l.words <= 20 && l.plain.contains(':') && SOURCE.is_match(&l.plain);
            // The graphic's credit line may already be read as a photo credit.
            if !p.free(j) && !(source && p.kind(j) == Some(Kind::PhotoCredit) && ticks > 0) {
                break;
            }
            if is_tick(l) {
                ticks += 1;
            } else if !(is_label(l) || source) {
                break;
            }
            j += 1;
        }
        if j == i {
            i += 1;
            continue;
        }
        // Trim labels at the edges; keep a source line at the end.
        let (mut a, mut b) = (i, j);
        while a < b && !is_tick(&p.lines[a]) {
            a += 1;
        }
        while b > a && !is_tick(&p.lines[b - 1]) {
            b -= 1;
        }
        if let Some(s) = (b..j).find(|&k| SOURCE.is_match(&p.lines[k].plain)) {
            b = s + 1;
        }
        if ticks >= 6 && ticks * 2 >= b - a {
            let certain = ticks >= 8 && ticks * 10 >= (b - a) * 6;
            for k in a..b {
                let mut c = Cand::strong(Kind::Chart);
                c.certain = certain;
                p.set(k, c);
            }
        }
        i = j.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::testing::{assert_silent, covered, run};

    const RULE: &str = "debris/chart";

    #[test]
    fn finds_the_ticks_of_a_graphic() {
        let text = "Port traffic has doubled in a decade, the authority said on Monday in its annual report.\n\nContainers handled\n$900\nmillion\n600\n300\n0\n’14\n’18\n’22\nRECESSIONS\nBy The Ledger | Source: Port Authority\n\nThe authority expects growth to slow next year as two new terminals open further up the coast.\n";
        let f = run(RULE, text);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(covered(text, &f)[0].starts_with("$900"));
        assert!(covered(text, &f)[0].ends_with("Port Authority"));
    }

    #[test]
    fn numbered_lists_and_short_tables_stay() {
        assert_silent(
            RULE,
            "The rankings were as follows:\n\n1. Finland\n\n2. Norway\n\n3. Australia\n\n4. Canada\n\n5. Germany\n\n6. France\n\n7. Italy\n",
        );
        assert_silent(RULE, "Votes cast\n120\n80\n40\nTurnout\n62%\n");
    }
}
