//! Long lists split into pages (`paginate_by`), through the real binary over a small
//! fixture: Engineering (5 roles, `paginate_by = 2` in its `_index.md`), Data (1 role) and
//! the site default of 3 for every other list (the SQL skill's 6 roles, the salary tables).

mod common;

use std::path::Path;

use common::{build_ok, copy_fixture, guide, main_of, read};

fn built() -> tempfile::TempDir {
    let site = copy_fixture("build/paginated");
    build_ok(site.path());
    site
}

fn page(site: &Path, path: &str) -> String {
    read(site.join("public").join(path))
}

/// The role titles a page links in its `<main>`, in order.
fn roles_listed(html: &str) -> Vec<&'static str> {
    let main = main_of(html);
    ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Data Analyst"]
        .into_iter()
        .filter_map(|name| main.find(&format!(">{name}")).map(|at| (at, name)))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_values()
        .collect()
}

#[test]
fn a_section_is_split_into_pages_whose_first_is_its_own_url() {
    let site = built();
    let root = site.path();
    assert_eq!(roles_listed(&page(root, "engineering/index.html")), ["Alpha", "Bravo"]);
    assert_eq!(roles_listed(&page(root, "engineering/page/2/index.html")), ["Charlie", "Delta"]);
    assert_eq!(roles_listed(&page(root, "engineering/page/3/index.html")), ["Echo"]);
    assert!(!root.join("public/engineering/page/4").exists());
    // `page/1/` sends readers and crawlers to the section's own URL, as Zola does.
    let first = page(root, "engineering/page/1/index.html");
    assert!(
        first.contains("<meta http-equiv=\"refresh\" content=\"0; url=/engineering/\">"),
        "{first}"
    );
    assert!(first.contains("<link rel=\"canonical\" href=\"/engineering/\">"), "{first}");
    // A list that fits on one page has no page links and no page folder.
    assert!(!page(root, "data/index.html").contains("class=\"pagination\""));
    assert!(!root.join("public/data/page").exists());
}

#[test]
fn page_links_work_without_javascript_and_say_where_the_reader_is() {
    let site = built();
    let second = page(site.path(), "engineering/page/2/index.html");
    for expected in [
        "<nav class=\"pagination\" aria-label=\"Pages of Engineering\">",
        "Showing 3–4 of 5 in Engineering · page 2 of 3",
        "<a href=\"/engineering/\" rel=\"prev\">",
        "<a href=\"/engineering/page/3/\" rel=\"next\">",
        "<a href=\"/engineering/page/2/\" aria-current=\"page\"><span class=\"visually-hidden\">Page </span>2</a>",
        "<link rel=\"prev\" href=\"/engineering/\">",
        "<link rel=\"next\" href=\"/engineering/page/3/\">",
        "<title>Engineering · Paginated Guide · Page 2 of 3</title>",
        "<link rel=\"canonical\" href=\"https://guide.test/engineering/page/2/\">",
    ] {
        assert!(second.contains(expected), "missing {expected} in\n{second}");
    }
    let first = page(site.path(), "engineering/index.html");
    assert!(first.contains("<link rel=\"canonical\" href=\"https://guide.test/engineering/\">"));
    assert!(!first.contains("rel=\"prev\""), "{first}");
    let last = page(site.path(), "engineering/page/3/index.html");
    assert!(!last.contains("rel=\"next\""), "{last}");
    insta::assert_snapshot!("engineering_page_2_main", main_of(&second));
}

#[test]
fn skill_and_salary_tables_are_split_by_the_site_default() {
    let site = built();
    let root = site.path();
    let sql = page(root, "skills/sql/index.html");
    assert_eq!(sql.matches("<tr><th scope=\"row\">").count(), 3, "{sql}");
    assert!(sql.contains("6 roles ask for SQL."), "{sql}");
    assert!(sql.contains("This page lists roles 1–3 of 6"), "{sql}");
    let sql_2 = page(root, "skills/sql/page/2/index.html");
    assert_eq!(sql_2.matches("<tr><th scope=\"row\">").count(), 3);
    assert!(sql_2.contains("<a href=\"/skills/sql/\" rel=\"prev\">"), "{sql_2}");
    // The overview keeps its figures and chart, and links each section's table.
    let salaries = page(root, "salaries/index.html");
    assert!(
        !salaries.contains("class=\"summary-table salary-table\""),
        "the overview still has the role tables"
    );
    assert!(salaries.contains("<svg"), "the chart is gone");
    for link in ["/salaries/engineering/", "/salaries/data/"] {
        assert!(salaries.contains(&format!("<a href=\"{link}\">")), "{link} in\n{salaries}");
    }
    // A section's table: roles with a salary by currency, then those without, sortable
    // and filterable, split into pages.
    let engineering = page(root, "salaries/engineering/index.html");
    assert_eq!(roles_listed(&engineering), ["Alpha", "Bravo", "Charlie"]);
    assert!(engineering.contains("data-sortable data-filterable"), "{engineering}");
    assert!(engineering.contains("Showing all 3 roles"), "{engineering}");
    let second = page(root, "salaries/engineering/page/2/index.html");
    assert_eq!(roles_listed(&second), ["Echo", "Delta"]);
    let undisclosed = second.find("Salary not disclosed").expect("undisclosed table");
    assert!(second.find(">Echo").unwrap() < undisclosed && undisclosed < second.find(">Delta").unwrap());
}

#[test]
fn the_sitemap_lists_every_page_but_not_the_redirects() {
    let site = built();
    let sitemap = page(site.path(), "sitemap.xml");
    for path in [
        "engineering/",
        "engineering/page/2/",
        "engineering/page/3/",
        "skills/sql/page/2/",
        "salaries/engineering/",
        "salaries/engineering/page/2/",
        "salaries/data/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://guide.test/{path}</loc>")),
            "{path} in\n{sitemap}"
        );
    }
    assert!(!sitemap.contains("/page/1/"), "{sitemap}");
    assert!(!sitemap.contains("engineering/page/4/"), "{sitemap}");
}

fn check(root: &Path) -> (Option<i32>, String) {
    let output = guide().arg("check").arg("--root").arg(root).output().expect("run guide check");
    (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn check_knows_which_pages_of_a_list_exist() {
    let site = copy_fixture("build/paginated");
    let root = site.path();
    // The Data Analyst links to /engineering/page/3/, which exists.
    let (code, report) = check(root);
    assert_eq!(code, Some(0), "{report}");
    assert!(report.starts_with("0 errors and 0 warnings"), "{report}");
    // With four roles to a page, Engineering has two pages: the link is broken.
    let index = root.join("content/engineering/_index.md");
    std::fs::write(&index, read(&index).replace("paginate_by = 2", "paginate_by = 4")).unwrap();
    let (code, report) = check(root);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains("content/data/analyst.md:36:9: error: the link `/engineering/page/3/` points to a page that does not exist"),
        "{report}"
    );
}

/// Builds the fixture with `edit` applied, expecting failure; returns stderr.
fn build_failing(edit: &dyn Fn(&Path)) -> String {
    let site = copy_fixture("build/paginated");
    edit(site.path());
    let output = guide().arg("build").arg("--root").arg(site.path()).output().expect("run guide");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!site.path().join("public").exists(), "a failed build wrote output");
    stderr
}

fn replace_in(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = read(&path);
    assert!(text.contains(from), "{from} in {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn assert_line(stderr: &str, line: &str) {
    assert!(stderr.lines().any(|l| l == line), "expected line\n  {line}\nin:\n{stderr}");
}

#[test]
fn bad_paginate_by_values_in_front_matter_are_errors_at_their_place_all_together() {
    let stderr = build_failing(&|root| {
        replace_in(root, "content/engineering/_index.md", "paginate_by = 2", "paginate_by = 0");
        std::fs::write(root.join("content/data/_index.md"), "---\ntitle: Data\npaginate_by: -5\n---\n").unwrap();
        replace_in(root, "content/engineering/alpha.md", "weight = 1", "weight = 1\npaginate_by = 10");
        std::fs::create_dir_all(root.join("content/ops")).unwrap();
        std::fs::write(
            root.join("content/ops/_index.md"),
            "+++\ntitle = \"Ops\"\npaginate_by = \"ten\"\n+++\n",
        )
        .unwrap();
    });
    assert_line(
        &stderr,
        "content/engineering/_index.md:4:15: error: `paginate_by` must be at least 1, but it is 0",
    );
    assert_line(
        &stderr,
        "content/data/_index.md:3:14: error: `paginate_by` must be at least 1, but it is -5",
    );
    assert_line(
        &stderr,
        "content/engineering/alpha.md:4:15: error: `paginate_by` is a setting of a section, not of a page",
    );
    assert!(stderr.contains("move it to content/engineering/_index.md"), "{stderr}");
    assert!(
        stderr.contains("content/ops/_index.md:3:15: error: wrong kind of value"),
        "{stderr}"
    );
    assert!(stderr.contains("positive whole number"), "{stderr}");
}

#[test]
fn a_bad_site_default_is_an_error_in_config_toml() {
    let stderr = build_failing(&|root| replace_in(root, "config.toml", "paginate_by = 3", "paginate_by = -1"));
    assert_line(&stderr, "config.toml:4:15: error: `paginate_by` must be at least 1, but it is -1");
}

#[test]
fn an_overview_of_hundreds_of_skills_gives_counts_not_roles() {
    // The theme fixture has over 200 skills: naming each one's first roles would make
    // `/skills/` grow by some 90 bytes a role named.
    let site = copy_fixture("theme_site");
    build_ok(site.path());
    let skills = page(site.path(), "skills/index.html");
    assert!(!skills.contains("Which roles"), "{skills}");
    assert!(!skills.contains("more-link"));
    // A guide of a few skills names them (the paginated fixture has one).
    let small = built();
    let sql = page(small.path(), "skills/index.html");
    assert!(sql.contains("Which roles") && sql.contains(">Alpha Engineer</a>, "), "{sql}");
}
