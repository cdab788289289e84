//! Summaries across roles, through the real `guide` binary: `/salaries/`, `/skills/`,
//! skill and industry pages, `/roles.json`, JSON-LD on role pages, and the configuration
//! errors of `[salary]` and `[skills]`.
//!
//! Fixtures live under `tests/fixtures/summaries/`: `mixed` is a whole site (three
//! currencies, all four pay periods, two roles without a salary, skill aliases); the other
//! folders hold only a `config.toml` that replaces the one of `mixed`.

mod common;

use std::path::Path;

use common::{build_ok, copy_fixture, guide, main_of, minify_on, read, snapshot_dir};

/// The `mixed` site with the `config.toml` of another case laid over it.
fn site_with_config(case: &str) -> tempfile::TempDir {
    let site = copy_fixture("summaries/mixed");
    let config = common::fixtures().join("summaries").join(case).join("config.toml");
    std::fs::copy(config, site.path().join("config.toml")).expect("copy config");
    site
}

/// The `<main>` of a page with the inline SVG charts cut out (they have tests of their own).
fn main_without_charts(html: &str) -> String {
    let mut main = main_of(html);
    while let (Some(start), Some(end)) = (main.find("<svg"), main.find("</svg>")) {
        main.replace_range(start..end + "</svg>".len(), "[chart: see summaries::chart tests]");
    }
    main
}

fn stderr_of(root: &Path) -> (bool, String) {
    let output = guide().arg("build").arg("--root").arg(root).output().expect("run guide");
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// The JSON-LD object embedded in a page.
fn json_ld(html: &str) -> serde_json::Value {
    let start = html.find("<script type=\"application/ld+json\">").expect("page has JSON-LD") + 35;
    let end = start + html[start..].find("</script>").expect("script is closed");
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses as JSON")
}

/// `/salaries/` followed by every section's salary table (`/salaries/<section>/`), which
/// list the roles one by one.
fn salary_pages(public: &Path) -> String {
    let mut html = read(public.join("salaries/index.html"));
    for entry in walkdir::WalkDir::new(public.join("salaries")).sort_by_file_name() {
        let entry = entry.expect("walk salaries");
        if entry.file_name() == "index.html" && entry.path().parent() != Some(public.join("salaries").as_path()) {
            html.push_str(&read(entry.path()));
        }
    }
    html
}

#[test]
fn salaries_page_groups_currencies_normalises_periods_and_lists_undisclosed_roles() {
    let site = copy_fixture("summaries/mixed");
    build_ok(site.path());
    let overview = read(site.path().join("public/salaries/index.html"));
    insta::assert_snapshot!("salaries_main", main_without_charts(&overview));
    // The overview links each section's table, which lists its roles.
    assert!(
        !overview.contains("class=\"summary-table salary-table\""),
        "the overview lists no roles one by one"
    );
    let table = read(site.path().join("public/salaries/engineering/index.html"));
    insta::assert_snapshot!("salary_table_engineering_main", main_of(&table));
    let html = salary_pages(&site.path().join("public"));
    // An hourly rate of 50–70 is 104,000–145,600 a year at 2,080 hours.
    assert!(
        html.contains("$104,000") && html.contains("$145,600"),
        "hourly amounts are normalised"
    );
    // A monthly EUR salary stays in EUR: 5,000 × 12.
    assert!(html.contains("€60,000"));
    // A daily GBP rate: 250 × 260.
    assert!(html.contains("£65,000"));
    assert!(html.contains("2 roles do not disclose a salary"));
    assert_eq!(html.matches(">not disclosed</td>").count(), 6, "three salary cells of two roles");
}

#[test]
fn salaries_page_has_an_accessible_chart_per_currency() {
    let site = copy_fixture("summaries/mixed");
    build_ok(site.path());
    let html = read(site.path().join("public/salaries/index.html"));
    for code in ["usd", "eur", "gbp"] {
        assert!(
            html.contains(&format!("role=\"img\" aria-labelledby=\"chart-{code}-title\"")),
            "chart for {code}"
        );
        assert!(html.contains(&format!("<desc id=\"chart-{code}-desc\">")));
    }
    // Titles are escaped inside the SVG too.
    assert!(html.contains("Data &amp; &lt;Analytics&gt; &quot;Lead&quot;"));
    assert!(!html.contains("<Analytics>"));
    assert!(!html.contains("table.js"), "the overview has no table to sort");
    let tables = salary_pages(&site.path().join("public"));
    assert!(tables.contains("table.js"), "the sorting script is linked from the section tables");
}

#[test]
fn skills_pages_fold_case_spacing_and_aliases() {
    let site = copy_fixture("summaries/mixed");
    build_ok(site.path());
    let public = site.path().join("public");
    insta::assert_snapshot!("skills_main", main_of(&read(public.join("skills/index.html"))));
    insta::assert_snapshot!("skill_kubernetes_main", main_of(&read(public.join("skills/kubernetes/index.html"))));
    // "K8s" and "kubernetes" are one skill; "Postgres" and "PostgreSQL" too.
    assert!(!public.join("skills/k8s").exists());
    assert!(!public.join("skills/postgres").exists());
    // C, C++ and C# keep apart.
    for slug in ["c", "c-plus-plus", "c-sharp"] {
        assert!(public.join("skills").join(slug).join("index.html").exists(), "{slug}");
    }
    let industries = read(public.join("industries/index.html"));
    assert!(industries.contains("R&amp;D &lt;Labs&gt;"));
    assert!(public.join("industries/fintech/index.html").exists());
}

#[test]
fn roles_json_is_stable_and_versioned() {
    let site = copy_fixture("summaries/mixed");
    build_ok(site.path());
    let text = read(site.path().join("public/roles.json"));
    insta::assert_snapshot!("roles_json", text);
    let json: serde_json::Value = serde_json::from_str(&text).expect("roles.json parses");
    assert_eq!(json["version"], 1);
    let urls: Vec<&str> = json["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap())
        .collect();
    let mut sorted = urls.clone();
    sorted.sort();
    assert_eq!(urls, sorted, "roles are sorted by URL");
    assert_eq!(urls.len(), 8, "only role pages are listed");
}

#[test]
fn role_pages_embed_occupation_json_ld() {
    let site = copy_fixture("summaries/mixed");
    build_ok(site.path());
    let public = site.path().join("public");
    let html = read(public.join("engineering/frontend/index.html"));
    let ld = json_ld(&html);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "Occupation");
    assert_eq!(ld["name"], "Frontend Developer (Contract)");
    assert_eq!(ld["occupationalCategory"], "Engineering");
    let salary = &ld["estimatedSalary"][0];
    assert_eq!(salary["@type"], "MonetaryAmountDistribution");
    assert_eq!(salary["currency"], "USD");
    assert_eq!(salary["duration"], "PT1H");
    assert_eq!(
        (salary["minValue"].as_f64(), salary["median"].as_f64(), salary["maxValue"].as_f64()),
        (Some(50.0), Some(60.0), Some(70.0))
    );
    assert_eq!(ld["skills"], serde_json::json!(["TypeScript", "SQL", "C++"]));
    assert_eq!(ld["experienceRequirements"]["@type"], "OccupationalExperienceRequirements");
    assert_eq!(ld["experienceRequirements"]["monthsOfExperience"], 36);

    // Markup in front matter cannot break out of the script element, and survives as data.
    let lead = read(public.join("engineering/data-lead/index.html"));
    let ld = json_ld(&lead);
    assert_eq!(ld["name"], "Data & <Analytics> \"Lead\"");
    assert_eq!(ld["estimatedSalary"][0]["duration"], "P1Y");
    assert_eq!(ld["skills"], serde_json::json!(["SQL", "C#", "C", "PostgreSQL"]));

    // Without a salary there is no estimate.
    let intern = json_ld(&read(public.join("engineering/intern/index.html")));
    assert!(intern.get("estimatedSalary").is_none());
    assert_eq!(intern["experienceRequirements"]["monthsOfExperience"], 0);
}

#[test]
fn role_pages_compare_with_their_section_and_link_skills() {
    let site = copy_fixture("summaries/mixed");
    build_ok(site.path());
    let public = site.path().join("public");
    // Engineering in USD: midpoints 120,000, 124,800 and 140,000; median 124,800.
    let backend = read(public.join("engineering/backend/index.html"));
    assert!(
        backend.contains("Midpoint 4% below the Engineering median of $124,800 a year"),
        "{}",
        main_of(&backend)
    );
    assert!(backend.contains("<a href=\"/skills/kubernetes/\">K8s<span class=\"visually-hidden\">: roles that ask for it</span></a>"));
    assert!(
        backend.contains("<a href=\"/industries/fintech/\">Fintech<span class=\"visually-hidden\">: roles in this industry</span></a>")
    );
    let lead = read(public.join("engineering/data-lead/index.html"));
    assert!(lead.contains("Midpoint 12% above the Engineering median"));
    // The only EUR role has nothing to compare with.
    let sre = read(public.join("engineering/sre/index.html"));
    assert!(!sre.contains("Midpoint "));
    let intern = read(public.join("engineering/intern/index.html"));
    assert!(intern.contains("Not disclosed") && !intern.contains("Midpoint "));
}

#[test]
fn home_page_shows_a_short_summary() {
    let site = copy_fixture("summaries/mixed");
    build_ok(site.path());
    let home = main_of(&read(site.path().join("public/index.html")));
    assert!(home.contains("<strong>8</strong> roles in <strong>2</strong> sections"), "{home}");
    assert!(home.contains("2 not disclosed"));
    assert!(home.contains("$70,000 – $160,000"));
    assert!(
        !home.contains("<a href=\"/skills/communication/\">"),
        "soft skills are not among the top skills"
    );
    assert!(home.contains("<a href=\"/skills/sql/\">SQL<span class=\"visually-hidden\">: roles that ask for it</span></a>"));
    assert!(home.contains("High demand"));
}

#[test]
fn display_currency_converts_and_warns_about_missing_rates() {
    let site = site_with_config("converted");
    let output = build_ok(site.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("content/people/recruiter.md:15:12: warning: the salary is in GBP, which has no rate to USD"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    let html = salary_pages(&site.path().join("public"));
    assert!(html.contains("Amounts are converted to USD at fixed rates set for this guide (1 EUR = 1.1 USD)"));
    assert!(html.contains("There is no rate for GBP"));
    // 5,000 EUR a month × 12 × 1.1; 50 USD an hour × 2,000 hours.
    assert!(html.contains("$66,000") && html.contains("converted from EUR at 1.1"));
    assert!(html.contains("$100,000"));
    assert!(html.contains("id=\"group-gbp\""), "GBP keeps its own group");
    assert!(!html.contains("id=\"group-eur\""), "EUR is converted, not grouped");
    // The base path is part of every link.
    assert!(html.contains("href=\"/careers/engineering/sre/\""));
    let json: serde_json::Value = serde_json::from_str(&read(site.path().join("public/roles.json"))).unwrap();
    let sre = json["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "Site Reliability Engineer")
        .unwrap();
    assert_eq!(sre["salary"]["yearly"]["currency"], "USD");
    assert_eq!(sre["salary"]["yearly"]["rate"], 1.1);
    assert_eq!(sre["salary"]["yearly"]["min"], 66000);
    assert_eq!(json["salary_basis"]["display_currency"], "USD");
}

#[test]
fn builds_are_byte_identical() {
    let first = copy_fixture("summaries/mixed");
    let second = copy_fixture("summaries/mixed");
    build_ok(first.path());
    build_ok(second.path());
    let a = snapshot_dir(&first.path().join("public"));
    let b = snapshot_dir(&second.path().join("public"));
    assert_eq!(a.len(), b.len());
    for ((path_a, bytes_a), (path_b, bytes_b)) in a.iter().zip(&b) {
        assert_eq!(path_a, path_b);
        assert!(bytes_a == bytes_b, "{path_a} differs between two builds");
    }
}

#[test]
fn summary_pages_are_in_the_sitemap() {
    let site = copy_fixture("summaries/mixed");
    build_ok(site.path());
    let sitemap = read(site.path().join("public/sitemap.xml"));
    for path in ["salaries/", "skills/", "skills/kubernetes/", "industries/", "industries/fintech/"] {
        assert!(sitemap.contains(&format!("<loc>https://guide.test/{path}</loc>")), "{path}");
    }
}

#[test]
fn alias_cycle_is_a_config_error_with_line_and_hint() {
    let site = site_with_config("alias_cycle");
    let (ok, stderr) = stderr_of(site.path());
    assert!(!ok);
    insta::assert_snapshot!("alias_cycle_stderr", stderr);
}

/// `[industries.aliases]` folds industry names as `[skills.aliases]` does skills: the
/// overview and the term pages use the canonical name, a role page keeps the name its role
/// writes but links it to the canonical term's page.
#[test]
fn industry_aliases_fold_names_into_one_industry() {
    let site = site_with_config("industry_aliases");
    build_ok(site.path());
    let public = site.path().join("public");
    let industries = read(public.join("industries/index.html"));
    assert!(industries.contains("href=\"/industries/recruitment/\">Recruitment"), "{industries}");
    assert!(
        industries.contains("href=\"/industries/cloud-computing/\">Cloud computing"),
        "{industries}"
    );
    assert!(!industries.contains("/industries/staffing/"), "{industries}");
    assert!(!public.join("industries/staffing").exists());
    let recruitment = read(public.join("industries/recruitment/index.html"));
    assert!(recruitment.contains("<h1>Recruitment</h1>"), "{recruitment}");
    for role in ["/people/coordinator/", "/people/recruiter/"] {
        assert!(recruitment.contains(&format!("href=\"{role}\"")), "{role} not in {recruitment}");
    }
    let coordinator = read(public.join("people/coordinator/index.html"));
    assert!(
        coordinator.contains("<a href=\"/industries/recruitment/\">Staffing<span class=\"visually-hidden\">"),
        "{coordinator}"
    );
    // Skills are not folded by industry aliases, nor industries by skill aliases.
    assert!(public.join("skills/kubernetes/index.html").exists());
    assert!(public.join("industries/fintech/index.html").exists());
}

#[test]
fn industry_alias_cycle_is_a_config_error_with_line_and_hint() {
    let site = site_with_config("industry_alias_cycle");
    let (ok, stderr) = stderr_of(site.path());
    assert!(!ok);
    insta::assert_snapshot!("industry_alias_cycle_stderr", stderr);
}

#[test]
fn negative_rate_is_a_config_error_at_its_value() {
    let site = site_with_config("negative_rate");
    let (ok, stderr) = stderr_of(site.path());
    assert!(!ok);
    assert!(
        stderr.contains("config.toml:8:7: error: the rate for EUR must be a positive number, but it is -1.1"),
        "{stderr}"
    );
    assert!(stderr.contains("hint:"), "{stderr}");
}

#[test]
fn unknown_period_key_is_a_config_error_naming_the_periods() {
    let site = site_with_config("unknown_period");
    let (ok, stderr) = stderr_of(site.path());
    assert!(!ok);
    assert!(stderr.contains("config.toml:6:1: error: unknown key `weeks_per_year`"), "{stderr}");
    assert!(stderr.contains("hour, day, month or year"), "{stderr}");
}

#[test]
fn unknown_display_currency_is_a_config_error() {
    let site = site_with_config("unknown_display_currency");
    let (ok, stderr) = stderr_of(site.path());
    assert!(!ok);
    assert!(
        stderr.contains("config.toml:5:20: error: \"Dollar\" is not a known currency code"),
        "{stderr}"
    );
}

#[test]
fn content_at_a_generated_path_is_an_error() {
    let site = copy_fixture("summaries/mixed");
    std::fs::write(site.path().join("content/salaries.md"), "+++\ntitle = \"Salaries\"\n+++\nMine.\n").unwrap();
    std::fs::create_dir_all(site.path().join("content/skills")).unwrap();
    std::fs::write(site.path().join("content/skills/_index.md"), "+++\ntitle = \"Skills\"\n+++\n").unwrap();
    let (ok, stderr) = stderr_of(site.path());
    assert!(!ok);
    assert!(
        stderr.contains("content/salaries.md:1:1: error: this page would be written to /salaries/"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/skills/_index.md: error: this section would be written to /skills/"),
        "{stderr}"
    );
}

#[test]
fn a_content_file_at_the_feed_path_is_an_error() {
    let site = copy_fixture("summaries/mixed");
    std::fs::write(site.path().join("content/atom.xml"), "<feed/>").unwrap();
    let (ok, stderr) = stderr_of(site.path());
    assert!(!ok);
    assert!(
        stderr.contains("content/atom.xml: error: this file would be copied to /atom.xml, which the guide generates itself"),
        "{stderr}"
    );
}

#[test]
fn summary_pages_are_minified_around_their_table_rows() {
    let site = copy_fixture("summaries/mixed");
    minify_on(site.path());
    build_ok(site.path());
    let public = site.path().join("public");
    for page in [
        "salaries/index.html",
        "skills/index.html",
        "skills/go/index.html",
        "industries/fintech/index.html",
    ] {
        let html = read(public.join(page));
        assert!(
            html.starts_with("<!doctype html><html lang=en><head>"),
            "{page} is not minified: {}",
            &html[..200]
        );
        // The rows were written compact: minify-html would take little more out of the page.
        let again = interview_guide::render::minify(html.as_bytes());
        assert!(
            html.len() <= again.len() + again.len() / 20,
            "{page}: {} bytes, {} minified",
            html.len(),
            again.len()
        );
    }
}
