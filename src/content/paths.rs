//! URL paths for content, and the checks that keep every written file inside the output.

use std::path::Path;

use crate::diagnostics::{Diagnostic, display_path};

/// Turns a file or folder name into a URL segment: lower case, ASCII, words joined by `-`.
pub fn slugify(name: &str) -> String {
    let slug = slug::slugify(name);
    if slug.is_empty() { "page".to_string() } else { slug }
}

/// Checks a `slug` from front matter: one URL segment that cannot climb out of its folder.
pub fn check_slug(slug: &str) -> Result<String, String> {
    let slug = slug.trim();
    if slug.is_empty() {
        return Err("the slug is empty".into());
    }
    if slug == "." || slug == ".." || slug.contains(['/', '\\', '\0']) {
        return Err(format!("the slug \"{slug}\" would write outside the page's section folder"));
    }
    if !slug.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        return Err(format!(
            "the slug \"{slug}\" contains characters that do not belong in a web address"
        ));
    }
    Ok(slug.to_string())
}

/// Checks an alias (an old URL that should redirect to the page) and returns the output
/// file it is written to, relative to the output folder.
pub fn alias_output_file(alias: &str) -> Result<String, String> {
    let trimmed = alias.trim();
    if trimmed.contains("://") || trimmed.starts_with("//") {
        return Err(format!(
            "the alias \"{trimmed}\" is a full web address; aliases are paths on this site, like \"/old/page/\""
        ));
    }
    let path = trimmed.trim_start_matches('/');
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        return Err(format!("the alias \"{trimmed}\" points at the home page, which cannot be an alias"));
    }
    for segment in &segments {
        if *segment == "." || *segment == ".." || segment.contains(['\\', '\0', ':']) || segment.starts_with('~') {
            return Err(format!("the alias \"{trimmed}\" would write outside the output folder"));
        }
        if segment.contains(['?', '#', '"', '<', '>', '|', '*']) {
            return Err(format!(
                "the alias \"{trimmed}\" contains characters that cannot be part of a file name"
            ));
        }
    }
    let joined = segments.join("/");
    if joined.ends_with(".html") || joined.ends_with(".htm") {
        Ok(joined)
    } else {
        Ok(format!("{joined}/index.html"))
    }
}

/// A file under `content/` or `static/` that is not read: the guide does not follow
/// symbolic links, which could publish a file from outside the site or lead in a loop,
/// and a name that is not UTF-8 text cannot become a web address. `None` for a file that
/// is fine.
pub fn refuse_source_file(path: &Path, is_symlink: bool, root: &Path) -> Option<Diagnostic> {
    let shown = display_path(root, path);
    if is_symlink {
        let leads = match std::fs::canonicalize(path) {
            Ok(target) if std::fs::canonicalize(root).is_ok_and(|root| target.starts_with(root)) => {
                format!(
                    "it points to {}",
                    display_path(&std::fs::canonicalize(root).unwrap_or_default(), &target).display()
                )
            }
            Ok(target) => format!("it points outside the site, to {}", target.display()),
            Err(error) => format!("it cannot be followed ({error})"),
        };
        return Some(
            Diagnostic::error(
                &shown,
                0,
                0,
                format!("this is a symbolic link, which the guide does not follow: {leads}"),
            )
            .with_hint("replace the link with a copy of the file or folder it points to (links are refused so that nothing from outside the site is published by mistake)"),
        );
    }
    if path.file_name().is_some_and(|name| name.to_str().is_none()) {
        return Some(
            Diagnostic::error(
                &shown,
                0,
                0,
                "the name of this file is not valid UTF-8 text, so it cannot be part of a web address",
            )
            .with_hint("rename the file using letters, digits and dashes, like \"backend-developer.md\""),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_dashed() {
        assert_eq!(slugify("Senior Backend Developer"), "senior-backend-developer");
        assert_eq!(slugify("Café Manager"), "cafe-manager");
        assert_eq!(slugify("!!!"), "page");
    }

    #[test]
    fn slugs_cannot_escape() {
        assert!(check_slug("../../etc").is_err());
        assert!(check_slug("a/b").is_err());
        assert!(check_slug("..").is_err());
        assert_eq!(check_slug("backend-2026").unwrap(), "backend-2026");
    }

    #[test]
    fn aliases_stay_inside_output() {
        assert_eq!(alias_output_file("/old/backend/").unwrap(), "old/backend/index.html");
        assert_eq!(alias_output_file("old.html").unwrap(), "old.html");
        assert!(alias_output_file("/../../etc/passwd").is_err());
        assert!(alias_output_file("/a/../../b").is_err());
        assert!(alias_output_file("C:\\x").is_err());
        assert!(alias_output_file("https://evil.test/").is_err());
        assert!(alias_output_file("/").is_err());
    }
}
