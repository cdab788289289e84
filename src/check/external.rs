//! `--external`: each distinct http(s) link is requested once (HEAD, then GET for servers
//! that refuse HEAD), in parallel, with a short timeout. A 4xx answer is an error (the
//! page is gone); a timeout, network failure or 5xx is a warning, as it may pass.

use std::path::PathBuf;
use std::time::Duration;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;

/// How long one link may take, end to end.
const TIMEOUT: Duration = Duration::from_secs(10);

/// An external link and where it was written.
pub struct ExternalLink {
    pub url: String,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub source_line: Option<String>,
}

/// What requesting a URL gave.
enum Outcome {
    Ok,
    Status(u16),
    Failed(String),
}

/// Requests every distinct URL once and reports each place a broken one is written.
pub fn check_external(links: &[ExternalLink]) -> Vec<Diagnostic> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .build()
        .into();
    let mut urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
    urls.sort_unstable();
    urls.dedup();
    let outcomes: Vec<(&str, Outcome)> = urls.par_iter().map(|url| (*url, request(&agent, url))).collect();
    links
        .iter()
        .filter_map(|link| {
            let (_, outcome) = outcomes.iter().find(|(url, _)| *url == link.url)?;
            finding(link, outcome)
        })
        .collect()
}

fn request(agent: &ureq::Agent, url: &str) -> Outcome {
    let status = |result: Result<ureq::http::Response<ureq::Body>, ureq::Error>| result.map(|r| r.status().as_u16());
    match status(agent.head(url).call()) {
        // Some servers refuse HEAD; ask again the way a browser would.
        Ok(405 | 403 | 501) | Err(_) => match status(agent.get(url).call()) {
            Ok(code) if code < 400 => Outcome::Ok,
            Ok(code) => Outcome::Status(code),
            Err(e) => Outcome::Failed(e.to_string()),
        },
        Ok(code) if code < 400 => Outcome::Ok,
        Ok(code) => Outcome::Status(code),
    }
}

fn finding(link: &ExternalLink, outcome: &Outcome) -> Option<Diagnostic> {
    let diagnostic = match outcome {
        Outcome::Ok => return None,
        Outcome::Status(code) if (400..500).contains(code) => Diagnostic::error(
            &link.file,
            link.line,
            link.column,
            format!("the external link `{}` is broken: the server answered {code}", link.url),
        )
        .with_hint("open the address in a browser; if the page moved, link to its new address, or remove the link"),
        Outcome::Status(code) => Diagnostic::warning(
            &link.file,
            link.line,
            link.column,
            format!("the external link `{}` answered {code}; the server may be down for now", link.url),
        )
        .with_hint("check the address again later"),
        Outcome::Failed(error) => Diagnostic::warning(
            &link.file,
            link.line,
            link.column,
            format!("the external link `{}` could not be reached: {error}", link.url),
        )
        .with_hint("check the address for typos, and that this computer is online"),
    };
    Some(Diagnostic {
        source_line: link.source_line.clone(),
        rule: Some(crate::diagnostics::Rule::ExternalLink),
        ..diagnostic
    })
}
