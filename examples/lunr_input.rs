//! Writes the documents a site's search index is built from as lunr.js input, so that
//! lunr.js can build the same index under Node for comparison (tests/js/bench_lunr_build.js).
//!
//!   cargo run --release --example lunr_input -- --root SITE --out DOCS.json
//!
//! The shape is `interview_guide::search::lunr_documents_json`'s: `{"ref", "fields",
//! "documents"}`, one document per page and one per guide entry, as `guide build` indexes.

use std::path::PathBuf;
use std::process::ExitCode;

use interview_guide::pipeline::{BuildOptions, Content};
use interview_guide::search::{from_site::pages_from_site, lunr_documents_json};
use interview_guide::timings::Timings;

fn main() -> ExitCode {
    let mut root = PathBuf::from(".");
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--root", Some(value)) => root = value.into(),
            ("--out", Some(value)) => out = Some(PathBuf::from(value)),
            _ => {
                eprintln!("usage: lunr_input --root SITE --out DOCS.json");
                return ExitCode::from(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("usage: lunr_input --root SITE --out DOCS.json");
        return ExitCode::from(2);
    };
    let options = BuildOptions {
        root,
        ..BuildOptions::default()
    };
    let timings = Timings::default();
    let site = match Content::load(&options, &timings) {
        Ok(content) => content.render_markdown(&[], &timings, None),
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                eprintln!("{diagnostic}");
            }
            return ExitCode::FAILURE;
        }
    };
    let pages = pages_from_site(&site.library, &site.pages);
    if let Err(error) = std::fs::write(&out, lunr_documents_json(&pages)) {
        eprintln!("cannot write {}: {error}", out.display());
        return ExitCode::FAILURE;
    }
    println!("{} pages written as lunr input to {}", pages.len(), out.display());
    ExitCode::SUCCESS
}
