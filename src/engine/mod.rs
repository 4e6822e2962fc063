//! The engine: text in, findings out. No tokio, no LSP types, no printing. Byte ranges only;
//! line/column conversions belong to the edges.

pub mod analysis;
pub mod config;
pub mod corpus;
pub mod document;
pub mod finding;
pub mod fix;
pub mod hashing;
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
use rules::{registry, Context, Scope};

/// Findings of the paragraph-scope rules `local`, paragraph by paragraph, from the cache when
/// the same paragraph was checked before with the same configuration and siblings.
fn paragraph_findings(cx: &Context<'_>, local: &[&dyn rules::Rule]) -> Vec<Finding> {
    static CACHE: hashing::Memo<(u64, u64), Arc<Vec<Finding>>> = hashing::Memo::new(16_384);
    if local.is_empty() {
        return Vec::new();
    }
    let a = cx.analysis;
    let text = a.text();
    let mut env = cx.config.fingerprint();
    for r in local {
        env = hashing::pair(env, document::content_hash(r.id()));
    }
    for s in cx.siblings {
        env = hashing::pair(env, s.analysis.doc.hash());
        env = hashing::pair(env, s.analysis.doc.path_hash());
    }
    env = hashing::pair(env, a.doc.path_hash());
    let mut out = Vec::new();
    for p in &a.paragraphs {
        let key = (document::content_hash(&text[p.clone()]), env);
        let found = CACHE.get_or_insert_with(key, || {
            let sub = Analysis::new(Arc::new(document::Document::new(
                a.doc.path(),
                &text[p.clone()],
            )));
            let scx = Context {
                analysis: &sub,
                siblings: cx.siblings,
                corpus: cx.corpus,
                config: cx.config,
            };
            let mut found = Vec::new();
            for r in local {
                let mut o = Vec::new();
                r.check(&scx, &mut o);
                for mut f in o {
                    f.rule = r.id();
                    found.push(f);
                }
            }
            Arc::new(found)
        });
        for f in found.iter() {
            out.push(shifted(f, p.start, a));
        }
    }
    out
}

/// A paragraph's finding placed in the draft: ranges moved by `by`, evidence inside the
/// paragraph pointed at the draft.
fn shifted(f: &Finding, by: usize, a: &Analysis) -> Finding {
    let mut f = f.clone().moved(by as isize);
    for r in &mut f.related {
        if r.doc.path() == a.doc.path() {
            r.range = r.range.start + by..r.range.end + by;
            r.doc = a.doc.clone();
        }
    }
    f
}

/// Run every enabled rule on `analysis` against its siblings in `corpus`.
pub fn check(analysis: &Analysis, corpus: &Corpus, config: &Config) -> Vec<Finding> {
    let siblings = corpus.siblings_for_rules(analysis);
    let cx = Context {
        analysis,
        siblings: &siblings,
        corpus,
        config,
    };
    check_with(&cx)
}

/// Run every enabled rule with a prepared context, one rule after another (a `check` of many
/// files runs files side by side instead).
///
/// Rules whose [`Scope`] is a paragraph run on each paragraph alone, and a paragraph whose text
/// (and configuration and siblings) a previous check has seen reuses that check's findings: a
/// keystroke re-checks one paragraph, not the draft.
pub fn check_with(cx: &Context<'_>) -> Vec<Finding> {
    run_rules(cx, false)
}

/// [`check_with`] in two lanes at once, for one draft checked while it is typed: the figure,
/// quote and style rules on this thread, the typo, name and debris rules (and the paragraph
/// rules) on a thread of their own. Each lane's families share their own cached work (the
/// typo pass, the figure claims, the debris scan, the style view), so the lanes rarely wait
/// for or repeat each other's. The findings are the same as [`check_with`]'s.
pub fn check_with_lanes(cx: &Context<'_>) -> Vec<Finding> {
    run_rules(cx, true)
}

/// Run `f` (a check), turning a panic into its message: a rule's bug on one article must cost
/// that article's findings, not the language server or the rest of a `check` run. The caches a
/// check fills only ever hold finished values, so nothing half-made is left behind.
pub fn caught<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|e| {
        e.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| e.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a rule panicked".to_string())
    })
}

/// Test hook: with `COPYDESK_TEST_PANIC_ON` set, a draft containing its text makes the rules
/// panic, so the tests can show what [`caught`] guards against (no rule panics on purpose).
fn planted_panic(cx: &Context<'_>) {
    static ON: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let on = ON.get_or_init(|| {
        std::env::var("COPYDESK_TEST_PANIC_ON")
            .ok()
            .filter(|t| !t.is_empty())
    });
    if let Some(t) = on {
        if cx.analysis.text().contains(t.as_str()) {
            panic!("planted panic (COPYDESK_TEST_PANIC_ON)");
        }
    }
}

/// The lane a rule runs in under [`check_with_lanes`]: `true` for the second lane's thread.
fn second_lane(rule: &dyn rules::Rule, cx: &Context<'_>) -> bool {
    rule.scope(cx.config) == Scope::Paragraph
        || ["typo/", "name/", "debris/"]
            .iter()
            .any(|f| rule.id().starts_with(f))
}

/// The second lane's own thread. Not the global pool: a workspace being loaded keeps that busy,
/// and a keystroke must not wait behind it. `None` when no thread could be started: the lanes
/// then run one after the other.
fn lane_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .thread_name(|_| "copydesk-lane".into())
            .build()
            .ok()
    })
    .as_ref()
}

fn run_rules(cx: &Context<'_>, lanes: bool) -> Vec<Finding> {
    let enabled: Vec<&dyn rules::Rule> = registry()
        .rules
        .iter()
        .map(|r| r.as_ref())
        .filter(|r| cx.config.rule_setting(r.id()) != Some(RuleSetting::Off))
        .collect();
    let lane = |rules: &[&'static dyn rules::Rule]| {
        planted_panic(cx);
        let mut found: Vec<(&dyn rules::Rule, Finding)> = Vec::new();
        let mut local: Vec<&dyn rules::Rule> = Vec::new();
        for &rule in rules {
            if rule.scope(cx.config) == Scope::Paragraph {
                local.push(rule);
                continue;
            }
            let mut out = Vec::new();
            rule.check(cx, &mut out);
            found.extend(out.into_iter().map(|f| (rule, f)));
        }
        for f in paragraph_findings(cx, &local) {
            if let Some(r) = local.iter().find(|r| r.id() == f.rule) {
                found.push((*r, f));
            }
        }
        found
    };
    // Each rule's findings keep their order within the rule, which is all the sort and the
    // de-duplication below depend on.
    let found = match lanes.then(lane_pool).flatten() {
        Some(pool) => {
            let (second, first): (Vec<_>, Vec<_>) =
                enabled.iter().partition(|r| second_lane(**r, cx));
            let mut other = Vec::new();
            let mut found = Vec::new();
            pool.in_place_scope(|s| {
                s.spawn(|_| other = lane(&second));
                found = lane(&first);
            });
            found.extend(other);
            found
        }
        None => lane(&enabled),
    };
    let mut all = Vec::with_capacity(found.len());
    for (rule, mut f) in found {
        f.rule = rule.id();
        match cx.config.rule_setting(rule.id()) {
            Some(RuleSetting::Severity(s)) => f.severity = s,
            _ if !f.explicit_severity => f.severity = rule.default_severity(),
            _ => {}
        }
        all.push(f);
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
    let siblings = corpus.siblings_for_rules(analysis);
    let cx = Context {
        analysis,
        siblings: &siblings,
        corpus,
        config,
    };
    rules::figure::hover(&cx, offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testing::{analyse, run_with_config};

    fn month_findings(text: &str, config: &Config) -> Vec<(String, std::ops::Range<usize>)> {
        let a = analyse(text);
        let corpus = Corpus::default();
        check(&a, &corpus, config)
            .into_iter()
            .filter(|f| f.rule == "style/month-abbreviation")
            .map(|f| (text[f.range.clone()].to_string(), f.range))
            .collect()
    }

    /// Paragraph-scope findings reused from an earlier check land where the paragraph now is.
    #[test]
    fn reused_paragraph_findings_follow_their_paragraph() {
        let config = Config::default();
        let first = "The council met on Tuesday.\n\nThe vote is on January 15 in the hall.\n";
        let f1 = month_findings(first, &config);
        assert_eq!(f1.len(), 1, "{f1:?}");
        assert_eq!(f1[0].0, "January");
        // An edit in the first paragraph: the second is unchanged and moves by 9 bytes.
        let second =
            "The city council met on Tuesday night.\n\nThe vote is on January 15 in the hall.\n";
        let f2 = month_findings(second, &config);
        assert_eq!(f2.len(), 1, "{f2:?}");
        assert_eq!(f2[0].0, "January");
        assert_eq!(f2[0].1.start, f1[0].1.start + 11);
        // The same paragraph twice: both reported, each at its own place.
        let twice =
            "The vote is on January 15 in the hall.\n\nThe vote is on January 15 in the hall.\n";
        let f3 = month_findings(twice, &config);
        assert_eq!(f3.len(), 2, "{f3:?}");
        assert_ne!(f3[0].1, f3[1].1);
    }

    /// A different configuration is never served another configuration's findings.
    #[test]
    fn reused_findings_depend_on_the_configuration() {
        let text = "The vote is on January 15 in the hall.\n";
        assert_eq!(month_findings(text, &Config::default()).len(), 1);
        let (uk, _) = Config::parse(
            "[style]\nprofile = \"uk\"\n",
            std::path::Path::new("c.toml"),
        )
        .expect("config");
        assert!(month_findings(text, &uk).is_empty());
        let off = run_with_config(
            Config::parse(
                "[rules]\n\"style/month-abbreviation\" = \"off\"\n",
                std::path::Path::new("c.toml"),
            )
            .expect("config")
            .0,
            text,
            &[],
        );
        assert!(off.iter().all(|f| f.rule != "style/month-abbreviation"));
    }
}
