// The manifest (package.json) and the code agree: every contributed command is registered,
// every registered command is contributed, activation covers the default languages, and the
// settings the code reads are declared.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";

const root = path.join(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  main: string;
  activationEvents: string[];
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, { default: unknown }> };
  };
};
const source = fs.readFileSync(path.join(root, "src", "extension.ts"), "utf8");

test("contributed commands and registered commands are the same set", () => {
  const registered = [...source.matchAll(/registerCommand\(\s*"([^"]+)"/g)].map((m) => m[1]).sort();
  const contributed = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(registered, contributed);
  for (const c of pkg.contributes.commands) {
    assert.equal(c.category, "Copydesk");
  }
  const titles = pkg.contributes.commands.map((c) => `${c.category}: ${c.title}`);
  for (const t of ["Copydesk: Fix all in this file", "Copydesk: Show sibling articles", "Copydesk: Restart server"]) {
    assert.ok(titles.includes(t), t);
  }
  // vscode-languageclient registers the server's commands under their own ids.
  assert.ok(!contributed.includes("copydesk.siblings"));
});

test("activation and settings", () => {
  const languages = pkg.contributes.configuration.properties["copydesk.languages"].default as string[];
  for (const l of languages) {
    assert.ok(pkg.activationEvents.includes(`onLanguage:${l}`), l);
  }
  const read = [...source.matchAll(/config\(\)\.get<[^>]+>\("([^"]+)"\)/g)].map((m) => `copydesk.${m[1]}`);
  assert.ok(read.length >= 3);
  for (const key of read) {
    assert.ok(key in pkg.contributes.configuration.properties, `${key} is read but not declared`);
  }
  assert.ok("copydesk.trace.server" in pkg.contributes.configuration.properties);
  assert.equal(pkg.main, "./dist/extension.js");
  // vsce refuses @types/vscode newer than engines.vscode.
  assert.ok(pkg.engines.vscode.endsWith(pkg.devDependencies["@types/vscode"]));
});
