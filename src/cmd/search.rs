//! `guide search "<query>"`: answers a query from the built site's search files, with the
//! ranking the browser's search box gives (both follow lunr.js 2.3.9).

use std::fmt;
use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;

use crate::config::{Config, Overrides};
use crate::search::QueryError;
use crate::search::documents::doc_number;
use crate::search::query::SearchHit;
use crate::search::sharded::{ShardedError, ShardedIndex};

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
    /// Print the results as JSON: `{"query", "total", "results": [{ref, url, path, score, kind, title, heading, role}]}`.
    #[arg(long)]
    pub json: bool,
}

/// One result, as printed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchResult {
    /// The document's ref in the index (a short id).
    #[serde(rename = "ref")]
    pub ref_: String,
    /// The full URL, with `#anchor` for guide entries.
    pub url: String,
    /// The site-relative URL (without the base URL's path).
    pub path: String,
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
    let text = match search(&args.root, &args.query, args.limit) {
        Ok(report) if args.json => match serde_json::to_string_pretty(&report) {
            Ok(json) => json + "\n",
            Err(error) => {
                eprintln!("error: {error}");
                return 1;
            }
        },
        Ok(report) => report_text(&report),
        Err(error) => {
            eprintln!("error: {error}");
            return 1;
        }
    };
    i32::from(!super::print_stdout(&text))
}

/// Results as aligned lines: score, title, URL, section.
fn report_text(report: &SearchReport) -> String {
    if report.total == 0 {
        return format!("No results for \"{}\".\n", report.query);
    }
    let mut lines: Vec<String> = report
        .results
        .iter()
        .map(|hit| {
            let place = match hit.kind.as_str() {
                "entry" => format!("{} › {}", hit.role, hit.heading),
                _ if hit.heading.is_empty() => hit.kind.clone(),
                _ => format!("{} › {}", hit.heading, hit.kind),
            };
            format!("{:>8.3}  {}\n          {}\n          {place}\n", hit.score, hit.title, hit.url)
        })
        .collect();
    let shown = report.results.len();
    lines.push(if shown < report.total {
        format!("({shown} of {} results; use --limit to see more)\n", report.total)
    } else {
        format!("({})\n", super::plural(report.total, "result"))
    });
    lines.concat()
}

/// Answers `query` from the sharded index of the guide at `root` (the path the browser
/// takes): reads the manifest, only the shards the query's terms fall into, and the
/// display fragments of the results shown.
pub fn search(root: &Path, query: &str, limit: usize) -> Result<SearchReport, SearchError> {
    let config = Config::load(root, &Overrides::default()).map_err(|diagnostics| {
        let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        SearchError::Config(text.join("\n"))
    })?;
    let index = ShardedIndex::open(&config.output_dir).map_err(from_sharded)?;
    let (hits, _) = index.search(query).map_err(from_sharded)?;
    let shown: Vec<&SearchHit> = hits.iter().take(limit).collect();
    let numbers: Vec<usize> = shown.iter().map(|h| doc_number(&h.ref_).unwrap_or(usize::MAX)).collect();
    let displays = index.displays(&numbers).map_err(from_sharded)?;
    let results = shown
        .iter()
        .zip(displays)
        .map(|(hit, display)| result(&config.base_url, &display, &hit.ref_, hit.score))
        .collect();
    Ok(SearchReport {
        query: query.to_string(),
        total: hits.len(),
        results,
    })
}

fn from_sharded(error: ShardedError) -> SearchError {
    match error {
        ShardedError::NotBuilt(path) => SearchError::NotBuilt(path),
        ShardedError::Damaged { path, reason } => SearchError::Damaged {
            path,
            reason: format!("{reason}; run `guide build` to recreate it"),
        },
        ShardedError::Query(error) => SearchError::Query(error),
    }
}

/// One result with its display record (`[kind, title, heading, excerpt, url, page]`).
fn result(base_url: &str, display: &[String], ref_: &str, score: f64) -> SearchResult {
    let column = |i: usize| display.get(i).cloned().unwrap_or_default();
    let kind = column(0);
    let role = if kind == "entry" { column(5) } else { column(1) };
    SearchResult {
        ref_: ref_.to_string(),
        url: format!("{}{}", base_url.trim_end_matches('/'), column(4)),
        path: column(4),
        score,
        kind,
        title: column(1),
        heading: column(2),
        role,
    }
}
