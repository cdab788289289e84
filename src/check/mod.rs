//! `guide check`: everything `guide build` validates, without writing anything, plus what
//! a build accepts but a reader would trip over — broken internal links and anchors,
//! missing images and files, folders without a section page, repeated questions,
//! missing guide sections and highlight themes that draw code under 4.5:1.

pub mod external;
pub mod github;
pub mod gitlab;
pub mod highlight;
pub mod links;
pub mod roles;
pub mod structure;
pub mod targets;

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::site::{self, BuildOptions, Built, Site};
use links::Origin;
use targets::Targets;

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
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), then the summary line.
    Github,
    /// A GitLab Code Quality report (Code Climate JSON), shown on a merge request's changes.
    Gitlab,
}

/// Every finding of a check, sorted, and what was checked.
#[derive(Debug)]
pub struct CheckReport {
    pub findings: Vec<Diagnostic>,
    pub pages: usize,
    pub sections: usize,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

/// Checks a guide without writing anything; external links only when `external`.
pub fn check(options: &BuildOptions, external: bool) -> CheckReport {
    let (site, built) = match site::build_in_memory(options) {
        Ok(result) => result,
        Err(failure) => {
            return CheckReport {
                findings: failure.diagnostics,
                pages: 0,
                sections: 0,
            };
        }
    };
    let mut findings = site.diagnostics.clone();
    findings.extend(highlight::check_highlight_themes(&site.config, &site.library));
    let (content_findings, external_links) = check_content(&site, built.as_ref());
    findings.extend(content_findings);
    if external {
        findings.extend(external::check_external(&external_links));
    }
    CheckReport {
        findings: findings.sorted(),
        pages: site.library.pages.len(),
        sections: site.library.sections.len(),
    }
}

/// The checks beyond the build's own, over a site rendered in memory, and the external
/// links found (checked only on request, as that needs the network).
fn check_content(site: &Site, built: Option<&Built>) -> (Diagnostics, Vec<external::ExternalLink>) {
    let mut targets = Targets::from_site(site);
    let mut findings = Diagnostics::new();
    if let Some(built) = built {
        targets.add_built(&built.outputs, &built.copies);
        // What `guide build` would write, against the limits of common hosts.
        let sizes = crate::output::host_limits::sizes_of_built(&built.outputs, &built.copies);
        let shown = crate::diagnostics::display_path(&site.config.root, &site.config.output_dir);
        findings.extend(crate::output::host_limits::check(&sizes, &shown));
    }
    let base_path = &site.config.base_path;
    let mut external_links = Vec::new();
    for (page, rendered) in site.library.pages.iter().zip(&site.pages) {
        let text = std::fs::read_to_string(&page.source.path).unwrap_or_default();
        let origin = Origin {
            source: &page.source,
            url_path: &page.url_path,
            text: &text,
        };
        findings.extend(links::check_links(&origin, &rendered.links, &targets, base_path));
        external_links.extend(external_links_of(&origin, &rendered.links));
        findings.extend(roles::check_role(page, rendered, &text));
    }
    for (section, rendered) in site.library.sections.iter().zip(&site.sections) {
        let Some(source) = &section.source else { continue };
        let text = std::fs::read_to_string(&source.path).unwrap_or_default();
        let origin = Origin {
            source,
            url_path: &section.url_path,
            text: &text,
        };
        findings.extend(links::check_links(&origin, &rendered.links, &targets, base_path));
        external_links.extend(external_links_of(&origin, &rendered.links));
    }
    findings.extend(structure::check_sections(&site.library));
    (findings, external_links)
}

/// The http(s) links of one body, with their places in the source file.
fn external_links_of(origin: &Origin<'_>, links: &[crate::markdown::Link]) -> Vec<external::ExternalLink> {
    links
        .iter()
        .filter(|l| links::is_external(&l.url))
        .map(|l| {
            let line = l.line + origin.source.body_line - 1;
            external::ExternalLink {
                // `//host/path` is fetched as the published site would be: over https.
                url: if l.url.starts_with("//") {
                    format!("https:{}", l.url)
                } else {
                    l.url.clone()
                },
                file: origin.source.shown.clone(),
                line,
                column: l.column,
                source_line: origin.text.lines().nth(line - 1).map(|s| s.trim_end().to_string()),
            }
        })
        .collect()
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
    match args.format {
        Format::Text => print_text(&report),
        Format::Json => print_json(&report),
        Format::Github => print_github(&report, &args.root),
        Format::Gitlab => print_gitlab(&report, &args.root),
    }
    let failed = report.errors() > 0 || (args.deny_warnings && report.warnings() > 0);
    i32::from(failed)
}

fn print_text(report: &CheckReport) {
    for finding in &report.findings {
        println!("{finding}\n");
    }
    print_summary(report);
}

fn print_github(report: &CheckReport, root: &std::path::Path) {
    let root = root_from_workdir(root, std::env::current_dir().ok().as_deref());
    for finding in &report.findings {
        println!("{}", github::workflow_command(finding, &root));
    }
    print_summary(report);
}

fn print_gitlab(report: &CheckReport, root: &std::path::Path) {
    let root = root_from_workdir(root, std::env::current_dir().ok().as_deref());
    println!("{}", gitlab::code_quality_report(&report.findings, &root));
}

fn print_summary(report: &CheckReport) {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    println!(
        "{} and {} in {} and {}",
        plural(report.errors(), "error"),
        plural(report.warnings(), "warning"),
        plural(report.pages, "page"),
        plural(report.sections, "section")
    );
}

fn print_json(report: &CheckReport) {
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
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("error: cannot write the findings as JSON: {e}"),
    }
}

/// The guide's folder relative to the working directory when it lies inside it (GitHub
/// names files from the repository's root, the working directory of a workflow's steps).
pub fn root_from_workdir(root: &Path, workdir: Option<&Path>) -> PathBuf {
    workdir
        .filter(|_| root.is_absolute())
        .and_then(|workdir| root.strip_prefix(workdir).ok())
        .map_or_else(|| root.to_path_buf(), Path::to_path_buf)
}

/// The finding's file as seen from the working directory, with `/` separators.
pub(crate) fn file_from_workdir(root: &Path, file: &Path) -> String {
    let joined = if file.is_absolute() || root == Path::new(".") {
        file.to_path_buf()
    } else {
        root.join(file)
    };
    let text = joined.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map_or(text.clone(), str::to_string)
}
