// The Copydesk extension: starts `copydesk lsp` for plain text and Markdown drafts and adds
// three commands (fix all, show sibling articles, restart).

import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  CodeActionTriggerKind,
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  State,
  type CodeAction as LspCodeAction,
  type Command as LspCommand,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import {
  configurationSettings,
  documentSelector,
  initializationOptions,
  normaliseRules,
  parseSiblings,
  resolveBinary,
  type Rules,
} from "./settings";

const FIX_ALL_KIND = "source.fixAll.copydesk";
const SIBLINGS_COMMAND = "copydesk.siblings";
/** Heading of the install section in this extension's README.md. */
const INSTALL_ANCHOR = "installing-the-copydesk-binary";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let extensionUri: vscode.Uri;
/** Serialises start/stop/restart so two configuration events cannot race. */
let lifecycle: Promise<void> = Promise.resolve();

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration("copydesk");
}

function currentRules(): Rules {
  const { rules, problems } = normaliseRules(config().get<unknown>("rules"));
  for (const p of problems) {
    output.warn(p);
  }
  return rules;
}

function firstWorkspaceFolder(): string | undefined {
  const f = vscode.workspace.workspaceFolders?.[0];
  return f?.uri.scheme === "file" ? f.uri.fsPath : undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionUri = context.extensionUri;
  output = vscode.window.createOutputChannel("Copydesk", { log: true });
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand("copydesk.fixAll", fixAllInActiveFile),
    vscode.commands.registerCommand("copydesk.showSiblings", showSiblings),
    vscode.commands.registerCommand("copydesk.restart", () => queue(restart)),
    vscode.commands.registerCommand("copydesk.showOutput", () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration(onConfigurationChanged),
  );

  await queue(start);
}

export async function deactivate(): Promise<void> {
  await queue(stop);
}

function queue(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step, step);
  return lifecycle;
}

async function onConfigurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
  if (e.affectsConfiguration("copydesk.path") || e.affectsConfiguration("copydesk.languages")) {
    output.info("copydesk.path or copydesk.languages changed: restarting the server.");
    await queue(restart);
    return;
  }
  if (e.affectsConfiguration("copydesk.rules") && client?.state === State.Running) {
    const rules = currentRules();
    output.info(`Sending rule settings: ${JSON.stringify(rules)}`);
    await client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: configurationSettings(rules),
    });
  }
}

async function start(): Promise<void> {
  const resolved = resolveBinary({
    setting: config().get<string>("path"),
    workspaceFolder: firstWorkspaceFolder(),
    home: os.homedir(),
    env: process.env,
    platform: process.platform,
  });
  if (!resolved.ok) {
    output.error(resolved.reason);
    void reportMissingBinary(resolved.reason);
    return;
  }
  output.info(`Starting ${resolved.path} lsp (from ${resolved.from === "setting" ? "copydesk.path" : "PATH"})`);

  const serverOptions: ServerOptions = {
    command: resolved.path,
    args: ["lsp"],
    options: { cwd: firstWorkspaceFolder() ?? path.dirname(resolved.path) },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(config().get<unknown>("languages")),
    outputChannel: output,
    traceOutputChannel: output,
    // A function, so a restart picks up the settings of the moment.
    initializationOptions: () => initializationOptions(currentRules()),
    middleware: {
      workspace: {
        // If the server asks (workspace/configuration), answer with the same shape as the
        // initialization options rather than the raw settings.
        configuration: async (params, token, next) => {
          const raw = await next(params, token);
          if (raw instanceof Error || !Array.isArray(raw)) {
            return raw;
          }
          return params.items.map((item, i) => {
            if (item.section === "copydesk") {
              return configurationSettings(currentRules()).copydesk;
            }
            if (item.section === "copydesk.rules") {
              return currentRules();
            }
            return raw[i] as unknown;
          });
        },
      },
    },
  };

  const c = new LanguageClient("copydesk", "Copydesk", serverOptions, clientOptions);
  client = c;
  try {
    await c.start();
    const info = c.initializeResult?.serverInfo;
    output.info(`Server running${info ? `: ${info.name} ${info.version ?? ""}` : ""}`);
  } catch (err) {
    output.error(`The server did not start: ${String(err)}`);
    const choice = await vscode.window.showErrorMessage(
      `Copydesk: the server (${resolved.path} lsp) did not start.`,
      "Show output",
    );
    if (choice === "Show output") {
      output.show(true);
    }
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c === undefined) {
    return;
  }
  try {
    if (c.state !== State.Stopped) {
      await c.stop(5000);
    }
  } catch (err) {
    output.warn(`Stopping the server: ${String(err)}`);
  }
  try {
    await c.dispose();
  } catch {
    // Already gone.
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function reportMissingBinary(reason: string): Promise<void> {
  const install = "Install instructions";
  const settings = "Open settings";
  const choice = await vscode.window.showErrorMessage(
    `Copydesk: ${reason} Install copydesk, or set copydesk.path to the binary, then run “Copydesk: Restart server”.`,
    install,
    settings,
  );
  if (choice === install) {
    await openInstallInstructions();
  } else if (choice === settings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "copydesk.path");
  }
}

async function openInstallInstructions(): Promise<void> {
  const readme = vscode.Uri.joinPath(extensionUri, "README.md").with({ fragment: INSTALL_ANCHOR });
  try {
    await vscode.commands.executeCommand("markdown.showPreview", readme);
  } catch {
    await vscode.window.showTextDocument(readme.with({ fragment: "" }));
  }
}

/** The running client, or undefined after telling the user why there is none. */
async function runningClient(): Promise<LanguageClient | undefined> {
  await lifecycle;
  if (client !== undefined && client.state === State.Running) {
    return client;
  }
  const restartItem = "Restart server";
  const choice = await vscode.window.showWarningMessage("Copydesk: the server is not running.", restartItem, "Show output");
  if (choice === restartItem) {
    await queue(restart);
  } else if (choice === "Show output") {
    output.show(true);
  }
  return undefined;
}

function activeDocument(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc === undefined) {
    void vscode.window.showInformationMessage("Copydesk: open a draft first.");
    return undefined;
  }
  const selector = documentSelector(config().get<unknown>("languages"));
  if (vscode.languages.match(selector, doc) === 0) {
    void vscode.window.showInformationMessage(
      `Copydesk does not check ${doc.languageId} documents (see the copydesk.languages setting).`,
    );
    return undefined;
  }
  return doc;
}

function isCodeAction(x: LspCommand | LspCodeAction): x is LspCodeAction {
  return typeof (x as LspCommand).command !== "string";
}

/** "Copydesk: Fix all in this file": apply every safe fix the server offers for the file. */
async function fixAllInActiveFile(): Promise<void> {
  const doc = activeDocument();
  if (doc === undefined) {
    return;
  }
  const c = await runningClient();
  if (c === undefined) {
    return;
  }
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const version = doc.version;
  const reply = await c.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: c.code2ProtocolConverter.asUri(doc.uri) },
    range: c.code2ProtocolConverter.asRange(whole),
    context: { diagnostics: [], only: [FIX_ALL_KIND], triggerKind: CodeActionTriggerKind.Invoked },
  });
  const actions = (reply ?? []).filter(isCodeAction).filter((a) => a.kind?.startsWith(FIX_ALL_KIND));
  if (actions.length === 0) {
    void vscode.window.setStatusBarMessage("Copydesk: nothing to fix in this file.", 4000);
    return;
  }
  let action = actions[0];
  if (action.edit === undefined && action.command === undefined && action.data !== undefined) {
    action = await c.sendRequest(CodeActionResolveRequest.type, action);
  }
  if (doc.version !== version) {
    void vscode.window.showWarningMessage("Copydesk: the file changed while fixing; run the command again.");
    return;
  }
  if (action.edit !== undefined) {
    const edit = await c.protocol2CodeConverter.asWorkspaceEdit(action.edit);
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) {
      void vscode.window.showWarningMessage("Copydesk: the fixes could not be applied.");
      return;
    }
  }
  if (action.command !== undefined) {
    await c.sendRequest(ExecuteCommandRequest.type, {
      command: action.command.command,
      arguments: action.command.arguments,
    });
  }
}

interface SiblingItem extends vscode.QuickPickItem {
  uri: vscode.Uri;
}

/** "Copydesk: Show sibling articles": the other articles of this draft's story. */
async function showSiblings(): Promise<void> {
  const doc = activeDocument();
  if (doc === undefined) {
    return;
  }
  const c = await runningClient();
  if (c === undefined) {
    return;
  }
  const reply = await c.sendRequest(ExecuteCommandRequest.type, {
    command: SIBLINGS_COMMAND,
    arguments: [c.code2ProtocolConverter.asUri(doc.uri)],
  });
  const siblings = parseSiblings(reply);
  if (siblings.length === 0) {
    void vscode.window.showInformationMessage("Copydesk: no sibling articles for this draft in the workspace.");
    return;
  }
  const items: SiblingItem[] = siblings.map((s) => {
    const uri = c.protocol2CodeConverter.asUri(s.uri);
    return {
      label: s.title,
      description: vscode.workspace.asRelativePath(uri),
      detail: `similarity ${s.score.toFixed(2)}`,
      uri,
    };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: "Sibling articles (same story)",
    placeHolder: "Open a sibling article",
    matchOnDescription: true,
  });
  if (picked !== undefined) {
    await vscode.window.showTextDocument(picked.uri, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }
}
