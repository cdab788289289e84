//! The `guide` binary: parse the command line and hand over to the library.

use clap::Parser;

fn main() {
    let cli = interview_guide::cli::Cli::parse();
    std::process::exit(interview_guide::cli::run(cli));
}
