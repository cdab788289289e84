//! A guide in several languages: where each language's pages go, how they point at each
//! other (alternates, switcher, sitemap, `roles.json`), per-language feeds and listings,
//! and the mistakes in configuration and file names that are reported.

mod common;

use std::path::Path;

use common::{build_ok, copy_fixture, guide, read};

/// The fixture built once per test: English (default), German, Japanese and Arabic.
fn built() -> tempfile::TempDir {
    let site = copy_fixture("languages/basic");
    build_ok(site.path());
    site
}

fn page(site: &Path, path: &str) -> String {
    read(site.join("public").join(path))
}

/// The `<link rel="alternate" hreflang>` tags of a page, in order.
fn hreflang_links(html: &str) -> Vec<String> {
    html.lines()
        .filter(|line| line.starts_with("<link rel=\"alternate\" hreflang="))
        .map(str::to_string)
        .collect()
}

/// The language switcher of a page, if it has one.
fn switcher(html: &str) -> Option<String> {
    let start = html.find("<nav class=\"languages")?;
    let end = html[start..].find("</nav>")? + start + "</nav>".len();
    Some(html[start..end].to_string())
}

#[test]
fn the_default_language_stays_at_the_root_and_others_live_under_their_code() {
    let site = built();
    let public = site.path().join("public");
    for path in [
        "index.html",
        "engineering/backend/index.html",
        "engineering/frontend/index.html",
        "de/index.html",
        "de/engineering/index.html",
        "de/engineering/backend-entwickler/index.html",
        "ja/index.html",
        "ja/about/index.html",
        "ar/engineering/backend/index.html",
        "de/salaries/index.html",
        "de/atom.xml",
        "de/roles.json",
    ] {
        assert!(public.join(path).is_file(), "{path} was not written");
    }
    // Absent in a language without a translation: no page, and no English page in its place.
    for path in [
        "de/engineering/frontend/index.html",
        "de/about/index.html",
        "ja/engineering/backend/index.html",
    ] {
        assert!(!public.join(path).exists(), "{path} was written without a translation");
    }
    // Only one copy of the theme's files, at the root.
    assert!(public.join("style.css").is_file() && !public.join("de/style.css").exists());
}

#[test]
fn a_translated_listing_shows_only_pages_in_its_language() {
    let site = built();
    let german = page(site.path(), "de/engineering/index.html");
    assert!(german.contains("href=\"/de/engineering/backend-entwickler/\""), "{german}");
    assert!(german.contains("Backend-Entwickler"), "{german}");
    assert!(
        !german.contains("Frontend Developer"),
        "an English page in the German listing: {german}"
    );
    assert!(!german.contains("/engineering/frontend/"), "{german}");
    let english = page(site.path(), "engineering/index.html");
    assert!(
        english.contains("Frontend Developer") && !english.contains("Backend-Entwickler"),
        "{english}"
    );
    // The German home lists the German section by its German title, under /de/.
    let home = page(site.path(), "de/index.html");
    assert!(home.contains("href=\"/de/engineering/\""), "{home}");
    assert!(home.contains("Technik"), "{home}");
}

#[test]
fn pages_carry_their_language_direction_and_site_title() {
    let site = built();
    let lang_of = |path: &str| {
        let html = page(site.path(), path);
        html.lines().find(|l| l.starts_with("<html")).unwrap_or_default().to_string()
    };
    assert_eq!(lang_of("engineering/backend/index.html"), "<html lang=\"en\" dir=\"ltr\">");
    assert_eq!(
        lang_of("de/engineering/backend-entwickler/index.html"),
        "<html lang=\"de\" dir=\"ltr\">"
    );
    assert_eq!(lang_of("ar/engineering/backend/index.html"), "<html lang=\"ar\" dir=\"rtl\">");
    assert_eq!(lang_of("ja/about/index.html"), "<html lang=\"ja\" dir=\"ltr\">");
    let german = page(site.path(), "de/engineering/backend-entwickler/index.html");
    assert!(
        german.contains("<a class=\"site-title\" href=\"/de/\">Interview-Leitfaden</a>"),
        "{german}"
    );
    // Theme files come from the root in every language.
    assert!(german.contains("href=\"/style.css?v="), "{german}");
    assert!(german.contains("href=\"/de/atom.xml\""), "{german}");
}

#[test]
fn every_page_names_its_versions_and_x_default() {
    let site = built();
    // The default language first, then the others by code.
    let expected = [
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://guide.test/engineering/backend/\">",
        "<link rel=\"alternate\" hreflang=\"ar\" href=\"https://guide.test/ar/engineering/backend/\">",
        "<link rel=\"alternate\" hreflang=\"de\" href=\"https://guide.test/de/engineering/backend-entwickler/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://guide.test/engineering/backend/\">",
    ];
    for path in [
        "engineering/backend/index.html",
        "de/engineering/backend-entwickler/index.html",
        "ar/engineering/backend/index.html",
    ] {
        assert_eq!(hreflang_links(&page(site.path(), path)), expected, "{path}");
    }
    // A page in one language names itself, and x-default.
    assert_eq!(
        hreflang_links(&page(site.path(), "engineering/frontend/index.html")),
        [
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://guide.test/engineering/frontend/\">",
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://guide.test/engineering/frontend/\">",
        ]
    );
    // Generated pages are versions of the same page in each language.
    let salaries = hreflang_links(&page(site.path(), "de/salaries/index.html"));
    assert_eq!(salaries.len(), 5, "{salaries:?}");
    assert!(
        salaries[2].contains("hreflang=\"de\" href=\"https://guide.test/de/salaries/\""),
        "{salaries:?}"
    );
}

#[test]
fn the_language_switcher_offers_only_the_translations_a_page_has() {
    let site = built();
    insta::assert_snapshot!(
        "backend_switcher_de",
        switcher(&page(site.path(), "de/engineering/backend-entwickler/index.html")).expect("a switcher")
    );
    let about = switcher(&page(site.path(), "about/index.html")).expect("a switcher");
    assert!(about.contains("href=\"/ja/about/\"") && !about.contains("/de/"), "{about}");
    assert_eq!(switcher(&page(site.path(), "engineering/frontend/index.html")), None);
}

#[test]
fn the_sitemap_lists_every_language_with_its_alternates() {
    let site = built();
    insta::assert_snapshot!("sitemap", page(site.path(), "sitemap.xml"));
    assert_eq!(
        page(site.path(), "robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://guide.test/sitemap.xml\n"
    );
}

#[test]
fn each_language_has_its_own_feed() {
    let site = built();
    let english = page(site.path(), "atom.xml");
    assert!(
        english.contains("xml:lang=\"en\"") && english.contains("Frontend Developer"),
        "{english}"
    );
    assert!(!english.contains("Backend-Entwickler"), "{english}");
    insta::assert_snapshot!("feed_de", page(site.path(), "de/atom.xml"));
    let japanese = page(site.path(), "ja/atom.xml");
    assert!(
        japanese.contains("<title>面接ガイド</title>") && !japanese.contains("<entry>"),
        "{japanese}"
    );
}

#[test]
fn roles_json_gives_each_role_its_language_and_translations() {
    let site = built();
    let german: serde_json::Value = serde_json::from_str(&page(site.path(), "de/roles.json")).expect("JSON");
    assert_eq!(german["language"], "de");
    assert_eq!(german["role_count"], 1);
    let role = &german["roles"][0];
    assert_eq!(role["language"], "de");
    assert_eq!(role["path"], "/de/engineering/backend-entwickler/");
    assert_eq!(
        role["translations"],
        serde_json::json!([
            {"language": "en", "url": "https://guide.test/engineering/backend/", "path": "/engineering/backend/"},
            {"language": "ar", "url": "https://guide.test/ar/engineering/backend/", "path": "/ar/engineering/backend/"},
        ])
    );
    let english: serde_json::Value = serde_json::from_str(&page(site.path(), "roles.json")).expect("JSON");
    assert_eq!(english["role_count"], 2);
    assert_eq!(english["roles"][1]["translations"], serde_json::json!([]));
}

#[test]
fn a_guide_in_one_language_has_no_alternates_switcher_or_dir() {
    let site = copy_fixture("build/basic");
    build_ok(site.path());
    let html = page(site.path(), "engineering/backend-developer/index.html");
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en\">\n"), "{html}");
    assert!(hreflang_links(&html).is_empty() && switcher(&html).is_none());
    assert!(!page(site.path(), "sitemap.xml").contains("xhtml"));
    assert!(!page(site.path(), "roles.json").contains("\"language\""));
}

/// Runs `guide build` on a copy of the fixture changed by `edit`, expecting failure; returns stderr.
fn build_fails(edit: impl FnOnce(&Path)) -> String {
    let site = copy_fixture("languages/basic");
    edit(site.path());
    let output = guide().arg("build").arg("--root").arg(site.path()).output().expect("run guide");
    assert!(!output.status.success(), "the build succeeded");
    assert!(!site.path().join("public").exists(), "a failed build wrote the output folder");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn an_unknown_language_code_is_an_error_at_its_table() {
    let stderr = build_fails(|root| {
        let config = read(root.join("config.toml")).replace("[languages.ja]", "[languages.jp]");
        std::fs::write(root.join("config.toml"), config).unwrap();
    });
    assert!(
        stderr.contains("config.toml:11:12: error: \"jp\" is not a language code the guide knows"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean \"ja\"?"), "{stderr}");
}

#[test]
fn a_translation_into_a_language_not_in_the_configuration_is_an_error() {
    let stderr = build_fails(|root| {
        std::fs::write(
            root.join("content/engineering/frontend.fr.md"),
            "+++\ntitle = \"Développeur\"\n+++\n",
        )
        .unwrap();
        std::fs::write(root.join("content/engineering/backend.en.md"), "+++\ntitle = \"Twice\"\n+++\n").unwrap();
    });
    assert!(
        stderr.contains(
            "content/engineering/frontend.fr.md:1:1: error: this file is a translation into \"fr\" (Français), a language config.toml does not list"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("add a `[languages.fr]` table to config.toml"), "{stderr}");
    assert!(
        stderr.contains("content/engineering/backend.en.md:1:1: error: \"en\" is the default language"),
        "{stderr}"
    );
}

#[test]
fn a_default_language_page_inside_another_languages_folder_is_an_error() {
    let stderr = build_fails(|root| {
        std::fs::create_dir_all(root.join("content/de")).unwrap();
        std::fs::write(root.join("content/de/notes.md"), "+++\ntitle = \"Notes\"\n+++\n").unwrap();
    });
    assert!(
        stderr.contains("content/de/notes.md:1:1: error: this page would be written to /de/notes/, inside /de/"),
        "{stderr}"
    );
}

/// A French page is checked for the usual sections under their French names, and its
/// question sections are counted in its byline.
#[test]
fn check_asks_a_french_role_for_the_usual_sections_in_french() {
    let site = copy_fixture("languages/basic");
    let config = read(site.path().join("config.toml")) + "\n[languages.fr]\ntitle = \"Guide des entretiens\"\n";
    std::fs::write(site.path().join("config.toml"), config).unwrap();
    let sections = [
        ("Questions de présélection", "- Pourquoi ce poste ?"),
        (
            "Questions techniques",
            "- Comment versionneriez-vous une API ?\n- Comment indexer une table ?",
        ),
        ("Questions comportementales", "- Parlez-nous d'un désaccord."),
        ("Ce que recherchent les responsables du recrutement", "- Des explications claires."),
        ("Erreurs frequentes", "- Répondre sans écouter."),
    ];
    let body: String = sections
        .iter()
        .map(|(heading, items)| format!("\n## {heading}\n\n{items}\n"))
        .collect();
    std::fs::write(
        site.path().join("content/engineering/backend.fr.md"),
        format!("+++\ntitle = \"Développeur backend\"\n\n[role]\nexperience_years = 5\ndemand = \"high\"\n+++\n{body}"),
    )
    .unwrap();
    let output = guide().arg("check").arg("--root").arg(site.path()).output().expect("run guide");
    let report = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    assert!(
        report.contains("content/engineering/backend.fr.md:9:1: warning: this role has no \"Erreurs fréquentes\" section"),
        "{report}"
    );
    assert!(report.contains("\"## Erreurs frequentes\" → \"## Erreurs fréquentes\""), "{report}");
    // Only the misspelled one is missing: the other four are found under their French names.
    assert_eq!(report.matches("backend.fr.md:9:1: warning").count(), 1, "{report}");
    build_ok(site.path());
    let french = page(site.path(), "fr/engineering/backend/index.html");
    assert!(french.contains("4 questions"), "the three question sections hold four: {french}");
}

#[test]
fn check_reports_translations_without_originals_and_links_to_missing_translations() {
    let site = copy_fixture("languages/basic");
    std::fs::write(
        site.path().join("content/engineering/designer.de.md"),
        "+++\ntitle = \"Designerin\"\n+++\n\nSiehe [Frontend](/de/engineering/frontend/).\n",
    )
    .unwrap();
    let output = guide().arg("check").arg("--root").arg(site.path()).output().expect("run guide");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    assert!(
        stdout.contains(
            "content/engineering/designer.de.md: warning: this translation has no original: content/engineering/designer.md does not exist"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("error: the link `/de/engineering/frontend/` points into the pages in Deutsch, to one that does not exist"),
        "{stdout}"
    );
    assert!(
        stdout.contains("/engineering/frontend/ has no translation in Deutsch yet"),
        "{stdout}"
    );
    // The Arabic pages of a folder without `_index.ar.md` are named as such.
    assert!(
        stdout.contains("content/engineering/backend.ar.md: warning: the folder content/engineering/ has no _index.ar.md"),
        "{stdout}"
    );
}

#[test]
fn under_a_sub_path_each_language_folder_sits_below_it() {
    let site = copy_fixture("languages/basic");
    let output = guide()
        .args(["build", "--base-url", "https://guide.test/careers/"])
        .arg("--root")
        .arg(site.path())
        .output()
        .expect("run guide");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let german = page(site.path(), "de/engineering/backend-entwickler/index.html");
    assert!(german.contains("<a class=\"site-title\" href=\"/careers/de/\">"), "{german}");
    assert!(german.contains("href=\"/careers/style.css?v="), "{german}");
    assert!(
        german.contains("<a href=\"/careers/engineering/backend/\" hreflang=\"en\" lang=\"en\">English</a>"),
        "{german}"
    );
    assert!(
        german.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://guide.test/careers/engineering/backend/\">"),
        "{german}"
    );
    // A root-relative link in Markdown starts from the site's root in every language.
    let about = page(site.path(), "ja/about/index.html");
    assert!(about.contains("href=\"/careers/about/\""), "{about}");
    assert!(page(site.path(), "sitemap.xml").contains("<loc>https://guide.test/careers/de/</loc>"));
}

#[test]
fn the_theme_speaks_each_pages_language() {
    let site = built();
    let german = page(site.path(), "de/engineering/backend-entwickler/index.html");
    for text in [
        "<a class=\"skip-link\" href=\"#main\">Zum Inhalt springen</a>",
        "placeholder=\"Suchen…  /\"",
        "<a href=\"/de/salaries/\">Gehälter</a>",
        "<summary>Menü</summary>",
        "<nav class=\"languages wrap\" aria-label=\"Sprachen\">",
        "title=\"Interview-Leitfaden: Rollen\" href=\"/de/atom.xml\"",
    ] {
        assert!(german.contains(text), "{text} not in {german}");
    }
    let arabic = page(site.path(), "ar/engineering/backend/index.html");
    assert!(
        arabic.contains("<a class=\"skip-link\" href=\"#main\">انتقل إلى المحتوى</a>"),
        "{arabic}"
    );
    let japanese = page(site.path(), "ja/about/index.html");
    assert!(japanese.contains("<a href=\"/ja/skills/\">スキル</a>"), "{japanese}");
    let english = page(site.path(), "engineering/backend/index.html");
    assert!(
        english.contains("<a class=\"skip-link\" href=\"#main\">Skip to content</a>"),
        "{english}"
    );
}

#[test]
fn a_site_overrides_theme_strings_and_a_language_without_them_falls_back_with_a_warning() {
    let site = copy_fixture("languages/basic");
    std::fs::create_dir_all(site.path().join("i18n")).unwrap();
    std::fs::write(site.path().join("i18n/de.toml"), "salaries = \"Vergütung\"\n").unwrap();
    let config = read(site.path().join("config.toml")) + "\n[languages.sv]\ntitle = \"Intervjuguide\"\n";
    std::fs::write(site.path().join("config.toml"), config).unwrap();
    std::fs::write(site.path().join("content/about.sv.md"), "+++\ntitle = \"Om guiden\"\n+++\n").unwrap();
    let output = build_ok(site.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Every key of the theme's English strings is missing.
    let english: toml::Table = read(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/en.toml"))
        .parse()
        .expect("the theme's en.toml parses");
    let lacking = format!(
        "i18n/sv.toml: warning: the theme's strings in \"sv\" lack {} keys: `all_sections`, `all_skills`",
        english.len()
    );
    assert!(stderr.contains(&lacking), "{stderr}");
    // `guide check` says the same.
    let checked = guide().arg("check").arg("--root").arg(site.path()).output().expect("run guide");
    let said = String::from_utf8_lossy(&checked.stdout).into_owned() + &String::from_utf8_lossy(&checked.stderr);
    assert!(said.contains(lacking.trim_start_matches("i18n/sv.toml: ")), "{said}");
    let german = page(site.path(), "de/index.html");
    assert!(german.contains("<a href=\"/de/salaries/\">Vergütung</a>"), "{german}");
    assert!(
        german.contains("<summary>Menü</summary>"),
        "the theme's other strings stay: {german}"
    );
    let swedish = page(site.path(), "sv/about/index.html");
    assert!(swedish.contains("<html lang=\"sv\" dir=\"ltr\">"), "{swedish}");
    assert!(
        swedish.contains("<a class=\"skip-link\" href=\"#main\">Skip to content</a>"),
        "{swedish}"
    );
}

#[test]
fn a_malformed_strings_file_is_an_error_at_its_place() {
    let stderr = build_fails(|root| {
        std::fs::create_dir_all(root.join("i18n")).unwrap();
        std::fs::write(root.join("i18n/de.toml"), "menu = \"Menü\"\nsalaries = \"Gehälter\nskills = 3\n").unwrap();
        std::fs::write(root.join("i18n/fr.toml"), "menu = 3\n").unwrap();
    });
    assert!(stderr.contains("i18n/de.toml:2:"), "{stderr}");
    assert!(stderr.contains("the strings file is not valid TOML"), "{stderr}");
    assert!(stderr.contains("i18n/fr.toml:1:8: error: `menu` is not text"), "{stderr}");
}

#[test]
fn a_plural_string_without_its_other_form_or_with_an_unknown_category_is_an_error_at_its_place() {
    let stderr = build_fails(|root| {
        std::fs::create_dir_all(root.join("i18n")).unwrap();
        std::fs::write(root.join("i18n/de.toml"), "menu = \"Menü\"\nrole_count = { one = \"{n} Rolle\" }\n").unwrap();
        std::fs::write(root.join("i18n/ar.toml"), "[role_count]\nother = \"{n} وظيفة\"\nsome = \"x\"\n").unwrap();
    });
    assert!(
        stderr.contains("i18n/de.toml:2:14: error: `role_count` has plural forms but no `other` form"),
        "{stderr}"
    );
    assert!(
        stderr.contains("i18n/ar.toml:3:8: error: `role_count` has a form for `some`, which is no plural category"),
        "{stderr}"
    );
}

#[test]
fn a_site_overrides_a_plural_string_form_by_form() {
    let site = copy_fixture("languages/basic");
    std::fs::create_dir_all(site.path().join("i18n")).unwrap();
    std::fs::write(
        site.path().join("i18n/de.toml"),
        "role_count = { one = \"{n} Stelle\", other = \"{n} Stellen\" }\n",
    )
    .unwrap();
    build_ok(site.path());
    let german = page(site.path(), "de/index.html");
    assert!(german.contains("<p class=\"count\">1 Stelle</p>"), "{german}");
}

#[test]
fn summary_pages_speak_their_language_with_its_plurals_and_number_formats() {
    let site = built();
    let salaries = page(site.path(), "de/salaries/index.html");
    for text in [
        "<h1>Gehälter</h1>",
        "1 von 1 Rolle veröffentlicht eine Gehaltsspanne.",
        "Stundenbeträge × 2.080, Tagesbeträge × 260 und Monatsbeträge × 12",
        "<td class=\"num\">100.000\u{a0}€</td>",
        "<title id=\"chart-eur-title\">Gehaltsspannen pro Jahr in EUR</title>",
        "<a href=\"/de/\">Startseite</a>",
    ] {
        assert!(salaries.contains(text), "{text} not in {salaries}");
    }
    let role = page(site.path(), "de/engineering/backend-entwickler/index.html");
    for text in [
        "<span class=\"salary-range\">100.000\u{a0}€ – 150.000\u{a0}€</span> <span class=\"period\">pro Jahr (EUR)</span>",
        "<dd>ab 5 Jahren</dd>",
        "Hohe Nachfrage",
        "1 Min. Lesezeit",
    ] {
        assert!(role.contains(text), "{text} not in {role}");
    }
    // Arabic has a form for one, two, a few and many: one role, two skills.
    let skills = page(site.path(), "ar/skills/index.html");
    assert!(
        skills.contains("ما تطلبه وظائف هذا الدليل (وظيفة واحدة): مهارتان و0 مهارة شخصية"),
        "{skills}"
    );
    let not_found = page(site.path(), "de/404.html");
    assert!(not_found.contains("<h1>Seite nicht gefunden</h1>"), "{not_found}");
    assert!(
        not_found.contains("Zurück zur <a href=\"/de/\">Startseite</a> oder einen Bereich wählen:"),
        "{not_found}"
    );
    let search = page(site.path(), "ja/search/index.html");
    assert!(search.contains("<h1>検索</h1>"), "{search}");
    // The browser scripts take their words from the page.
    assert!(
        search.contains("&quot;count&quot;:{&quot;other&quot;:&quot;{n}件の結果&quot;}"),
        "{search}"
    );
}

/// The tick labels of a page's salary charts, one line per chart.
fn chart_ticks(html: &str) -> Vec<String> {
    html.split("<svg class=\"salary-chart\"")
        .skip(1)
        .map(|chart| {
            let ticks: Vec<&str> = chart
                .split("<text class=\"chart-tick\"")
                .skip(1)
                .filter_map(|t| {
                    t.split_once('>')
                        .and_then(|(_, rest)| rest.split_once("</text>"))
                        .map(|(label, _)| label)
                })
                .collect();
            ticks.join(" | ")
        })
        .collect()
}

/// The salary chart's axis is labelled as the page's language writes amounts (CLDR's short
/// forms; German has none below a million, so its amounts are written in full), and English
/// keeps its `$120k`.
#[test]
fn salary_chart_ticks_are_written_in_the_pages_language() {
    let site = built();
    let english = chart_ticks(&page(site.path(), "salaries/index.html"));
    let german = chart_ticks(&page(site.path(), "de/salaries/index.html"));
    insta::assert_snapshot!(
        "salary_chart_ticks",
        format!("en:\n{}\nde:\n{}", english.join("\n"), german.join("\n")).replace('\u{a0}', "\\u{a0}")
    );
}

#[test]
fn a_language_names_skills_through_its_own_aliases() {
    let site = copy_fixture("languages/basic");
    let config = read(site.path().join("config.toml")) + "\n[languages.de.skills.aliases]\nPostgreSQL = \"Postgres-Datenbank\"\n";
    std::fs::write(site.path().join("config.toml"), config).unwrap();
    build_ok(site.path());
    let german = page(site.path(), "de/skills/index.html");
    assert!(
        german.contains("<a href=\"/de/skills/postgres-datenbank/\">Postgres-Datenbank"),
        "{german}"
    );
    assert!(page(site.path(), "de/skills/postgres-datenbank/index.html").contains("<h1>Postgres-Datenbank</h1>"));
    // The other languages keep the name their roles write.
    assert!(page(site.path(), "skills/index.html").contains("<a href=\"/skills/postgresql/\">PostgreSQL"));
    assert!(!site.path().join("public/skills/postgres-datenbank").exists());
}

#[test]
fn a_language_names_industries_through_its_own_aliases() {
    let site = copy_fixture("languages/basic");
    let config = read(site.path().join("config.toml"))
        + "\n[industries.aliases]\nFintech = \"Financial technology\"\n\n[languages.de.industries.aliases]\n\"Financial technology\" = \"Finanztechnologie\"\n";
    std::fs::write(site.path().join("config.toml"), config).unwrap();
    build_ok(site.path());
    let german = page(site.path(), "de/industries/index.html");
    assert!(
        german.contains("<a href=\"/de/industries/finanztechnologie/\">Finanztechnologie"),
        "{german}"
    );
    // The German role keeps the name it writes, linked to the German term.
    let role = page(site.path(), "de/engineering/backend-entwickler/index.html");
    assert!(role.contains("<a href=\"/de/industries/finanztechnologie/\">Fintech"), "{role}");
    // The other languages take the guide's alias.
    assert!(page(site.path(), "industries/index.html").contains("<a href=\"/industries/financial-technology/\">Financial technology"));
    assert!(page(site.path(), "ar/industries/index.html").contains("<a href=\"/ar/industries/financial-technology/\">"));
    assert!(!site.path().join("public/industries/finanztechnologie").exists());
}

#[test]
fn a_bad_alias_of_a_language_is_an_error_at_its_place() {
    let stderr = build_fails(|root| {
        let config = read(root.join("config.toml")) + "\n[languages.de.skills.aliases]\nGo = \"Golang\"\nGolang = \"go\"\n";
        std::fs::write(root.join("config.toml"), config).unwrap();
    });
    assert!(
        stderr.contains("config.toml:19:6: error: the skill aliases form a cycle"),
        "{stderr}"
    );
    let stderr = build_fails(|root| {
        let config = read(root.join("config.toml")) + "\n[languages.ar.industries.aliases]\nFintech = \"\"\n";
        std::fs::write(root.join("config.toml"), config).unwrap();
    });
    assert!(
        stderr.contains("config.toml:19:11: error: an industry alias has an empty name"),
        "{stderr}"
    );
}

#[test]
fn a_role_page_names_its_facts_in_its_language() {
    let site = built();
    let german = page(site.path(), "de/engineering/backend-entwickler/index.html");
    for text in [
        "<dt>Gehalt</dt>",
        "<dt>Erfahrung</dt>",
        "<h2 id=\"toc-heading\">Auf dieser Seite</h2>",
        "Interview-Kit drucken",
    ] {
        assert!(german.contains(text), "{text} not in {german}");
    }
    let arabic = page(site.path(), "ar/engineering/backend/index.html");
    assert!(arabic.contains("<dd>غير معلن</dd>"), "the Arabic role has no salary: {arabic}");
}

/// The lines of `guide build`'s output that warn about a language without a stemmer.
fn no_stemmer_warnings(output: &std::process::Output) -> Vec<String> {
    let stderr = String::from_utf8_lossy(&output.stderr);
    stderr.lines().filter(|l| l.contains("no stemmer")).map(str::to_string).collect()
}

/// Each language's search index uses its own pipeline: German's and Arabic's name the
/// plugin's functions and ship the browser's stemmer (allowed by the page's policy), a
/// language without a stemmer builds with one warning placed at its `[languages.<code>]`
/// table, and English is unchanged.
#[test]
fn each_language_searches_with_its_own_pipeline_and_an_unstemmed_one_is_a_warning() {
    let site = copy_fixture("search_languages_site");
    let config = site.path().join("config.toml");
    let text = read(&config);
    let ko_line = text.lines().count() + 2;
    std::fs::write(&config, format!("{text}\n[languages.ko]\ntitle = \"면접 가이드\"\n")).unwrap();
    let output = build_ok(site.path());
    let warnings = no_stemmer_warnings(&output);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let expected = format!("config.toml:{ko_line}:12: warning: search has no stemmer for language \"ko\"");
    assert!(warnings[0].contains(&expected), "{warnings:?} lacks {expected}");
    let public = site.path().join("public");
    let manifest =
        |code: &str| -> serde_json::Value { serde_json::from_str(&read(public.join(code).join("search/manifest.json"))).unwrap() };
    let german = manifest("de");
    assert_eq!(german["pipeline"], serde_json::json!(["trimmer-de", "stemmer-de"]));
    let stemmer = german["stemmer"].as_str().expect("the German manifest names its stemmer");
    assert!(std::fs::read(public.join("de/search").join(stemmer)).unwrap().starts_with(b"\0asm"));
    assert!(read(public.join("de/search_index.json")).ends_with(r#""pipeline":["trimmer-de","stemmer-de"]}"#));
    assert_eq!(manifest("ja")["pipeline"], serde_json::json!(["segment"]));
    let arabic = manifest("ar");
    assert_eq!(arabic["pipeline"], serde_json::json!(["trimmer-ar", "stemmer-ar"]));
    let stemmer = arabic["stemmer"].as_str().expect("the Arabic manifest names its stemmer");
    assert!(std::fs::read(public.join("ar/search").join(stemmer)).unwrap().starts_with(b"\0asm"));
    assert_eq!(manifest("ko")["pipeline"], serde_json::json!(["segment"]));
    assert!(manifest("ja").get("stemmer").is_none());
    let english = manifest("");
    assert!(english.get("pipeline").is_none() && english.get("stemmer").is_none());
    assert!(read(public.join("search_index.json")).ends_with(r#""pipeline":["stemmer"]}"#));
    // Pages whose search box compiles WebAssembly allow that, and only those.
    let policy = |path: &str| page(site.path(), path);
    assert!(policy("de/index.html").contains("'wasm-unsafe-eval'"));
    assert!(policy("de/index.html").contains("search-lang.js"));
    assert!(!policy("index.html").contains("'wasm-unsafe-eval'") && !policy("index.html").contains("search-lang.js"));
    assert!(!policy("ja/index.html").contains("'wasm-unsafe-eval'") && policy("ja/index.html").contains("search-lang.js"));
    assert!(policy("ar/index.html").contains("'wasm-unsafe-eval'"));
}

/// When the default language has no stemmer, the warning points at `default_language`.
#[test]
fn an_unstemmed_default_language_is_a_warning_at_default_language() {
    let site = copy_fixture("search_languages_site");
    let config = site.path().join("config.toml");
    let text = read(&config);
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.starts_with("default_language").then(|| (i + 1, l.find('"').unwrap() + 1)))
        .expect("the fixture sets default_language");
    std::fs::write(&config, text.replace("default_language = \"en\"", "default_language = \"ko\"")).unwrap();
    let warnings = no_stemmer_warnings(&build_ok(site.path()));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let expected = format!("config.toml:{line}:{column}: warning: search has no stemmer for language \"ko\"");
    assert!(warnings[0].contains(&expected), "{warnings:?} lacks {expected}");
}
