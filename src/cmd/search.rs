//! `guide search "<query>"`: answers a query from the built site's search files, with the
//! ranking the browser's search box gives (both follow lunr.js 2.3.9).

use std::fmt;
use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;
use serde_json::Value;

use crate::config::{Config, Overrides};
use crate::search::{Index, QueryError};

/// The index and display store `guide build` writes at the site root.
pub const INDEX_FILE: &str = "search_index.json";
pub const DOCS_FILE: &str = "search_docs.json";

/// `guide search "<query>" [--root DIR] [--limit N] [--json]`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to search for, in lunr's syntax: words, `kube*`, `title:rust`, `+required`, `-excluded`.
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// The guide's folder (holding config.toml); its built output is searched.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Show at most this many results.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// Print the results as JSON: `{"query", "total", "results": [{ref, url, score, kind, title, heading, role}]}`.
    #[arg(long)]
    pub json: bool,
}

/// One result, as printed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchResult {
    /// The document's ref: its site-relative URL, with `#anchor` for guide entries.
    #[serde(rename = "ref")]
    pub ref_: String,
    /// The full URL (base_url + ref).
    pub url: String,
    pub score: f64,
    /// "role", "page" or "entry".
    pub kind: String,
    pub title: String,
    /// The site section of a page, or the guide section of an entry.
    pub heading: String,
    /// The title of the page the result is on (the role, for entries).
    pub role: String,
}

/// What `guide search` prints with `--json`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchReport {
    pub query: String,
    /// Matches before `--limit`.
    pub total: usize,
    pub results: Vec<SearchResult>,
}

/// Why a search could not run.
#[derive(Debug)]
pub enum SearchError {
    /// config.toml could not be read; the diagnostics say why.
    Config(String),
    /// The site has not been built (or was built without search).
    NotBuilt(PathBuf),
    /// A search file could not be read or parsed.
    Damaged { path: PathBuf, reason: String },
    /// The query is not valid lunr syntax, or one we refuse.
    Query(QueryError),
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::Config(text) => write!(f, "{text}"),
            SearchError::NotBuilt(path) => write!(
                f,
                "there is no search index at {}: run `guide build` first (with build_search_index = true in config.toml)",
                path.display()
            ),
            SearchError::Damaged { path, reason } => write!(f, "cannot read {}: {reason}", path.display()),
            SearchError::Query(error) => write!(f, "cannot search for that: {error}"),
        }
    }
}

/// Runs `guide search`; returns the exit code.
pub fn run(args: &SearchArgs) -> i32 {
    match search(&args.root, &args.query, args.limit) {
        Ok(report) if args.json => match serde_json::to_string_pretty(&report) {
            Ok(text) => {
                println!("{text}");
                0
            }
            Err(error) => {
                eprintln!("error: {error}");
                1
            }
        },
        Ok(report) => {
            print_report(&report);
            0
        }
        Err(error) => {
            eprintln!("error: {error}");
            1
        }
    }
}

/// Prints results as aligned lines: score, title, URL, section.
fn print_report(report: &SearchReport) {
    if report.total == 0 {
        println!("No results for \"{}\".", report.query);
        return;
    }
    for hit in &report.results {
        let place = match hit.kind.as_str() {
            "entry" => format!("{} › {}", hit.role, hit.heading),
            _ if hit.heading.is_empty() => hit.kind.clone(),
            _ => format!("{} › {}", hit.heading, hit.kind),
        };
        println!("{:>8.3}  {}\n          {}\n          {place}", hit.score, hit.title, hit.url);
    }
    let shown = report.results.len();
    if shown < report.total {
        println!("({shown} of {} results; use --limit to see more)", report.total);
    } else {
        println!("({} result{})", report.total, if report.total == 1 { "" } else { "s" });
    }
}

/// Loads the built search files of the guide at `root` and answers `query`.
pub fn search(root: &Path, query: &str, limit: usize) -> Result<SearchReport, SearchError> {
    let config = Config::load(root, &Overrides::default()).map_err(|diagnostics| {
        let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        SearchError::Config(text.join("\n"))
    })?;
    let index_path = config.output_dir.join(INDEX_FILE);
    let docs_path = config.output_dir.join(DOCS_FILE);
    let index_text = read(&index_path)?;
    let index = Index::from_json(&index_text).map_err(|e| damaged(&index_path, e))?;
    let docs: Value = serde_json::from_str(&read(&docs_path)?).map_err(|e| damaged(&docs_path, e))?;
    let hits = index.search(query).map_err(SearchError::Query)?;
    let results = hits
        .iter()
        .take(limit)
        .map(|hit| result(&config.base_url, &docs["docs"], &hit.ref_, hit.score))
        .collect();
    Ok(SearchReport {
        query: query.to_string(),
        total: hits.len(),
        results,
    })
}

fn read(path: &Path) -> Result<String, SearchError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(SearchError::NotBuilt(path.to_path_buf())),
        Err(error) => Err(damaged(path, error)),
    }
}

fn damaged(path: &Path, reason: impl fmt::Display) -> SearchError {
    SearchError::Damaged {
        path: path.to_path_buf(),
        reason: format!("{reason}; run `guide build` to recreate it"),
    }
}

/// One result with its display record (`[kind, title, heading, excerpt]`, keyed by ref).
fn result(base_url: &str, docs: &Value, ref_: &str, score: f64) -> SearchResult {
    let column = |r: &str, i: usize| docs[r][i].as_str().unwrap_or_default().to_string();
    let page = ref_.split('#').next().unwrap_or(ref_);
    SearchResult {
        ref_: ref_.to_string(),
        url: format!("{}{ref_}", base_url.trim_end_matches('/')),
        score,
        kind: column(ref_, 0),
        title: column(ref_, 1),
        heading: column(ref_, 2),
        role: column(page, 1),
    }
}
