//! A save checked by the build's own code before anything is written: `content/` is loaded
//! as `guide build` loads it, with the edited file's new text in place of its old one (the
//! front matter schema, the role checks, dates, slugs and collisions with other pages),
//! then its body is rendered as the build renders it and checked as `guide check` checks
//! a role (Markdown warnings, repeated questions, missing guide sections).
//!
//! Errors stop a save; warnings are shown and may be saved anyway. Each finding is placed
//! for the form: beside a field of the front matter, or at a line of the body.

use std::path::Path;

use serde::Serialize;

use super::rewrite::field_lines;
use crate::config::Config;
use crate::content::{self, frontmatter};
use crate::diagnostics::{Diagnostic, Severity};

/// A finding, placed where the form shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// The form field it belongs to (`role.salary.min`), when it is about the front matter.
    pub field: Option<String>,
    /// The 1-based line in the body's text area, when it is about the body.
    pub body_line: Option<usize>,
    /// The 1-based line in the file, 0 when it concerns the whole file.
    pub line: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// What checking a save found.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Findings {
    pub errors: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

/// Checks `text` as the new content of `file` (absolute path under `content/`; `shown`
/// as messages name it) with the build's own code. Also returns the page's URL path
/// (`engineering/x/`) when the file reads as a page.
pub fn check_save(config: &Config, file: &Path, shown: &Path, text: &str) -> (Findings, Option<String>) {
    let (library, diagnostics) = content::load_with_text(config, true, file, text);
    let about_file = |d: &&Diagnostic| d.file == shown || d.message.contains(&shown.display().to_string());
    let mut found: Vec<Diagnostic> = diagnostics.iter().filter(about_file).cloned().collect();
    let page = library.pages.iter().find(|p| p.source.path == file);
    if !found.iter().any(Diagnostic::is_error)
        && let Some(page) = page
    {
        let rendered = crate::markdown::render(&page.body, &crate::pipeline::markdown_options(config));
        found.extend(crate::pipeline::markdown_warnings(&page.source, &page.body, &rendered));
        found.extend(crate::check::roles::check_role(
            page,
            &rendered,
            text,
            &config.languages[page.language].code,
        ));
    }
    (place(&found, text, shown), page.map(|p| p.url_path.clone()))
}

/// Places each diagnostic beside its field or at its body line.
fn place(found: &[Diagnostic], text: &str, shown: &Path) -> Findings {
    let split = frontmatter::split(text, shown).ok();
    let fields = split
        .as_ref()
        .map(|s| field_lines(s.front, s.format, s.front_line))
        .unwrap_or_default();
    let body_line = split.as_ref().map_or(usize::MAX, |s| s.body_line);
    let mut findings = Findings::default();
    for diagnostic in found {
        let line = diagnostic.line;
        let in_body = line >= body_line;
        // The field whose key is on this line or is the last one above it.
        let field = (!in_body && line > 0)
            .then(|| fields.iter().rev().find(|(at, _)| *at <= line).and_then(|(_, name)| name.clone()))
            .flatten();
        let finding = Finding {
            severity: diagnostic.severity,
            field,
            body_line: in_body.then(|| line - body_line + 1),
            line,
            message: diagnostic.message.clone(),
            hint: diagnostic.hint.clone(),
        };
        match diagnostic.severity {
            Severity::Error => findings.errors.push(finding),
            Severity::Warning => findings.warnings.push(finding),
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(role: &str) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/engineering")).unwrap();
        std::fs::write(dir.path().join("config.toml"), "title = \"T\"\nbase_url = \"https://x.test\"\n").unwrap();
        std::fs::write(dir.path().join("content/engineering/a.md"), role).unwrap();
        let config = Config::load(dir.path(), &Default::default()).unwrap();
        (dir, config)
    }

    const GOOD: &str = "+++\ntitle = \"A\"\n\n[role]\nexperience_years = 3\ndemand = \"high\"\n\n[role.salary]\nmin = 1\nmax = 2\ncurrency = \"USD\"\nperiod = \"year\"\n+++\n\n## Initial Screening Questions\n\n- Why?\n\n## Technical Assessment Questions\n\n- How?\n\n## Behavioral Questions\n\n- When?\n\n## What Hiring Managers Look For\n\n- Care.\n\n## Common Pitfalls\n\n- Haste.\n";

    #[test]
    fn a_salary_minimum_above_the_maximum_is_an_error_beside_the_minimum() {
        let (dir, config) = site(GOOD);
        let file = config.root.join("content/engineering/a.md");
        let text = GOOD.replace("min = 1", "min = 5");
        let (findings, _) = check_save(&config, &file, Path::new("content/engineering/a.md"), &text);
        assert_eq!(findings.errors.len(), 1, "{findings:?}");
        assert_eq!(findings.errors[0].field.as_deref(), Some("role.salary.min"));
        assert!(findings.errors[0].message.contains("greater than the maximum"));
        drop(dir);
    }

    #[test]
    fn a_good_file_passes_and_body_warnings_are_placed_at_their_line() {
        let (_dir, config) = site(GOOD);
        let file = config.root.join("content/engineering/a.md");
        let shown = Path::new("content/engineering/a.md");
        assert_eq!(
            check_save(&config, &file, shown, GOOD),
            (Findings::default(), Some("engineering/a/".into()))
        );
        let repeated = GOOD.replace("- How?", "- Why?");
        let (findings, _) = check_save(&config, &file, shown, &repeated);
        assert!(findings.errors.is_empty(), "{findings:?}");
        let warning = &findings.warnings[0];
        assert!(warning.message.contains("is repeated"), "{warning:?}");
        let body = repeated.split("+++\n").nth(2).unwrap();
        assert_eq!(body.lines().nth(warning.body_line.unwrap() - 1), Some("- Why?"));
    }

    #[test]
    fn a_new_file_is_checked_against_the_others() {
        let (_dir, config) = site(GOOD);
        let file = config.root.join("content/engineering/b.md");
        let shown = Path::new("content/engineering/b.md");
        let clash = "+++\ntitle = \"B\"\nslug = \"a\"\n+++\n";
        let (findings, _) = check_save(&config, &file, shown, clash);
        assert!(findings.errors.iter().any(|e| e.message.contains("already uses")), "{findings:?}");
    }
}
