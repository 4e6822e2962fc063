//! `copydesk` on the command line: formats, exit codes, fixes, standard input, bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli")
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin().current_dir(dir).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn pretty_output_has_location_caret_and_fix() {
    let o = run_in(&fixtures(), &["check", "--color", "never", "story"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!("pretty", stdout(&o));
}

#[test]
fn json_output_is_the_versioned_contract() {
    let o = run_in(&fixtures(), &["check", "--format", "json", "story"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let f = &v["findings"][1];
    assert_eq!(f["path"], "story/ferry.txt");
    assert_eq!(f["rule"], "typo/repeated-word");
    // Columns count Unicode scalar values: the crab is one column.
    assert_eq!(
        f["range"]["start"],
        serde_json::json!({"line": 3, "column": 65})
    );
    insta::assert_snapshot!("json", stdout(&o));
}

#[test]
fn sarif_and_github_formats() {
    let o = run_in(&fixtures(), &["check", "--format", "sarif", "story"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "copydesk");
    assert!(run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "typo/repeated-word"));
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "typo/repeated-word");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "story/ferry.txt"
    );
    assert_eq!(
        result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        ""
    );
    let rule_index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        run["tool"]["driver"]["rules"][rule_index]["id"],
        "typo/repeated-word"
    );

    let o = run_in(&fixtures(), &["check", "--format", "github", "story"]);
    insta::assert_snapshot!("github", stdout(&o));
}

#[test]
fn exit_codes() {
    let dir = fixtures();
    assert_eq!(
        run_in(&dir, &["check", "story/clean.md"]).status.code(),
        Some(0)
    );
    assert_eq!(run_in(&dir, &["check", "story"]).status.code(), Some(1));
    assert_eq!(
        run_in(&dir, &["check", "--fail-on", "error", "story"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run_in(&dir, &["check", "--fail-on", "never", "story"])
            .status
            .code(),
        Some(0)
    );
    let missing = run_in(&dir, &["check", "story/nope.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("story/nope.txt: no such file"),
        "{}",
        stderr(&missing)
    );
    assert_eq!(
        run_in(&dir, &["check", "--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(run_in(&dir, &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn broken_config_is_an_error_naming_file_line_and_key() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(
        t.path().join("copydesk.toml"),
        "[files]\ninclude = \"*.txt\"\n",
    )
    .unwrap();
    std::fs::write(t.path().join("a.txt"), "fine\n").unwrap();
    let o = run_in(t.path(), &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("copydesk.toml") && e.contains("line 2") && e.contains("include"),
        "{e}"
    );

    std::fs::write(
        t.path().join("copydesk.toml"),
        "[rules]\n\"typo/no-such-rule\" = \"off\"\n",
    )
    .unwrap();
    let o = run_in(t.path(), &["check", "a.txt"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("typo/no-such-rule"),
        "unknown rule is a warning: {}",
        stderr(&o)
    );
}

#[test]
fn fix_writes_safe_fixes_and_a_second_run_has_nothing_to_fix() {
    let t = tempfile::tempdir().unwrap();
    for f in ["copydesk.toml", "ferry.txt", "clean.md"] {
        std::fs::copy(fixtures().join("story").join(f), t.path().join(f)).unwrap();
    }
    let o = run_in(t.path(), &["check", "--fix", "."]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("applied 2 fixes in 1 file"),
        "{}",
        stderr(&o)
    );
    let fixed = std::fs::read_to_string(t.path().join("ferry.txt")).unwrap();
    assert_eq!(
        fixed,
        "Harbour council approves the new ferry terminal\n\nThe vote, taken on Tuesday, ended a 🦀 two-year dispute over the site.\n"
    );
    // CRLF file untouched byte for byte.
    assert_eq!(
        std::fs::read(t.path().join("clean.md")).unwrap(),
        std::fs::read(fixtures().join("story/clean.md")).unwrap()
    );
    let again = run_in(t.path(), &["check", "--fix", "."]);
    assert!(
        stderr(&again).contains("applied 0 fixes"),
        "{}",
        stderr(&again)
    );
    // No temporary files left behind.
    let names: Vec<String> = std::fs::read_dir(t.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".copydesk-")),
        "{names:?}"
    );
}

#[test]
fn a_fix_made_safe_by_a_siblings_fix_is_applied_in_the_same_run() {
    // One sibling writes "6 percent from", another "6% from": "form" has one sibling's
    // words behind it, so its fix is unsafe, until the other sibling's "%" is fixed to
    // "percent". One `--fix` run must leave nothing a second would fix.
    let t = tempfile::tempdir().unwrap();
    let files = [
        ("a.txt", "Quillon cuts jobs after sales slide\n\nQuillon Systems said on Tuesday that quarterly sales fell 6 percent form a year earlier, and that it would cut 610 jobs at its plant in Loveland.\n\nThe company blamed weaker demand for its storage servers in Europe and Asia.\n"),
        ("b.txt", "Quillon to cut 610 jobs as sales fall\n\nQuillon Systems reported on Tuesday that quarterly sales fell 6 percent from a year earlier and said it would cut 610 jobs at its Loveland plant.\n\nWeaker demand for storage servers in Europe and Asia hurt the company.\n"),
        ("c.txt", "Loveland plant loses 610 jobs\n\nQuillon Systems said Tuesday that quarterly sales fell 6% from a year earlier and that 610 jobs would go at the Loveland plant.\n\nIt blamed weaker demand for storage servers in Europe and Asia.\n"),
    ];
    for (name, text) in files {
        std::fs::write(t.path().join(name), text).unwrap();
    }
    let o = run_in(t.path(), &["check", "--fix", "."]);
    assert!(
        stderr(&o).contains("applied 2 fixes in 2 files"),
        "{}",
        stderr(&o)
    );
    assert!(std::fs::read_to_string(t.path().join("a.txt"))
        .unwrap()
        .contains("6 percent from a year"));
    let again = run_in(t.path(), &["check", "--fix", "."]);
    assert!(
        stderr(&again).contains("applied 0 fixes"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn standard_input_is_named_by_stdin_filename() {
    let o = with_stdin(
        &fixtures(),
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "story/draft.txt",
            "-",
        ],
        &[],
        "It was was late.\n",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["findings"][0]["path"], "story/draft.txt");
    assert_eq!(v["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn binary_invalid_utf8_and_huge_files_are_skipped_with_a_message() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("bin.txt"), b"PK\x03\x04\0\0binary").unwrap();
    std::fs::write(t.path().join("latin1.txt"), b"caf\xe9 the the\n").unwrap();
    std::fs::write(t.path().join("ok.txt"), "the the\n").unwrap();
    std::fs::write(t.path().join("copydesk.toml"), "[files]\nmax_size = 100\n").unwrap();
    std::fs::write(t.path().join("big.txt"), "word ".repeat(100)).unwrap();
    let o = run_in(t.path(), &["check", "--format", "json", "."]);
    let e = stderr(&o);
    assert!(e.contains("bin.txt: binary file"), "{e}");
    assert!(e.contains("latin1.txt: not valid UTF-8"), "{e}");
    assert!(e.contains("big.txt: too large"), "{e}");
    assert_eq!(
        o.status.code(),
        Some(1),
        "found in a folder: skipped, not an error; {e}"
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["path"] == "ok.txt"));
    // Named explicitly, an unreadable file is an error.
    assert_eq!(
        run_in(t.path(), &["check", "bin.txt"]).status.code(),
        Some(2)
    );
}

#[test]
fn rules_and_explain() {
    let o = run_in(&fixtures(), &["rules"]);
    assert!(stdout(&o).contains("typo/repeated-word"));
    let o = run_in(&fixtures(), &["explain", "typo/repeated-word"]);
    assert_eq!(o.status.code(), Some(0));
    let s = stdout(&o);
    assert!(
        s.contains("## Fix safety") && s.contains("\"typo/repeated-word\" = \"off\""),
        "{s}"
    );
    let o = run_in(&fixtures(), &["explain", "typo/repeated-wrd"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean: typo/repeated-word"),
        "{}",
        stderr(&o)
    );
}

/// `copydesk check ARGS -` with `input` on standard input (and `env` set).
fn with_stdin(dir: &Path, args: &[&str], env: &[(&str, &str)], input: &str) -> Output {
    let mut child = bin()
        .current_dir(dir)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn fixing_standard_input_always_writes_the_text_back() {
    let t = tempfile::tempdir().unwrap();
    // Nothing to fix: the text comes back as it was (a pipeline must not lose it).
    let clean = "The council met on Tuesday and approved the budget.\n";
    let o = with_stdin(t.path(), &["check", "--fix", "-"], &[], clean);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), clean);
    // Something to fix: the fixed text.
    let o = with_stdin(
        t.path(),
        &["check", "--fix", "-"],
        &[],
        "It was was late.\n",
    );
    assert_eq!(stdout(&o), "It was late.\n", "{}", stderr(&o));
}

/// A rule that panics on one file (planted through the test hook) costs that file's findings:
/// the file is named, the run fails with exit code 2, and every other file is still checked.
#[test]
fn a_rule_panic_on_one_file_is_reported_and_the_rest_is_checked() {
    let t = tempfile::tempdir().unwrap();
    let planted = [("COPYDESK_TEST_PANIC_ON", "PLANTED-PANIC-7F3A")];
    std::fs::write(
        t.path().join("bad.txt"),
        "It was was late. PLANTED-PANIC-7F3A\n",
    )
    .unwrap();
    std::fs::write(t.path().join("good.txt"), "It was was early.\n").unwrap();
    let o = bin()
        .current_dir(t.path())
        .args(["check", "--format", "json", "."])
        .envs(planted)
        .output()
        .unwrap();
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("internal error while checking bad.txt"), "{e}");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["good.txt"]);
    // Fixing standard input that a rule panics on gives the text back unchanged.
    let text = "It was was late. PLANTED-PANIC-7F3A\n";
    let o = with_stdin(t.path(), &["check", "--fix", "-"], &planted, text);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(stdout(&o), text);
}

/// Three articles about one made-up story; the draft says 12 where the others say 21.
const QUARRY: [&str; 3] = [
    "Blasting at the Penhallow quarry will stop for 21 days while inspectors from the county mining board examine cracks in the houses of Treveth, the board said on Monday. Councillor Morwenna Jago said the 21-day pause was the least the village deserved.",
    "The county mining board has halted blasting at Penhallow quarry for 21 days after residents of Treveth reported cracked walls. Councillor Morwenna Jago welcomed the pause and said inspectors would visit every house in Treveth.",
    "Penhallow quarry must stop blasting for 21 days, the county mining board ruled, while inspectors look at cracks in Treveth homes. Morwenna Jago, the local councillor, said villagers had waited months for the inspection.",
];
const QUARRY_DRAFT: &str = "Blasting at Penhallow quarry has been halted for 12 days while the county mining board inspects cracked houses in Treveth. Councillor Morwenna Jago said the village had waited months for inspectors.\n";

fn quarry_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (i, t) in QUARRY.iter().enumerate() {
        std::fs::write(dir.path().join(format!("wire-{i}.txt")), t).unwrap();
    }
    std::fs::write(dir.path().join("draft.txt"), QUARRY_DRAFT).unwrap();
    dir
}

fn rules_at(o: &Output, path: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn one_named_file_is_checked_against_the_articles_of_its_folder() {
    // No copydesk.toml and no --workspace: the draft's folder holds its siblings.
    let dir = quarry_folder();
    let o = run_in(dir.path(), &["check", "--format", "json", "draft.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        rules_at(&o, "draft.txt").contains(&"figure/conflict".to_string()),
        "{}",
        stdout(&o)
    );
    // Only the named file is reported on; its siblings are evidence.
    assert!(rules_at(&o, "wire-0.txt").is_empty());
    // From another folder, by a path with a folder in it.
    let o = run_in(
        dir.path().parent().unwrap(),
        &[
            "check",
            "--format",
            "json",
            dir.path().join("draft.txt").to_str().unwrap(),
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "figure/conflict"),
        "{}",
        stdout(&o)
    );
    // Standard input named into the folder finds them too.
    let o = with_stdin(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "draft.txt",
            "-",
        ],
        &[],
        QUARRY_DRAFT,
    );
    assert!(
        rules_at(&o, "draft.txt").contains(&"figure/conflict".to_string()),
        "{}",
        stdout(&o)
    );
}

#[test]
fn unnamed_standard_input_and_unreadable_neighbours_stay_out_of_it() {
    let dir = quarry_folder();
    std::fs::write(dir.path().join("scan.txt"), b"\x00\x01binary\x00").unwrap();
    // Standard input without a name has no folder: the files beside it are not its siblings.
    let o = with_stdin(
        dir.path(),
        &["check", "--format", "json", "-"],
        &[],
        QUARRY_DRAFT,
    );
    assert!(!stdout(&o).contains("figure/conflict"), "{}", stdout(&o));
    // A neighbour that cannot be read is left out quietly: only the draft was named.
    let o = run_in(dir.path(), &["check", "--format", "json", "draft.txt"]);
    assert!(!stderr(&o).contains("scan.txt"), "{}", stderr(&o));
    assert!(rules_at(&o, "draft.txt").contains(&"figure/conflict".to_string()));
}

#[test]
fn a_named_files_folder_is_not_searched_below() {
    // The siblings sit one folder down: without a workspace they are not loaded (a file in a
    // home directory must not walk the whole tree); with --workspace they are.
    let dir = quarry_folder();
    let sub = dir.path().join("wire");
    std::fs::create_dir(&sub).unwrap();
    for i in 0..3 {
        let name = format!("wire-{i}.txt");
        std::fs::rename(dir.path().join(&name), sub.join(&name)).unwrap();
    }
    let o = run_in(dir.path(), &["check", "--format", "json", "draft.txt"]);
    assert!(
        !rules_at(&o, "draft.txt").contains(&"figure/conflict".to_string()),
        "{}",
        stdout(&o)
    );
    let o = run_in(
        dir.path(),
        &["check", "--format", "json", "--workspace", ".", "draft.txt"],
    );
    assert!(
        rules_at(&o, "draft.txt").contains(&"figure/conflict".to_string()),
        "{}",
        stdout(&o)
    );
}
