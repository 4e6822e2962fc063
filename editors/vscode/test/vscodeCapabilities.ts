// The client capabilities VS Code's language client sends in `initialize`, computed by the
// real vscode-languageclient library (the version the extension bundles), not written by hand.
//
// vscode-languageclient needs the `vscode` module, which only exists inside VS Code. To run it
// in plain Node we answer `require("vscode")` with a minimal stand-in that is enough to
// *construct* a LanguageClient (nothing is started) and call its computeClientCapabilities(),
// the same method the client calls when it sends `initialize`. Values that depend on the
// running VS Code (its version) come from the extension's `engines.vscode`.

import Module from "node:module";
import * as path from "node:path";
import * as fs from "node:fs";
import type { ClientCapabilities } from "vscode-languageserver-protocol";

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;

/** Lowest VS Code version the extension supports (package.json engines.vscode). */
export function engineVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
    engines: { vscode: string };
  };
  return pkg.engines.vscode.replace(/^[^\d]*/, "");
}

/**
 * A stand-in for the `vscode` module: the members in `overrides`, a few basics, and for
 * anything else a class (capitalised names), an event registration (`onX`) or a namespace.
 */
export function vscodeStandIn(version: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  class EventEmitter {
    event = () => ({ dispose() {} });
    fire(): void {}
    dispose(): void {}
  }
  const known: Record<string, unknown> = {
    __esModule: true,
    version,
    EventEmitter,
    LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
    ...overrides,
  };
  // Anything else: classes for capitalised names (the library subclasses a few at load time),
  // event registrations for `onX`, namespaces otherwise.
  const namespace = (base: Record<string, unknown>): Record<string, unknown> =>
    new Proxy(base, {
      get(target, prop) {
        if (typeof prop !== "string") {
          return undefined;
        }
        if (!(prop in target)) {
          target[prop] = /^[A-Z]/.test(prop)
            ? class {}
            : /^on[A-Z]/.test(prop)
              ? () => ({ dispose() {} })
              : namespace({});
        }
        return target[prop];
      },
    });
  // Nested overrides (`window: { ... }`) get the same fallbacks.
  for (const [k, v] of Object.entries(known)) {
    if (v !== null && typeof v === "object" && !Array.isArray(v) && /^[a-z]/.test(k)) {
      known[k] = namespace(v as Record<string, unknown>);
    }
  }
  return namespace(known);
}

/** Run `load` with `require("vscode")` answered by `standIn`. */
export function withVscode<T>(standIn: Record<string, unknown>, load: () => T): T {
  const mod = Module as unknown as { _load: Loader };
  const original = mod._load;
  mod._load = function (request: string, parent: unknown, isMain: boolean) {
    return request === "vscode" ? standIn : original.call(this, request, parent, isMain);
  };
  try {
    return load();
  } finally {
    mod._load = original;
  }
}

let cached: ClientCapabilities | undefined;

export function vscodeClientCapabilities(): ClientCapabilities {
  if (cached !== undefined) {
    return structuredClone(cached);
  }
  cached = withVscode(vscodeStandIn(engineVersion()), () => {
    // Loaded here, after the stand-in is in place.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lc = require("vscode-languageclient/node") as typeof import("vscode-languageclient/node");
    const output = { logLevel: 3, appendLine() {}, info() {}, warn() {}, error() {}, trace() {}, debug() {} };
    const client = new lc.LanguageClient(
      "copydesk",
      "Copydesk",
      { command: "copydesk", args: ["lsp"] },
      {
        documentSelector: [
          { language: "plaintext", scheme: "file" },
          { language: "markdown", scheme: "file" },
        ],
        outputChannel: output as never,
      },
    );
    const compute = (client as unknown as { computeClientCapabilities(): ClientCapabilities })
      .computeClientCapabilities;
    if (typeof compute !== "function") {
      throw new Error("vscode-languageclient no longer has computeClientCapabilities()");
    }
    return compute.call(client);
  });
  return structuredClone(cached);
}
