//! `guide build`: runs the whole pipeline into the output folder and prints the summary
//! line, or every error found.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::{plural, print_stdout};
use crate::config::Overrides;
use crate::diagnostics::print_diagnostics;
use crate::pipeline::{self, BuildOptions};

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

fn show_progress(quiet: bool) -> bool {
    !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// Runs `guide build`; returns the exit code.
pub fn run(args: BuildArgs) -> i32 {
    let options = BuildOptions {
        root: args.root,
        overrides: Overrides {
            output_dir: args.output_dir,
            base_url: args.base_url,
        },
        drafts: args.drafts,
        progress: show_progress(args.quiet),
    };
    match pipeline::build(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            let mut text = String::new();
            if !args.quiet {
                let warnings = match report.warnings.len() {
                    0 => String::new(),
                    n => format!(", {}", plural(n, "warning")),
                };
                let search = report.search_note.as_ref().map_or(String::new(), |note| format!("; {note}"));
                text = format!(
                    "Built {} and {} ({}) in {} ms into {}{warnings}{search}\n",
                    plural(report.pages, "page"),
                    plural(report.sections, "section"),
                    plural(report.files, "file"),
                    report.elapsed.as_millis(),
                    report.output_dir.display()
                );
            }
            if args.timings {
                text += &format!("{}\n", report.timings);
            }
            i32::from(!print_stdout(&text))
        }
        Err(failure) => {
            print_diagnostics(&failure.diagnostics);
            let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
            let kept = match failure.output_dir {
                Some(dir) if dir.exists() => format!("; {} was left unchanged", dir.display()),
                _ => "; nothing was written".to_string(),
            };
            eprintln!("error: the build failed with {}{kept}", plural(errors, "error"));
            1
        }
    }
}
