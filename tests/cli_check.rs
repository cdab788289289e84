//! `guide check` through the real binary, over small fixture sites: each kind of broken
//! link, repeated questions and missing guide sections are reported at their exact
//! `path:line:column`, in text and JSON, with the documented exit codes.

mod common;

use std::path::Path;
use std::process::Output;

use common::{copy_dir, copy_fixture, fixtures, guide};

/// The clean site with a case's files laid over it.
fn site_with(case: &str) -> tempfile::TempDir {
    let site = copy_fixture("check/clean");
    copy_dir(&fixtures().join("check").join(case), site.path());
    site
}

fn check(root: &Path, extra: &[&str]) -> Output {
    guide()
        .arg("check")
        .arg("--root")
        .arg(root)
        .args(extra)
        .output()
        .expect("run guide check")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Asserts that a report line is present, exactly.
fn assert_line(report: &str, line: &str) {
    assert!(report.lines().any(|l| l == line), "expected line\n  {line}\nin:\n{report}");
}

#[test]
fn a_clean_site_has_no_findings_and_writes_nothing() {
    let site = copy_fixture("check/clean");
    let output = check(site.path(), &["--deny-warnings"]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert_eq!(report, "0 errors and 0 warnings in 2 pages and 2 sections\n");
    assert!(!site.path().join("public").exists(), "check wrote output");
}

#[test]
fn each_kind_of_broken_link_is_an_error_at_its_position() {
    let site = site_with("broken_links");
    let output = check(site.path(), &[]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    let file = "content/engineering/links.md";
    for expected in [
        format!("{file}:8:3: error: the link `/engineering/frontend/` points to a page that does not exist (/engineering/frontend/)"),
        format!(
            "{file}:9:3: error: the link `/engineering/backend/#salary-table` points to `#salary-table`, which does not exist on /engineering/backend/"
        ),
        format!(
            "{file}:10:3: error: the link `../backend/#what-is-a-foreign-key` points to `#what-is-a-foreign-key`, which does not exist on /engineering/backend/"
        ),
        format!("{file}:11:3: error: the link `#nowhere` points to `#nowhere`, which does not exist on /engineering/links/"),
        format!("{file}:13:1: error: the image `team.png` does not exist (it would be loaded from /engineering/links/team.png)"),
        format!("{file}:15:14: error: the link `/files/missing.pdf` points to a file that does not exist (/files/missing.pdf)"),
        format!(
            "{file}:15:61: error: the link `backend.md` points to a Markdown file, which is not published; link to its page /engineering/backend/ instead"
        ),
    ] {
        assert_line(&report, &expected);
    }
    assert!(report.contains("= hint: did you mean /engineering/backend/?"), "{report}");
    assert_line(&report, "7 errors and 0 warnings in 3 pages and 2 sections");
}

#[test]
fn repeated_questions_and_missing_sections_are_warnings() {
    let site = site_with("role_problems");
    let output = check(site.path(), &[]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "warnings alone do not fail:\n{report}");
    let file = "content/engineering/tester.md";
    assert_line(
        &report,
        &format!(
            "{file}:10:1: warning: this role is missing 3 of the usual guide sections: \"Behavioral Questions\", \"What Hiring Managers Look For\", \"Common Pitfalls\""
        ),
    );
    assert!(
        report.contains("\"## Behavioural Questions\" → \"## Behavioral Questions\""),
        "{report}"
    );
    assert_line(
        &report,
        &format!(
            "{file}:18:1: warning: \"why testing\" is repeated in this role: it is already at line 12 (in \"Initial Screening Questions\")"
        ),
    );
    assert_line(
        &report,
        &format!(
            "{file}:19:1: warning: \"What tools do you use?\" is repeated in this role: it is already at line 13 (in \"Initial Screening Questions\")"
        ),
    );
    let denied = check(site.path(), &["--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn a_folder_without_a_section_page_is_a_warning() {
    let site = site_with("no_section_index");
    let report = stdout(&check(site.path(), &[]));
    assert_line(
        &report,
        "content/design/designer.md: warning: the folder content/design/ has no _index.md, so its page is listed under a section titled \"Design\" made from the folder name, with no description",
    );
}

#[test]
fn json_output_has_every_finding_and_the_counts() {
    let site = site_with("broken_links");
    let output = check(site.path(), &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["errors"], 7);
    assert_eq!(json["warnings"], 0);
    let findings = json["findings"].as_array().expect("findings array");
    assert_eq!(findings.len(), 7);
    let first = &findings[0];
    assert_eq!(first["file"], "content/engineering/links.md");
    assert_eq!(first["line"], 8);
    assert_eq!(first["column"], 3);
    assert_eq!(first["severity"], "error");
    assert!(first["hint"].is_string());
}

#[test]
fn build_errors_are_reported_by_check_too() {
    let site = copy_fixture("check/clean");
    std::fs::copy(
        fixtures().join("errors/salary_min_above_max.md"),
        site.path().join("content/engineering/inverted.md"),
    )
    .expect("copy");
    let output = check(site.path(), &[]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(report.contains("content/engineering/inverted.md:"), "{report}");
    assert!(report.contains(": error: "), "{report}");
}

/// A tiny HTTP server on loopback: `/ok` answers 200, everything else 404.
fn start_link_server() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buffer = [0u8; 2048];
            let read = std::io::Read::read(&mut stream, &mut buffer).unwrap_or(0);
            let request = String::from_utf8_lossy(&buffer[..read]);
            let status = if request.contains(" /ok ") { "200 OK" } else { "404 Not Found" };
            let _ = std::io::Write::write_all(
                &mut stream,
                format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").as_bytes(),
            );
        }
    });
    port
}

#[test]
fn external_links_are_requested_only_with_external() {
    let port = start_link_server();
    let site = copy_fixture("check/clean");
    let page =
        format!("+++\ntitle = \"Outside\"\n+++\n\nSee [good](http://127.0.0.1:{port}/ok) and [gone](http://127.0.0.1:{port}/gone).\n");
    std::fs::write(site.path().join("content/engineering/outside.md"), page).expect("write");
    let offline = check(site.path(), &[]);
    assert_eq!(offline.status.code(), Some(0), "{}", stdout(&offline));
    let online = check(site.path(), &["--external"]);
    let report = stdout(&online);
    assert_eq!(online.status.code(), Some(1), "{report}");
    assert_line(
        &report,
        &format!(
            "content/engineering/outside.md:5:43: error: the external link `http://127.0.0.1:{port}/gone` is broken: the server answered 404"
        ),
    );
    assert!(!report.contains("/ok`"), "{report}");
}

/// Monokai Extended draws a log's error line on pink, where its own colours for the
/// line's tokens were 1.15:1: they take the background's readable text colour instead, so
/// `guide check` has nothing to warn about and the page says so in its classes.
#[test]
fn a_highlight_theme_with_unreadable_colours_on_its_own_backgrounds_is_drawn_readable() {
    let site = site_with("low_contrast_theme");
    let output = check(site.path(), &["--deny-warnings"]);
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(report.ends_with("0 errors and 0 warnings in 3 pages and 2 sections\n"), "{report}");
    common::build_ok(site.path());
    let page = common::read(site.path().join("public/engineering/logs/index.html"));
    let css = common::read(site.path().join("public/highlight.css"));
    // The error line's text carries only the background's class in the dark scheme: no
    // colour class of its own, whose colour was unreadable there.
    let error = page.find("ERROR").expect("the error line");
    let span = &page[page[..error].rfind("<span").expect("a span")..error];
    let background = span
        .split([' ', '=', '"', '>'])
        .find(|class| class.starts_with("dk"))
        .unwrap_or_else(|| panic!("no dark background class in {span}"));
    assert!(
        !span
            .split([' ', '"', '>', '='])
            .any(|c| c.len() > 1 && c.starts_with('d') && c[1..].parse::<u32>().is_ok()),
        "{span}"
    );
    assert!(
        css.contains(&format!(".{background}{{")) || css.contains(&format!(".{background} {{")),
        "{css}"
    );
}

#[test]
fn the_default_highlight_themes_draw_the_bundled_guides_code_readably() {
    let output = check(Path::new(env!("CARGO_MANIFEST_DIR")), &[]);
    let report = stdout(&output);
    assert!(!report.contains("highlight theme"), "{report}");
}

/// `guide check --format github` run from `workdir` (a workflow's repository root).
fn check_github(workdir: &Path, root: &str) -> Output {
    guide()
        .current_dir(workdir)
        .args(["check", "--format", "github", "--root", root])
        .output()
        .expect("run guide check")
}

#[test]
fn github_format_annotates_each_broken_link_at_its_line_with_its_rule() {
    let site = site_with("broken_links");
    let output = check_github(site.path(), ".");
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    let commands: Vec<&str> = report.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), 7, "{report}");
    assert!(
        commands
            .iter()
            .all(|c| c.starts_with("::error file=content/engineering/links.md,line=") && c.contains(",title=broken-link::")),
        "{report}"
    );
    assert!(
        commands[0].starts_with(
            "::error file=content/engineering/links.md,line=8,col=3,title=broken-link::the link `/engineering/frontend/` points to a page that does not exist (/engineering/frontend/)%0Ahint: "
        ),
        "{report}"
    );
    // One command per line: line breaks inside a message are escaped.
    assert_eq!(report.lines().last(), Some("7 errors and 0 warnings in 3 pages and 2 sections"));
}

#[test]
fn github_format_gives_warnings_their_rule_and_omits_an_unknown_line() {
    let site = site_with("role_problems");
    copy_dir(&fixtures().join("check/no_section_index"), site.path());
    let output = check_github(site.path(), ".");
    let report = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert_line(
        &report,
        "::warning file=content/engineering/tester.md,line=18,col=1,title=repeated-question::\"why testing\" is repeated in this role: it is already at line 12 (in \"Initial Screening Questions\")%0Ahint: remove one of the two, or reword it if they are meant to ask different things",
    );
    assert!(
        report.contains("::warning file=content/engineering/tester.md,line=10,col=1,title=missing-guide-section::"),
        "{report}"
    );
    assert!(
        report.contains("::warning file=content/design/designer.md,title=section-without-index::"),
        "{report}"
    );
}

#[test]
fn github_format_escapes_file_names_and_messages_and_names_files_from_the_workdir() {
    let repository = tempfile::tempdir().expect("temp dir");
    let site = repository.path().join("guides");
    copy_dir(&fixtures().join("check/clean"), &site);
    std::fs::write(
        site.join("content/engineering/a,b: c.md"),
        "+++\ntitle = \"Odd name\"\n+++\n\n[Gone](/100%25/)\n",
    )
    .expect("write page");
    // The same names whether the guide's folder is given relative or absolute.
    for root in ["guides", &site.to_string_lossy()] {
        let report = stdout(&check_github(repository.path(), root));
        assert!(
            report.contains("::error file=guides/content/engineering/a%2Cb%3A c.md,line=5,col=1,title=broken-link::the link `/100%2525/`"),
            "{report}"
        );
    }
    std::fs::copy(
        fixtures().join("errors/salary_min_above_max.md"),
        site.join("content/engineering/inverted.md"),
    )
    .expect("copy");
    let report = stdout(&check_github(repository.path(), "guides"));
    assert!(
        report.contains("::error file=guides/content/engineering/inverted.md,line="),
        "{report}"
    );
    assert!(report.contains(",title=build::"), "{report}");
}
