//! `guide check`: everything `guide build` checks, without writing anything, plus broken
//! links and anchors; findings printed for people or as JSON for CI systems.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{plural, print_stdout};
use crate::check::{CheckReport, check, github, gitlab, root_from_workdir};
use crate::diagnostics::Severity;
use crate::pipeline::BuildOptions;

/// `guide check [--root DIR] [--drafts] [--external] [--deny-warnings] [--format text|json|github]`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The guide's folder (holding config.toml and content/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Also request every external (http/https) link, with a 10-second timeout each.
    #[arg(long)]
    pub external: bool,
    /// Exit with status 1 when there are warnings, too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// `text` for people, `json` for CI systems, `github` for annotations in GitHub Actions.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), then the summary line.
    Github,
    /// A GitLab Code Quality report (Code Climate JSON), shown on a merge request's changes.
    Gitlab,
}

/// One finding as CI systems read it.
#[derive(Debug, Serialize)]
struct JsonFinding<'a> {
    file: String,
    line: usize,
    column: usize,
    severity: Severity,
    message: &'a str,
    hint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct JsonReport<'a> {
    findings: Vec<JsonFinding<'a>>,
    errors: usize,
    warnings: usize,
}

/// Runs `guide check` and prints the findings on stdout; returns the exit code.
pub fn run(args: &CheckArgs) -> i32 {
    let options = BuildOptions {
        root: args.root.clone(),
        drafts: args.drafts,
        ..Default::default()
    };
    let report = check(&options, args.external);
    let text = match args.format {
        ReportFormat::Text => text_report(&report),
        ReportFormat::Json => json_report(&report),
        ReportFormat::Github => github_report(&report, &args.root),
        ReportFormat::Gitlab => gitlab_report(&report, &args.root),
    };
    let printed = text.is_some_and(|text| print_stdout(&text));
    let failed = report.errors() > 0 || (args.deny_warnings && report.warnings() > 0);
    i32::from(failed || !printed)
}

fn text_report(report: &CheckReport) -> Option<String> {
    let findings: String = report.findings.iter().map(|finding| format!("{finding}\n\n")).collect();
    Some(findings + &summary(report))
}

fn github_report(report: &CheckReport, root: &std::path::Path) -> Option<String> {
    let root = root_from_workdir(root, std::env::current_dir().ok().as_deref());
    let commands: String = report
        .findings
        .iter()
        .map(|finding| github::workflow_command(finding, &root) + "\n")
        .collect();
    Some(commands + &summary(report))
}

fn gitlab_report(report: &CheckReport, root: &std::path::Path) -> Option<String> {
    let root = root_from_workdir(root, std::env::current_dir().ok().as_deref());
    Some(gitlab::code_quality_report(&report.findings, &root) + "\n")
}

fn summary(report: &CheckReport) -> String {
    format!(
        "{} and {} in {} and {}\n",
        plural(report.errors(), "error"),
        plural(report.warnings(), "warning"),
        plural(report.pages, "page"),
        plural(report.sections, "section")
    )
}

fn json_report(report: &CheckReport) -> Option<String> {
    let findings = report
        .findings
        .iter()
        .map(|d| JsonFinding {
            file: d.file.to_string_lossy().replace('\\', "/"),
            line: d.line,
            column: d.column,
            severity: d.severity,
            message: &d.message,
            hint: d.hint.as_deref(),
            rule: d.rule.map(crate::diagnostics::Rule::name),
        })
        .collect();
    let json = JsonReport {
        findings,
        errors: report.errors(),
        warnings: report.warnings(),
    };
    match serde_json::to_string_pretty(&json) {
        Ok(text) => Some(text + "\n"),
        Err(e) => {
            eprintln!("error: cannot write the findings as JSON: {e}");
            None
        }
    }
}
