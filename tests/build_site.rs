//! `guide build` over fixture sites and the bundled guide: what lands in the output.

mod common;

use std::path::Path;

use common::{build_ok, copy_dir, copy_fixture, guide, main_of, minify_on, read, snapshot_dir};

#[test]
fn role_section_and_home_pages_render() {
    let site = copy_fixture("build/basic");
    build_ok(site.path());
    let public = site.path().join("public");
    insta::assert_snapshot!(
        "role_page_main",
        main_of(&read(public.join("engineering/backend-developer/index.html")))
    );
    insta::assert_snapshot!("section_page_main", main_of(&read(public.join("engineering/index.html"))));
    insta::assert_snapshot!("home_page_main", main_of(&read(public.join("index.html"))));
}

#[test]
fn front_matter_strings_are_escaped() {
    let site = copy_fixture("build/basic");
    build_ok(site.path());
    let html = read(site.path().join("public/engineering/backend-developer/index.html"));
    assert!(!html.contains("<script>alert"), "a script tag from the title reached the page");
    assert!(html.contains("Backend Developer &lt;script&gt;alert("), "{html}");
    assert!(html.contains("APIs, databases &amp; &quot;scale&quot;.") || html.contains("APIs, databases &amp; \"scale\"."));
}

#[test]
fn the_code_stylesheet_is_linked_only_from_pages_with_code() {
    let site = copy_fixture("build/basic");
    build_ok(site.path());
    let public = site.path().join("public");
    let links_code_css = |page: &str| read(public.join(page)).contains("highlight.css");
    assert!(
        links_code_css("engineering/backend-developer/index.html"),
        "the role with a code block"
    );
    for page in [
        "about/index.html",
        "index.html",
        "engineering/index.html",
        "skills/index.html",
        "industries/index.html",
        "salaries/index.html",
        "search/index.html",
        "404.html",
    ] {
        assert!(!links_code_css(page), "{page} has no code but links highlight.css");
    }
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = copy_fixture("build/basic");
    build_ok(site.path());
    assert!(!site.path().join("public/engineering/intern/index.html").exists());
    let output = guide()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .arg("--drafts")
        .output()
        .expect("run");
    assert!(output.status.success());
    assert!(site.path().join("public/engineering/intern/index.html").exists());
}

#[test]
fn bundles_aliases_sitemap_robots_and_404_are_written() {
    let site = copy_fixture("build/basic");
    build_ok(site.path());
    let public = site.path().join("public");
    assert!(
        public.join("engineering/platform-engineer/team.svg").exists(),
        "co-located asset not copied"
    );
    let alias = read(public.join("old/backend/index.html"));
    assert!(alias.contains("url=/engineering/backend-developer/"), "{alias}");
    let sitemap = read(public.join("sitemap.xml"));
    assert!(
        sitemap.contains("<loc>https://guide.test/engineering/backend-developer/</loc>\n    <lastmod>2026-06-02</lastmod>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://guide.test/engineering/platform-engineer/</loc>\n    <lastmod>2026-04-01</lastmod>"));
    assert_eq!(
        read(public.join("robots.txt")),
        "User-agent: *\nAllow: /\n\nSitemap: https://guide.test/sitemap.xml\n"
    );
    assert!(read(public.join("404.html")).contains("Page not found"));
    assert!(public.join("style.css").exists() && public.join("highlight.css").exists());
    // A folder without _index.md still becomes a section.
    assert!(read(public.join("people/index.html")).contains("Recruiter"));
}

#[test]
fn sub_path_base_url_is_respected_by_every_internal_link() {
    let site = copy_fixture("build/basic");
    let output = guide()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .args(["--base-url", "https://example.org/careers/guide/"])
        .output()
        .expect("run");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let public = site.path().join("public");
    for page in [
        "index.html",
        "about/index.html",
        "engineering/index.html",
        "engineering/backend-developer/index.html",
        "404.html",
    ] {
        let html = read(public.join(page));
        for attribute in ["href=\"/", "src=\"/"] {
            for (at, _) in html.match_indices(attribute) {
                let rest = &html[at + attribute.len() - 1..];
                assert!(
                    rest.starts_with("/careers/guide/"),
                    "{page}: link without the sub-path: {}",
                    &rest[..rest.len().min(60)]
                );
            }
        }
    }
    let about = read(public.join("about/index.html"));
    assert!(
        about.contains("href=\"/careers/guide/engineering/backend-developer/#how-would-you-handle-versioning-of-an-api\""),
        "{about}"
    );
    assert!(read(public.join("sitemap.xml")).contains("<loc>https://example.org/careers/guide/about/</loc>"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = copy_fixture("build/basic");
    build_ok(site.path());
    let first = snapshot_dir(&site.path().join("public"));
    build_ok(site.path());
    assert_eq!(first, snapshot_dir(&site.path().join("public")));
}

#[test]
fn rebuilds_overwrite_the_previous_output_and_drop_what_is_gone() {
    let site = copy_fixture("build/basic");
    let public = site.path().join("public");
    build_ok(site.path());
    build_ok(site.path());
    let previous = site.path().join(".public.previous");
    assert!(
        previous.join("index.html").is_file(),
        "the replaced output waits beside the new one"
    );
    let mtime = |path: std::path::PathBuf| std::fs::metadata(path).and_then(|m| m.modified()).expect("mtime");
    let robots_written = mtime(previous.join("robots.txt"));

    std::fs::remove_file(site.path().join("content/people/recruiter.md")).expect("remove a page");
    std::fs::remove_dir_all(site.path().join("content/engineering/platform-engineer")).expect("remove a bundle");
    std::fs::write(
        site.path().join("content/about.md"),
        "+++\ntitle = \"About, rewritten\"\n+++\nA new text.\n",
    )
    .expect("edit a page");
    std::thread::sleep(std::time::Duration::from_millis(20));
    build_ok(site.path());

    let fresh = copy_fixture("build/basic");
    std::fs::remove_file(fresh.path().join("content/people/recruiter.md")).expect("remove a page");
    std::fs::remove_dir_all(fresh.path().join("content/engineering/platform-engineer")).expect("remove a bundle");
    std::fs::copy(site.path().join("content/about.md"), fresh.path().join("content/about.md")).expect("copy the edit");
    build_ok(fresh.path());
    assert_eq!(
        snapshot_dir(&public),
        snapshot_dir(&fresh.path().join("public")),
        "a recycled build writes exactly what a fresh one does, and nothing more"
    );
    assert!(!public.join("engineering/platform-engineer").exists());
    assert_eq!(
        mtime(public.join("robots.txt")),
        robots_written,
        "an unchanged file is left as it was, not written again"
    );
}

#[test]
fn minified_output_keeps_code_whitespace_and_json() {
    let site = copy_fixture("build/basic");
    minify_on(site.path());
    build_ok(site.path());
    let html = read(site.path().join("public/engineering/backend-developer/index.html"));
    // The page is minified around its body, which keeps its quotes (see `render::minify_around`).
    assert!(html.contains("<pre class=\"code\" data-lang=\"go\">"), "{html}");
    assert!(
        html.starts_with("<!doctype html><html lang=en><head><meta charset=utf-8>"),
        "{html}"
    );
    // Indentation and newlines inside the code block survive minification.
    let code_start = html.find("<pre class=\"code\"").expect("code block");
    let code = &html[code_start..html[code_start..].find("</pre>").expect("end") + code_start];
    assert!(code.contains("{\n    total "), "{code}");
    assert!(code.contains("\n        total "), "{code}");
    assert!(
        !html.contains("\n<h2") && !html.contains("\n<li"),
        "minified HTML still has line breaks between tags"
    );
}

#[test]
fn output_dir_and_quiet_flags() {
    let site = copy_fixture("build/basic");
    let out = site.path().join("elsewhere");
    let output = guide()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .arg("--output-dir")
        .arg(&out)
        .arg("--quiet")
        .output()
        .expect("run");
    assert!(output.status.success());
    assert!(
        output.stdout.is_empty(),
        "--quiet printed: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(out.join("index.html").exists());
    assert!(!site.path().join("public").exists());
}

#[test]
fn summary_line_counts_pages_and_sections() {
    let site = copy_fixture("build/basic");
    let output = build_ok(site.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("Built 4 pages and 3 sections ("), "{stdout}");
}

/// One page and one section (the home page) are counted in the singular.
#[test]
fn summary_line_says_one_page_and_one_section() {
    let site = copy_fixture("build/basic");
    for gone in ["content/engineering", "content/people"] {
        std::fs::remove_dir_all(site.path().join(gone)).expect("remove a section");
    }
    let stdout = String::from_utf8_lossy(&build_ok(site.path()).stdout).into_owned();
    assert!(stdout.starts_with("Built 1 page and 1 section ("), "{stdout}");
    assert!(stdout.contains(" files) in "), "{stdout}");
}

#[test]
fn timings_flag_prints_each_phase_with_its_share() {
    let site = copy_fixture("build/basic");
    let output = guide()
        .arg("build")
        .arg("--timings")
        .arg("--root")
        .arg(site.path())
        .output()
        .expect("run guide");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("Built 4 pages"), "{stdout}");
    for phase in [
        "load content",
        "markdown + highlighting",
        "render pages",
        "summaries",
        "search index",
        "write files",
    ] {
        let line = lines
            .iter()
            .find(|l| l.starts_with(phase))
            .unwrap_or_else(|| panic!("no {phase} line in {stdout}"));
        assert!(line.contains('%'), "{line}");
    }
    // Each phase that ran shows its wall-clock span: "0.01-0.03".
    let markdown = lines.iter().find(|l| l.starts_with("markdown")).expect("a markdown line");
    let span = markdown.split_whitespace().last().unwrap_or_default();
    let bounds: Vec<f64> = span.split('-').filter_map(|n| n.parse().ok()).collect();
    assert!(bounds.len() == 2 && bounds[0] <= bounds[1], "{stdout}");
    let total = lines.last().expect("a total line");
    assert!(total.starts_with("total") && total.ends_with("100.0%"), "{stdout}");
}

/// A guide with `roles` small role pages, enough for the progress bar to appear.
fn many_roles_site(roles: usize) -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("temp dir");
    let content = site.path().join("content/roles");
    std::fs::create_dir_all(&content).expect("mkdir");
    std::fs::write(
        site.path().join("config.toml"),
        "title = \"Many\"\nbase_url = \"https://many.test\"\n",
    )
    .expect("config");
    std::fs::write(site.path().join("content/_index.md"), "+++\ntitle = \"Home\"\n+++\n").expect("home");
    std::fs::write(content.join("_index.md"), "+++\ntitle = \"Roles\"\n+++\n").expect("section");
    for n in 0..roles {
        let page = format!(
            "+++\ntitle = \"Role {n}\"\n[role]\nexperience_years = 2\ndemand = \"low\"\nskills = [\"Go\"]\n+++\n\n## Screening\n\n- Question {n}?\n"
        );
        std::fs::write(content.join(format!("role-{n}.md")), page).expect("page");
    }
    site
}

/// Runs `guide <args>` on a pseudo-terminal (util-linux `script`) and returns all it printed.
fn on_terminal(args: &str) -> String {
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_guide"));
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_remove("CI")
        .output()
        .expect("run script (util-linux)");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn large_builds_show_progress_on_a_terminal_unless_quiet() {
    let site = many_roles_site(220);
    let root = site.path().display();
    let shown = on_terminal(&format!("build --root {root}"));
    assert!(shown.contains("reading Markdown") || shown.contains("rendering"), "{shown:?}");
    assert!(shown.contains("Built 220 pages"), "{shown:?}");
    let quiet = on_terminal(&format!("build --quiet --root {root}"));
    assert!(!quiet.contains("reading Markdown") && !quiet.contains("rendering"), "{quiet:?}");
    // Not on a terminal (this test's pipes): only the summary line.
    let piped = build_ok(site.path());
    assert_eq!(String::from_utf8_lossy(&piped.stdout).lines().count(), 1);
    assert!(piped.stderr.is_empty(), "{}", String::from_utf8_lossy(&piped.stderr));
}

#[test]
fn unknown_code_language_is_a_warning_not_an_error() {
    let site = copy_fixture("build/basic");
    std::fs::write(
        site.path().join("content/about.md"),
        "+++\ntitle = \"About\"\n+++\n\n```klingon\nqapla\n```\n",
    )
    .expect("write");
    let output = build_ok(site.path());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("content/about.md:5:1: warning: no highlighting is known for the code language \"klingon\""),
        "{err}"
    );
    assert!(read(site.path().join("public/about/index.html")).contains("qapla"));
}

#[test]
fn site_templates_and_static_files_override_the_theme() {
    let site = copy_fixture("build/basic");
    std::fs::create_dir_all(site.path().join("templates")).expect("mkdir");
    std::fs::create_dir_all(site.path().join("static")).expect("mkdir");
    std::fs::write(
        site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}Custom missing page{% endblock main %}",
    )
    .expect("write");
    std::fs::write(site.path().join("static/style.css"), "body{color:red}").expect("write");
    build_ok(site.path());
    assert!(read(site.path().join("public/404.html")).contains("Custom missing page"));
    assert_eq!(read(site.path().join("public/style.css")), "body{color:red}");
}

#[test]
fn the_bundled_guide_builds_without_warnings() {
    let site = tempfile::tempdir().expect("temp");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &site.path().join("content"));
    std::fs::copy(repo.join("config.toml"), site.path().join("config.toml")).expect("config");
    let output = build_ok(site.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.trim().is_empty(), "the bundled guide has warnings:\n{stderr}");
    let roles = walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md") && read(e.path()).contains("[role]"));
    assert!(roles.count() >= 12, "the starter guide needs at least 12 roles");
    let backend = read(site.path().join("public/engineering/senior-backend-developer/index.html"));
    assert!(
        backend.contains("id=\"how-would-you-handle-versioning-of-an-api\""),
        "entry anchor missing"
    );
    assert!(backend.contains("$100,000 – $150,000"));
}

#[test]
fn blocks_minified_once_give_the_pages_a_whole_minify_gives() {
    // The default theme marks its site-wide blocks with `minify_once`; the same theme
    // without the marks minifies every page whole. Both must write the same bytes.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = |theme: Option<&dyn Fn(&str) -> String>| {
        let site = tempfile::tempdir().expect("temp");
        copy_dir(&repo.join("content"), &site.path().join("content"));
        std::fs::copy(repo.join("config.toml"), site.path().join("config.toml")).expect("config");
        if let Some(edit) = theme {
            let themes = site.path().join("themes");
            copy_dir(&repo.join("themes"), &themes);
            for entry in walkdir::WalkDir::new(themes.join("default/templates"))
                .into_iter()
                .filter_map(Result::ok)
            {
                if entry.file_type().is_file() {
                    std::fs::write(entry.path(), edit(&read(entry.path()))).expect("write template");
                }
            }
        }
        build_ok(site.path());
        site
    };
    let marks = walkdir::WalkDir::new(repo.join("themes/default/templates"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| read(e.path()).matches("{% filter minify_once %}").count())
        .sum::<usize>();
    assert!(marks >= 3, "the default theme marks its header, footer and table heads");
    let unmarked = |text: &str| text.replace("{% filter minify_once %}", "").replace("{% endfilter %}", "");
    let once = site(None);
    let whole = site(Some(&unmarked));
    let (once, whole) = (
        snapshot_dir(&once.path().join("public")),
        snapshot_dir(&whole.path().join("public")),
    );
    assert_eq!(once.len(), whole.len());
    for ((path, bytes), (other_path, other)) in once.iter().zip(&whole) {
        assert_eq!(path, other_path);
        assert!(
            bytes == other,
            "{path} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(other)
        );
    }
}

/// The layout-shift check in the browser is a matter of chance (a half-parsed page is
/// painted only when Chromium's parser yields); this checks, on every page with a main,
/// minified or not, what keeps it at zero: the head asks to hold rendering until
/// `#main-end` is parsed, and that marker is main's last element.
#[test]
fn every_page_holds_rendering_until_its_main_is_parsed_to_the_end() {
    let site = copy_fixture("build/basic");
    for minified in [false, true] {
        if minified {
            minify_on(site.path());
        }
        build_ok(site.path());
        let public = site.path().join("public");
        let pages: Vec<(String, Vec<u8>)> = snapshot_dir(&public)
            .into_iter()
            // Not the redirects that aliases leave: a line of text and no main.
            .filter(|(path, bytes)| path.ends_with(".html") && String::from_utf8_lossy(bytes).contains("<main"))
            .collect();
        assert!(pages.len() >= 10, "{} pages", pages.len());
        for (path, bytes) in pages {
            // Quotes are optional once minified, and attributes may be reordered.
            let html = String::from_utf8(bytes).unwrap().replace('"', "");
            let head = &html[..html.find("</head>").unwrap_or_else(|| panic!("{path}: no </head>"))];
            assert!(
                head.split("<link").any(|tag| {
                    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
                    tag.contains("rel=expect") && tag.contains("href=#main-end") && tag.contains("blocking=render")
                }),
                "{path} (minified: {minified}): no <link rel=expect href=#main-end blocking=render> in the head"
            );
            let main = main_of(&html);
            let inside = main.trim_end_matches("</main>").trim_end();
            let last_span = inside.rfind("<span").unwrap_or_else(|| panic!("{path}: no span in main"));
            // The marker's opening tag, its closing tag at most, and nothing after them.
            let marker = &inside[last_span..];
            let opening = marker.strip_suffix("</span>").unwrap_or(marker);
            assert!(
                opening.contains("id=main-end")
                    && opening.contains("hidden")
                    && opening.ends_with('>')
                    && opening.matches('<').count() == 1,
                "{path} (minified: {minified}): main does not end with the #main-end marker: {marker}"
            );
        }
    }
}
