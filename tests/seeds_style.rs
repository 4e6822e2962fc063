//! The seed story cluster (`../shared/seeds`, beside the clone in CI): the `style` family must
//! report `000` line 3 `May 7th` and `002` line 7 `Russia's` with the right fixes, and nothing
//! a copy chief would not agree with. Every other style finding on the seeds is listed here,
//! with the reason it stands (the family's closing note says why each is right).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::engine::corpus::Corpus;
use copydesk::engine::finding::{Applicability, Finding};
use copydesk::engine::{check, fix, testing};

fn seeds() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "note: {} is absent; seed acceptance test skipped",
            dir.display()
        );
        None
    }
}

/// (file prefix, 1-based line, covered text, rule, fixed text after the first fix)
type Row = (
    String,
    usize,
    String,
    &'static str,
    Option<(Applicability, String)>,
);

fn style_findings(dir: &Path) -> Vec<Row> {
    let mut corpus = Corpus::new(Arc::new(testing::only("style")));
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut analyses = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        analyses.push(corpus.upsert(f, text));
    }
    let config = corpus.config().clone();
    let mut rows = Vec::new();
    for a in &analyses {
        let name = a.doc.path().file_name().unwrap().to_string_lossy()[..3].to_string();
        let findings: Vec<Finding> = check(a, &corpus, &config);
        for f in findings {
            let line = a.doc.line_of(f.range.start) + 1;
            let covered = a.doc.text()[f.range.clone()].to_string();
            let fixed = f.fixes.first().map(|x| {
                let text = fix::apply_edits(a.doc.text(), x.edits.clone());
                let start = a.doc.line_start(line - 1);
                let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
                (x.applicability, text[start..end].to_string())
            });
            rows.push((name.clone(), line, covered, f.rule, fixed));
        }
    }
    rows
}

#[test]
fn seed_style_findings_are_the_expected_ones() {
    let Some(dir) = seeds() else { return };
    let rows = style_findings(&dir);
    for r in &rows {
        eprintln!(
            "{}:{} {:?} {} {:?}",
            r.0,
            r.1,
            r.2,
            r.3,
            r.4.as_ref().map(|x| x.0)
        );
    }

    let may = rows
        .iter()
        .find(|r| r.0 == "000" && r.1 == 3 && r.3 == "style/date-ordinal")
        .expect("000:3 May 7th is reported");
    assert_eq!(may.2, "May 7th");
    let (app, line) = may.4.as_ref().expect("a fix");
    assert_eq!(*app, Applicability::Safe);
    assert!(line.contains("set for May 7, as confirmed"), "{line}");

    let russia = rows
        .iter()
        .find(|r| r.0 == "002" && r.1 == 7 && r.3 == "style/quote-marks")
        .expect("002:7 Russia's is reported");
    assert_eq!(russia.2, "Russia's");
    let (app, line) = russia.4.as_ref().expect("a fix");
    assert_eq!(*app, Applicability::Safe);
    assert!(
        line.starts_with("Russia’s President Vladimir Putin attends"),
        "{line}"
    );

    // Everything else the family reports on the seeds, each justified in the closing note.
    let mut others: Vec<String> = rows
        .iter()
        .filter(|r| !std::ptr::eq(*r, may) && !std::ptr::eq(*r, russia))
        .map(|r| format!("{}:{} {} {}", r.0, r.1, r.3, r.2))
        .collect();
    others.sort();
    let allowed: &[&str] = &[
        // `READ MORE : Violent Protests …`: a real space before a colon. The whole line is a
        // promo link that `debris` removes; until then the space is a true typographic fault
        // (the fix deletes it and nothing else).
        "003:7 style/space-before-punctuation  :",
    ];
    assert_eq!(others, allowed, "unexpected style findings on the seeds");
}
