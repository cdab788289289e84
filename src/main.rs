//! The `guide` binary: parse the command line and hand over to the library.

use clap::Parser;

// A build allocates many small strings on every thread; mimalloc handles that far better
// than the system allocator (malloc and free were ~15% of a build's profile).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = interview_guide::cli::Cli::parse();
    std::process::exit(interview_guide::cli::run(cli));
}
