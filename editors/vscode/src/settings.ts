// Pure helpers for the extension: finding the binary and shaping the settings sent to the
// server. No `vscode` import here, so the unit tests run in plain Node.

import * as fs from "node:fs";
import * as path from "node:path";

/** What the server accepts for a rule or a family in `rules`. */
export const RULE_LEVELS = ["off", "on", "error", "warning", "info", "hint"] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];
export type Rules = Record<string, RuleLevel>;

/** Where the binary was found, or why it was not. */
export type Resolved =
  | { ok: true; path: string; from: "setting" | "PATH" }
  | { ok: false; reason: string };

export interface ResolveEnv {
  /** The `copydesk.path` setting, possibly empty. */
  setting: string | undefined;
  /** First workspace folder, for relative settings. */
  workspaceFolder: string | undefined;
  home: string;
  /** The PATH variable (and PATHEXT on Windows). */
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Injected for tests; defaults to a stat of an executable regular file. */
  isExecutable?: (file: string) => boolean;
}

export function isExecutableFile(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform === "win32") {
      return true;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Expand `~` and make a setting absolute (relative to the workspace folder). */
export function expandSetting(setting: string, workspaceFolder: string | undefined, home: string): string {
  let p = setting.trim();
  if (p === "~") {
    p = home;
  } else if (p.startsWith("~/") || p.startsWith("~\\")) {
    p = path.join(home, p.slice(2));
  }
  if (!path.isAbsolute(p) && workspaceFolder !== undefined) {
    p = path.join(workspaceFolder, p);
  }
  return p;
}

/** Look `name` up on PATH the way a shell would (PATHEXT on Windows). */
export function findOnPath(
  name: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  isExecutable: (file: string) => boolean = isExecutableFile,
): string | undefined {
  const pathVar = env.PATH ?? env.Path ?? "";
  const sep = platform === "win32" ? ";" : ":";
  const exts =
    platform === "win32" ? (env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";").filter((e) => e !== "") : [""];
  for (const dir of pathVar.split(sep)) {
    if (dir === "") {
      continue;
    }
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** The binary from the `copydesk.path` setting, else the one on PATH. */
export function resolveBinary(r: ResolveEnv): Resolved {
  const isExec = r.isExecutable ?? isExecutableFile;
  const setting = r.setting?.trim() ?? "";
  if (setting !== "") {
    const p = expandSetting(setting, r.workspaceFolder, r.home);
    if (isExec(p)) {
      return { ok: true, path: p, from: "setting" };
    }
    return {
      ok: false,
      reason: `The copydesk.path setting points to “${p}”, which is not an executable file.`,
    };
  }
  const found = findOnPath("copydesk", r.env, r.platform, isExec);
  if (found !== undefined) {
    return { ok: true, path: found, from: "PATH" };
  }
  return {
    ok: false,
    reason: "The copydesk binary is not on PATH and the copydesk.path setting is empty.",
  };
}

/**
 * Keep the well-formed entries of the `copydesk.rules` setting; report the others.
 * Keys are rule ids (`typo/repeated-word`) or families (`style`); values are RULE_LEVELS,
 * compared without regard to case. Booleans are accepted as on/off.
 */
export function normaliseRules(value: unknown): { rules: Rules; problems: string[] } {
  const rules: Rules = {};
  const problems: string[] = [];
  if (value === undefined || value === null) {
    return { rules, problems };
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    problems.push("copydesk.rules must be an object such as { \"style\": \"off\" }.");
    return { rules, problems };
  }
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const id = key.trim();
    if (id === "" || !/^[a-z]+(\/[a-z0-9-]+)?$/.test(id)) {
      problems.push(`copydesk.rules: “${key}” is not a rule id (family/name) or a family.`);
      continue;
    }
    let level: string | undefined;
    if (typeof raw === "boolean") {
      level = raw ? "on" : "off";
    } else if (typeof raw === "string") {
      level = raw.trim().toLowerCase();
      if (level === "information") {
        level = "info";
      }
    }
    if (level === undefined || !(RULE_LEVELS as readonly string[]).includes(level)) {
      problems.push(`copydesk.rules: “${key}” has ${JSON.stringify(raw)}; use one of ${RULE_LEVELS.join(", ")}.`);
      continue;
    }
    rules[id] = level as RuleLevel;
  }
  return { rules, problems };
}

/** The initialization options the server reads (`{ rules }`). */
export function initializationOptions(rules: Rules): { rules: Rules } {
  return { rules };
}

/** The `workspace/didChangeConfiguration` payload the server reads. */
export function configurationSettings(rules: Rules): { copydesk: { rules: Rules } } {
  return { copydesk: { rules } };
}

/** Document selector entries for the configured languages, on disk and unsaved. */
export function documentSelector(languages: unknown): { language: string; scheme: string }[] {
  const langs = Array.isArray(languages)
    ? languages.filter((l): l is string => typeof l === "string" && l.trim() !== "").map((l) => l.trim())
    : [];
  const use = langs.length > 0 ? [...new Set(langs)] : ["plaintext", "markdown"];
  return use.flatMap((language) => [
    { language, scheme: "file" },
    { language, scheme: "untitled" },
  ]);
}

/** One line of the siblings quick pick. */
export interface Sibling {
  uri: string;
  title: string;
  score: number;
}

/** Validate and sort the reply of `copydesk.siblings` (best first). */
export function parseSiblings(reply: unknown): Sibling[] {
  if (!Array.isArray(reply)) {
    return [];
  }
  const out: Sibling[] = [];
  for (const item of reply) {
    if (item === null || typeof item !== "object") {
      continue;
    }
    const { uri, title, score } = item as Record<string, unknown>;
    if (typeof uri !== "string") {
      continue;
    }
    out.push({
      uri,
      title: typeof title === "string" && title.trim() !== "" ? title : uri,
      score: typeof score === "number" && Number.isFinite(score) ? score : 0,
    });
  }
  return out.sort((a, b) => b.score - a.score);
}
