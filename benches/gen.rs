//! Deterministic generated workspaces for benchmarks: stories of five sibling articles each,
//! sharing a story vocabulary (names, places, figures) over a common news vocabulary.
#![allow(dead_code)]

use std::path::Path;

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407)
            | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const COMMON: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "said",
    "on",
    "for",
    "that",
    "with",
    "was",
    "officials",
    "government",
    "people",
    "city",
    "year",
    "new",
    "after",
    "would",
    "state",
    "minister",
    "police",
    "report",
    "week",
    "public",
    "plan",
    "council",
    "vote",
    "local",
    "support",
    "told",
    "region",
    "court",
    "budget",
    "company",
    "market",
    "workers",
    "election",
    "president",
    "leader",
    "water",
    "school",
    "health",
    "bridge",
    "river",
    "project",
    "funding",
    "residents",
    "meeting",
    "talks",
    "agreement",
    "decision",
    "statement",
    "announced",
    "expected",
    "according",
    "during",
    "before",
];

fn syllable(r: &mut Rng) -> &'static str {
    const S: &[&str] = &[
        "ka", "lo", "ri", "mes", "tan", "vor", "el", "dun", "sha", "pir", "gol", "an", "ber",
        "ist", "ul",
    ];
    S[r.below(S.len())]
}

fn made_up(r: &mut Rng, cap: bool) -> String {
    let n = 2 + r.below(2);
    let mut w: String = (0..n).map(|_| syllable(r)).collect();
    if cap {
        w[..1].make_ascii_uppercase();
    }
    w
}

/// An article of about `words` words for story `story`.
pub fn article(story: usize, variant: usize, words: usize) -> String {
    let mut sr = Rng::new(story as u64 * 7919 + 17);
    let names: Vec<String> = (0..6)
        .map(|_| format!("{} {}", made_up(&mut sr, true), made_up(&mut sr, true)))
        .collect();
    let topic: Vec<String> = (0..25).map(|_| made_up(&mut sr, false)).collect();
    let figures = [
        format!("{} percent", 10 + sr.below(80)),
        format!("{}-year-old", 30 + sr.below(50)),
        format!("${} million", 1 + sr.below(900)),
        format!("May {}", 1 + sr.below(28)),
    ];
    let mut r = Rng::new((story * 31 + variant) as u64 + 99);
    let mut out = format!(
        "{} plans {} in {}\n\n",
        names[0],
        topic[0],
        names[1].split(' ').next().unwrap()
    );
    let mut n = 0;
    while n < words {
        let len = 12 + r.below(16);
        let mut sentence: Vec<String> = Vec::new();
        for i in 0..len {
            let w = match r.below(10) {
                0 => names[r.below(names.len())].clone(),
                1 | 2 => topic[r.below(topic.len())].clone(),
                3 if i > 2 => figures[r.below(figures.len())].clone(),
                _ => COMMON[r.below(COMMON.len())].to_string(),
            };
            sentence.push(w);
        }
        let mut s = sentence.join(" ");
        s[..1].make_ascii_uppercase();
        out.push_str(&s);
        out.push_str(". ");
        n += len;
        if r.below(4) == 0 {
            out.push_str("\n\n");
        }
    }
    out.push('\n');
    out
}

/// Write `count` articles (stories of five) under `dir`; returns total bytes.
#[allow(dead_code)]
pub fn workspace(dir: &Path, count: usize, words: usize) -> usize {
    workspace_with_story(dir, count, words, 5)
}

/// Like [`workspace`], but story 0 has `first` articles (a draft of story 0 then has that many
/// siblings, up to the sibling limit).
pub fn workspace_with_story(dir: &Path, count: usize, words: usize, first: usize) -> usize {
    let mut total = 0;
    for i in 0..count {
        let sub = dir.join(format!("s{:03}", i / 500));
        if i % 500 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        let (story, variant) = if i < first {
            (0, i)
        } else {
            (1 + (i - first) / 5, (i - first) % 5)
        };
        let text = article(story, variant, words);
        total += text.len();
        std::fs::write(sub.join(format!("a{i:05}.txt")), text).unwrap();
    }
    total
}

/// One keystroke: insert `text` at (`line`, `col`), or delete the character there when `text`
/// is empty. Columns count characters (the generated text is ASCII, so UTF-16 units too).
pub struct Keystroke {
    pub line: usize,
    pub col: usize,
    pub text: String,
}

/// `n` keystrokes of typing into `text`: a word typed after a word in the middle of a prose
/// line one character at a time, then deleted with backspace; the next word goes into another
/// line. Applied in order, the edits leave the text as it was after every complete word.
pub fn typing(text: &str, n: usize) -> Vec<Keystroke> {
    const WORDS: &[&str] = &["trial ", "county ", "affect ", "statue ", "percent "];
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.split_whitespace().count() >= 8)
        // COPYDESK_BENCH_LINES=10,40: type only into these lines (0-based), to time or
        // profile one spot (beside a figure a hundred siblings state, say).
        .filter(|(i, _)| {
            std::env::var("COPYDESK_BENCH_LINES")
                .map_or(true, |v| v.split(',').any(|x| x.trim() == i.to_string()))
        })
        .collect();
    assert!(
        !lines.is_empty(),
        "no prose line (eight words or more) to type into; check COPYDESK_BENCH_LINES"
    );
    let mut out = Vec::with_capacity(n);
    let mut k = 0;
    while out.len() < n {
        let (line, l) = lines[(k * 7) % lines.len()];
        // COPYDESK_BENCH_FRESH_WORDS=1: a different made-up word every time ("eb", "fb", …
        // with "ing "), so no cache has seen the text: long profiling runs stay honest.
        let fresh;
        let word = if std::env::var_os("COPYDESK_BENCH_FRESH_WORDS").is_some() {
            let (mut w, mut x) = (String::new(), k + 30);
            while x > 0 {
                w.push(char::from(b'a' + (x % 26) as u8));
                x /= 26;
            }
            w.push_str("ing ");
            fresh = w;
            fresh.as_str()
        } else {
            WORDS[k % WORDS.len()]
        };
        // After the middle word of the line.
        let mid = l.len() / 2;
        let col = l[mid..].find(' ').map_or(l.len(), |i| mid + i + 1);
        for (i, ch) in word.chars().enumerate() {
            out.push(Keystroke {
                line,
                col: col + i,
                text: ch.to_string(),
            });
        }
        for i in (0..word.len()).rev() {
            out.push(Keystroke {
                line,
                col: col + i,
                text: String::new(),
            });
        }
        k += 1;
    }
    out.truncate(n);
    out
}
