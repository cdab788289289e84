//! Bad input through the real binary: every content error names file, line and column,
//! says what is wrong and how to fix it, exits with status 1, and leaves the previous
//! output exactly as it was.

mod common;

use common::{build_ok, copy_fixture, fixtures, guide, snapshot_dir};

/// Builds the good fixture, adds one broken file, builds again, and returns stderr.
fn build_with_broken_file(fixture: &str, destination: &str) -> String {
    let site = copy_fixture("build/basic");
    build_ok(site.path());
    let before = snapshot_dir(&site.path().join("public"));
    std::fs::copy(fixtures().join("errors").join(fixture), site.path().join(destination)).expect("copy broken file");
    let output = guide().arg("build").arg("--root").arg(site.path()).output().expect("run guide");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "expected exit status 1, stderr:\n{stderr}");
    assert!(stderr.contains("was left unchanged"), "{stderr}");
    assert_eq!(before, snapshot_dir(&site.path().join("public")), "the previous output changed");
    stderr
}

/// Asserts the first line of the report and that a hint follows.
fn assert_reported(stderr: &str, first_line: &str) {
    assert!(
        stderr.lines().any(|l| l == first_line),
        "expected line\n  {first_line}\nin:\n{stderr}"
    );
    assert!(stderr.contains("= hint: "), "no hint in:\n{stderr}");
}

#[test]
fn invalid_toml_names_line_and_column() {
    let err = build_with_broken_file("invalid_toml.md", "content/engineering/invalid_toml.md");
    assert_reported(
        &err,
        "content/engineering/invalid_toml.md:2:16: error: the front matter is not valid TOML: invalid basic string, expected `\"`",
    );
}

#[test]
fn invalid_yaml_names_line_and_column() {
    let err = build_with_broken_file("invalid_yaml.md", "content/engineering/invalid_yaml.md");
    assert_reported(
        &err,
        "content/engineering/invalid_yaml.md:3:7: error: the front matter is not valid YAML: expected mapping start",
    );
}

#[test]
fn unclosed_front_matter_is_reported_at_its_opening_fence() {
    let err = build_with_broken_file("unclosed_front_matter.md", "content/engineering/unclosed.md");
    assert_reported(
        &err,
        "content/engineering/unclosed.md:1:1: error: the front matter opened here with `+++` is never closed",
    );
}

#[test]
fn missing_title_is_named() {
    let err = build_with_broken_file("missing_title.md", "content/engineering/missing_title.md");
    assert_reported(
        &err,
        "content/engineering/missing_title.md:2:1: error: the required key `title` is missing from the front matter",
    );
}

#[test]
fn unknown_front_matter_key_gets_a_suggestion() {
    let err = build_with_broken_file("unknown_key.md", "content/engineering/unknown_key.md");
    assert_reported(
        &err,
        "content/engineering/unknown_key.md:3:1: error: unknown key `descripton` in the front matter",
    );
    assert!(err.contains("did you mean `description`?"), "{err}");
}

#[test]
fn salary_minimum_above_maximum_points_at_the_minimum() {
    let err = build_with_broken_file("salary_min_above_max.md", "content/engineering/inverted.md");
    assert_reported(
        &err,
        "content/engineering/inverted.md:9:7: error: salary minimum (150000) is greater than the maximum (100000)",
    );
}

#[test]
fn salary_must_be_positive() {
    let err = build_with_broken_file("salary_not_positive.md", "content/engineering/negative.md");
    assert_reported(
        &err,
        "content/engineering/negative.md:9:7: error: salary `min` must be a positive amount, but it is -5",
    );
}

#[test]
fn unknown_currency_code_is_rejected() {
    let err = build_with_broken_file("unknown_currency.md", "content/engineering/currency.md");
    assert_reported(
        &err,
        "content/engineering/currency.md:11:12: error: \"DOLLARS\" is not a known currency code",
    );
}

#[test]
fn demand_outside_its_values_suggests_the_closest() {
    let err = build_with_broken_file("bad_demand.md", "content/engineering/demand.md");
    assert_reported(&err, "content/engineering/demand.md:6:10: error: \"hgh\" is not an allowed value");
    assert!(err.contains("did you mean \"high\"?"), "{err}");
}

#[test]
fn period_outside_its_values_in_yaml() {
    let err = build_with_broken_file("bad_period.md", "content/engineering/period.md");
    assert_reported(
        &err,
        "content/engineering/period.md:10:13: error: \"fortnight\" is not an allowed value",
    );
    assert!(err.contains("hour, day, month, year"), "{err}");
}

#[test]
fn negative_experience_is_rejected() {
    let err = build_with_broken_file("experience_negative.md", "content/engineering/experience.md");
    assert_reported(
        &err,
        "content/engineering/experience.md:5:20: error: invalid value: found integer `-1`, expected a whole number of 0 or more",
    );
}

#[test]
fn duplicate_skills_point_at_the_repeat() {
    let err = build_with_broken_file("duplicate_skills.md", "content/engineering/skills.md");
    assert_reported(
        &err,
        "content/engineering/skills.md:7:29: error: \"python\" is listed twice in `skills`",
    );
}

#[test]
fn two_pages_with_one_url_are_an_error() {
    let err = build_with_broken_file("duplicate_url.md", "content/engineering/duplicate.md");
    assert_reported(
        &err,
        "content/engineering/duplicate.md:1:1: error: this page would be written to /engineering/backend-developer/, which content/engineering/backend-developer.md already uses",
    );
}

#[test]
fn slug_that_escapes_the_output_is_refused() {
    let err = build_with_broken_file("slug_escapes.md", "content/engineering/slug.md");
    assert_reported(
        &err,
        "content/engineering/slug.md:3:8: error: the slug \"../../outside\" would write outside the page's section folder",
    );
}

#[test]
fn alias_that_escapes_the_output_is_refused() {
    let err = build_with_broken_file("alias_escapes.md", "content/engineering/alias.md");
    assert_reported(
        &err,
        "content/engineering/alias.md:3:11: error: the alias \"/../../../tmp/evil/\" would write outside the output folder",
    );
    assert!(!std::path::Path::new("/tmp/evil").exists());
}

#[test]
fn non_utf8_file_names_the_position_of_the_bad_byte() {
    let site = copy_fixture("build/basic");
    build_ok(site.path());
    let before = snapshot_dir(&site.path().join("public"));
    std::fs::write(
        site.path().join("content/engineering/latin1.md"),
        b"+++\ntitle = \"Caf\xe9\"\n+++\n",
    )
    .expect("write");
    let output = guide().arg("build").arg("--root").arg(site.path()).output().expect("run");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert_reported(
        &err,
        "content/engineering/latin1.md:2:13: error: the file is not UTF-8 text: it contains a byte that is not valid UTF-8 here",
    );
    assert_eq!(before, snapshot_dir(&site.path().join("public")));
}

#[test]
fn template_error_names_the_template_and_the_page() {
    let site = copy_fixture("build/basic");
    build_ok(site.path());
    let before = snapshot_dir(&site.path().join("public"));
    std::fs::create_dir_all(site.path().join("templates")).expect("mkdir");
    std::fs::write(
        site.path().join("templates/role.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{{ page.no_such_field }}\n{% endblock main %}\n",
    )
    .expect("write");
    let output = guide().arg("build").arg("--root").arg(site.path()).output().expect("run");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("templates/role.html:3:"), "{err}");
    assert!(
        err.contains("template error while rendering content/engineering/backend-developer.md"),
        "{err}"
    );
    assert_eq!(before, snapshot_dir(&site.path().join("public")));
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let site = copy_fixture("build/basic");
    for (fixture, name) in [
        ("bad_demand.md", "a.md"),
        ("invalid_toml.md", "b.md"),
        ("salary_min_above_max.md", "c.md"),
    ] {
        std::fs::copy(
            fixtures().join("errors").join(fixture),
            site.path().join("content/engineering").join(name),
        )
        .expect("copy");
    }
    let output = guide().arg("build").arg("--root").arg(site.path()).output().expect("run");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    for file in ["a.md:6:10", "b.md:2:16", "c.md:9:7"] {
        assert!(
            err.contains(&format!("content/engineering/{file}: error:")),
            "{file} missing from:\n{err}"
        );
    }
    assert!(err.contains("the build failed with 3 errors; "), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!site.path().join("public").exists());
}

#[test]
fn unknown_config_key_is_named_with_a_suggestion() {
    let site = copy_fixture("build/basic");
    std::fs::write(site.path().join("config.toml"), "title = \"x\"\nbase_ulr = \"https://a.test\"\n").expect("write");
    let output = guide().arg("build").arg("--root").arg(site.path()).output().expect("run");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert_reported(&err, "config.toml:2:1: error: unknown key `base_ulr` in config.toml");
    assert!(err.contains("did you mean `base_url`?"), "{err}");
}

#[test]
fn output_dir_holding_the_sources_is_refused() {
    let site = copy_fixture("build/basic");
    for dir in [".", "content", "static/out"] {
        let output = guide()
            .arg("build")
            .arg("--root")
            .arg(site.path())
            .arg("--output-dir")
            .arg(site.path().join(dir))
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{dir}: {err}");
        assert!(err.contains("building would replace your source files"), "{err}");
    }
    assert!(site.path().join("content/engineering/backend-developer.md").exists());
}

#[test]
fn usage_errors_exit_with_status_two() {
    let output = guide().args(["build", "--no-such-flag"]).output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    let output = guide().arg("nonsense").output().expect("run");
    assert_eq!(output.status.code(), Some(2));
}

/// Asserts that stderr holds each of `lines` and that the build failed with exactly that
/// many errors: every mistake of one file, in one run.
fn assert_all_reported(stderr: &str, lines: &[&str]) {
    for line in lines {
        assert!(stderr.lines().any(|l| l == *line), "expected line\n  {line}\nin:\n{stderr}");
    }
    let count = format!("the build failed with {} errors; ", lines.len());
    assert!(stderr.contains(&count), "expected {count:?} in:\n{stderr}");
    assert_eq!(stderr.matches("= hint: ").count(), lines.len(), "one hint per error:\n{stderr}");
}

#[test]
fn every_mistake_in_toml_front_matter_is_reported_in_one_run() {
    let err = build_with_broken_file("several_toml_mistakes.md", "content/engineering/several.md");
    assert_all_reported(
        &err,
        &[
            "content/engineering/several.md:3:10: error: wrong kind of value: found string \"heavy\", expected a whole number",
            "content/engineering/several.md:4:9: error: wrong kind of value: found string \"no\", expected true or false",
            "content/engineering/several.md:5:1: error: unknown key `descripton` in the front matter",
        ],
    );
    assert!(err.contains("did you mean `description`?"), "{err}");
}

#[test]
fn every_mistake_in_yaml_front_matter_is_reported_in_one_run() {
    let err = build_with_broken_file("several_yaml_mistakes.md", "content/engineering/several.md");
    assert_all_reported(
        &err,
        &[
            "content/engineering/several.md:3:9: error: wrong kind of value: found string \"heavy\", expected a whole number",
            // Found by the checks after parsing, run on the fields that could be read.
            "content/engineering/several.md:4:7: error: \"14/09/2026\" is not a date",
            "content/engineering/several.md:5:1: error: unknown key `sluggg` in the front matter",
        ],
    );
    assert!(err.contains("did you mean `slug`?"), "{err}");
}

#[test]
fn every_mistake_in_a_role_table_is_reported_in_one_run() {
    let err = build_with_broken_file("several_role_mistakes.md", "content/engineering/several.md");
    assert_all_reported(
        &err,
        &[
            "content/engineering/several.md:7:20: error: invalid value: found integer `-2`, expected a whole number of 0 or more",
            "content/engineering/several.md:9:10: error: \"urgent\" is not an allowed value",
            "content/engineering/several.md:18:10: error: \"fortnight\" is not an allowed value",
        ],
    );
    assert!(err.contains("use one of: hour, day, month, year"), "{err}");
}

#[test]
fn every_mistake_in_a_section_file_is_reported_in_one_run() {
    let err = build_with_broken_file("several_section_mistakes.md", "content/engineering/_index.md");
    assert_all_reported(
        &err,
        &[
            "content/engineering/_index.md:3:11: error: \"name\" is not an allowed value",
            "content/engineering/_index.md:4:10: error: wrong kind of value: found string \"first\", expected a whole number",
            "content/engineering/_index.md:6:1: error: unknown key `colour` in the front matter",
        ],
    );
}

#[test]
fn every_mistake_in_config_toml_is_reported_in_one_run() {
    let site = copy_fixture("build/basic");
    build_ok(site.path());
    let before = snapshot_dir(&site.path().join("public"));
    std::fs::copy(
        fixtures().join("errors/several_config_mistakes.toml"),
        site.path().join("config.toml"),
    )
    .expect("copy config");
    let output = guide().arg("build").arg("--root").arg(site.path()).output().expect("run");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert_all_reported(
        &err,
        &[
            "config.toml:3:15: error: wrong kind of value: found string \"no\", expected true or false",
            // Found by the checks after parsing, run on the settings that could be read.
            "config.toml:4:12: error: `language` \"english\" is not a language code",
            "config.toml:7:10: error: \"shard\" is not an allowed value",
            "config.toml:10:1: error: unknown key `hours_per_yer` in `salary` in config.toml",
        ],
    );
    assert!(err.contains("did you mean `hours_per_year`?"), "{err}");
    assert_eq!(before, snapshot_dir(&site.path().join("public")));
}

#[test]
fn a_syntax_error_stays_one_error() {
    let err = build_with_broken_file("invalid_toml.md", "content/engineering/invalid_toml.md");
    assert!(err.contains("the build failed with 1 error"), "{err}");
}
