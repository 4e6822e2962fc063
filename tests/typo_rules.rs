//! Each `typo` and `name` rule on short texts of our own: what it must find (and fix), and
//! the clean copy it must leave alone.

use std::path::Path;
use std::sync::Arc;

use copydesk::engine::config::Config;
use copydesk::engine::corpus::{Corpus, Sibling};
use copydesk::engine::finding::{Applicability, Finding};
use copydesk::engine::fix::apply_edits;
use copydesk::engine::rules::Context;
use copydesk::engine::testing::only;

/// Findings of `rule` (an id or a family) on `draft`, with `siblings` as its siblings.
fn run_cfg(config: Config, draft: &str, siblings: &[&str]) -> Vec<Finding> {
    let mut corpus = Corpus::new(Arc::new(config));
    for (i, s) in siblings.iter().enumerate() {
        corpus.upsert(Path::new(&format!("sibling{i}.txt")), s.to_string());
    }
    let a = corpus.upsert(Path::new("draft.txt"), draft.to_string());
    let sibs: Vec<Sibling> = corpus
        .articles()
        .filter(|x| x.doc.path() != Path::new("draft.txt"))
        .map(|x| Sibling {
            analysis: x.clone(),
            score: 0.5,
        })
        .collect();
    let config = corpus.config().clone();
    let cx = Context {
        analysis: &a,
        siblings: &sibs,
        corpus: &corpus,
        config: &config,
    };
    copydesk::engine::check_with(&cx)
}

fn run(rule: &str, draft: &str, siblings: &[&str]) -> Vec<Finding> {
    run_cfg(only(rule), draft, siblings)
}

/// The rule reports exactly one finding, on `word`, whose first fix gives `fixed`.
#[track_caller]
fn fixes(rule: &str, draft: &str, siblings: &[&str], word: &str, fixed: &str, safe: bool) {
    let f = run(rule, draft, siblings);
    assert_eq!(f.len(), 1, "{rule} on {draft:?}: {f:#?}");
    assert_eq!(&draft[f[0].range.clone()], word, "{f:#?}");
    let fix = &f[0].fixes[0];
    assert_eq!(apply_edits(draft, fix.edits.clone()), fixed);
    assert_eq!(
        fix.applicability == Applicability::Safe,
        safe,
        "applicability of {fix:?}"
    );
}

#[track_caller]
fn silent(rule: &str, draft: &str, siblings: &[&str]) {
    let f = run(rule, draft, siblings);
    assert!(f.is_empty(), "{rule} on {draft:?}: {f:#?}");
}

/// The one finding of `rule` on `draft`, which must cover `word`.
#[track_caller]
fn one_on(rule: &str, draft: &str, siblings: &[&str], word: &str) -> Finding {
    let mut f = run(rule, draft, siblings);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(&draft[f[0].range.clone()], word);
    f.remove(0)
}

/// Two siblings that spell the Secretary of State's name "Antony".
const BLINKEN: &[&str] = &[
    "US Secretary of State Antony Blinken visited Beijing on Friday.",
    "Antony Blinken said the talks were candid.",
];

// ------------------------------------------------------------------ typo/sibling

#[test]
fn sibling_finds_any_near_word_in_the_siblings_words() {
    fixes(
        "typo",
        "Workers fear losing jobs to the automaton of the northern terminal.",
        &["Unions fear losing jobs to the automation of the northern terminal, officials said."],
        "automaton",
        "Workers fear losing jobs to the automation of the northern terminal.",
        false, // one sibling only, and "automaton" is a word: an editor confirms
    );
    fixes(
        "typo/sibling",
        "Workers fear losing jobs to the automaton of the northern terminal.",
        &[
            "Unions fear losing jobs to the automation of the northern terminal, officials said.",
            "Many fear losing jobs to the automation of the northern terminal.",
        ],
        "automaton",
        "Workers fear losing jobs to the automation of the northern terminal.",
        true,
    );
}

#[test]
fn sibling_fix_takes_the_case_of_the_drafts_word_whichever_sibling_comes_first() {
    // One sibling opens a sentence with the word, the other has it inside one: the draft's
    // lower-case word gets the lower-case form, and a capitalised one the capitalised form,
    // whatever order the siblings come in.
    let opening = "Automation plans announced on Monday alarmed the dock workers.";
    let inside = "Dock workers fear automation plans announced on Monday.";
    let fixed = |draft: &str, sibs: &[&str], word: &str| {
        let f = one_on("typo/sibling", draft, sibs, word);
        apply_edits(draft, f.fixes[0].edits.clone())
    };
    let lower = "Dock workers fear automaton plans announced on Monday.";
    for sibs in [[opening, inside], [inside, opening]] {
        assert_eq!(
            fixed(lower, &sibs, "automaton"),
            "Dock workers fear automation plans announced on Monday."
        );
    }
    let upper = "Automaton plans announced on Monday alarmed the dock workers.";
    for sibs in [[opening, inside], [inside, opening]] {
        assert_eq!(
            fixed(upper, &sibs, "Automaton"),
            "Automation plans announced on Monday alarmed the dock workers."
        );
    }
}

#[test]
fn sibling_finds_a_word_that_looks_like_an_ending_away() {
    // "rats" for "rates" is not "rat" with "-es"; "fun" for "fund" is not a past tense.
    let sibs = &[
        "The scanners were bought at prices far above market rates, and the ministry paid from its own fund.",
        "Auditors said the prices were well above market rates, and the ministry paid from its own fund.",
    ];
    fixes(
        "typo/sibling",
        "The ministry bought scanners at prices far above market rats, and paid from its own fund.",
        sibs,
        "rats",
        "The ministry bought scanners at prices far above market rates, and paid from its own fund.",
        true, // two siblings agree on the words around it
    );
    // Real endings still are endings: "taxes"/"tax", "goes"/"go", and "heard"/"hears".
    silent(
        "typo/sibling",
        "The council said new taxes on the harbour would go to the ferry fund.",
        &["The council said a new tax on the harbour goes to the ferry fund."],
    );
    silent(
        "typo/sibling",
        "The planning committee heard evidence from the harbour board on Monday about the new ferry terminal and its cost to the town.",
        &[
            "The planning committee hears evidence from the harbour board on Monday about the new ferry terminal and its cost to the town, officials said.",
            "On Monday the planning committee hears evidence from the harbour board about the new ferry terminal and its cost to the town.",
        ],
    );
}

#[test]
fn sibling_leaves_rewrites_alone() {
    let sib = &["The ships had begun diverting to other harbors and the union plans talks with the authority."];
    // Tense, number, British spelling, a different word altogether.
    silent(
        "typo",
        "The ships began diverting to other harbours and the union planned talks with the authorities.",
        sib,
    );
    // A sibling also uses the draft's word in that place.
    silent(
        "typo/sibling",
        "Officials said the trial would resume on Monday.",
        &[
            "Officials said the trail would resume on Monday.",
            "Officials said the trial would resume on Monday, the court said.",
        ],
    );
    // No siblings, no evidence.
    silent("typo/sibling", "Workers fear the automaton.", &[]);
    // Another day of the week is another day: two outlets writing on different days.
    silent(
        "typo",
        "Hundreds of parents queued outside the Velmo town hall on Thursday as a clinic opened.",
        &["Hundreds of parents queued outside the Velmo town hall on Tuesday as a clinic opened."],
    );
    // Two spellings of a name the dictionary does not know, the draft's written by more
    // siblings: one sibling's other spelling in the same words is no evidence against it.
    silent(
        "typo/sibling",
        "Turnout was the highest in a Vřesina regional election since 2002.",
        &[
            "Liberals win Vresina regional election by a wide margin",
            "Voters in Vřesina went to the polls on Sunday.",
            "The Vřesina assembly has 60 seats.",
        ],
    );
}

#[test]
fn sibling_still_finds_a_name_slip_most_siblings_write_otherwise() {
    // One other sibling repeats the draft's slip; three write the name the other way.
    fixes(
        "typo/sibling",
        "Turnout was the highest in a Vresina regional election since 2002.",
        &[
            "It was the highest turnout in a Vřesina regional election in years.",
            "Turnout in the Vřesina regional election rose sharply.",
            "The Vřesina regional election drew record crowds.",
            "Voters in Vresina were split.",
        ],
        "Vresina",
        "Turnout was the highest in a Vřesina regional election since 2002.",
        false,
    );
}

// ------------------------------------------------------------------ typo/confusable

#[test]
fn confusable_decided_by_siblings_workspace_and_context() {
    fixes(
        "typo",
        "The plan called on the relevant counties to take responsibility.",
        &["Its peace plan urged “relevant countries” to act."],
        "counties",
        "The plan called on the relevant countries to take responsibility.",
        true,
    );
    // One sibling's slip does not make the draft's function word wrong: "from" is the usual
    // word, and that sibling's "form" is as likely its own typo. Two siblings agreeing do.
    silent(
        "typo/confusable",
        "The fire has driven about 14,000 people from their homes near Lomvik.",
        &["The fire near Lomvik forced about 14,000 people form their homes, officials said."],
    );
    fixes(
        "typo/confusable",
        "The fire has driven about 14,000 people form their homes near Lomvik.",
        &["The fire near Lomvik forced about 14,000 people from their homes, officials said."],
        "form",
        "The fire has driven about 14,000 people from their homes near Lomvik.",
        false,
    );
    // No siblings: the bundled contexts.
    fixes(
        "typo/confusable",
        "Investigators said the breaks failed as the train entered the curve.",
        &[],
        "breaks",
        "Investigators said the brakes failed as the train entered the curve.",
        false,
    );
    silent(
        "typo/confusable",
        "The union said the strike breaks the deal, and talks broke down at noon during the lunch break.",
        &[],
    );
    fixes(
        "typo/confusable",
        "The charges were dropped because the statue of limitations had expired.",
        &[],
        "statue",
        "The charges were dropped because the statute of limitations had expired.",
        false,
    );
    fixes(
        "typo/confusable",
        "She denies misconduct in pubic office.",
        &[],
        "pubic",
        "She denies misconduct in public office.",
        false,
    );
    fixes(
        "typo/confusable",
        "The murder trail opened on Monday.",
        &[],
        "trail",
        "The murder trial opened on Monday.",
        false,
    );
    // Election night.
    fixes(
        "typo/confusable",
        "An exit pole for the public broadcaster put Labour ahead.",
        &[],
        "pole",
        "An exit poll for the public broadcaster put Labour ahead.",
        false,
    );
    fixes(
        "typo/confusable",
        "Turnout among registered votes was 61 percent.",
        &[],
        "votes",
        "Turnout among registered voters was 61 percent.",
        false,
    );
}

#[test]
fn confusable_workspace_pairs() {
    // Two other articles (not siblings of this draft) write "civilian casualties".
    let mut corpus = Corpus::new(Arc::new(only("typo/confusable")));
    corpus.upsert(
        Path::new("x.txt"),
        "Reports of civilian casualties rose in the east of the region.".into(),
    );
    corpus.upsert(
        Path::new("y.txt"),
        "Aid groups counted civilian casualties after the floods.".into(),
    );
    let draft = "The army denied any civilian causalities in the raid.";
    let a = corpus.upsert(Path::new("draft.txt"), draft.into());
    let config = corpus.config().clone();
    let cx = Context {
        analysis: &a,
        siblings: &[],
        corpus: &corpus,
        config: &config,
    };
    let f = copydesk::engine::check_with(&cx);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].message.contains("other articles"), "{}", f[0].message);
    assert_eq!(
        apply_edits(draft, f[0].fixes[0].edits.clone()),
        "The army denied any civilian casualties in the raid."
    );
}

#[test]
fn confusable_leaves_right_words_alone() {
    for s in [
        "The county council met on Tuesday in the county seat.",
        "Three rural counties voted against the plan.",
        "Children were promised a special treat after the parade.",
        "The bronze statue of the general was removed.",
        "Officials hiked the trail to the summit.",
        "The public health agency issued a warning.",
        "Reverse causality is hard to rule out in such studies.",
        "The new rules will affect millions; the effect will be felt next year.",
        "Workers replaced a utility pole on the corner of Main Street.",
        "The expedition reached the South Pole in January.",
        "She cleared the bar in the pole vault final.",
        "An opinion poll put the mayor ahead, and the polls closed at 8 p.m.",
        "The votes were counted overnight, and voters who stayed up saw the result.",
        "Votes cast by post are counted last.",
    ] {
        silent("typo/confusable", s, &[]);
    }
    // The siblings disagree with each other: no sibling evidence either way.
    silent(
        "typo/confusable",
        "Officials in both counties said the roads were closed.",
        &["Officials in both counties said the roads were closed on Monday."],
    );
}

// ------------------------------------------------------------------ typo/spelling

#[test]
fn spelling_finds_misspellings_with_candidates() {
    let f = run("typo/spelling", "The goverment said it would respond.", &[]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].word.as_deref(), Some("goverment"));
    let first = &f[0].fixes[0];
    assert_eq!(first.edits[0].replacement, "government");
    assert_eq!(first.applicability, Applicability::Unsafe);
    // "Ignore in this article" is the last fix: it inserts the directive at the top.
    let ignore = f[0].fixes.last().unwrap();
    assert_eq!(ignore.applicability, Applicability::Unsafe);
    let fixed = apply_edits("The goverment said it would respond.", ignore.edits.clone());
    assert!(
        fixed.starts_with("<!-- copydesk-ignore-word goverment -->\n"),
        "{fixed}"
    );
    silent("typo/spelling", &fixed, &[]);
    // Two slips in one sentence are still slips, not another language.
    let f = run(
        "typo/spelling",
        "The goverment recieved the report on Monday.",
        &[],
    );
    assert_eq!(f.len(), 2, "{f:#?}");
    // A sibling that has the word makes the fix safe.
    fixes(
        "typo/spelling",
        "The goverment said it would respond.",
        &["The government said on Monday it would respond to the report."],
        "goverment",
        "The government said it would respond.",
        true,
    );
}

#[test]
fn spelling_leaves_names_jargon_and_other_languages_alone() {
    for s in [
        "Analyst Konstantin Kalachev said the visit mattered.",
        "The NATO summit used a livestream for the first time.",
        "Visit www.exmaple.org or write to desk@exmaple.org for details.",
        "Follow #electon2024 and @reportr for updates.",
        "The colour of the organisation's logo changed at the centre.",
        // British words with no American spelling in the dictionary: style/spelling-variant's.
        "The maths teacher retired after thirty years at the school.",
        "The fire spread to the third storey of the building before crews arrived.",
        "Officials said the old gaol would be turned into a museum next year.",
        "Protesters chanted “el pueblo unido jamás será vencido” outside.",
        "The frontend team shipped the new wakeup screen.",
        "The façade of the café was restored.",
        "",
        "🦀🦀 — …",
    ] {
        silent("typo/spelling", s, &[]);
    }
    // A word used twice is deliberate.
    silent(
        "typo/spelling",
        "The glorbix engine failed. Engineers replaced the glorbix within hours.",
        &[],
    );
}

#[test]
fn spelling_honours_house_words_and_the_ignore_directive() {
    let mut config = only("typo/spelling");
    config.typo.words = vec!["goverment".into()];
    assert!(run_cfg(config, "The goverment said so.", &[]).is_empty());
    silent(
        "typo/spelling",
        "<!-- copydesk-ignore-word goverment -->\nThe goverment said so.",
        &[],
    );
    // The house dictionary file, read relative to the workspace root.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[typo]\ndictionary = \"words.txt\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("words.txt"), "goverment\n").unwrap();
    let (mut config, warnings) = Config::load(&dir.path().join("copydesk.toml")).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        config.typo.dictionary_path(dir.path()),
        dir.path().join("words.txt")
    );
    for r in &copydesk::engine::rules::registry().rules {
        if r.id() != "typo/spelling" {
            config
                .rules
                .insert(r.id().into(), copydesk::engine::config::RuleSetting::Off);
        }
    }
    assert!(run_cfg(config, "The goverment said so.", &[]).is_empty());
}

// ------------------------------------------------------------------ name/sibling

#[test]
fn name_sibling_reports_the_siblings_spelling() {
    let sibs = BLINKEN;
    let draft = "Secretary of State Anthony Blinken arrived in Beijing.";
    let f = one_on("name", draft, sibs, "Anthony");
    assert_eq!(f.rule, "name/sibling");
    assert!(!f.related.is_empty(), "the siblings are the evidence");
    assert_eq!(
        apply_edits(draft, f.fixes[0].edits.clone()),
        "Secretary of State Antony Blinken arrived in Beijing."
    );
    // The draft's possessive stays; the siblings' does not come along.
    fixes(
        "name",
        "It was Anthony Blinken’s third visit.",
        &[
            "Antony Blinken's trip was announced.",
            "Antony Blinken arrived.",
        ],
        "Anthony",
        "It was Antony Blinken’s third visit.",
        true,
    );
    fixes(
        "name",
        "It was Secretary Antony Blinkin’s third visit.",
        &[
            "Antony Blinken's trip was announced.",
            "Antony Blinken arrived.",
        ],
        "Blinkin’s",
        "It was Secretary Antony Blinken’s third visit.",
        true,
    );
    // A single unknown word one letter from the siblings' name.
    fixes(
        "name",
        "Independent analyst Konstantin Kalashev said the trip mattered.",
        &["Political analyst Konstantin Kalachev highlighted the trip's significance."],
        "Kalashev",
        "Independent analyst Konstantin Kalachev said the trip mattered.",
        true,
    );
}

#[test]
fn ignore_directive_sits_after_front_matter_and_silences_names_too() {
    let draft = "---\ntitle: Visit\n---\nThe goverment said so.\n";
    let f = run("typo/spelling", draft, &[]);
    let fixed = apply_edits(draft, f[0].fixes.last().unwrap().edits.clone());
    assert_eq!(
        fixed,
        "---\ntitle: Visit\n---\n<!-- copydesk-ignore-word goverment -->\nThe goverment said so.\n"
    );
    silent("typo/spelling", &fixed, &[]);
    silent(
        "name",
        "<!-- copydesk-ignore-word Anthony -->\nSecretary of State Anthony Blinken arrived.",
        &[
            "Antony Blinken arrived in Beijing.",
            "Antony Blinken spoke.",
        ],
    );
}

#[test]
fn name_sibling_finds_a_last_word_cut_short_to_a_real_word() {
    let sibs = &[
        "The region will apply to the Baltic Recovery Fund, the ministry said, after the Nordic Hydrological Organization confirmed the flood peak.",
        "Officials said they would ask the Baltic Recovery Fund for aid once the Nordic Hydrological Organization had published its figures.",
    ];
    // One letter short, and the cut-off word is a word in its own right.
    fixes(
        "name",
        "The region will ask the Baltic Recovery Fun for aid.",
        sibs,
        "Fun",
        "The region will ask the Baltic Recovery Fund for aid.",
        true,
    );
    // A whole ending gone ("-ization"), with the rest of the name matching over two words.
    fixes(
        "name",
        "Figures from the Nordic Hydrological Organ showed the peak had passed.",
        sibs,
        "Organ",
        "Figures from the Nordic Hydrological Organization showed the peak had passed.",
        true,
    );
    fixes(
        "name",
        "Figures from the Nordic Hydrological Organizatio showed the peak had passed.",
        sibs,
        "Organizatio",
        "Figures from the Nordic Hydrological Organization showed the peak had passed.",
        true,
    );
    // Siblings writing the name two ways: the spelling most of them write comes first, not
    // the first sibling's.
    let sibs = &[
        "The Nordic Hydrological Organisation confirmed the flood peak on Tuesday, the ministry said.",
        "The ministry said the Nordic Hydrological Organization had confirmed the flood peak.",
        "Once the Nordic Hydrological Organization confirmed the peak, the ministry asked for aid.",
    ];
    let draft = "Figures from the Nordic Hydrological Organ showed the peak had passed.";
    let f = one_on("name", draft, sibs, "Organ");
    assert_eq!(
        apply_edits(draft, f.fixes[0].edits.clone()),
        "Figures from the Nordic Hydrological Organization showed the peak had passed.",
        "{f:#?}"
    );
}

#[test]
fn name_sibling_leaves_other_names_that_share_a_beginning_alone() {
    // A longer ending that is not a suffix makes another word ("Court"/"Courthouse"); a
    // people's name is not a cut-off country ("Kenyan"/"Kenya"); a past tense is not a typo.
    silent(
        "name",
        "Lawyers gathered outside the Harwick County Court on Monday.",
        &["Protesters gathered outside the Harwick County Courthouse on Monday."],
    );
    silent(
        "name",
        "The Kenyan Wildlife Service said the herd had moved.",
        &["The Kenya Wildlife Service said the herd had moved north."],
    );
    silent(
        "name",
        "The Grand Fund said it would pay.",
        &["The Grand Funded programme said it would pay."],
    );
}

#[test]
fn name_sibling_leaves_agreeing_and_inflected_names_alone() {
    silent(
        "name",
        "Russian President Vladimir Putin will visit China.",
        &["Russia's President Vladimir Putin will visit China in May."],
    );
    // Both spellings are in the siblings: nothing to choose.
    silent(
        "name",
        "Minister Ivana Petrov spoke first.",
        &["Minister Ivana Petrov and her deputy Ivan Petrov spoke."],
    );
}

// ------------------------------------------------------------------ name/misspelt

#[test]
fn name_misspelt_uses_the_bundled_and_house_lists() {
    fixes(
        "name",
        "It vetoed a resolution on the 1967 Outer Space Treat on Wednesday.",
        &[],
        "Treat",
        "It vetoed a resolution on the 1967 Outer Space Treaty on Wednesday.",
        true,
    );
    fixes(
        "name",
        "Talks resumed in Bejing on Monday.",
        &[],
        "Bejing",
        "Talks resumed in Beijing on Monday.",
        true,
    );
    let mut config = only("name");
    config.typo.names = vec!["Harwick Crown Court".into()];
    let draft = "She appeared at Harwick Crown Cout on Monday.";
    let f = run_cfg(config, draft, &[]);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        apply_edits(draft, f[0].fixes[0].edits.clone()),
        "She appeared at Harwick Crown Court on Monday."
    );
}

#[test]
fn name_misspelt_leaves_other_names_alone() {
    for s in [
        "Osama bin Laden was killed in 2011.",
        "SpaceX launched another rocket.",
        "Omar al-Bashir was ousted in 2019.",
        "The Warsaw Pace of life is quick.",
        "The Outer Space Treaty turns 60 in 2027.",
    ] {
        silent("name", s, &[]);
    }
}

// ------------------------------------------------------------------ robustness

#[test]
fn odd_input_never_panics() {
    let long = "a".repeat(100_000);
    for s in [
        "",
        " ",
        "\r\n\r\n",
        "Ünïcödé wörds — “quoted” ‘single’ 𝐀𝐁𝐂 🦀 e\u{301}",
        long.as_str(),
        "Treat Treat Treat. Space Treat. Outer Space Treat Outer Space Treat",
        "’s ’s 's '' -- - -",
    ] {
        let _ = run("typo", s, &[s, "Outer Space Treaty"]);
        let _ = run("name", s, &[s, "Outer Space Treaty"]);
    }
}

#[test]
fn name_misspelt_learns_names_from_the_workspace() {
    // Two other articles (not siblings of the draft) name the analyst.
    let mut corpus = Corpus::new(Arc::new(only("name")));
    corpus.upsert(
        Path::new("x.txt"),
        "Analysts such as Konstantin Kalachev doubt the plan.".into(),
    );
    corpus.upsert(
        Path::new("y.txt"),
        "The political scientist Konstantin Kalachev spoke to reporters.".into(),
    );
    let draft = "Konstantin Kalachov said the summit would change little.";
    let a = corpus.upsert(Path::new("draft.txt"), draft.into());
    let config = corpus.config().clone();
    let cx = Context {
        analysis: &a,
        siblings: &[],
        corpus: &corpus,
        config: &config,
    };
    let f = copydesk::engine::check_with(&cx);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "name/misspelt");
    assert_eq!(f[0].fixes[0].applicability, Applicability::Unsafe);
    assert_eq!(
        apply_edits(draft, f[0].fixes[0].edits.clone()),
        "Konstantin Kalachev said the summit would change little."
    );
    // One other article is not enough.
    corpus.remove(Path::new("y.txt"));
    let cx = Context {
        analysis: &a,
        siblings: &[],
        corpus: &corpus,
        config: &config,
    };
    assert!(copydesk::engine::check_with(&cx).is_empty());
}

/// One sibling's real word against the draft's real word: the evidence is symmetric (the
/// sibling would be told the same about the draft), so it is said at info, never as a warning.
/// The example story has "bargaining committee" in one article and "bargaining committed" in
/// another, and no third article with the phrase.
#[test]
fn one_sibling_against_one_real_word_is_info() {
    use copydesk::engine::finding::{Applicability, Severity};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ferry-strike");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    let (bulletin, gazette, wire, courier) = (
        read("bulletin.txt"),
        read("gazette.md"),
        read("wire.txt"),
        read("courier.txt"),
    );
    for (draft, others) in [
        (&bulletin, [&gazette, &wire, &courier]),
        (&gazette, [&bulletin, &wire, &courier]),
    ] {
        let others: Vec<&str> = others.iter().map(|s| s.as_str()).collect();
        let f = copydesk::engine::testing::run_rule("typo/sibling", draft, &others);
        let f: Vec<_> = f
            .iter()
            .filter(|f| draft[f.range.clone()].starts_with("committe"))
            .collect();
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].severity, Severity::Info, "{f:#?}");
        assert!(f[0]
            .fixes
            .iter()
            .all(|x| x.applicability != Applicability::Safe));
    }
}

// ------------------------------------------------------------------ reuse between checks

#[test]
fn a_word_judged_before_is_reported_where_it_now_is() {
    // The same seven-word neighbourhood at another place in the paragraph: the second check
    // reuses the first one's verdict on "goverment", and must put it at the new offset.
    let first = "Alpha beta gamma delta the goverment said so.";
    let second = "Zeta and more words before alpha beta gamma delta the goverment said so.";
    fixes(
        "typo/spelling",
        first,
        &[],
        "goverment",
        "Alpha beta gamma delta the government said so.",
        false,
    );
    fixes(
        "typo/spelling",
        second,
        &[],
        "goverment",
        "Zeta and more words before alpha beta gamma delta the government said so.",
        false,
    );
    // A neighbour that changes the verdict (the sentence is now mostly unknown words, so it
    // reads as another language) is not answered from the earlier check.
    silent(
        "typo/spelling",
        "Alpha beta gamma delta the goverment blorf snark quibbit zanth.",
        &[],
    );
}

#[test]
fn a_name_judged_before_is_reported_where_it_now_is() {
    let sibs = BLINKEN;
    // The run "State Anthony Blinken" with the same three words each side, first near the
    // start of the paragraph and then further in: the second check reuses the first's
    // verdict and must put it at the new offset.
    for draft in [
        "Yesterday morning US Secretary of State Anthony Blinken arrived in Beijing.",
        "Late yesterday morning US Secretary of State Anthony Blinken arrived in Beijing.",
    ] {
        let f = one_on("name", draft, sibs, "Anthony");
        assert!(apply_edits(draft, f.fixes[0].edits.clone()).contains("Antony Blinken"));
    }
}

#[test]
fn a_capital_heavy_sentence_is_not_taken_for_a_headline() {
    let sibs = BLINKEN;
    // Nine words in ten capitalised or function words, but it ends in a full stop: a sentence,
    // whose names are checked.
    let draft = "Then the Secretary of State Anthony Blinken arrived in Beijing.";
    one_on("name", draft, sibs, "Anthony");
    // A headline in title case says nothing about how names are spelt.
    silent(
        "name",
        "Secretary Of State Anthony Blinken Arrives In Beijing For Talks",
        sibs,
    );
}

// ------------------------------------------------------------------ many siblings

/// A story followed by a dozen outlets: with eight siblings or more the rules ask an index of
/// all of them which siblings can answer, instead of asking each. The answers must not change.
#[test]
fn a_story_with_many_siblings_gets_the_same_findings() {
    const FILLER: &[&str] = &[
        "The council met on Tuesday to discuss the harbour budget.",
        "Ferry operators said the timetable would change in spring.",
        "Residents of the northern district asked for more buses.",
        "The mayor's office declined to comment on the strike.",
        "Dock workers gathered outside the terminal before dawn.",
        "A spokesperson for the port authority said talks continue.",
        "Passengers were advised to check the schedule online.",
        "Unions have called similar stoppages twice this year.",
        "The regional minister is expected to visit on Thursday.",
        "Freight traffic was diverted to the southern quay.",
    ];
    // (rule, draft, the siblings with the evidence, findings expected)
    let cases: &[(&str, &str, &[&str], usize)] = &[
        (
            "typo/sibling",
            "Workers fear losing jobs to the automaton of the northern terminal.",
            &[
                "Unions fear losing jobs to the automation of the northern terminal, officials said.",
                "Many fear losing jobs to the automation of the northern terminal.",
            ],
            1,
        ),
        (
            "typo/spelling",
            "The goverment said it would respond.",
            &["The government said on Monday it would respond to the report."],
            1,
        ),
        (
            "name",
            "Secretary of State Anthony Blinken arrived in Beijing.",
            BLINKEN,
            1,
        ),
        (
            "name",
            "Independent analyst Konstantin Kalashev said the trip mattered.",
            &["Political analyst Konstantin Kalachev highlighted the trip's significance."],
            1,
        ),
        (
            "typo/confusable",
            "Envoys from the relevant counties signed the accord.",
            // One neighbour in common: only the word pair says where "countries" goes.
            &["Several relevant countries, including Chile, joined on Friday."],
            1,
        ),
        (
            "typo/confusable",
            "Ferry timetables would not be effected by the strike.",
            // Function words either side: only the words around it place "affected".
            &["Freight would not be affected by the strike, the port said."],
            1,
        ),
        (
            "typo/sibling",
            "Officials said the trial would resume on Monday.",
            &[
                "Officials said the trail would resume on Monday.",
                "Officials said the trial would resume on Monday, the court said.",
            ],
            0,
        ),
    ];
    let summary = |f: &[Finding], draft: &str| -> Vec<(String, String, String, bool)> {
        f.iter()
            .map(|f| {
                let fix = &f.fixes[0];
                (
                    f.rule.to_string(),
                    draft[f.range.clone()].to_string(),
                    apply_edits(draft, fix.edits.clone()),
                    fix.applicability == Applicability::Safe,
                )
            })
            .collect()
    };
    for &(rule, draft, evidence, expected) in cases {
        let few = run(rule, draft, evidence);
        let mut many: Vec<&str> = evidence.to_vec();
        many.extend(FILLER);
        assert!(many.len() >= 8);
        let with_many = run(rule, draft, &many);
        assert_eq!(
            summary(&few, draft),
            summary(&with_many, draft),
            "{rule} on {draft:?}"
        );
        // And what must be found is found.
        assert_eq!(
            with_many.len(),
            expected,
            "{rule} on {draft:?}: {with_many:#?}"
        );
    }
}
