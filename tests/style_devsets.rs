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
