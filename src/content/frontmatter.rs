//! Splits a content file into its front matter and body, and parses the front matter.
//!
//! Front matter is TOML between `+++` lines or YAML between `---` lines. Positions reported
//! by the parsers are relative to the front matter text; we add its first line so errors
//! point into the file as the author sees it.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, explain_serde_message, line_column};
use crate::field_errors;
use crate::locate::Format;

/// The parts of a content file.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    pub format: Format,
    /// The front matter text, without its fences.
    pub front: &'a str,
    /// 1-based line of the front matter's first line in the file.
    pub front_line: usize,
    pub body: &'a str,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
}

/// Finds the front matter fences; `file` is only used in error messages.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or("").trim_end();
    let (format, fence) = match first_line {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => {
            return Err(Diagnostic::error(file, 1, 1, "the file does not start with front matter")
                .with_hint("begin the file with a line `+++`, then `title = \"...\"`, then another line `+++`, then the text")
                .with_source(text));
        }
    };
    let front_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = front_start;
    for (index, line) in text[front_start..].split_inclusive('\n').enumerate() {
        if line.trim_end() == fence || (format == Format::Yaml && line.trim_end() == "...") {
            let body_start = offset + line.len();
            return Ok(Split {
                format,
                front: &text[front_start..offset],
                front_line: 2,
                body: &text[body_start..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(file, 1, 1, format!("the front matter opened here with `{fence}` is never closed"))
            .with_hint(format!(
                "add a line containing only `{fence}` after the last front matter setting, before the text"
            ))
            .with_source(text),
    )
}

/// Front matter that could not be read into `T`.
#[derive(Debug)]
pub struct Unreadable<T> {
    /// Every wrong field, each at its own position; one error for a syntax error.
    pub errors: Vec<Diagnostic>,
    /// The front matter without its wrong fields, when that can still be read, so the
    /// checks that follow parsing can report their problems in the same run.
    pub readable: Option<T>,
}

/// Parses front matter into `T`, mapping parser errors to positions in the file. On
/// failure every wrong field is reported, not only the first.
pub fn parse<T: DeserializeOwned>(split: &Split<'_>, file: &Path, full_text: &str) -> Result<T, Unreadable<T>> {
    let first = match parse_typed(split, file, full_text) {
        Ok(value) => return Ok(value),
        Err(first) => first,
    };
    let Some(document) = parse_untyped(split) else {
        // A syntax error: the rest cannot be read reliably.
        return Err(Unreadable {
            errors: vec![first],
            readable: None,
        });
    };
    let checked = field_errors::check_fields::<T>(&document, split.format == Format::Yaml);
    let place = field_errors::Place {
        file,
        text: split.front,
        format: split.format,
        first_line: split.front_line,
        full_text,
        name: "the front matter",
    };
    // The parser's own report of its first error is the more exact one: keep it, and the
    // field check's errors on other lines; unless the parser only said "not valid YAML"
    // (serde-saphyr's "invalid i64") where the field check can say what is wrong.
    let mut fields = field_errors::diagnose(&checked.errors, &place, &|_| None);
    let vague = first.message.starts_with("the front matter is not valid");
    let first = match fields.iter().position(|d| vague && d.line == first.line) {
        Some(at) => fields.remove(at),
        None => first,
    };
    let first_line = first.line;
    let mut errors = vec![first];
    errors.extend(fields.into_iter().filter(|d| d.line != first_line));
    Err(Unreadable {
        errors,
        readable: checked.readable,
    })
}

/// The front matter as a plain value, or `None` when it is not valid TOML or YAML.
fn parse_untyped(split: &Split<'_>) -> Option<serde_json::Value> {
    match split.format {
        Format::Toml => toml::from_str(split.front).ok(),
        Format::Yaml => serde_saphyr::from_str(yaml_source(split.front)).ok(),
    }
}

/// An empty YAML document is `null`; parse it as an empty mapping so the missing keys are
/// named instead.
fn yaml_source(front: &str) -> &str {
    if front.trim().is_empty() { "{}" } else { front }
}

/// The typed parse, and its first error as a diagnostic.
fn parse_typed<T: DeserializeOwned>(split: &Split<'_>, file: &Path, full_text: &str) -> Result<T, Diagnostic> {
    let (line, column, message) = match split.format {
        Format::Toml => match toml::from_str::<T>(split.front) {
            Ok(value) => return Ok(value),
            Err(e) => {
                let (line, column) = e.span().map_or((1, 1), |span| line_column(split.front, span.start));
                (line, column, e.message().to_string())
            }
        },
        Format::Yaml => match serde_saphyr::from_str::<T>(yaml_source(split.front)) {
            Ok(value) => return Ok(value),
            Err(e) => {
                // The YAML parser also ends a line at a lone `\r`; counted again at `\n` only,
                // as everywhere else (and as editors show a file with `\n` line ends).
                let (line, column) = e.location().map_or((1, 1), |l| {
                    line_column(split.front, yaml_offset(split.front, l.line() as usize, l.column() as usize))
                });
                (line.max(1), column.max(1), yaml_message(&e))
            }
        },
    };
    let (message, hint) = explain_serde_message(&message, "the front matter");
    let message = if message.starts_with("wrong kind")
        || message.starts_with("unknown key")
        || message.starts_with("the required")
        || message.starts_with('"')
        || message.starts_with("invalid value")
        || message.starts_with("duplicate key")
    {
        message
    } else {
        format!("the front matter is not valid {}: {message}", format_name(split.format))
    };
    let diagnostic = Diagnostic::error(file, line + split.front_line - 1, column, message).with_source(full_text);
    Err(match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic.with_hint(syntax_hint(split.format)),
    })
}

/// The byte offset of a 1-based line and column as YAML counts them: a line ends at `\n`,
/// `\r\n` or a lone `\r`, and columns count characters.
fn yaml_offset(text: &str, line: usize, column: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut current, mut start, mut at) = (1, 0, 0);
    while current < line && at < bytes.len() {
        let ends_line = bytes[at] == b'\n' || (bytes[at] == b'\r' && bytes.get(at + 1) != Some(&b'\n'));
        at += 1;
        if ends_line {
            current += 1;
            start = at;
        }
    }
    text[start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(offset, _)| start + offset)
}

/// The first line of the YAML parser's message, without the position it repeats.
fn yaml_message(error: &serde_saphyr::Error) -> String {
    let text = error.to_string();
    let first = text.lines().next().unwrap_or("").trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let first = match first.rfind(" at line ") {
        Some(at) => &first[..at],
        None => first,
    };
    // "line 2 column 1: message": the position is reported separately.
    match first.strip_prefix("line ").and_then(|rest| rest.split_once(": ")) {
        Some((position, message)) if position.contains("column") => message.to_string(),
        _ => first.to_string(),
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Toml => "TOML",
        Format::Yaml => "YAML",
    }
}

fn syntax_hint(format: Format) -> &'static str {
    match format {
        Format::Toml => "each setting is `key = value`; text goes in double quotes, lists in [ ], and each [table] header on its own line",
        Format::Yaml => "each setting is `key: value`; nested settings are indented by two spaces, lists use `- item` or [a, b]",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Front {
        #[allow(dead_code)]
        title: String,
        #[allow(dead_code)]
        weight: Option<i64>,
    }

    fn file() -> &'static Path {
        Path::new("content/a.md")
    }

    #[test]
    fn splits_toml_and_reports_body_line() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let s = split(text, file()).unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.front, "title = \"A\"\n");
        assert_eq!((s.body, s.body_line), ("Body\n", 4));
    }

    #[test]
    fn unclosed_front_matter_is_an_error_on_line_one() {
        let e = split("---\ntitle: A\nBody\n", file()).unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn toml_error_positions_are_relative_to_the_file() {
        let text = "+++\ntitle = \"A\"\nweight = \"x\"\n+++\n";
        let s = split(text, file()).unwrap();
        let e = parse::<Front>(&s, file(), text).unwrap_err().errors.into_iter().next().unwrap();
        assert_eq!((e.line, e.column), (3, 10), "{e}");
        assert!(e.message.contains("wrong kind of value"), "{e}");
    }

    #[test]
    fn yaml_unknown_key_is_named_with_its_line() {
        let text = "---\ntitle: A\ntitel: B\n---\n";
        let s = split(text, file()).unwrap();
        let e = parse::<Front>(&s, file(), text).unwrap_err().errors.into_iter().next().unwrap();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("unknown key `titel`"), "{e}");
        assert!(e.hint.unwrap().contains("did you mean `title`"));
    }

    /// Found by the `front_matter` fuzz target: its input is
    /// fuzz/seeds/front_matter/yaml-error-after-lone-carriage-returns-points-past-the-file.
    #[test]
    fn yaml_error_after_lone_carriage_returns_points_past_the_file() {
        // The parser counts each lone `\r` as a line; the file has three lines before `\0`.
        let text = "---\ntitle: x\r\r\r\rmore\u{0}\n---\nBody\n";
        let split = split(text, Path::new("a.md")).expect("split");
        let error = parse::<Front>(&split, Path::new("a.md"), text).expect_err("refused");
        assert_eq!((error.errors[0].line, error.errors[0].column), (2, 17), "{}", error.errors[0]);
        let seed = include_bytes!("../../fuzz/seeds/front_matter/yaml-error-after-lone-carriage-returns-points-past-the-file");
        let seed = std::str::from_utf8(seed).expect("UTF-8");
        crate::invariants::front_matter(seed);
    }

    #[test]
    fn yaml_syntax_error_has_a_position() {
        let text = "---\ntitle: [A\n---\n";
        let s = split(text, file()).unwrap();
        let e = parse::<Front>(&s, file(), text).unwrap_err().errors.into_iter().next().unwrap();
        assert!(e.line >= 2, "{e}");
        assert!(e.message.contains("not valid YAML"), "{e}");
    }
}
