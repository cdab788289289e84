//! `guide build` with `[deploy] host`: the files each static host reads, and the Content
//! Security Policy in `_headers` or in each page, over `tests/fixtures/deploy/site` (a
//! guide with an alias and raw HTML carrying an inline style and a style attribute).

mod common;

use std::path::Path;

use base64::Engine as _;
use common::{build_ok, copy_fixture, guide, read};
use sha2::{Digest, Sha256};

/// The fixture with `[deploy]` settings (and top-level keys) added to its config.toml.
fn site_with(top: &str, deploy: &str) -> tempfile::TempDir {
    let site = copy_fixture("deploy/site");
    let config = site.path().join("config.toml");
    let text = format!("{top}{}\n[deploy]\n{deploy}", read(&config));
    std::fs::write(&config, text).unwrap();
    site
}

fn sha256_source(text: &str) -> String {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
    )
}

/// The text of every `<tag>…</tag>` in `html` (our pages write them without attributes).
fn elements<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    html.split(open.as_str())
        .skip(1)
        .filter_map(|rest| rest.split_once(close.as_str()).map(|(inner, _)| inner))
        .collect()
}

/// The policy each HTML page carries in its `<meta>` tag.
fn meta_policy(html: &str) -> Option<&str> {
    const MARKER: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
    let rest = &html[html.find(MARKER)? + MARKER.len()..];
    Some(&rest[..rest.find('"')?])
}

fn html_pages(public: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn netlify_gets_the_sites_policy_and_caching_in_headers_and_aliases_as_redirects() {
    let site = site_with("", "host = \"netlify\"\n");
    build_ok(site.path());
    let public = site.path().join("public");
    let headers = read(public.join("_headers"));
    let policy_line = headers
        .lines()
        .find_map(|l| l.strip_prefix("  Content-Security-Policy: "))
        .unwrap_or_else(|| panic!("no policy in _headers:\n{headers}"));
    // Every inline script and style of every page, hashed here independently.
    let role = read(public.join("engineering/backend-developer/index.html"));
    let script = elements(&role, "script")[0];
    assert!(script.contains("classList.add"), "the theme's pre-paint script: {script}");
    assert!(policy_line.contains(&sha256_source(script)), "{policy_line}");
    let style = elements(&role, "style")[0];
    assert!(policy_line.contains(&sha256_source(style)), "{policy_line}");
    assert!(
        policy_line.contains(&format!("'unsafe-hashes' {}", sha256_source("color: teal")))
            || policy_line.contains(&sha256_source("color:teal")),
        "the style attribute is allowed by its hash: {policy_line}"
    );
    assert!(!policy_line.contains("unsafe-inline") && policy_line.contains("default-src 'self'"));
    assert!(policy_line.ends_with("frame-ancestors 'self'"), "{policy_line}");
    for page in html_pages(&public) {
        assert_eq!(meta_policy(&read(&page)), None, "{}: the header carries the policy", page.display());
    }
    // Files named by their content, and the theme's versioned files, are kept a year.
    let immutable = "  Cache-Control: public, max-age=31536000, immutable";
    for path in [
        "/search/s/*",
        "/search/f/*",
        "/style.css",
        "/theme.js",
        "/search.js",
        "/table.js",
        "/highlight.css",
    ] {
        assert!(headers.contains(&format!("\n{path}\n{immutable}\n")), "{path}:\n{headers}");
    }
    assert!(role.contains("/style.css?v="), "the theme links its stylesheet with its version");
    assert_eq!(
        read(public.join("_redirects"))
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>(),
        [
            "/old/backend/ /engineering/backend-developer/ 301",
            "/legacy-backend.html /engineering/backend-developer/ 301"
        ]
    );
    assert!(
        !public.join("old/backend/index.html").exists(),
        "the redirect replaces the alias page"
    );
    assert!(!public.join("legacy-backend.html").exists());
    assert!(!public.join(".nojekyll").exists());
}

#[test]
fn without_a_host_every_page_carries_the_policy_for_its_own_inline_code() {
    let site = copy_fixture("deploy/site");
    build_ok(site.path());
    let public = site.path().join("public");
    let pages = html_pages(&public);
    assert!(pages.len() > 5);
    for page in pages {
        let html = read(&page);
        if html.contains("http-equiv=\"refresh\"") {
            continue; // An alias page: no script, no style.
        }
        let policy = meta_policy(&html).unwrap_or_else(|| panic!("{} has no policy", page.display()));
        for code in elements(&html, "script").into_iter().chain(elements(&html, "style")) {
            assert!(policy.contains(&sha256_source(code)), "{}: {policy}", page.display());
        }
        assert!(!policy.contains("unsafe-inline") && !policy.contains("frame-ancestors"), "{policy}");
        // Before any inline script, right after the character set.
        let at = html.find("<meta http-equiv=\"Content-Security-Policy\"").unwrap();
        assert!(html[..at].ends_with("<meta charset=utf-8>"), "{}", page.display());
    }
    let role = read(public.join("engineering/backend-developer/index.html"));
    assert!(meta_policy(&role).unwrap().contains("'unsafe-hashes'"), "the style attribute");
    let data = read(public.join("engineering/data-engineer/index.html"));
    assert!(!meta_policy(&data).unwrap().contains("'unsafe-hashes'"), "no style attribute there");
    for name in ["_headers", "_redirects", ".nojekyll"] {
        assert!(!public.join(name).exists(), "{name}");
    }
    assert!(public.join("old/backend/index.html").exists(), "aliases stay redirect pages");
}

#[test]
fn github_pages_gets_nojekyll_and_keeps_alias_pages() {
    let site = site_with("", "host = \"github-pages\"\n");
    build_ok(site.path());
    let public = site.path().join("public");
    assert_eq!(std::fs::read(public.join(".nojekyll")).unwrap(), b"");
    assert!(!public.join("_headers").exists() && !public.join("_redirects").exists());
    assert!(public.join("old/backend/index.html").exists());
    assert!(meta_policy(&read(public.join("index.html"))).is_some());
}

#[test]
fn gitlab_pages_on_a_project_path_gets_redirects_under_that_path() {
    let site = site_with("", "host = \"gitlab-pages\"\n");
    let config = site.path().join("config.toml");
    std::fs::write(&config, read(&config).replace("https://guide.test", "https://team.gitlab.io/guide")).unwrap();
    build_ok(site.path());
    let public = site.path().join("public");
    let redirects = read(public.join("_redirects"));
    assert!(
        redirects.contains("\n/guide/old/backend/ /guide/engineering/backend-developer/ 301\n"),
        "{redirects}"
    );
    assert!(!public.join("_headers").exists(), "GitLab Pages reads no _headers");
    assert!(
        !public.join("old/backend/index.html").exists(),
        "a file would win over the redirect"
    );
    assert!(meta_policy(&read(public.join("index.html"))).is_some());
}

#[test]
fn cloudflare_and_s3_get_their_files() {
    let site = site_with("", "host = \"cloudflare\"\n");
    build_ok(site.path());
    let public = site.path().join("public");
    assert!(read(public.join("_headers")).starts_with("# Written by `guide build` for Cloudflare Pages"));
    assert!(read(public.join("_redirects")).contains("/old/backend/ /engineering/backend-developer/ 301"));

    let site = site_with("", "host = \"s3\"\n");
    build_ok(site.path());
    let public = site.path().join("public");
    for name in ["_headers", "_redirects", ".nojekyll"] {
        assert!(!public.join(name).exists(), "{name}");
    }
    assert!(meta_policy(&read(public.join("index.html"))).is_some());
}

#[test]
fn csp_false_leaves_pages_and_headers_without_a_policy() {
    let site = site_with("", "host = \"netlify\"\ncsp = false\n");
    build_ok(site.path());
    let public = site.path().join("public");
    assert!(!read(public.join("_headers")).contains("Content-Security-Policy"));
    let site = site_with("", "csp = false\n");
    build_ok(site.path());
    assert_eq!(meta_policy(&read(site.path().join("public/index.html"))), None);
}

#[test]
fn an_unknown_host_is_an_error_at_its_line_naming_the_hosts() {
    let site = site_with("", "host = \"vercel\"\n");
    let output = guide().arg("build").arg("--root").arg(site.path()).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = read(site.path().join("config.toml")).lines().count();
    assert!(stderr.contains(&format!("config.toml:{line}:8")), "{stderr}");
    for host in ["netlify", "cloudflare", "github-pages", "gitlab-pages", "s3"] {
        assert!(stderr.contains(host), "{stderr}");
    }
    assert!(!site.path().join("public").exists(), "nothing written");
}
