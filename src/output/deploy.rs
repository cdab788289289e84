//! The files a static host reads beside the site (`[deploy] host`):
//!
//! - Netlify and Cloudflare Pages: `_headers` (the Content Security Policy for every page;
//!   files named by their content kept a year as immutable) and `_redirects` (aliases as
//!   permanent redirects). Both hosts revalidate everything else on every visit by default
//!   (`Cache-Control: public, max-age=0, must-revalidate`), and both merge the headers of
//!   all rules a path matches, so `Cache-Control` is set only on rules that do not overlap.
//! - GitLab Pages: `_redirects` only (it has no `_headers`); pages carry the policy in a
//!   `<meta>` tag.
//! - GitHub Pages: `.nojekyll`, so files are served as built; the policy in `<meta>`.
//! - S3 and CloudFront: nothing; the upload recipe in the documentation sets the caching
//!   and the pages carry the policy in `<meta>`.
//!
//! Paths in both files are the addresses visitors request, under the base URL's path,
//! which is what GitLab Pages asks of sites at `namespace.gitlab.io/project/`.

use std::collections::{BTreeSet, HashSet};
use std::sync::Mutex;

use super::Output;
use super::csp::{Delivery, InlineHashes};
use crate::config::{Config, Host};
use crate::content::Library;
use crate::diagnostics::Diagnostic;

/// How long a file named by its content may be cached: a year, the longest HTTP allows.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Search files whose names hold a hash of their content (`search/s/3.1a2b3c4d.json`).
const CONTENT_NAMED: [&str; 2] = ["search/s/*", "search/f/*"];

impl Host {
    /// Whether the host reads `_headers` (and so gets the policy as a header).
    pub fn reads_headers(self) -> bool {
        matches!(self, Host::Netlify | Host::Cloudflare)
    }

    /// The most redirect rules the host applies, and the longest line, or `None` when
    /// it has no `_redirects`. Cloudflare Pages: 2,000 static redirects, 1,000 characters
    /// a line. GitLab Pages (defaults of an instance): 1,000 rules in at most 64 KB, and
    /// over either limit no rule applies at all. Netlify documents no limit.
    fn redirect_limits(self) -> Option<RedirectLimits> {
        match self {
            Host::Netlify => Some(RedirectLimits {
                rules: usize::MAX,
                line: usize::MAX,
                bytes: usize::MAX,
            }),
            Host::Cloudflare => Some(RedirectLimits {
                rules: 2000,
                line: 1000,
                bytes: usize::MAX,
            }),
            Host::GitlabPages => Some(RedirectLimits {
                rules: 1000,
                line: usize::MAX,
                bytes: 64 * 1024,
            }),
            Host::GithubPages | Host::S3 => None,
        }
    }

    /// The name people know the host by, for comments and messages.
    pub fn name(self) -> &'static str {
        match self {
            Host::Netlify => "Netlify",
            Host::Cloudflare => "Cloudflare Pages",
            Host::GithubPages => "GitHub Pages",
            Host::GitlabPages => "GitLab Pages",
            Host::S3 => "S3",
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct RedirectLimits {
    rules: usize,
    line: usize,
    bytes: usize,
}

/// The longest line Cloudflare Pages reads in `_headers`; Netlify documents none.
const HEADER_LINE_LIMIT: usize = 2000;

/// How the policy reaches the browser under `config`, or `None` without one.
pub fn policy_delivery(config: &Config) -> Option<Delivery> {
    if !config.deploy.csp {
        return None;
    }
    Some(match config.deploy.host {
        Some(host) if host.reads_headers() => Delivery::Header,
        _ => Delivery::Meta,
    })
}

/// Watches the build's outputs on their way to be written, and writes the host's files
/// at the end: one per build, shared by the render threads.
pub struct HostFiles<'a> {
    config: &'a Config,
    host: Option<Host>,
    /// The query the theme's static files carry (`style.css?v=1a2b3c4d`).
    version_query: String,
    /// `_redirects` lines, and the alias pages they replace.
    redirects: Vec<String>,
    replaced_pages: HashSet<String>,
    /// Why the aliases stay HTML pages, when they do.
    redirect_warning: Option<Diagnostic>,
    seen: Mutex<PageFacts>,
}

/// What the host files need from the pages.
#[derive(Debug, Default)]
struct PageFacts {
    hashes: InlineHashes,
    /// Addresses pages link to with the theme's version query.
    versioned: BTreeSet<String>,
}

impl<'a> HostFiles<'a> {
    /// `aliases` are (alias page's file, its page's URL path) pairs (see [`aliases_of`]);
    /// `asset_version` is the version pages add to the theme's static files.
    pub fn new(config: &'a Config, aliases: &[(&str, &str)], asset_version: &str) -> HostFiles<'a> {
        let host = config.deploy.host;
        let mut files = HostFiles {
            config,
            host,
            version_query: format!("?v={asset_version}"),
            redirects: Vec::new(),
            replaced_pages: HashSet::new(),
            redirect_warning: None,
            seen: Mutex::new(PageFacts::default()),
        };
        if let Some((host, limits)) = host.and_then(|h| Some((h, h.redirect_limits()?))) {
            let lines: Vec<String> = aliases
                .iter()
                .map(|(file, target)| redirect_line(&config.base_path, file, target))
                .collect();
            let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
            let longest = lines.iter().map(String::len).max().unwrap_or(0);
            if lines.len() > limits.rules || bytes > limits.bytes || longest > limits.line {
                files.redirect_warning = Some(too_many_redirects(host, lines.len(), bytes, longest));
            } else {
                files.replaced_pages = aliases.iter().map(|(file, _)| file.to_string()).collect();
                files.redirects = lines;
            }
        }
        files
    }

    /// Passes one output on its way to be written: `None` for an alias page that a
    /// redirect rule replaces (GitLab Pages serves a file before any redirect).
    pub fn pass(&self, output: Output) -> Option<Output> {
        if self.replaced_pages.contains(&output.path) {
            return None;
        }
        if self.host.is_some_and(Host::reads_headers) && output.path.ends_with(".html") {
            let html = String::from_utf8_lossy(&output.bytes);
            let hashes = self.config.deploy.csp.then(|| InlineHashes::of_page(&html));
            let versioned = versioned_addresses(&html, &self.version_query, &self.config.base_path);
            let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(hashes) = hashes {
                seen.hashes.extend(hashes);
            }
            seen.versioned.extend(versioned);
        } else if self.host.is_some_and(Host::reads_headers) && is_stemmer_module(&output.path) {
            let address = url_path(&self.config.base_path, &output.path);
            self.seen.lock().unwrap_or_else(|e| e.into_inner()).versioned.insert(address);
        }
        Some(output)
    }

    /// The host's files, and warnings about what they could not hold.
    pub fn finish(self) -> (Vec<Output>, Vec<Diagnostic>) {
        let Some(host) = self.host else { return (Vec::new(), Vec::new()) };
        let mut outputs = Vec::new();
        let mut warnings: Vec<Diagnostic> = self.redirect_warning.into_iter().collect();
        if host.redirect_limits().is_some() && !self.redirects.is_empty() {
            outputs.push(redirects_file(host, &self.redirects));
        }
        if host.reads_headers() {
            let mut seen = self.seen.into_inner().unwrap_or_else(|e| e.into_inner());
            seen.hashes.webassembly |= self
                .config
                .languages
                .iter()
                .any(|language| super::csp::search_compiles_webassembly(self.config, &language.code));
            let mut policy = self.config.deploy.csp.then(|| seen.hashes.policy(Delivery::Header));
            if let Some(line) = policy.as_ref().map(|p| format!("  Content-Security-Policy: {p}"))
                && line.len() > HEADER_LINE_LIMIT
            {
                warnings.push(policy_too_long(host, line.len()));
                policy = None;
            }
            // Each language has its own search files, in its folder (`de/search/s/*`).
            let folders: Vec<&str> = self.config.languages.iter().map(|l| l.code.as_str()).collect();
            let folders = language_folders(&folders);
            outputs.push(headers_file(
                host,
                &self.config.base_path,
                &folders,
                policy.as_deref(),
                &seen.versioned,
            ));
        }
        if host == Host::GithubPages {
            outputs.push(Output {
                path: ".nojekyll".into(),
                bytes: Vec::new(),
            });
        }
        (outputs, warnings)
    }
}

/// Every alias page's file with the URL path of the page it leads to.
pub fn aliases_of(library: &Library) -> Vec<(&str, &str)> {
    library
        .pages
        .iter()
        .flat_map(|page| page.alias_files.iter().map(|file| (file.as_str(), page.url_path.as_str())))
        .collect()
}

/// One `_redirects` rule: the alias's address to its page's, permanently.
fn redirect_line(base_path: &str, alias_file: &str, target: &str) -> String {
    let from = alias_file.strip_suffix("index.html").unwrap_or(alias_file);
    format!("{} {} 301", url_path(base_path, from), url_path(base_path, target))
}

/// `base_path` + `path`, with what would end a field of a rule (spaces) or is not plain
/// ASCII percent-encoded.
fn url_path(base_path: &str, path: &str) -> String {
    let mut out = String::with_capacity(base_path.len() + path.len());
    for byte in base_path.bytes().chain(path.bytes()) {
        if byte.is_ascii_graphic() && byte != b'%' {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn redirects_file(host: Host, lines: &[String]) -> Output {
    let mut text = format!(
        "# Written by `guide build` for {} ([deploy] host in config.toml): the old addresses\n\
         # of moved pages (`aliases` in their front matter), as permanent redirects.\n",
        host.name()
    );
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    Output {
        path: "_redirects".into(),
        bytes: text.into_bytes(),
    }
}

/// The folders, under the site's base path, that hold a language's pages and search
/// files: `""` for the default language (the first), `de/` for each other one.
fn language_folders(codes: &[&str]) -> Vec<String> {
    std::iter::once(String::new())
        .chain(codes.iter().skip(1).map(|code| format!("{code}/")))
        .collect()
}

/// Whether `path` is a language's search stemmer, `search/stemmer.<hash>.wasm`: named by
/// its content, like the shards, but one file per language, so named in full (a `*` inside
/// a file name is not a pattern every host reads).
fn is_stemmer_module(path: &str) -> bool {
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    (folder == "search" || folder.ends_with("/search")) && crate::search::is_stemmer_file_name(name)
}

/// `_headers`: security headers for every address, a year's caching for files whose
/// name or address changes with their content. The security headers' `*` covers every
/// language; the search files are named in each language's folder.
fn headers_file(host: Host, base_path: &str, language_folders: &[String], policy: Option<&str>, versioned: &BTreeSet<String>) -> Output {
    let mut text = format!(
        "# Written by `guide build` for {} ([deploy] host in config.toml). Pages and other\n\
         # files are revalidated on every visit (the host's default); files named by their\n\
         # content, and theme files linked with their version, are kept a year.\n",
        host.name()
    );
    text.push_str(&format!("{}*\n", url_path(base_path, "")));
    if let Some(policy) = policy {
        text.push_str(&format!("  Content-Security-Policy: {policy}\n"));
    }
    text.push_str("  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n");
    let immutable = language_folders
        .iter()
        .flat_map(|folder| {
            CONTENT_NAMED
                .iter()
                .map(move |pattern| url_path(base_path, &format!("{folder}{pattern}")))
        })
        .chain(versioned.iter().cloned());
    for path in immutable {
        text.push_str(&format!("{path}\n  Cache-Control: {IMMUTABLE}\n"));
    }
    Output {
        path: "_headers".into(),
        bytes: text.into_bytes(),
    }
}

/// The addresses under `base_path` that `html` links to with `version_query`: the
/// theme's static files, whose address changes whenever their content does.
fn versioned_addresses(html: &str, version_query: &str, base_path: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find(version_query) {
        let end = at + offset;
        let after = end + version_query.len();
        // The query must end the address (`"`, `'`, space or `>`), not go on to other digits.
        let ends = html[after..].chars().next().is_none_or(|c| matches!(c, '"' | '\'' | ' ' | '>'));
        let start = html[..end].rfind(['"', '\'', '=', ' ']).map_or(0, |s| s + 1);
        let address = &html[start..end];
        if ends && address.starts_with(base_path) && !address.contains(['?', '#', '*']) {
            found.push(address.to_string());
        }
        at = after;
    }
    found
}

fn too_many_redirects(host: Host, rules: usize, bytes: usize, longest: usize) -> Diagnostic {
    Diagnostic::warning(
        "config.toml",
        0,
        0,
        format!(
            "the guide has {rules} page aliases ({bytes} bytes of redirect rules, the longest {longest} characters), \
             more than {} applies from `_redirects`; the aliases stay redirect pages instead",
            host.name()
        ),
    )
    .with_hint("remove aliases that nobody uses any more from the pages' front matter")
}

fn policy_too_long(host: Host, length: usize) -> Diagnostic {
    Diagnostic::warning(
        "config.toml",
        0,
        0,
        format!(
            "the Content-Security-Policy line of `_headers` would be {length} characters, longer than {} reads \
             ({HEADER_LINE_LIMIT}); it is left out, so pages are served without a policy",
            host.name()
        ),
    )
    .with_hint(
        "the pages carry too many different inline scripts or styles (raw HTML in Markdown): move them into files \
         under static/, or publish with a host that reads the policy from the pages (leave `[deploy] host` out)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn config(toml: &str) -> Config {
        Config::from_text(Path::new("/site"), toml, &crate::config::Overrides::default()).unwrap()
    }

    fn text(output: &Output) -> &str {
        std::str::from_utf8(&output.bytes).unwrap()
    }

    /// A page as the theme writes it: the pre-paint script, versioned theme files.
    const PAGE: &str = "<!doctype html><html><head><meta charset=utf-8><script>alert(1)</script>\
        <link rel=stylesheet href=/style.css?v=0a1b2c3d><script src=\"/theme.js?v=0a1b2c3d\" defer></script>\
        <link rel=icon href=\"/logo.png\"><a href=\"/other.css?v=0a1b2c3d5\">x</a></head></html>";

    /// Builds the host files of `config` with `aliases` after passing `pages` through.
    fn host_files(config: &Config, aliases: &[(&str, &str)], pages: &[(&str, &str)]) -> (Vec<Output>, Vec<Output>, Vec<Diagnostic>) {
        let files = HostFiles::new(config, aliases, "0a1b2c3d");
        let passed: Vec<Output> = pages
            .iter()
            .filter_map(|(path, html)| {
                files.pass(Output {
                    path: path.to_string(),
                    bytes: html.as_bytes().to_vec(),
                })
            })
            .collect();
        let (outputs, warnings) = files.finish();
        (passed, outputs, warnings)
    }

    fn file<'o>(outputs: &'o [Output], path: &str) -> Option<&'o Output> {
        outputs.iter().find(|o| o.path == path)
    }

    #[test]
    fn netlify_gets_headers_with_the_policy_and_a_year_for_versioned_files() {
        let config = config("[deploy]\nhost = \"netlify\"\n");
        let (passed, outputs, warnings) = host_files(&config, &[], &[("index.html", PAGE)]);
        assert_eq!(passed.len(), 1);
        assert!(warnings.is_empty());
        let headers = text(file(&outputs, "_headers").unwrap());
        let policy = InlineHashes::of_page(PAGE).policy(Delivery::Header);
        assert!(headers.contains(&format!("/*\n  Content-Security-Policy: {policy}\n")), "{headers}");
        for path in ["/search/s/*", "/search/f/*", "/style.css", "/theme.js"] {
            assert!(
                headers.contains(&format!("\n{path}\n  Cache-Control: {IMMUTABLE}\n")),
                "{path}: {headers}"
            );
        }
        // Not linked with the version (or with another one): revalidated as usual.
        assert!(!headers.contains("logo.png") && !headers.contains("other.css"), "{headers}");
        assert_eq!(headers.matches("Cache-Control").count(), 4, "{headers}");
        assert!(file(&outputs, "_redirects").is_none(), "no aliases, no redirects");
    }

    #[test]
    fn a_languages_search_stemmer_is_kept_a_year_by_its_full_name() {
        let config = config("[deploy]\nhost = \"netlify\"\n");
        let module = "de/search/stemmer.0123456789abcdef.wasm";
        let pages = [
            ("index.html", PAGE),
            (module, "\0asm"),
            ("de/search/stemmer.wasm", "\0asm"),
            ("de/stemmer.0123456789abcdef.wasm", "\0asm"),
        ];
        let (_, outputs, _) = host_files(&config, &[], &pages);
        let headers = text(file(&outputs, "_headers").unwrap());
        assert!(
            headers.contains(&format!("\n/{module}\n  Cache-Control: {IMMUTABLE}\n")),
            "{headers}"
        );
        // A name without its content's hash, or outside a search folder, is not one.
        assert_eq!(headers.matches("stemmer").count(), 1, "{headers}");
    }

    #[test]
    fn cloudflare_gets_the_same_files_as_netlify_with_its_own_name() {
        let aliases = [("old/backend/index.html", "roles/backend/")];
        let netlify = host_files(&config("[deploy]\nhost = \"netlify\"\n"), &aliases, &[("index.html", PAGE)]).1;
        let cloudflare = host_files(&config("[deploy]\nhost = \"cloudflare\"\n"), &aliases, &[("index.html", PAGE)]).1;
        for name in ["_headers", "_redirects"] {
            let (a, b) = (text(file(&netlify, name).unwrap()), text(file(&cloudflare, name).unwrap()));
            assert_eq!(a.replace("Netlify", "Cloudflare Pages"), b);
        }
        assert_eq!(cloudflare.len(), 2);
    }

    #[test]
    fn aliases_become_permanent_redirects_and_their_pages_are_not_written() {
        let aliases = [("old/backend/index.html", "roles/backend/"), ("legacy.html", "roles/qa/")];
        for host in ["netlify", "cloudflare", "gitlab-pages"] {
            let config = config(&format!(
                "base_url = \"https://example.org/careers/\"\n[deploy]\nhost = \"{host}\"\n"
            ));
            let pages = [
                ("old/backend/index.html", "<p>moved"),
                ("legacy.html", "<p>moved"),
                ("roles/qa/index.html", PAGE),
            ];
            let (passed, outputs, warnings) = host_files(&config, &aliases, &pages);
            assert!(warnings.is_empty(), "{host}");
            let redirects = text(file(&outputs, "_redirects").unwrap());
            let rules: Vec<&str> = redirects.lines().filter(|l| !l.starts_with('#')).collect();
            assert_eq!(
                rules,
                [
                    "/careers/old/backend/ /careers/roles/backend/ 301",
                    "/careers/legacy.html /careers/roles/qa/ 301"
                ],
                "{host}"
            );
            let kept: Vec<&str> = passed.iter().map(|o| o.path.as_str()).collect();
            assert_eq!(kept, ["roles/qa/index.html"], "{host}");
        }
    }

    #[test]
    fn gitlab_pages_gets_redirects_but_no_headers_and_pages_carry_the_policy() {
        let aliases = [("old/index.html", "roles/a/")];
        let config = config("[deploy]\nhost = \"gitlab-pages\"\n");
        let (_, outputs, _) = host_files(&config, &aliases, &[("index.html", PAGE)]);
        let names: Vec<&str> = outputs.iter().map(|o| o.path.as_str()).collect();
        assert_eq!(names, ["_redirects"]);
        assert_eq!(policy_delivery(&config), Some(Delivery::Meta));
    }

    #[test]
    fn too_many_aliases_for_gitlab_pages_stay_redirect_pages_with_a_warning() {
        let aliases: Vec<(String, String)> = (0..1001).map(|i| (format!("old/{i}/index.html"), format!("roles/{i}/"))).collect();
        let borrowed: Vec<(&str, &str)> = aliases.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let aliases = borrowed;
        let (passed, outputs, warnings) = host_files(
            &config("[deploy]\nhost = \"gitlab-pages\"\n"),
            &aliases,
            &[("old/7/index.html", "<p>moved")],
        );
        assert!(outputs.is_empty());
        assert_eq!(passed.len(), 1, "the alias page is kept");
        assert!(warnings[0].message.contains("1001 page aliases"), "{}", warnings[0]);
        // Netlify documents no limit.
        let (passed, outputs, warnings) = host_files(
            &config("[deploy]\nhost = \"netlify\"\n"),
            &aliases,
            &[("old/7/index.html", "<p>moved")],
        );
        assert!(passed.is_empty() && warnings.is_empty());
        assert_eq!(text(file(&outputs, "_redirects").unwrap()).lines().count(), 1001 + 2);
    }

    #[test]
    fn github_pages_gets_nojekyll_and_nothing_else() {
        let aliases = [("old/index.html", "roles/a/")];
        let config = config("[deploy]\nhost = \"github-pages\"\n");
        let (passed, outputs, _) = host_files(&config, &aliases, &[("old/index.html", "<p>moved")]);
        assert_eq!(passed.len(), 1, "GitHub Pages has no redirects: the alias page stays");
        assert_eq!(
            outputs,
            [Output {
                path: ".nojekyll".into(),
                bytes: Vec::new()
            }]
        );
    }

    #[test]
    fn s3_and_no_host_get_no_files_and_meta_policies() {
        for toml in ["[deploy]\nhost = \"s3\"\n", ""] {
            let config = config(toml);
            let aliases = [("old/index.html", "roles/a/")];
            let (passed, outputs, warnings) = host_files(&config, &aliases, &[("old/index.html", PAGE)]);
            assert_eq!((passed.len(), outputs.len(), warnings.len()), (1, 0, 0));
            assert_eq!(policy_delivery(&config), Some(Delivery::Meta));
        }
        assert_eq!(policy_delivery(&config("[deploy]\ncsp = false\n")), None);
        assert_eq!(policy_delivery(&config("[deploy]\nhost = \"netlify\"\n")), Some(Delivery::Header));
    }

    #[test]
    fn without_a_policy_the_headers_keep_caching_and_security_headers() {
        let config = config("[deploy]\nhost = \"cloudflare\"\ncsp = false\n");
        let (_, outputs, _) = host_files(&config, &[], &[("index.html", PAGE)]);
        let headers = text(file(&outputs, "_headers").unwrap());
        assert!(!headers.contains("Content-Security-Policy"), "{headers}");
        assert!(headers.contains("X-Content-Type-Options: nosniff") && headers.contains("/style.css\n"));
    }

    #[test]
    fn a_policy_too_long_for_a_header_line_is_left_out_with_a_warning() {
        let scripts: String = (0..40).map(|i| format!("<script>f({i})</script>")).collect();
        let config = config("[deploy]\nhost = \"cloudflare\"\n");
        let (_, outputs, warnings) = host_files(&config, &[], &[("index.html", &scripts)]);
        assert!(!text(file(&outputs, "_headers").unwrap()).contains("Content-Security-Policy"));
        assert!(warnings[0].message.contains("Content-Security-Policy line"), "{}", warnings[0]);
    }

    #[test]
    fn odd_characters_in_addresses_are_percent_encoded() {
        assert_eq!(
            redirect_line("/", "old page/é/index.html", "roles/a/"),
            "/old%20page/%C3%A9/ /roles/a/ 301"
        );
    }

    #[test]
    fn each_languages_search_files_are_kept_a_year_and_one_rule_secures_every_folder() {
        let config = config(
            "base_url = \"https://hr.example.org/guide\"\ndefault_language = \"en\"\n\
             [languages.de]\n[languages.ja]\n[deploy]\nhost = \"cloudflare\"\n",
        );
        let (_, outputs, _) = host_files(&config, &[], &[("index.html", PAGE), ("de/index.html", PAGE)]);
        let headers = text(file(&outputs, "_headers").unwrap());
        for folder in ["", "de/", "ja/"] {
            for kind in ["s", "f"] {
                let rule = format!("\n/guide/{folder}search/{kind}/*\n  Cache-Control: {IMMUTABLE}\n");
                assert!(headers.contains(&rule), "{rule} in {headers}");
            }
        }
        assert_eq!(headers.matches("X-Content-Type-Options").count(), 1, "{headers}");
        assert!(headers.contains("\n/guide/*\n  Content-Security-Policy: "), "{headers}");
        assert_eq!(
            headers.matches("Cache-Control").count(),
            6,
            "two search rules a language: {headers}"
        );
    }
}
