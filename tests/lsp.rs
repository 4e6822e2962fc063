//! The real `copydesk lsp` binary driven over stdio by a test client.

mod common;

use common::{apply_edits_utf16, file_uri, Client};
use serde_json::{json, Value};

fn repeated(diags: &[Value]) -> Vec<&Value> {
    diags
        .iter()
        .filter(|d| d["code"] == "typo/repeated-word")
        .collect()
}

#[test]
fn open_diagnose_fix_change_and_version_checks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    // The emoji (two UTF-16 units) before the fault checks the column encoding.
    let text = "Crowds 🦀 cheered as the the mayor spoke.\n";
    std::fs::write(&path, text).unwrap();
    let uri = file_uri(&path);

    let mut c = Client::start();
    let init = c.initialize(dir.path(), &["utf-16"], json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);

    c.open(&uri, text, 1);
    let d = c.diagnostics(&uri, 1);
    let r = repeated(&d);
    assert_eq!(r.len(), 1, "{d:#?}");
    let diag = r[0].clone();
    assert_eq!(diag["source"], "copydesk");
    // "Crowds 🦀 cheered as the " is 25 UTF-16 units: the second "the" starts at 25.
    assert_eq!(diag["range"]["start"], json!({"line": 0, "character": 25}));
    assert_eq!(diag["range"]["end"], json!({"line": 0, "character": 28}));

    // Ask for the quick fix and apply it as an editor would.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diag["range"],
               "context": {"diagnostics": [diag], "only": ["quickfix"]}}),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .expect("a preferred quick fix")
        .clone();
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap().clone();
    let fixed = apply_edits_utf16(text, &edits);
    assert_eq!(fixed, "Crowds 🦀 cheered as the mayor spoke.\n");

    // Send the edit back as an incremental change: version 2 is clean.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": edits.iter().map(|e| json!({"range": e["range"], "text": e["newText"]})).collect::<Vec<_>>()}),
    );
    assert!(repeated(&c.diagnostics(&uri, 2)).is_empty());

    // A change whose version is not newer is dropped: it would re-introduce the fault.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "the the "}]}),
    );
    // Version 3 adds a fault at the end of the line; the diagnostics must be computed on
    // version 2's text plus this change only.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3},
               "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "And and then"}]}),
    );
    let d3 = c.diagnostics(&uri, 3);
    let r3 = repeated(&d3);
    assert_eq!(r3.len(), 1, "{d3:#?}");
    assert_eq!(r3[0]["range"]["start"], json!({"line": 1, "character": 4}));

    // Fix all: every safe fix in one edit.
    let all = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["kind"], "source.fixAll.copydesk");
    let current = "Crowds 🦀 cheered as the mayor spoke.\nAnd and then";
    let edits = all[0]["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(
        apply_edits_utf16(current, edits),
        "Crowds 🦀 cheered as the mayor spoke.\nAnd then"
    );

    // Pull diagnostics agree with what was pushed.
    let pulled = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(pulled["kind"], "full");
    assert_eq!(repeated(pulled["items"].as_array().unwrap()).len(), 1);

    assert!(c.shutdown().success());
}

#[test]
fn utf8_position_encoding_when_offered() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("a.md"));
    let mut c = Client::start();
    let init = c.initialize(dir.path(), &["utf-8", "utf-16"], json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    c.open(&uri, "𝐀 was was bold\n", 1);
    let d = c.diagnostics(&uri, 1);
    let r = repeated(&d);
    assert_eq!(r.len(), 1);
    // 𝐀 is 4 bytes: "𝐀 was " is 9 bytes.
    assert_eq!(r[0]["range"]["start"], json!({"line": 0, "character": 9}));
    assert!(c.shutdown().success());
}

#[test]
fn hostile_requests_do_not_crash_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("a.txt"));
    let ghost = file_uri(&dir.path().join("never-opened.txt"));
    let mut c = Client::start();
    c.initialize(dir.path(), &[], json!({}));
    c.open(&uri, "One line.\r\nTwo 🦀 lines.\r\n", 1);
    c.diagnostics(&uri, 1);
    // Ranges far outside the text, reversed ranges, positions inside a surrogate pair.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 999, "character": 5}, "end": {"line": 1000, "character": 0}}, "text": "tail"},
            {"range": {"start": {"line": 1, "character": 6}, "end": {"line": 0, "character": 2}}, "text": "x"},
            {"range": {"start": {"line": 1, "character": 5}, "end": {"line": 1, "character": 5}}, "text": "y"}
        ]}),
    );
    c.diagnostics(&uri, 2);
    // Unknown documents, a change to a document never opened.
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": ghost}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 99}}, "context": {"diagnostics": []}}),
    );
    assert!(r.is_null() || r.as_array().is_some_and(|a| a.is_empty()));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": ghost, "version": 9}, "contentChanges": [{"text": "x"}]}),
    );
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4000, "character": 4000}}),
    );
    assert!(h.is_null() || h.is_object());
    // Closing mid-analysis: change then close at once.
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "the the"}]}));
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let bad = c.request_raw(
        "workspace/executeCommand",
        json!({"command": "copydesk.siblings", "arguments": [42]}),
    );
    assert!(bad.get("error").is_some());
    // Still alive and answering.
    c.open(&uri, "fine fine text\n", 10);
    assert_eq!(repeated(&c.diagnostics(&uri, 10)).len(), 1);
    assert!(c.shutdown().success());
}

/// A rule that panics on a draft (planted through the test hook, in both lanes of the check)
/// costs that version's diagnostics, not the server: the next version is checked as usual.
#[test]
fn a_rule_panic_leaves_the_server_running() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("a.txt"));
    // The server's standard error goes to a file: the planted panic's report is expected, and
    // the error it logs is checked below.
    let log = dir.path().join("stderr.log");
    let mut c = Client::start_with(
        &[("COPYDESK_TEST_PANIC_ON", "PLANTED-PANIC-7F3A")],
        std::fs::File::create(&log).unwrap().into(),
    );
    c.initialize(dir.path(), &[], json!({}));
    c.open(&uri, "It was was late. PLANTED-PANIC-7F3A\n", 1);
    // A pull for the panicking version answers (with nothing) instead of taking the server down.
    let r = c.request_raw(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(r["result"]["items"], json!([]), "{r}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "It was was late.\n"}]}),
    );
    assert_eq!(repeated(&c.diagnostics(&uri, 2)).len(), 1);
    assert!(c.shutdown().success());
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(
        logged.contains("copydesk: internal error while checking")
            && logged.contains("a.txt: planted panic"),
        "{logged}"
    );
}

#[test]
fn config_from_the_workspace_and_from_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[rules]\n\"typo/repeated-word\" = \"error\"\n",
    )
    .unwrap();
    let uri = file_uri(&dir.path().join("a.txt"));
    let mut c = Client::start();
    c.initialize(dir.path(), &[], json!({}));
    c.open(&uri, "so the the end\n", 1);
    let d = c.diagnostics(&uri, 1);
    assert_eq!(
        repeated(&d)[0]["severity"],
        1,
        "severity error from copydesk.toml"
    );

    // The editor switches the rule off at run time.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"typo/repeated-word": "off"}}}}),
    );
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "so the the end!\n"}]}));
    assert!(repeated(&c.diagnostics(&uri, 2)).is_empty());
    assert!(c.shutdown().success());
}

#[test]
fn broken_config_is_reported_and_the_server_keeps_running() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("copydesk.toml"), "[rules\nbroken").unwrap();
    let uri = file_uri(&dir.path().join("a.txt"));
    let mut c = Client::start();
    c.initialize(dir.path(), &[], json!({}));
    let m = c.wait_for(|m| m["method"] == "window/showMessage");
    assert_eq!(m["params"]["type"], 1);
    assert!(
        m["params"]["message"]
            .as_str()
            .unwrap()
            .contains("copydesk.toml"),
        "{m}"
    );
    c.open(&uri, "the the\n", 1);
    assert_eq!(
        repeated(&c.diagnostics(&uri, 1)).len(),
        1,
        "defaults still apply"
    );

    // Fixing the file takes effect without a restart.
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[rules]\ntypo = \"off\"\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.path().join("copydesk.toml")), "type": 2}]}),
    );
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "the the.\n"}]}));
    assert!(repeated(&c.diagnostics(&uri, 2)).is_empty());
    assert!(c.shutdown().success());
}

#[test]
fn exit_during_the_workspace_load_ends_the_process() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        std::fs::write(
            dir.path().join(format!("a{i}.txt")),
            format!("Article {i} about the harbour council vote and the ferry terminal plan.\n")
                .repeat(40),
        )
        .unwrap();
    }
    let mut c = Client::start();
    c.initialize(dir.path(), &[], json!({}));
    let t = std::time::Instant::now();
    assert!(c.shutdown().success());
    assert!(
        t.elapsed() < std::time::Duration::from_secs(5),
        "took {:?}",
        t.elapsed()
    );
}

/// The example story on disk; the courier's draft disagrees with its siblings.
fn example_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ferry-strike");
    for f in ["wire.txt", "courier.txt", "gazette.md", "bulletin.txt"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    dir
}

#[test]
fn siblings_figures_hover_code_lens_and_watched_files() {
    let dir = example_workspace();
    let draft = dir.path().join("courier.txt");
    let text = std::fs::read_to_string(&draft).unwrap();
    let uri = file_uri(&draft);
    let mut c = Client::start();
    c.initialize(dir.path(), &["utf-16"], json!({}));
    // Wait for the workspace load to end, then open: the first diagnostics see the siblings.
    c.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    c.open(&uri, &text, 1);
    let d = c.diagnostics(&uri, 1);
    let fig = d
        .iter()
        .find(|d| d["code"] == "figure/conflict")
        .unwrap_or_else(|| panic!("a figure conflict in {d:#?}"));
    let line = text.lines().position(|l| l.contains("82 percent")).unwrap();
    assert_eq!(fig["range"]["start"]["line"], line);
    let related: Vec<String> = fig["relatedInformation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["location"]["uri"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        related.contains(&"wire.txt".to_string()) && related.contains(&"gazette.md".to_string()),
        "{related:?}"
    );

    // Hovering the figure shows what the siblings say.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": fig["range"]["start"]}),
    );
    let value = hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(value.contains("84"), "{hover:#}");

    // The code lens names the siblings; the command lists them.
    let lens = c.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    let title = lens[0]["command"]["title"].as_str().unwrap().to_string();
    assert!(title.starts_with("3 sibling articles"), "{title}");
    let sibs = c.request(
        "workspace/executeCommand",
        json!({"command": "copydesk.siblings", "arguments": [uri]}),
    );
    assert_eq!(sibs.as_array().unwrap().len(), 3, "{sibs:#}");

    // A sibling deleted on disk leaves the story.
    std::fs::remove_file(dir.path().join("bulletin.txt")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&dir.path().join("bulletin.txt")), "type": 3}]}),
    );
    let sibs = c.request(
        "workspace/executeCommand",
        json!({"command": "copydesk.siblings", "arguments": [uri]}),
    );
    assert_eq!(sibs.as_array().unwrap().len(), 2, "{sibs:#}");

    // Remove all scraper debris: one edit, and the draft keeps its body.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.removeDebris.copydesk"]}}),
    );
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    let cleaned = apply_edits_utf16(&text, edits);
    for gone in [
        "Business\n",
        "Related Articles",
        "Source link",
        "Leave a Reply",
    ] {
        assert!(!cleaned.contains(gone), "{gone:?} left in:\n{cleaned}");
    }
    assert!(
        cleaned.contains("Business groups put the cost"),
        "body kept:\n{cleaned}"
    );
    assert!(c.shutdown().success());
}

#[test]
fn add_to_house_dictionary_without_a_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    let text =
        "The council approved the plan for the harbour on Tuesday after the goverment agreed.\n";
    std::fs::write(&path, text).unwrap();
    let uri = file_uri(&path);
    let mut c = Client::start();
    c.initialize(dir.path(), &[], json!({}));
    c.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    c.open(&uri, text, 1);
    let d = c.diagnostics(&uri, 1);
    let sp = d
        .iter()
        .find(|d| d["code"] == "typo/spelling")
        .unwrap_or_else(|| panic!("a spelling finding in {d:#?}"))
        .clone();
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": sp["range"], "context": {"diagnostics": [sp], "only": ["quickfix"]}}),
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap_or("")
                .contains("house dictionary")
        })
        .expect("an Add to house dictionary action")
        .clone();
    c.request("workspace/executeCommand", add["command"].clone());
    let words = std::fs::read_to_string(dir.path().join("copydesk-words.txt")).unwrap();
    assert_eq!(words, "goverment\n");
    // Picked up at once: the next publish has no spelling finding.
    let m = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|a| a.iter().all(|d| d["code"] != "typo/spelling"))
    });
    assert_eq!(m["params"]["version"], 1);
    assert!(c.shutdown().success());
}

/// (line, UTF-16 column) of byte `at` in `text`.
fn position(text: &str, at: usize) -> Value {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count();
    let character: usize = text[line_start..at].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// What an editor shows of the diagnostics, in a stable order.
fn shown(diags: &[Value]) -> Vec<String> {
    let mut v: Vec<String> = diags
        .iter()
        .map(|d| {
            json!({"code": d["code"], "range": d["range"], "severity": d["severity"],
                   "message": d["message"], "related": d["relatedInformation"]})
            .to_string()
        })
        .collect();
    v.sort();
    v
}

#[test]
fn typing_gives_the_diagnostics_a_fresh_server_gives() {
    // Whatever a keystroke reuses from the last one (paragraphs, figures, verdicts, blocks),
    // the result must be what a server that never saw the earlier versions reports.
    let dir = example_workspace();
    let draft = dir.path().join("courier.txt");
    let mut text = std::fs::read_to_string(&draft).unwrap();
    let uri = file_uri(&draft);
    let fresh = |text: &str| {
        let mut c = Client::start();
        c.initialize(dir.path(), &["utf-16"], json!({}));
        c.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
        c.open(&uri, text, 1);
        let d = shown(&c.diagnostics(&uri, 1));
        assert!(c.shutdown().success());
        d
    };
    let mut c = Client::start();
    c.initialize(dir.path(), &["utf-16"], json!({}));
    c.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    c.open(&uri, &text, 1);
    let first = shown(&c.diagnostics(&uri, 1));
    assert!(
        first.iter().any(|d| d.contains("figure/conflict")),
        "{first:#?}"
    );
    // Edits spread over the draft, near figures and away from them: letters typed and
    // deleted, words and paragraphs inserted, digits changed.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut version = 1;
    for step in 0..120 {
        let mut at = next(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let (at, end, insert) = match step % 6 {
            0 | 1 => (at, at, ["e", "s", " ", "t"][next(4)].to_string()),
            2 => {
                let end = (at + 1..=text.len())
                    .find(|&e| text.is_char_boundary(e))
                    .unwrap_or(at);
                (at, end, String::new())
            }
            3 => (at, at, " quietly".to_string()),
            4 => (
                at,
                at,
                "\n\nA new paragraph, written later.\n\n".to_string(),
            ),
            _ => {
                let digits: Vec<usize> = text
                    .bytes()
                    .enumerate()
                    .filter(|(_, b)| b.is_ascii_digit())
                    .map(|(i, _)| i)
                    .collect();
                let d = digits[next(digits.len())];
                let new = if &text[d..d + 1] == "4" { "7" } else { "4" };
                (d, d + 1, new.to_string())
            }
        };
        let range = json!({"start": position(&text, at), "end": position(&text, end)});
        text.replace_range(at..end, &insert);
        let mut change = |c: &mut Client, range: Value, insert: &str| {
            version += 1;
            c.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version},
                       "contentChanges": [{"range": range, "text": insert}]}),
            );
            shown(&c.diagnostics(&uri, version))
        };
        change(&mut c, range, &insert);
        if step % 20 == 19 {
            // A fresh server indexes the draft as opened and works its siblings out from
            // it. Here the index keeps the draft as last saved, and the sibling list is
            // reused for a second and a half between keystrokes: save, then let a
            // keystroke and its undo (after that pause) bring both up to date.
            c.notify(
                "textDocument/didSave",
                json!({"textDocument": {"uri": uri}}),
            );
            let end = position(&text, text.len());
            change(&mut c, json!({"start": end, "end": end}), "x");
            std::thread::sleep(std::time::Duration::from_millis(1600));
            let x = json!({"start": end, "end": position(&format!("{text}x"), text.len() + 1)});
            let now = change(&mut c, x, "");
            assert_eq!(now, fresh(&text), "after {} edits:\n{text}", step + 1);
        }
    }
    assert!(c.shutdown().success());
}
