//! The bundled starter guide in German, Japanese and Arabic: its translations build and
//! check without a warning, point at each other, keep one anchor per question, count
//! their questions and reading time as the original does, and `guide check` asks for the
//! usual sections under their names in each language.

mod common;

use std::path::Path;

use common::{build_ok, copy_dir, copy_fixture, guide, read};

/// The translated roles, the same in German and Japanese; Arabic has the first.
const ROLES: [&str; 3] = [
    "engineering/senior-backend-developer/",
    "engineering/frontend-developer/",
    "data/data-analyst/",
];

/// A copy of the repository's `config.toml` and `content/`.
fn starter() -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("temp");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("content"), &site.path().join("content"));
    std::fs::copy(repo.join("config.toml"), site.path().join("config.toml")).expect("config");
    site
}

fn page(site: &Path, language: &str, path: &str) -> String {
    read(site.join("public").join(language).join(path).join("index.html"))
}

/// The ids of the body's entries (`<li id="…" class="entry">`), in order.
fn entry_ids(html: &str) -> Vec<String> {
    html.split("<li id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once("\" class=\"entry\"").map(|(id, _)| id.to_string()))
        .collect()
}

/// The ids of the body's `##` headings, in order.
fn heading_ids(html: &str) -> Vec<String> {
    html.split("<h2 id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(id, _)| id.to_string()))
        .collect()
}

/// The byline's question count and minutes: `15 questions · 4 min read` → (15, 4).
fn byline_numbers(html: &str) -> (usize, usize) {
    let byline = html.split("class=byline>").nth(1).expect("a byline");
    let numbers: Vec<usize> = byline
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .take(2)
        .map(|n| n.parse().expect("a number"))
        .collect();
    (numbers[0], numbers[1])
}

fn check(site: &Path) -> String {
    let output = guide().arg("check").arg("--root").arg(site).output().expect("run guide");
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

#[test]
fn the_starter_guide_is_published_in_german_japanese_and_arabic_and_checks_clean() {
    let site = starter();
    let output = build_ok(site.path());
    assert!(String::from_utf8_lossy(&output.stderr).trim().is_empty());
    for (language, roles) in [("de", &ROLES[..]), ("ja", &ROLES[..]), ("ar", &ROLES[..1])] {
        let home = page(site.path(), language, "");
        assert!(home.contains(&format!("lang={language}")), "{language} home page");
        for role in roles {
            let html = page(site.path(), language, role);
            assert!(html.contains(&format!("<html dir={}", if language == "ar" { "rtl" } else { "ltr" })));
            let original = page(site.path(), "", role);
            assert!(
                original.contains(&format!("/{language}/{role} hreflang={language}")),
                "the original of {role} names its {language} version"
            );
        }
    }
    let report = check(site.path());
    assert!(report.contains("0 errors and 0 warnings"), "{report}");
}

#[test]
fn every_translated_question_keeps_its_own_anchor_and_is_counted() {
    let site = starter();
    build_ok(site.path());
    for (language, roles) in [("de", &ROLES[..]), ("ja", &ROLES[..]), ("ar", &ROLES[..1])] {
        for role in roles {
            let original = page(site.path(), "", role);
            let html = page(site.path(), language, role);
            let (ids, original_ids) = (entry_ids(&html), entry_ids(&original));
            assert_eq!(ids.len(), original_ids.len(), "{language} {role}: one entry per original entry");
            let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len(), "{language} {role}: {ids:?}");
            assert_eq!(heading_ids(&html).len(), heading_ids(&original).len(), "{language} {role}");
            assert_eq!(
                byline_numbers(&html).0,
                byline_numbers(&original).0,
                "{language} {role}: as many questions as the original"
            );
        }
    }
    // Japanese and Arabic anchors keep their script instead of a transliteration.
    let backend = ROLES[0];
    let japanese = page(site.path(), "ja", backend);
    assert_eq!(heading_ids(&japanese)[..2], ["一次面接の質問", "技術面接の質問"]);
    assert!(entry_ids(&japanese).contains(&"api-のセキュリティをどのように確保していますか".to_string()));
    let arabic = page(site.path(), "ar", backend);
    assert_eq!(heading_ids(&arabic)[1], "أسئلة-التقييم-الفني");
    assert!(arabic.contains("href=#أسئلة-التقييم-الفني"), "the table of contents leads to it");
    // German folds to ASCII as English does.
    assert!(entry_ids(&page(site.path(), "de", backend)).contains(&"wie-lang-ist-ihre-aktuelle-kundigungsfrist".to_string()));
    // A Japanese page reads in about as many minutes as its original, not in one.
    let (_, japanese_minutes) = byline_numbers(&japanese);
    let (_, english_minutes) = byline_numbers(&page(site.path(), "", backend));
    assert!(
        japanese_minutes > 1 && japanese_minutes.abs_diff(english_minutes) <= 1,
        "{japanese_minutes} vs {english_minutes}"
    );
}

#[test]
fn check_asks_for_the_usual_sections_under_their_names_in_each_language() {
    let site = starter();
    let german = site.path().join("content/engineering/senior-backend-developer.de.md");
    let text = read(&german).replace("## Häufige Fehler", "## Häufge Fehler");
    std::fs::write(&german, text).expect("write");
    let japanese = site.path().join("content/data/data-analyst.ja.md");
    let text = read(&japanese).replace("## よくある失敗\n", "");
    std::fs::write(&japanese, text).expect("write");
    let report = check(site.path());
    assert!(
        report.contains("content/engineering/senior-backend-developer.de.md:28:1: warning: this role has no \"Häufige Fehler\" section"),
        "{report}"
    );
    assert!(report.contains("\"## Häufge Fehler\" → \"## Häufige Fehler\""), "{report}");
    assert!(
        report.contains("content/data/data-analyst.ja.md:26:1: warning: this role has no \"よくある失敗\" section"),
        "{report}"
    );
    assert!(report.contains("0 errors and 2 warnings"), "{report}");
}

#[test]
fn every_script_and_stylesheet_a_page_loads_exists_in_every_language() {
    let site = starter();
    build_ok(site.path());
    let public = site.path().join("public");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&public).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = read(entry.path());
        for opening in ["<script src=", "<link href="] {
            for rest in html.split(opening).skip(1) {
                let address = rest.trim_start_matches('"').split(['"', ' ', '>', '?']).next().unwrap_or("");
                if !(address.ends_with(".js") || address.ends_with(".css")) {
                    continue;
                }
                let file = public.join(address.trim_start_matches('/'));
                assert!(file.is_file(), "{} loads {address}, which was not written", entry.path().display());
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked} addresses checked");
}

#[test]
fn a_translated_fixture_counts_its_questions_and_is_checked_in_its_language() {
    let site = copy_fixture("languages/basic");
    build_ok(site.path());
    // Unminified: `<p class="byline">1 question`.
    let count = |path: &str| {
        let html = read(site.path().join("public").join(path).join("index.html"));
        let byline = html.split("<p class=\"byline\">").nth(1).expect("a byline").to_string();
        byline.split(' ').next().unwrap_or_default().to_string()
    };
    assert_eq!(count("engineering/backend"), "1");
    assert_eq!(count("de/engineering/backend-entwickler"), "1", "## Technische Fragen");
    // Arabic says one question in words ("سؤال واحد"), its CLDR "one" form.
    let arabic = read(site.path().join("public/ar/engineering/backend/index.html"));
    assert!(arabic.contains("<p class=\"byline\">سؤال واحد ·"), "## الأسئلة التقنية");
    let report = check(site.path());
    assert!(
        report.contains(
            "content/engineering/backend.de.md:20:1: warning: this role is missing 4 of the usual guide sections: \"Fragen im Erstgespräch\", \"Verhaltensbasierte Fragen\""
        ),
        "{report}"
    );
    // `## الأسئلة التقنية` ("technical questions") is not the usual name, so all five are asked for.
    assert!(
        report.contains(
            "content/engineering/backend.ar.md:13:1: warning: this role is missing 5 of the usual guide sections: \"أسئلة المقابلة الأولية\""
        ),
        "{report}"
    );
}

#[test]
fn a_guide_in_one_language_without_known_section_names_is_checked_for_the_english_ones() {
    // As before guides had languages: the default language's pages use the English names
    // unless the guide knows that language's.
    let site = copy_fixture("check/clean");
    copy_dir(&common::fixtures().join("check/role_problems"), site.path());
    let config = site.path().join("config.toml");
    std::fs::write(&config, format!("language = \"sv\"\n{}", read(&config))).expect("write");
    let report = check(site.path());
    assert!(
        report.contains("content/engineering/tester.md:10:1: warning: this role is missing 3 of the usual guide sections"),
        "{report}"
    );
}
