//! Measuring only: runs the `style` family over the real pages in `../shared/devsets` (never
//! copied into the project) and prints every finding with its line, for a person to judge.
//! Ignored by default: `cargo test --release --test style_devsets -- --ignored --nocapture`.

use std::path::Path;
use std::sync::Arc;

use copydesk::engine::corpus::Corpus;
use copydesk::engine::{check, testing};

#[test]
#[ignore]
fn print_style_findings_on_the_devsets() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/devsets/debris-pages");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} is absent", dir.display());
        return;
    };
    let mut files: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let filter = std::env::var("STYLE_RULE").unwrap_or_default();
    // STYLE_CONFIG="[style]\nprofile = \"uk\"" runs under another house style.
    let mut config = testing::only("style");
    if let Ok(extra) = std::env::var("STYLE_CONFIG") {
        let (c, _) = copydesk::engine::config::Config::parse(&extra, Path::new("copydesk.toml"))
            .expect("STYLE_CONFIG parses");
        config.style = c.style;
    }
    let mut corpus = Corpus::new(Arc::new(config));
    let mut total = 0;
    let mut per_rule = std::collections::BTreeMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let a = corpus.upsert(f, text);
        let config = corpus.config().clone();
        for x in check(&a, &corpus, &config) {
            *per_rule.entry(x.rule).or_insert(0) += 1;
            total += 1;
            if !x.rule.contains(&filter) {
                continue;
            }
            let line = a.doc.line_of(x.range.start);
            let lt = a.doc.line_text(line);
            let ls = a.doc.line_start(line);
            let s = x.range.start - ls;
            let from = a.doc.floor_char_boundary(ls + s.saturating_sub(60)) - ls;
            let to = (s + 60).min(lt.len());
            let to = (to..=lt.len())
                .find(|&i| lt.is_char_boundary(i))
                .unwrap_or(lt.len());
            println!(
                "{}:{} {} [{}] …{}…",
                f.file_name().unwrap().to_string_lossy(),
                line + 1,
                x.rule,
                &a.doc.text()[x.range.clone()],
                &lt[from..to]
            );
        }
    }
    println!("{total} findings: {per_rule:?}");
}

/// Recall on injected faults: each kind of fault is put, one at a time, into every real page
/// that offers a place for it, and the matching rule must report it there.
/// `cargo test --release --test style_devsets recall -- --ignored --nocapture`
#[test]
#[ignore]
fn recall_on_injected_faults() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/devsets/debris-pages");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} is absent", dir.display());
        return;
    };
    let mut files: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    type Inject = fn(&str) -> Option<(String, usize)>;
    let kinds: Vec<(&str, &str, Inject)> = vec![
        ("ordinal date", "style/date-ordinal", |t| {
            let re = regex::Regex::new(r"\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.) ([1-9]|[12][0-9])\b[^0-9]").unwrap();
            let m = re.captures(t)?;
            let d = m.get(2)?;
            let n: u32 = d.as_str().parse().ok()?;
            let suf = match (n % 100, n % 10) {
                (11..=13, _) => "th",
                (_, 1) => "st",
                (_, 2) => "nd",
                (_, 3) => "rd",
                _ => "th",
            };
            Some((
                format!("{}{}{}", &t[..d.end()], suf, &t[d.end()..]),
                d.start(),
            ))
        }),
        (
            "straight apostrophe in curly copy",
            "style/quote-marks",
            |t| {
                if t.matches('’').count() < 10
                    || t.matches('\'').count() * 4 > t.matches('’').count()
                {
                    return None;
                }
                let re = regex::Regex::new(r"[a-z]’s\b").unwrap();
                let m = re.find_iter(t).nth(3)?;
                let at = m.start() + 1;
                Some((format!("{}'{}", &t[..at], &t[at + '’'.len_utf8()..]), at))
            },
        ),
        ("figure below 10", "style/numbers", |t| {
            let re = regex::Regex::new(r"[a-z,] (two|three|four|five|six|seven|eight|nine) (people|officials|men|women|children|years|days|weeks|months|times|companies|countries|states|cities|members|players|games|teams|others|of)\b").unwrap();
            let m = re.captures(t)?;
            let w = m.get(1)?;
            let d = [
                "two", "three", "four", "five", "six", "seven", "eight", "nine",
            ]
            .iter()
            .position(|x| *x == w.as_str())?
                + 2;
            Some((
                format!("{}{}{}", &t[..w.start()], d, &t[w.end()..]),
                w.start(),
            ))
        }),
        ("double space", "style/double-space", |t| {
            let re = regex::Regex::new(r"[a-z]\. [A-Z][a-z]").unwrap();
            let m = re.find_iter(t).nth(5)?;
            let at = m.start() + 2;
            Some((format!("{} {}", &t[..at], &t[at..]), at))
        }),
        ("two hyphens", "style/em-dash", |t| {
            let at = t.find(" — ")? + 1;
            Some((format!("{}--{}", &t[..at], &t[at + '—'.len_utf8()..]), at))
        }),
        ("British spelling", "style/spelling-variant", |t| {
            let re = regex::Regex::new(r"\b(organization|color|favorite|center|neighbor|behavior|analyze|traveled|canceled|defense|labor|recognized|criticized|honor)\b").unwrap();
            let m = re.find(t)?;
            let uk = match m.as_str() {
                "organization" => "organisation",
                "color" => "colour",
                "favorite" => "favourite",
                "center" => "centre",
                "neighbor" => "neighbour",
                "behavior" => "behaviour",
                "analyze" => "analyse",
                "traveled" => "travelled",
                "canceled" => "cancelled",
                "defense" => "defence",
                "labor" => "labour",
                "recognized" => "recognised",
                "criticized" => "criticised",
                _ => "honour",
            };
            Some((
                format!("{}{}{}", &t[..m.start()], uk, &t[m.end()..]),
                m.start(),
            ))
        }),
        ("percent sign", "style/percent", |t| {
            let re = regex::Regex::new(r"[0-9] percent\b").unwrap();
            let m = re.find(t)?;
            Some((
                format!("{}%{}", &t[..m.start() + 1], &t[m.end()..]),
                m.start() + 1,
            ))
        }),
        ("month-year comma", "style/month-year-comma", |t| {
            let re = regex::Regex::new(r"\b(January|February|March|April|May|June|July|August|September|October|November|December) (19|20)[0-9][0-9]\b").unwrap();
            let m = re.captures(t)?;
            let mo = m.get(1)?;
            Some((format!("{},{}", &t[..mo.end()], &t[mo.end()..]), mo.start()))
        }),
        ("unclosed quotation", "style/unbalanced", |t| {
            let re = regex::Regex::new(r"“[^”\n]{10,200}”").unwrap();
            let m = re.find_iter(t).nth(1)?;
            let close = m.end() - '”'.len_utf8();
            Some((format!("{}{}", &t[..close], &t[m.end()..]), m.start()))
        }),
        ("name spelt two ways", "style/name-variant", |t| {
            // A capitalised word of 6+ letters used 3+ times after a lower-case word.
            let re = regex::Regex::new(r"[a-z,] ([A-Z][a-z]{5,})\b").unwrap();
            let mut counts = std::collections::HashMap::new();
            for c in re.captures_iter(t) {
                *counts.entry(c.get(1).unwrap().as_str()).or_insert(0) += 1;
            }
            let mut names: Vec<_> = counts.into_iter().filter(|(_, n)| *n >= 3).collect();
            names.sort();
            let (name, _) = names.first()?;
            let m = re
                .captures_iter(t)
                .map(|c| c.get(1).unwrap())
                .filter(|m| m.as_str() == *name)
                .nth(1)?;
            let b = m.as_str().as_bytes();
            let mut swapped = b.to_vec();
            swapped.swap(2, 3);
            if swapped == b {
                return None;
            }
            let s = String::from_utf8(swapped).ok()?;
            Some((
                format!("{}{}{}", &t[..m.start()], s, &t[m.end()..]),
                m.start(),
            ))
        }),
    ];
    let config = Arc::new(testing::only("style"));
    for (label, rule, inject) in kinds {
        let (mut tried, mut found) = (0, 0);
        let mut missed = Vec::new();
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            let Some((changed, at)) = inject(&text) else {
                continue;
            };
            tried += 1;
            let lo = (0..=at.saturating_sub(50))
                .rev()
                .find(|&i| changed.is_char_boundary(i))
                .unwrap_or(0);
            let hi = ((at + 50).min(changed.len())..=changed.len())
                .find(|&i| changed.is_char_boundary(i))
                .unwrap_or(changed.len());
            let context = changed[lo..hi].replace('\n', "⏎");
            let mut corpus = Corpus::new(config.clone());
            let a = corpus.upsert(f, changed);
            let hit = check(&a, &corpus, &config)
                .iter()
                .any(|x| x.rule == rule && x.range.start <= at + 3 && at <= x.range.end + 3);
            if hit {
                found += 1;
            } else {
                missed.push(format!(
                    "{}: …{context}…",
                    f.file_name().unwrap().to_string_lossy()
                ));
            }
        }
        println!("{label:38} {rule:32} {found}/{tried}");
        for m in &missed {
            println!("    missed {m}");
        }
    }
}
