//! Command-line interface: parses arguments, runs a command, prints results and errors.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::config::Overrides;
use crate::diagnostics::print_diagnostics;
use crate::site::{self, BuildOptions};

/// Build a fast, searchable interview-guide website from Markdown role guides.
#[derive(Debug, Parser)]
#[command(name = "guide", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site from content/ into the output folder (public/ by default).
    Build(BuildArgs),
    /// Create a new guide: config.toml, a home page and one section with an example role.
    Init(crate::cmd::init::InitArgs),
    /// Check the guide without writing anything: everything `build` checks, plus broken links and anchors.
    Check(crate::check::CheckArgs),
    /// Serve the guide on this computer, rebuilding and reloading the browser as you edit.
    Serve(crate::serve::ServeArgs),
    /// Search the built site, ranked like the site's search box: `guide search "kubernetes"`.
    Search(crate::cmd::search::SearchArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The guide's folder (holding config.toml and content/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site, instead of config.toml's output_dir.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// The address the site is published at, instead of config.toml's base_url.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Print only errors and warnings, not the summary line or progress.
    #[arg(long, short)]
    pub quiet: bool,
    /// After the summary line, print how much time each phase took (content, Markdown,
    /// pages, summaries, search, writing).
    #[arg(long)]
    pub timings: bool,
}

/// Runs the parsed command; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build(args) => build(args),
        Command::Init(args) => crate::cmd::init::run(&args),
        Command::Check(args) => crate::check::run(&args),
        Command::Serve(args) => crate::serve::run(&args),
        Command::Search(args) => crate::cmd::search::run(&args),
    }
}

fn show_progress(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

fn build(args: BuildArgs) -> i32 {
    let options = BuildOptions {
        root: args.root,
        overrides: Overrides {
            output_dir: args.output_dir,
            base_url: args.base_url,
        },
        drafts: args.drafts,
        progress: show_progress(args.quiet),
    };
    match site::build(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            if !args.quiet {
                let warnings = match report.warnings.len() {
                    0 => String::new(),
                    1 => ", 1 warning".to_string(),
                    n => format!(", {n} warnings"),
                };
                println!(
                    "Built {} pages and {} sections ({} files) in {} ms into {}{warnings}",
                    report.pages,
                    report.sections,
                    report.files,
                    report.elapsed.as_millis(),
                    report.output_dir.display()
                );
            }
            if args.timings {
                println!("{}", report.timings);
            }
            0
        }
        Err(failure) => {
            print_diagnostics(&failure.diagnostics);
            let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
            let kept = match failure.output_dir {
                Some(dir) if dir.exists() => format!("; {} was left unchanged", dir.display()),
                _ => "; nothing was written".to_string(),
            };
            eprintln!(
                "error: the build failed with {errors} error{}{kept}",
                if errors == 1 { "" } else { "s" }
            );
            1
        }
    }
}
