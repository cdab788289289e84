//! `guide check --format github`: findings as GitHub Actions workflow commands, so each one
//! shows as an annotation on its line of a pull request's diff.
//!
//! The escaping follows GitHub's own toolkit (`@actions/core`, `command.ts`): in the message
//! `%`, `\r` and `\n` are percent-encoded; in a property value `:` and `,` are as well,
//! because they separate the properties.

use std::path::Path;

use super::file_from_workdir;

use crate::diagnostics::{Diagnostic, Severity};

/// One finding as a workflow command: `::error file=…,line=…,col=…,title=<rule>::message`.
/// `root` is the guide's folder as given on the command line, so that the file is named
/// relative to the working directory (the repository's root in a workflow), as GitHub needs.
pub fn workflow_command(diagnostic: &Diagnostic, root: &Path) -> String {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = vec![("file", file_from_workdir(root, &diagnostic.file))];
    if diagnostic.line > 0 {
        properties.push(("line", diagnostic.line.to_string()));
        if diagnostic.column > 0 {
            properties.push(("col", diagnostic.column.to_string()));
        }
    }
    properties.push(("title", diagnostic.rule_name().to_string()));
    let properties = properties
        .iter()
        .map(|(name, value)| format!("{name}={}", escape_property(value)))
        .collect::<Vec<_>>()
        .join(",");
    let mut message = diagnostic.message.clone();
    if let Some(hint) = &diagnostic.hint {
        message.push_str("\nhint: ");
        message.push_str(hint);
    }
    format!("::{command} {properties}::{}", escape_data(&message))
}

/// Escapes a command's message (GitHub's `escapeData`).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (GitHub's `escapeProperty`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_escapes_percent_first_then_line_breaks() {
        assert_eq!(escape_data("100%\r\nnext: a,b"), "100%25%0D%0Anext: a,b");
        // A literal "%0A" in the text must not turn into a line break on GitHub's side.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn property_values_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn a_check_finding_names_file_line_column_and_rule() {
        let finding = Diagnostic::error("content/a, b.md", 12, 3, "the link `x.md` is broken: 50% gone")
            .with_hint("fix it\nor remove it")
            .with_rule(crate::diagnostics::Rule::BrokenLink);
        assert_eq!(
            workflow_command(&finding, Path::new(".")),
            "::error file=content/a%2C b.md,line=12,col=3,title=broken-link::the link `x.md` is broken: 50%25 gone%0Ahint: fix it%0Aor remove it"
        );
    }

    #[test]
    fn a_build_finding_without_position_is_titled_build_and_placed_under_the_root() {
        let finding = Diagnostic::warning("config.toml", 0, 0, "no base_url");
        assert_eq!(
            workflow_command(&finding, Path::new("./guides/it")),
            "::warning file=guides/it/config.toml,title=build::no base_url"
        );
        let line_only = Diagnostic::error("config.toml", 4, 0, "bad");
        let root = crate::check::root_from_workdir(Path::new("/work/repo"), Some(Path::new("/work/repo")));
        assert_eq!(
            workflow_command(&line_only, &root),
            "::error file=config.toml,line=4,title=build::bad"
        );
        let root = crate::check::root_from_workdir(Path::new("/work/repo/site"), Some(Path::new("/work/repo")));
        assert_eq!(
            workflow_command(&line_only, &root),
            "::error file=site/config.toml,line=4,title=build::bad"
        );
        assert_eq!(
            workflow_command(&line_only, Path::new(".")),
            "::error file=config.toml,line=4,title=build::bad"
        );
    }
}
