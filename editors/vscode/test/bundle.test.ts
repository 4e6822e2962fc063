// The bundled extension (dist/extension.js, what the .vsix ships) loads, registers the
// commands of its manifest and, with no copydesk binary, says so with a link to the install
// instructions. VS Code itself is not available here: its API is a recording stand-in, so
// this checks the extension's own glue; the protocol is tested against the real server in
// lsp.test.ts.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { engineVersion, vscodeStandIn, withVscode } from "./vscodeCapabilities";

const root = path.join(__dirname, "..", "..");
const bundle = path.join(root, "dist", "extension.js");

interface FakeUri {
  fsPath: string;
  fragment: string;
  with(change: { fragment?: string }): FakeUri;
}
function uri(fsPath: string, fragment = ""): FakeUri {
  return { fsPath, fragment, with: (c) => uri(fsPath, c.fragment ?? fragment) };
}

test("the bundle activates without a binary: commands registered, a clear message, install instructions", async () => {
  assert.ok(fs.existsSync(bundle), `${bundle} is missing: npm run build`);
  const registered: string[] = [];
  const errors: { message: string; items: string[] }[] = [];
  const executed: { command: string; args: unknown[] }[] = [];
  const logged: string[] = [];
  let answer: string | undefined = "Install instructions";
  const channel = {
    logLevel: 3,
    info: (m: string) => logged.push(m),
    warn: (m: string) => logged.push(m),
    error: (m: string) => logged.push(m),
    show() {},
    dispose() {},
  };
  const settings: Record<string, unknown> = {
    path: path.join(root, "no-such-dir", "copydesk"),
    languages: ["plaintext", "markdown"],
    rules: {},
  };
  const standIn = vscodeStandIn(engineVersion(), {
    Uri: { joinPath: (base: FakeUri, ...parts: string[]) => uri(path.join(base.fsPath, ...parts)) },
    commands: {
      registerCommand: (id: string) => {
        registered.push(id);
        return { dispose() {} };
      },
      executeCommand: async (command: string, ...args: unknown[]) => {
        executed.push({ command, args });
      },
    },
    window: {
      createOutputChannel: () => channel,
      showErrorMessage: async (message: string, ...items: string[]) => {
        errors.push({ message, items });
        const a = answer;
        answer = undefined;
        return a;
      },
    },
    workspace: {
      workspaceFolders: undefined,
      getConfiguration: (section: string) => {
        assert.equal(section, "copydesk");
        return { get: (key: string) => settings[key] };
      },
      onDidChangeConfiguration: () => ({ dispose() {} }),
    },
  });

  delete require.cache[bundle];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = withVscode(standIn, () => require(bundle) as { activate(c: unknown): Promise<void>; deactivate(): Promise<void> });
  const context = { subscriptions: [] as unknown[], extensionUri: uri(root) };
  await ext.activate(context);
  await new Promise((r) => setTimeout(r, 50)); // The message is shown without blocking activation.

  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    contributes: { commands: { command: string }[] };
  };
  assert.deepEqual(registered.sort(), pkg.contributes.commands.map((c) => c.command).sort());

  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.match(errors[0].message, /copydesk\.path/);
  assert.match(errors[0].message, /no-such-dir/);
  assert.deepEqual(errors[0].items, ["Install instructions", "Open settings"]);
  assert.ok(logged.some((l) => l.includes("no-such-dir")), "the reason is in the output channel too");

  // "Install instructions" opens the README's install section, which must exist.
  const preview = executed.find((e) => e.command === "markdown.showPreview");
  assert.ok(preview, JSON.stringify(executed));
  const target = preview.args[0] as FakeUri;
  assert.equal(target.fsPath, path.join(root, "README.md"));
  const readme = fs.readFileSync(target.fsPath, "utf8");
  const slugs = [...readme.matchAll(/^#+ (.+)$/gm)].map((m) =>
    m[1].trim().toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-"),
  );
  assert.ok(slugs.includes(target.fragment), `README has no heading for #${target.fragment}: ${slugs}`);

  await ext.deactivate();
});
