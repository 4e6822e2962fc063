// A small LSP client over the real `copydesk lsp` process, built on the protocol libraries
// VS Code's client is built on (vscode-jsonrpc, vscode-languageserver-protocol) and on
// vscode-languageserver-textdocument for applying edits. It behaves like VS Code where that
// matters: it sends VS Code's capabilities, applies edits to its own copy of each document
// and reports them with incremental didChange notifications, and answers the server's requests.

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  CodeActionResolveRequest,
  CodeActionTriggerKind,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  DiagnosticRefreshRequest,
  type CodeAction,
  type Command,
  type Diagnostic,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver-protocol/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { engineVersion, vscodeClientCapabilities } from "./vscodeCapabilities";

export const TIMEOUT_MS = Number(process.env.COPYDESK_TEST_TIMEOUT_MS ?? 15000);

/** The repository root (the folder with Cargo.toml above editors/vscode). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, "Cargo.toml")) && fs.existsSync(path.join(dir, "editors"))) {
      return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) {
      throw new Error(`no repository root above ${__dirname}`);
    }
    dir = up;
  }
}

/** `$COPYDESK_BIN`, else `target/debug/copydesk` at the repository root. */
export function copydeskBinary(): string {
  const fromEnv = process.env.COPYDESK_BIN;
  const bin = fromEnv !== undefined && fromEnv !== "" ? fromEnv : path.join(repoRoot(), "target", "debug", "copydesk");
  if (!fs.existsSync(bin)) {
    throw new Error(`${bin} does not exist: run \`cargo build\` at the repository root (or set COPYDESK_BIN)`);
  }
  return bin;
}

/** A fresh workspace folder holding copies of editors/fixtures/<names>. */
export function makeWorkspace(names: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "copydesk-vscode-"));
  const fixtures = path.join(repoRoot(), "editors", "fixtures");
  for (const name of names) {
    fs.copyFileSync(path.join(fixtures, name), path.join(dir, name));
  }
  return dir;
}

export function fileUri(p: string): string {
  return pathToFileURL(p).toString();
}

export function withTimeout<T>(p: Promise<T>, what: string, ms = TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export function isCodeAction(x: Command | CodeAction): x is CodeAction {
  return typeof (x as Command).command !== "string";
}

interface Waiter {
  uri: string;
  test: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class Session {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  readonly docs = new Map<string, TextDocument>();
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly log: string[] = [];
  /** What `workspace/configuration` answers for the section "copydesk". */
  settings: { rules: Record<string, string> } = { rules: {} };
  initializeResult: InitializeResult | undefined;
  refreshRequests = 0;
  /** Work-done progress the server created: token -> created | begin | end. */
  readonly progress = new Map<string, string>();
  private waiters: Waiter[] = [];
  private refreshWaiters: (() => void)[] = [];
  private stderr = "";
  private exited = false;
  private exitStatus = "running";

  constructor(readonly root: string) {
    this.proc = spawn(copydeskBinary(), ["lsp"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    this.proc.stderr.setEncoding("utf8");
    this.proc.stderr.on("data", (d: string) => {
      this.stderr += d;
    });
    this.proc.on("exit", (code, signal) => {
      this.exited = true;
      this.exitStatus = signal !== null ? `killed by ${signal}` : `exited with code ${code}`;
    });
    this.proc.on("error", (err) => {
      this.exitStatus = `could not start: ${err.message}`;
    });
    this.conn = createMessageConnection(
      new StreamMessageReader(this.proc.stdout),
      new StreamMessageWriter(this.proc.stdin),
    );
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.test(p)) {
          w.resolve(p);
          return false;
        }
        return true;
      });
    });
    this.conn.onNotification(LogMessageNotification.type, (p) => {
      this.log.push(`log: ${p.message}`);
    });
    this.conn.onNotification(ShowMessageNotification.type, (p) => {
      this.log.push(`show: ${p.message}`);
    });
    this.conn.onRequest(ConfigurationRequest.type, (p) =>
      p.items.map((item) =>
        item.section === "copydesk" ? this.settings : item.section === "copydesk.rules" ? this.settings.rules : null,
      ),
    );
    this.conn.onRequest(RegistrationRequest.type, () => undefined);
    this.conn.onRequest(UnregistrationRequest.type, () => undefined);
    this.conn.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.progress.set(String(p.token), "created");
      return undefined;
    });
    this.conn.onNotification("$/progress", (p: { token: string | number; value?: { kind?: string } }) => {
      const kind = p.value?.kind;
      if (kind === "begin" || kind === "end") {
        this.progress.set(String(p.token), kind);
      }
    });
    this.conn.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshRequests += 1;
      const ws = this.refreshWaiters;
      this.refreshWaiters = [];
      ws.forEach((w) => w());
      return undefined;
    });
    this.conn.onRequest(ApplyWorkspaceEditRequest.type, async (p) => {
      try {
        await this.applyWorkspaceEdit(p.edit);
        return { applied: true };
      } catch (e) {
        return { applied: false, failureReason: String(e) };
      }
    });
    this.conn.listen();
  }

  /** Server stderr and log messages, for failure messages. */
  diagnosticsOfServer(): string {
    return `--- server (${this.exitStatus}) stderr ---\n${this.stderr}\n--- server messages ---\n${this.log.join("\n")}`;
  }

  async initialize(initializationOptions?: unknown): Promise<InitializeResult> {
    const rootUri = fileUri(this.root);
    const result = await withTimeout(
      this.conn.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: "Visual Studio Code", version: engineVersion() },
        locale: "en",
        rootPath: this.root,
        rootUri,
        capabilities: vscodeClientCapabilities(),
        initializationOptions,
        trace: "off",
        workspaceFolders: [{ uri: rootUri, name: path.basename(this.root) }],
      }),
      "initialize",
    );
    this.initializeResult = result;
    await this.conn.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(name: string, languageId: string, text?: string): Promise<TextDocument> {
    const file = path.join(this.root, name);
    const uri = fileUri(file);
    const doc = TextDocument.create(uri, languageId, 1, text ?? fs.readFileSync(file, "utf8"));
    this.docs.set(uri, doc);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: doc.version, text: doc.getText() },
    });
    return doc;
  }

  doc(uri: string): TextDocument {
    const d = this.docs.get(uri);
    if (d === undefined) {
      throw new Error(`not open: ${uri}`);
    }
    return d;
  }

  /** Apply edits to our copy and tell the server, as VS Code does after an edit. */
  async edit(uri: string, edits: TextEdit[]): Promise<TextDocument> {
    const old = this.doc(uri);
    // Incremental changes apply one after another: send them bottom-up so each range is still
    // valid in the text the server holds when it applies it.
    const sorted = [...edits].sort((a, b) => old.offsetAt(b.range.start) - old.offsetAt(a.range.start));
    const changes: TextDocumentContentChangeEvent[] = sorted.map((e) => ({ range: e.range, text: e.newText }));
    const next = TextDocument.create(uri, old.languageId, old.version + 1, TextDocument.applyEdits(old, edits));
    this.docs.set(uri, next);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: next.version },
      contentChanges: changes,
    });
    return next;
  }

  /** Apply a WorkspaceEdit (changes or documentChanges) to the open documents. */
  async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<void> {
    const perDoc: [string, TextEdit[]][] = [];
    if (edit.documentChanges !== undefined) {
      for (const change of edit.documentChanges) {
        if (!("textDocument" in change)) {
          throw new Error(`unexpected resource operation in a fix: ${JSON.stringify(change)}`);
        }
        const doc = this.doc(change.textDocument.uri);
        if (change.textDocument.version !== null && change.textDocument.version !== doc.version) {
          throw new Error(
            `edit for version ${change.textDocument.version} of ${doc.uri}, which is at version ${doc.version}`,
          );
        }
        perDoc.push([
          doc.uri,
          change.edits.map((e) => {
            if (!("newText" in e)) {
              throw new Error(`a snippet edit in a fix: ${JSON.stringify(e)}`);
            }
            return e;
          }),
        ]);
      }
    } else if (edit.changes !== undefined) {
      for (const [uri, edits] of Object.entries(edit.changes)) {
        perDoc.push([uri, edits]);
      }
    }
    for (const [uri, edits] of perDoc) {
      await this.edit(uri, edits);
    }
  }

  /** The next publishDiagnostics for `uri` that satisfies `test` (or the stored one if it does). */
  diagnostics(
    uri: string,
    test: (p: PublishDiagnosticsParams) => boolean,
    what: string,
  ): Promise<PublishDiagnosticsParams> {
    const have = this.published.get(uri);
    if (have !== undefined && test(have)) {
      return Promise.resolve(have);
    }
    const p = new Promise<PublishDiagnosticsParams>((resolve) => this.waiters.push({ uri, test, resolve }));
    return withTimeout(p, `${what}\n(last published: ${JSON.stringify(this.published.get(uri))})`);
  }

  /** Diagnostics published for the document's current version (when the server sends versions). */
  current(uri: string, test: (d: Diagnostic[]) => boolean, what: string): Promise<PublishDiagnosticsParams> {
    return this.diagnostics(
      uri,
      (p) => (p.version === undefined || p.version === this.doc(uri).version) && test(p.diagnostics),
      what,
    );
  }

  waitForRefresh(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), ms);
      this.refreshWaiters.push(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  async pull(uri: string): Promise<Diagnostic[]> {
    const report = await withTimeout(
      this.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }),
      "textDocument/diagnostic",
    );
    if (report.kind !== "full") {
      throw new Error(`expected a full diagnostic report, got ${JSON.stringify(report)}`);
    }
    return report.items;
  }

  async codeActions(
    uri: string,
    range: Range,
    diagnostics: Diagnostic[],
    only: string[] | undefined,
  ): Promise<CodeAction[]> {
    const reply = await withTimeout(
      this.conn.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range,
        context: { diagnostics, only, triggerKind: CodeActionTriggerKind.Invoked },
      }),
      "textDocument/codeAction",
    );
    return (reply ?? []).filter(isCodeAction);
  }

  /** VS Code asks for `edit` lazily (resolveSupport): resolve when the server deferred it. */
  async resolve(action: CodeAction): Promise<CodeAction> {
    if (action.edit !== undefined || action.data === undefined) {
      return action;
    }
    return withTimeout(this.conn.sendRequest(CodeActionResolveRequest.type, action), "codeAction/resolve");
  }

  /** Resolve and apply a code action the way VS Code does (edit first, then command). */
  async apply(action: CodeAction): Promise<void> {
    const full = await this.resolve(action);
    if (full.edit !== undefined) {
      await this.applyWorkspaceEdit(full.edit);
    }
    if (full.command !== undefined) {
      await this.executeCommand(full.command.command, full.command.arguments ?? []);
    }
    if (full.edit === undefined && full.command === undefined) {
      throw new Error(`code action “${full.title}” has neither an edit nor a command`);
    }
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return withTimeout(
      this.conn.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }),
      `workspace/executeCommand ${command}`,
    );
  }

  async configure(rules: Record<string, string>): Promise<void> {
    this.settings = { rules };
    await this.conn.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { copydesk: { rules } },
    });
  }

  /**
   * Wait (at most `ms`) until the server's start-up work is over: every work-done progress it
   * created has ended. A server that creates none is given `grace` ms to start one.
   */
  async progressDone(ms: number, grace = 1000): Promise<boolean> {
    const start = Date.now();
    for (;;) {
      const states = [...this.progress.values()];
      if (states.length > 0 && states.every((v) => v === "end")) {
        return true;
      }
      if (states.length === 0 && Date.now() - start > grace) {
        return true;
      }
      if (Date.now() - start > ms) {
        return false;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** shutdown + exit, then make sure the process is gone. */
  async close(opts: { waitForProgress?: boolean } = {}): Promise<void> {
    try {
      // Like a person closing the window, let the workspace load finish first (see the todo
      // test about exiting during the load).
      if (opts.waitForProgress !== false) {
        await this.progressDone(3000);
      }
      if (!this.exited) {
        await withTimeout(this.conn.sendRequest(ShutdownRequest.type), "shutdown", 5000);
        await this.conn.sendNotification(ExitNotification.type);
        await withTimeout(
          new Promise<void>((resolve) => (this.exited ? resolve() : this.proc.once("exit", () => resolve()))),
          "the server to exit after `exit`",
          5000,
        );
      }
    } finally {
      this.conn.dispose();
      if (!this.exited) {
        this.proc.kill("SIGKILL");
      }
      fs.rmSync(this.root, { recursive: true, force: true });
    }
  }
}
