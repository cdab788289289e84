//! Command-line interface: the commands and their arguments; each command lives in
//! [`crate::cmd`].

use clap::{Parser, Subcommand};

use crate::cmd;

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
    Build(cmd::build::BuildArgs),
    /// Create a new guide: config.toml, a home page and one section with an example role.
    Init(cmd::init::InitArgs),
    /// Check the guide without writing anything: everything `build` checks, plus broken links and anchors.
    Check(cmd::check::CheckArgs),
    /// Serve the guide on this computer, rebuilding and reloading the browser as you edit.
    Serve(cmd::serve::ServeArgs),
    /// Search the built site, ranked like the site's search box: `guide search "kubernetes"`.
    Search(cmd::search::SearchArgs),
}

/// Runs the parsed command; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Init(args) => cmd::init::run(&args),
        Command::Check(args) => cmd::check::run(&args),
        Command::Serve(args) => cmd::serve::run(&args),
        Command::Search(args) => cmd::search::run(&args),
    }
}
