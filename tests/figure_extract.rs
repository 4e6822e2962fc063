//! Figure extraction over whole articles: the fixture stories and the seeds.

use std::path::Path;
use std::sync::Arc;

use copydesk::engine::analysis::Analysis;
use copydesk::engine::document::Document;
use copydesk::engine::rules::figure::extract::{figures, Value};

fn analyse(path: &Path) -> Arc<Analysis> {
    let text = std::fs::read_to_string(path).unwrap();
    Arc::new(Analysis::new(Arc::new(Document::new(path, text))))
}

fn describe(a: &Analysis) -> Vec<String> {
    figures(a)
        .list
        .iter()
        .map(|f| {
            let v = match f.value {
                Value::Num { lo, hi } if hi > lo => format!("{lo}..{hi}"),
                Value::Num { lo, .. } => format!("{lo}"),
                Value::Date(d) => format!("{:?}-{:?}-{:?}", d.year, d.month, d.day),
            };
            let line = a.doc.line_of(f.range.start) + 1;
            format!(
                "{line:>3} {:<28} {:?} {v} {:?} {:?}",
                a.slice(&f.range),
                f.kind,
                f.qual,
                f.counted
            )
        })
        .collect()
}

/// `FILES=a.txt,b.txt cargo test --test figure_extract dump -- --ignored --nocapture`
#[test]
#[ignore]
fn dump() {
    for f in std::env::var("FILES").unwrap_or_default().split(',') {
        if f.is_empty() {
            continue;
        }
        let a = analyse(Path::new(f));
        eprintln!("== {f}");
        for l in describe(&a) {
            eprintln!("{l}");
        }
    }
}
