//! Sibling index and figure rules at scale.
//!
//! 1. The sibling index among 100,000 generated articles (stories of four to six articles
//!    sharing names, rare words and figures over a Zipf-distributed common vocabulary): time to
//!    insert, median and 95th-percentile query time, how many of a story's articles are found,
//!    and the cost of changing one article (remove + insert, no rebuild).
//! 2. The `figure` and `quote` rules on a keystroke: a 2,000-word draft against 100 siblings,
//!    the first check (which builds the siblings' figure index) and then a keystroke (a new
//!    version of the draft, all its figures extracted again, verdicts for unchanged figures
//!    reused).
//!
//! Times are this thread's CPU time (the machine these were measured on is shared).
//!
//! Run: `cargo bench --bench siblings` (add `-- --quick` for 10,000 articles).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use copydesk::engine::analysis::Analysis;
use copydesk::engine::config::Config;
use copydesk::engine::corpus::{Corpus, Sibling};
use copydesk::engine::document::Document;
use copydesk::engine::rules::{registry, Context};
use copydesk::engine::siblings::{terms, SiblingIndex, SiblingsConfig};

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407)
            | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const SYL: &[&str] = &[
    "ka", "lo", "ri", "mes", "tan", "vor", "el", "dun", "sha", "pir", "gol", "an", "ber", "ist",
    "ul", "ten", "mar", "os", "quin", "zel", "bra", "ho", "nik", "ves", "tor", "ap", "lu", "dra",
    "fen", "gi", "om", "sel",
];

fn word(mut n: u64, cap: bool) -> String {
    let mut w = String::new();
    loop {
        w.push_str(SYL[(n % SYL.len() as u64) as usize]);
        n /= SYL.len() as u64;
        if n == 0 {
            break;
        }
    }
    if cap {
        w[..1].make_ascii_uppercase();
    }
    w
}

/// Zipf-distributed common vocabulary of `v` words.
struct Zipf {
    cdf: Vec<f64>,
    words: Vec<String>,
}

impl Zipf {
    fn new(v: usize) -> Zipf {
        let mut cdf = Vec::with_capacity(v);
        let mut s = 0.0;
        for i in 0..v {
            s += 1.0 / (i as f64 + 1.0);
            cdf.push(s);
        }
        for c in &mut cdf {
            *c /= s;
        }
        let words = (0..v).map(|i| word(i as u64 + 40, false)).collect();
        Zipf { cdf, words }
    }
    fn sample(&self, r: &mut Rng) -> &str {
        let u = r.unit();
        let i = self
            .cdf
            .partition_point(|c| *c < u)
            .min(self.words.len() - 1);
        &self.words[i]
    }
}

/// Article `variant` of story `story`: about `words` words, a fifth of them the story's own
/// names, rare words and figures.
fn article(z: &Zipf, story: usize, variant: usize, words: usize) -> String {
    let mut sr = Rng::new(story as u64 * 7919 + 17);
    let base = 10_000_000 + story as u64 * 64;
    let names: Vec<String> = (0..6).map(|i| word(base + i, true)).collect();
    let rare: Vec<String> = (0..20).map(|i| word(base + 8 + i, false)).collect();
    let figures = [
        format!("{} percent", 10 + sr.below(80)),
        format!("{}-year-old", 30 + sr.below(50)),
        format!("${} million", 1 + sr.below(900)),
        format!("May {}", 1 + sr.below(28)),
    ];
    let mut r = Rng::new((story * 31 + variant) as u64 + 99);
    let mut out = String::new();
    let mut n = 0;
    while n < words {
        let len = 10 + r.below(16);
        let mut s: Vec<String> = Vec::with_capacity(len);
        for i in 0..len {
            s.push(match r.below(20) {
                0 | 1 => names[r.below(names.len())].clone(),
                2 => rare[r.below(rare.len())].clone(),
                3 if i > 2 => figures[r.below(figures.len())].clone(),
                _ => z.sample(&mut r).to_string(),
            });
        }
        let mut s = s.join(" ");
        s[..1].make_ascii_uppercase();
        out.push_str(&s);
        out.push_str(". ");
        n += len;
        if r.below(4) == 0 {
            out.push_str("\n\n");
        }
    }
    out
}

/// CPU time of this thread: on a machine shared with other work, wall time measures the
/// neighbours too.
fn cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid pointer to a timespec, a clock every Linux has.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// A stopwatch on this thread's CPU time.
struct Watch(Duration);

impl Watch {
    fn start() -> Watch {
        Watch(cpu())
    }
    fn elapsed(&self) -> Duration {
        cpu().saturating_sub(self.0)
    }
}

fn analyse(path: &str, text: String) -> Analysis {
    Analysis::new(Arc::new(Document::new(path, text)))
}

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() - 1) as f64 * p) as usize]
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn index_bench(n: usize) {
    let z = Zipf::new(60_000);
    // Stories of 4 to 6 articles.
    let mut layout: Vec<(usize, usize)> = Vec::with_capacity(n);
    let mut story = 0;
    let mut r = Rng::new(7);
    while layout.len() < n {
        let size = 4 + r.below(3);
        for v in 0..size {
            if layout.len() < n {
                layout.push((story, v));
            }
        }
        story += 1;
    }
    let mut ix = SiblingIndex::default();
    let mut insert = Duration::ZERO;
    let mut prepare = Duration::ZERO;
    for (i, &(s, v)) in layout.iter().enumerate() {
        let t = Watch::start();
        let words = 300 + (s * 13 + v * 7) % 200;
        let a = analyse(&format!("s{s}/a{i}.txt"), article(&z, s, v, words));
        let tm = terms(&a);
        prepare += t.elapsed();
        let t = Watch::start();
        ix.insert_terms(a.doc.path(), &tm.0);
        insert += t.elapsed();
    }
    println!(
        "sibling index: {n} articles; generating and analysing {:.1} s; inserting {:.1} s ({} per article)",
        prepare.as_secs_f64(),
        insert.as_secs_f64(),
        us(insert / n as u32)
    );
    let cfg = SiblingsConfig::default();
    let mut times = Vec::new();
    let (mut found, mut wanted, mut extra) = (0, 0, 0);
    let queries = 300.min(n);
    for q in 0..queries {
        let i = (q * 7919) % n;
        let (s, v) = layout[i];
        let words = 300 + (s * 13 + v * 7) % 200;
        let path = format!("s{s}/a{i}.txt");
        let a = analyse(&path, article(&z, s, v, words));
        let tm = terms(&a);
        let t = Watch::start();
        let got = ix.query_terms(Path::new(&path), &tm.0, &cfg);
        times.push(t.elapsed());
        let mates = layout.iter().filter(|x| x.0 == s).count() - 1;
        wanted += mates;
        for (p, _, _) in &got {
            if p.starts_with(format!("s{s}/")) {
                found += 1;
            } else {
                extra += 1;
            }
        }
    }
    let median = pct(&mut times, 0.5);
    let p95 = pct(&mut times, 0.95);
    println!(
        "sibling query among {n}: median {}, 95th percentile {}; story articles found {found}/{wanted}, others returned {extra}",
        ms(median),
        ms(p95)
    );
    // Changing one article: remove and insert again.
    let mut change = Vec::new();
    for q in 0..50 {
        let i = (q * 104_729) % n;
        let (s, v) = layout[i];
        let path = format!("s{s}/a{i}.txt");
        let a = analyse(&path, article(&z, s, v + 100, 400));
        let tm = terms(&a);
        let t = Watch::start();
        ix.insert_terms(Path::new(&path), &tm.0);
        change.push(t.elapsed());
    }
    println!(
        "changing one article (remove + insert): median {}",
        us(pct(&mut change, 0.5))
    );
}

fn fixture_articles() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/figure");
    let mut out = Vec::new();
    for story in ["cyclone", "election", "merger", "probe"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(story))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            out.push((
                format!("{story}/{}", f.file_name().unwrap().to_string_lossy()),
                std::fs::read_to_string(&f).unwrap(),
            ));
        }
    }
    out
}

fn keystroke_bench() {
    let arts = fixture_articles();
    // A 2,000-word draft: the story articles one after another, with every kind of figure.
    let mut draft = String::new();
    for (_, t) in &arts {
        draft.push_str(t);
        draft.push_str("\n\n");
        if draft.split_whitespace().count() > 2000 {
            break;
        }
    }
    while draft.split_whitespace().count() < 2000 {
        let more = arts[draft.len() % arts.len()].1.clone();
        draft.push_str(&more);
        draft.push_str("\n\n");
    }
    let words = draft.split_whitespace().count();
    // 100 siblings: each story article in versions with a different opening paragraph.
    let mut corpus = Corpus::new(Arc::new(Config::default()));
    let mut siblings = Vec::new();
    for i in 0..100 {
        let (name, t) = &arts[i % arts.len()];
        let text = format!("Version {i} of this report.\n\n{t}");
        let a = corpus.upsert(&PathBuf::from(format!("sib{i}/{name}")), text);
        siblings.push(Sibling {
            analysis: a,
            score: 0.5,
        });
    }
    let config = Arc::new(copydesk::engine::testing::only("figure"));
    let rules: Vec<_> = registry()
        .rules
        .iter()
        .filter(|r| r.id().starts_with("figure/") || r.id().starts_with("quote/"))
        .collect();
    let run = |a: &Analysis| {
        let cx = Context {
            analysis: a,
            siblings: &siblings,
            corpus: &corpus,
            config: &config,
        };
        let mut out = Vec::new();
        for r in &rules {
            r.check(&cx, &mut out);
        }
        out
    };
    // First check: the siblings' figures and the cluster index are built.
    let a0 = analyse("draft.txt", draft.clone());
    let t = Watch::start();
    let first = run(&a0);
    let cold = t.elapsed();
    // Keystrokes: a letter typed into a word of a sentence with figures, each a new version.
    let spots: Vec<usize> = draft
        .match_indices(" percent")
        .map(|(i, _)| i)
        .chain(draft.match_indices(" people").map(|(i, _)| i))
        .collect();
    let versions: Vec<Analysis> = (0..60)
        .map(|k| {
            let at = spots[k % spots.len()];
            let mut t = draft.clone();
            t.insert(at, 'x');
            analyse("draft.txt", t)
        })
        .collect();
    let mut times = Vec::new();
    for v in &versions {
        let t = Watch::start();
        std::hint::black_box(run(v));
        times.push(t.elapsed());
    }
    // The draft's own figure extraction alone, on fresh versions.
    let mut extract = Vec::new();
    for k in 0..60 {
        let mut t = draft.clone();
        t.insert(spots[(k * 7) % spots.len()], 'y');
        let a = analyse("draft.txt", t);
        let s = Watch::start();
        std::hint::black_box(copydesk::engine::rules::figure::extract::figures(&a));
        extract.push(s.elapsed());
    }
    let figs = copydesk::engine::rules::figure::extract::figures(&a0)
        .list
        .len();
    // Quotations alone, and the analysis every rule starts from, for scale.
    let mut quotes = Vec::new();
    let mut analysis = Vec::new();
    for k in 0..60 {
        let mut t = draft.clone();
        t.insert(spots[(k * 11) % spots.len()], 'z');
        let s = Watch::start();
        let a = analyse("draft.txt", t);
        analysis.push(s.elapsed());
        let s = Watch::start();
        std::hint::black_box(copydesk::engine::rules::quote::misquote::quotations(&a));
        quotes.push(s.elapsed());
    }
    println!(
        "for scale: analysing the draft (tokens, sentences) takes {}; extracting its quotations {}",
        us(pct(&mut analysis, 0.5)),
        us(pct(&mut quotes, 0.5))
    );
    println!(
        "figure + quote rules, {words}-word draft ({figs} figures), 100 siblings: first check {} ({} findings), keystroke median {} (95th percentile {}); draft figure extraction median {}",
        us(cold),
        first.len(),
        us(pct(&mut times, 0.5)),
        us(pct(&mut times, 0.95)),
        us(pct(&mut extract, 0.5))
    );
}

/// For profiling: extraction and the rules' check on a loop.
fn profile_loop(what: &str) {
    let arts = fixture_articles();
    let mut draft = String::new();
    while draft.split_whitespace().count() < 2000 {
        for (_, t) in &arts {
            draft.push_str(t);
            draft.push_str("\n\n");
        }
    }
    let versions: Vec<Analysis> = (0..200)
        .map(|k| {
            let mut t = draft.clone();
            t.insert(k * 37 % draft.len().min(5000) / 4 * 4, ' ');
            analyse("draft.txt", t)
        })
        .collect();
    let mut corpus = Corpus::new(Arc::new(Config::default()));
    let mut siblings = Vec::new();
    for i in 0..100 {
        let (name, t) = &arts[i % arts.len()];
        let text = format!("Version {i} of this report.\n\n{t}");
        let a = corpus.upsert(&PathBuf::from(format!("sib{i}/{name}")), text);
        siblings.push(Sibling {
            analysis: a,
            score: 0.5,
        });
    }
    let config = Config::default();
    let rules: Vec<_> = registry()
        .rules
        .iter()
        .filter(|r| r.id().starts_with("figure/") || r.id().starts_with("quote/"))
        .collect();
    for _ in 0..20 {
        for v in &versions {
            if what == "extract" {
                let f = copydesk::engine::rules::figure::extract::extract_uncached(v);
                std::hint::black_box(f);
            } else {
                let cx = Context {
                    analysis: v,
                    siblings: &siblings,
                    corpus: &corpus,
                    config: &config,
                };
                let mut out = Vec::new();
                for r in &rules {
                    r.check(&cx, &mut out);
                }
                std::hint::black_box(out);
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(w) = args.iter().find_map(|a| a.strip_prefix("--loop=")) {
        profile_loop(w);
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    if !args.iter().any(|a| a == "--index-only") {
        keystroke_bench();
    }
    if !args.iter().any(|a| a == "--keystroke-only") {
        index_bench(if quick { 10_000 } else { 100_000 });
    }
}
