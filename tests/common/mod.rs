//! A minimal LSP client for tests: drives the real `copydesk lsp` binary over stdio.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    /// Each message with the moment the reader thread had read and parsed it.
    rx: Receiver<(Instant, Value)>,
    next_id: i64,
    /// Messages received but not yet consumed.
    backlog: Vec<(Instant, Value)>,
    /// When the message [`Client::wait_for`] last returned had arrived.
    arrived: Option<Instant>,
}

/// How long to wait for a message: 20 s, or `COPYDESK_TEST_TIMEOUT` seconds (benchmarks of
/// large workspaces raise it).
pub fn timeout() -> Duration {
    std::env::var("COPYDESK_TEST_TIMEOUT")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_secs)
        .unwrap_or(Duration::from_secs(20))
}

impl Client {
    pub fn start() -> Client {
        Client::start_with(&[], Stdio::inherit())
    }

    /// A server started with the environment variables `env` set as well, its standard error
    /// going to `stderr`.
    pub fn start_with(env: &[(&str, &str)], stderr: Stdio) -> Client {
        // COPYDESK_BENCH_BIN: another build to compare with (benchmarks only).
        let bin = std::env::var_os("COPYDESK_BENCH_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_copydesk").into());
        let mut child = Command::new(bin)
            .arg("lsp")
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("start copydesk lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let l = line.trim_end();
                    if l.is_empty() {
                        break;
                    }
                    if let Some(v) = l.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let Some(n) = len else { return };
                let mut buf = vec![0; n];
                if r.read_exact(&mut buf).is_err() {
                    return;
                }
                if let Ok(v) = serde_json::from_slice::<Value>(&buf) {
                    if tx.send((Instant::now(), v)).is_err() {
                        return;
                    }
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            backlog: Vec::new(),
            arrived: None,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn send(&mut self, v: &Value) {
        let body = serde_json::to_string(v).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response; server-to-client requests met on the way
    /// are answered with null.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let resp = self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none());
        if let Some(e) = resp.get("error") {
            panic!("{method} failed: {e}");
        }
        resp["result"].clone()
    }

    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    fn recv(&mut self, deadline: Instant) -> Option<(Instant, Value)> {
        let left = deadline.saturating_duration_since(Instant::now());
        let (at, m) = self.rx.recv_timeout(left).ok()?;
        // Answer the server's own requests (registerCapability, workDoneProgress/create).
        if m.get("id").is_some() && m.get("method").is_some() {
            let id = m["id"].clone();
            self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
        }
        Some((at, m))
    }

    /// When the message [`Client::wait_for`] (or what calls it) last returned had been read
    /// off the wire and parsed: a benchmark's clock stops there, not when this thread gets
    /// round to it (the hand-over from the reader thread is the test client's, not the
    /// server's, and no editor has it).
    pub fn arrived(&self) -> Instant {
        self.arrived.expect("a message was received")
    }

    /// The first message (from the backlog, then the wire) matching `pred`.
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(|m| pred(&m.1)) {
            let (at, m) = self.backlog.remove(i);
            self.arrived = Some(at);
            return m;
        }
        let deadline = Instant::now() + timeout();
        loop {
            let Some(m) = self.recv(deadline) else {
                panic!("timed out waiting; backlog: {:#?}", self.backlog);
            };
            if pred(&m.1) {
                self.arrived = Some(m.0);
                return m.1;
            }
            self.backlog.push(m);
        }
    }

    /// Diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn initialize(
        &mut self,
        root: &std::path::Path,
        encodings: &[&str],
        options: Value,
    ) -> Value {
        let root_uri = file_uri(root);
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": [{"uri": root_uri, "name": "ws"}],
                "initializationOptions": options,
                "capabilities": {
                    "general": {"positionEncodings": encodings},
                    "window": {"workDoneProgress": true},
                    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
                    "textDocument": {"publishDiagnostics": {"relatedInformation": true, "versionSupport": true}},
                },
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    pub fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
        );
    }

    pub fn shutdown(mut self) -> std::process::ExitStatus {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + timeout();
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("server did not exit after shutdown/exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

pub fn file_uri(p: &std::path::Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Apply LSP TextEdits (UTF-16 positions) to a text, as an editor would.
pub fn apply_edits_utf16(text: &str, edits: &[Value]) -> String {
    let offset = |line: u64, ch: u64| -> usize {
        let mut start = 0;
        for _ in 0..line {
            match text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => return text.len(),
            }
        }
        let mut units = 0u64;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' || c == '\r' {
                return start + i;
            }
            units += c.len_utf16() as u64;
        }
        text.len()
    };
    let mut es: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            (
                offset(
                    r["start"]["line"].as_u64().unwrap(),
                    r["start"]["character"].as_u64().unwrap(),
                ),
                offset(
                    r["end"]["line"].as_u64().unwrap(),
                    r["end"]["character"].as_u64().unwrap(),
                ),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    es.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut t = text.to_string();
    for (a, b, s) in es {
        t.replace_range(a..b, &s);
    }
    t
}
