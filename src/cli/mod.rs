//! The command line: `check`, `rules`, `explain`, `siblings`, `lsp`. Argument parsing and
//! dispatch only; the work is in [`check`] and the engine, the output in [`format`].

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

pub mod check;
pub mod format;

use crate::engine::finding::Severity;
use crate::engine::rules::{registry, FAMILIES};

/// Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, config or I/O error.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "copydesk",
    version,
    about = "Copy-editing checks for news drafts: real-word typos, scraper debris, figures that disagree with sibling articles, house style.",
    after_help = "Exit codes for `check`: 0 nothing at or above --fail-on, 1 findings, 2 usage, config or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check articles (files or folders; `-` reads standard input) and report findings.
    Check(CheckArgs),
    /// List every rule with its default severity.
    Rules {
        /// Output as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a rule's documentation (or list a family's rules).
    Explain {
        /// A rule id such as `typo/repeated-word`, or a family such as `debris`.
        rule: String,
    },
    /// List the sibling articles of a file: the other articles in the workspace about the same story.
    Siblings {
        file: PathBuf,
        /// Workspace root (default: the folder of the nearest copydesk.toml, else the file's own
        /// folder, not the folders below it).
        #[arg(long)]
        workspace: Option<PathBuf>,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Run the language server over standard input and output.
    Lsp,
}

#[derive(clap::Args, Debug, Clone)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads standard input. Default: the current folder.
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// Exit 1 when a finding at or above this severity remains.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Apply safe fixes, writing each changed file atomically.
    #[arg(long)]
    pub fix: bool,
    /// With --fix, apply unsafe fixes too.
    #[arg(long, requires = "fix")]
    pub unsafe_fixes: bool,
    /// The configuration file (default: the nearest copydesk.toml above the first path).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// The name to report standard input under (and to find its siblings by).
    #[arg(long)]
    pub stdin_filename: Option<PathBuf>,
    /// Also load this folder's articles as siblings (default: the config's folder, else each
    /// named file's own folder, not the folders below it).
    #[arg(long)]
    pub workspace: Option<PathBuf>,
    /// Colour: auto (on a terminal), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Hide the progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Pretty,
    Json,
    Sarif,
    Github,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Hint => Some(Severity::Hint),
            FailOn::Never => None,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules { json } => rules(json),
        Command::Explain { rule } => explain(&rule),
        Command::Siblings {
            file,
            workspace,
            config,
        } => check::siblings(&file, workspace.as_deref(), config.as_deref()),
        Command::Lsp => crate::lsp::run(),
    }
}

fn rules(json: bool) -> i32 {
    let mut out = std::io::stdout().lock();
    if json {
        let v: Vec<_> = registry()
            .rules
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id(),
                    "severity": r.default_severity().as_str(),
                    "summary": r.summary(),
                })
            })
            .collect();
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        );
        return EXIT_CLEAN;
    }
    for family in FAMILIES {
        for r in registry()
            .rules
            .iter()
            .filter(|r| r.id().split('/').next() == Some(family))
        {
            let _ = writeln!(
                out,
                "{:<32} {:<8} {}",
                r.id(),
                r.default_severity().as_str(),
                r.summary()
            );
        }
    }
    EXIT_CLEAN
}

fn explain(rule: &str) -> i32 {
    let reg = registry();
    if let Some(r) = reg.get(rule) {
        println!(
            "{}  (default severity: {})\n\n{}\n\nTurn it off in copydesk.toml:\n\n    [rules]\n    \"{}\" = \"off\"",
            r.id(),
            r.default_severity().as_str(),
            r.doc(),
            r.id()
        );
        return EXIT_CLEAN;
    }
    if FAMILIES.contains(&rule) {
        println!("Rules in the `{rule}` family (`copydesk explain RULE` for one):\n");
        for r in reg
            .rules
            .iter()
            .filter(|r| r.id().starts_with(&format!("{rule}/")))
        {
            println!("  {:<32} {}", r.id(), r.summary());
        }
        return EXIT_CLEAN;
    }
    let near: Vec<&str> = reg
        .rules
        .iter()
        .map(|r| r.id())
        .filter(|id| strsim::levenshtein(id, rule) <= 4 || id.contains(rule))
        .collect();
    eprintln!("copydesk: no rule named `{rule}`");
    if !near.is_empty() {
        eprintln!("did you mean: {}", near.join(", "));
    }
    eprintln!("`copydesk rules` lists them all.");
    EXIT_ERROR
}
