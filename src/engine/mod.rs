//! The engine: text in, findings out. No tokio, no LSP types, no printing. Byte ranges only;
//! line/column conversions belong to the edges.

pub mod analysis;
pub mod config;
pub mod corpus;
pub mod document;
pub mod finding;
pub mod fix;
pub mod lexicon;
pub mod rules;
pub mod siblings;
pub mod suppress;
pub mod workspace;

#[doc(hidden)]
pub mod testing;

use std::sync::Arc;

use analysis::Analysis;
use config::{Config, RuleSetting};
use corpus::Corpus;
use finding::Finding;
use rules::{registry, Context};

/// Run every enabled rule on `analysis` against its siblings in `corpus`.
pub fn check(analysis: &Analysis, corpus: &Corpus, config: &Config) -> Vec<Finding> {
    let siblings = corpus.siblings(analysis);
    let cx = Context {
        analysis,
        siblings: &siblings,
        corpus,
        config,
    };
    check_with(&cx)
}

/// Run every enabled rule with a prepared context.
pub fn check_with(cx: &Context<'_>) -> Vec<Finding> {
    let mut all = Vec::new();
    for rule in &registry().rules {
        let setting = cx.config.rule_setting(rule.id());
        if setting == Some(RuleSetting::Off) {
            continue;
        }
        let mut out = Vec::new();
        rule.check(cx, &mut out);
        for mut f in out {
            f.rule = rule.id();
            match setting {
                Some(RuleSetting::Severity(s)) => f.severity = s,
                _ if !f.explicit_severity => f.severity = rule.default_severity(),
                _ => {}
            }
            all.push(f);
        }
    }
    let a = cx.analysis;
    let len = a.text().len();
    all.retain(|f| {
        f.range.start <= f.range.end
            && f.range.end <= len
            && !a.suppressions.is_suppressed(f.rule, &f.range)
            && !(f.range.start < f.range.end
                && a.is_ignored(&f.range)
                && !f.rule.starts_with("debris/"))
    });
    all.sort_by(|x, y| {
        (x.range.start, x.range.end, x.rule).cmp(&(y.range.start, y.range.end, y.rule))
    });
    all.dedup_by(|x, y| x.range == y.range && x.rule == y.rule);
    all
}

/// Apply safe (and, if asked, unsafe) fixes to a draft until none is left. Returns the final
/// text and the number of fixes applied. Stops after 10 rounds: fixes that keep producing new
/// findings would otherwise loop forever.
pub fn fix_until_stable(
    analysis: Arc<Analysis>,
    corpus: &Corpus,
    config: &Config,
    include_unsafe: bool,
) -> (String, usize) {
    fix_until_stable_where(analysis, corpus, config, include_unsafe, &|_| true)
}

/// [`fix_until_stable`] restricted to the findings `keep` accepts (say, one family's).
pub fn fix_until_stable_where(
    analysis: Arc<Analysis>,
    corpus: &Corpus,
    config: &Config,
    include_unsafe: bool,
    keep: &dyn Fn(&Finding) -> bool,
) -> (String, usize) {
    let path = analysis.doc.path().to_path_buf();
    let mut text = analysis.doc.text().to_string();
    let mut current = analysis;
    let mut total = 0;
    for _ in 0..10 {
        let mut findings = check(&current, corpus, config);
        findings.retain(|f| keep(f));
        let (next, n) = fix::apply_fixes(&text, &findings, include_unsafe);
        if n == 0 || next == text {
            break;
        }
        total += n;
        text = next;
        current = Arc::new(Analysis::new(Arc::new(document::Document::new(
            &path,
            text.clone(),
        ))));
    }
    (text, total)
}

/// Hover text for the draft at `offset` (what the siblings say about a figure there).
pub fn hover(
    analysis: &Analysis,
    corpus: &Corpus,
    config: &Config,
    offset: usize,
) -> Option<String> {
    let siblings = corpus.siblings(analysis);
    let cx = Context {
        analysis,
        siblings: &siblings,
        corpus,
        config,
    };
    rules::figure::hover(&cx, offset)
}
