// Unit tests of the extension's pure helpers (no VS Code needed).

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, test } from "node:test";
import {
  configurationSettings,
  documentSelector,
  expandSetting,
  findOnPath,
  initializationOptions,
  normaliseRules,
  parseSiblings,
  resolveBinary,
} from "../src/settings";

describe("finding the copydesk binary", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-bin-"));
  const bin = path.join(dir, "copydesk");
  fs.writeFileSync(bin, "#!/bin/sh\n");
  fs.chmodSync(bin, 0o755);
  const notExec = path.join(dir, "not-exec");
  fs.writeFileSync(notExec, "");
  fs.chmodSync(notExec, 0o644);
  const base = { workspaceFolder: "/ws", home: "/home/ed", platform: "linux" as const };

  test("the copydesk.path setting wins over PATH", () => {
    const r = resolveBinary({ ...base, setting: bin, env: { PATH: "/nowhere" } });
    assert.deepEqual(r, { ok: true, path: bin, from: "setting" });
  });

  test("a setting that is not an executable file is an error, not a silent fallback to PATH", () => {
    const r = resolveBinary({ ...base, setting: notExec, env: { PATH: dir } });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.reason.includes(notExec));
  });

  test("an empty setting falls back to PATH, skipping empty and missing entries", () => {
    const r = resolveBinary({ ...base, setting: "  ", env: { PATH: `:/does/not/exist:${dir}` } });
    assert.deepEqual(r, { ok: true, path: bin, from: "PATH" });
  });

  test("neither: a reason that names both places", () => {
    const r = resolveBinary({ ...base, setting: "", env: { PATH: "/does/not/exist" } });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.reason.includes("PATH") && r.reason.includes("copydesk.path"));
  });

  test("~ and relative settings", () => {
    assert.equal(expandSetting("~/bin/copydesk", "/ws", "/home/ed"), path.join("/home/ed", "bin/copydesk"));
    assert.equal(expandSetting("target/debug/copydesk", "/ws", "/home/ed"), path.join("/ws", "target/debug/copydesk"));
    assert.equal(expandSetting("/opt/copydesk", "/ws", "/home/ed"), "/opt/copydesk");
  });

  test("Windows: PATHEXT and ';'", () => {
    const seen: string[] = [];
    const found = findOnPath("copydesk", { Path: "C:\\a;C:\\b", PATHEXT: ".COM;.EXE" }, "win32", (f) => {
      seen.push(f);
      return f.endsWith(path.join("C:\\b", "copydesk.EXE"));
    });
    assert.equal(found, path.join("C:\\b", "copydesk.EXE"));
    assert.equal(seen.length, 4);
  });
});

describe("rule settings", () => {
  test("rule ids and families with the server's levels pass through", () => {
    const { rules, problems } = normaliseRules({ "typo/repeated-word": "Error", style: "off", debris: true, figure: false });
    assert.deepEqual(rules, { "typo/repeated-word": "error", style: "off", debris: "on", figure: "off" });
    assert.deepEqual(problems, []);
  });

  test("bad keys and values are dropped with a message each", () => {
    const { rules, problems } = normaliseRules({ "Typo Repeated": "off", "typo/x": "loud", quote: 3, name: "information" });
    assert.deepEqual(rules, { name: "info" });
    assert.equal(problems.length, 3);
  });

  test("not an object", () => {
    assert.deepEqual(normaliseRules(undefined), { rules: {}, problems: [] });
    assert.equal(normaliseRules(["style"]).problems.length, 1);
    assert.equal(normaliseRules("off").problems.length, 1);
  });

  test("the shapes the server reads", () => {
    assert.deepEqual(initializationOptions({ style: "off" }), { rules: { style: "off" } });
    assert.deepEqual(configurationSettings({ style: "off" }), { copydesk: { rules: { style: "off" } } });
  });
});

describe("documents and siblings", () => {
  test("plain text and Markdown by default, on disk and unsaved", () => {
    assert.deepEqual(documentSelector(undefined), [
      { language: "plaintext", scheme: "file" },
      { language: "plaintext", scheme: "untitled" },
      { language: "markdown", scheme: "file" },
      { language: "markdown", scheme: "untitled" },
    ]);
    assert.deepEqual(
      documentSelector(["restructuredtext", " ", 3, "restructuredtext"]).map((s) => s.language),
      ["restructuredtext", "restructuredtext"],
    );
  });

  test("sibling replies are validated and sorted best first", () => {
    const out = parseSiblings([
      { uri: "file:///a.txt", title: "A", score: 0.2 },
      { uri: "file:///b.txt", title: "", score: 0.9 },
      { title: "no uri", score: 1 },
      null,
      { uri: "file:///c.txt", title: "C", score: "high" },
    ]);
    assert.deepEqual(out, [
      { uri: "file:///b.txt", title: "file:///b.txt", score: 0.9 },
      { uri: "file:///a.txt", title: "A", score: 0.2 },
      { uri: "file:///c.txt", title: "C", score: 0 },
    ]);
    assert.deepEqual(parseSiblings(null), []);
  });
});
