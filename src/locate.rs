//! Finds where a key sits in a TOML or YAML text, so that errors found after parsing
//! (a salary minimum above its maximum, an unknown currency) can still name a line and column.
//!
//! Serde gives positions only for syntax and type errors; validation happens on the typed
//! value. Rather than carry spans through every field of two formats, we look the key up in
//! the text: front matter is short and written by hand, so a line-based scan is exact for
//! the shapes people write (tables, dotted keys, inline tables, nested YAML mappings).

/// The markup language of a front matter block or configuration file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// 1-based line and column of the value of `path` (e.g. `["role", "salary", "min"]`) in `text`.
pub fn locate_key(text: &str, format: Format, path: &[&str]) -> Option<(usize, usize)> {
    locate(text, format, path).map(|found| (found.line, found.value_column))
}

/// 1-based line and column of the key at the end of `path` itself (of a table's header),
/// for errors about the key rather than its value.
pub fn locate_key_name(text: &str, format: Format, path: &[&str]) -> Option<(usize, usize)> {
    locate(text, format, path).map(|found| (found.line, found.key_column))
}

/// Where a key and its value start.
struct Found {
    line: usize,
    key_column: usize,
    value_column: usize,
}

fn locate(text: &str, format: Format, path: &[&str]) -> Option<Found> {
    match format {
        Format::Toml => locate_toml(text, path),
        Format::Yaml => locate_yaml(text, path),
    }
}

/// Position of `needle` (e.g. a list element) at or after the value of `path`; the
/// `occurrence`-th match (0-based) when a value repeats.
pub fn locate_in_value(text: &str, format: Format, path: &[&str], needle: &str, occurrence: usize) -> Option<(usize, usize)> {
    let (line, column) = locate_key(text, format, path)?;
    let start = offset_of(text, line, column)?;
    let lower = text[start..].to_lowercase();
    let needle = needle.to_lowercase();
    let found = lower.match_indices(needle.as_str()).nth(occurrence)?.0;
    // Lower-casing can change byte lengths for some scripts: fall back to the key if so.
    if lower.len() != text.len() - start {
        return Some((line, column));
    }
    Some(crate::diagnostics::line_column(text, start + found))
}

fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let line_text = text[line_start..].lines().next().unwrap_or("");
    let within: usize = line_text.chars().take(column - 1).map(char::len_utf8).sum();
    Some(line_start + within)
}

fn locate_toml(text: &str, path: &[&str]) -> Option<Found> {
    let mut table: Vec<String> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(header) = trimmed.strip_prefix('[') {
            let header = header.trim_start_matches('[');
            let name = header.split(']').next().unwrap_or("");
            table = split_dotted(name);
            if table == path {
                return Some(found(line, index, indent, indent));
            }
            continue;
        }
        let Some((key, _)) = trimmed.split_once('=') else { continue };
        let mut full = table.clone();
        full.extend(split_dotted(key));
        let value_offset = line.find('=').map_or(indent, |i| i + 1 + count_spaces(&line[i + 1..]));
        if full == path {
            return Some(found(line, index, indent, value_offset));
        }
        if path.starts_with(&full.iter().map(String::as_str).collect::<Vec<_>>()) && line.contains('{') {
            let rest = &path[full.len()..];
            if let Some((key, value)) = find_inline_key(&line[value_offset..], rest.last()?) {
                return Some(found(line, index, value_offset + key, value_offset + value));
            }
        }
    }
    None
}

fn locate_yaml(text: &str, path: &[&str]) -> Option<Found> {
    let mut stack: Vec<(usize, String)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('-') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let Some((key, value)) = trimmed.split_once(':') else { continue };
        let key = key.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        stack.push((indent, key));
        let keys: Vec<&str> = stack.iter().map(|(_, k)| k.as_str()).collect();
        let value_offset = indent + trimmed.find(':').unwrap_or(0) + 1 + count_spaces(value);
        if keys == path {
            let offset = if value.trim().is_empty() { indent } else { value_offset };
            return Some(found(line, index, indent, offset));
        }
        if path.starts_with(&keys)
            && value.contains('{')
            && let Some((key, value)) = find_inline_key(&line[value_offset..], path.last()?)
        {
            return Some(found(line, index, value_offset + key, value_offset + value));
        }
    }
    None
}

/// Offsets of `key` and of its value inside an inline table or flow mapping.
fn find_inline_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices(key) {
        let before_ok = at == 0 || !bytes[at - 1].is_ascii_alphanumeric() && bytes[at - 1] != b'_';
        let after = text[at + key.len()..].trim_start();
        if before_ok && (after.starts_with('=') || after.starts_with(':')) {
            let separator = text.len() - after.len();
            return Some((at, separator + 1 + count_spaces(&text[separator + 1..])));
        }
    }
    None
}

fn split_dotted(key: &str) -> Vec<String> {
    key.split('.')
        .map(|part| part.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
        .collect()
}

fn count_spaces(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

fn found(line: &str, index: usize, key_offset: usize, value_offset: usize) -> Found {
    let column = |offset: usize| line[..offset.min(line.len())].chars().count() + 1;
    Found {
        line: index + 1,
        key_column: column(key_offset),
        value_column: column(value_offset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str =
        "title = \"x\"\n\n[role]\ndemand = \"hgh\"\nskills = [\"Go\", \"Rust\", \"go\"]\n\n[role.salary]\nmin = 5\nmax = 1\n";

    #[test]
    fn finds_toml_keys_in_tables() {
        assert_eq!(locate_key(TOML, Format::Toml, &["title"]), Some((1, 9)));
        assert_eq!(locate_key(TOML, Format::Toml, &["role", "demand"]), Some((4, 10)));
        assert_eq!(locate_key(TOML, Format::Toml, &["role", "salary", "max"]), Some((9, 7)));
        assert_eq!(locate_key(TOML, Format::Toml, &["role", "salary"]), Some((7, 1)));
    }

    #[test]
    fn finds_toml_inline_and_dotted_keys() {
        let text = "[role]\nsalary = { min = 9, max = 3 }\nrole.x = 1\n";
        assert_eq!(locate_key(text, Format::Toml, &["role", "salary", "max"]), Some((2, 27)));
        let dotted = "role.demand = \"x\"\n";
        assert_eq!(locate_key(dotted, Format::Toml, &["role", "demand"]), Some((1, 15)));
    }

    #[test]
    fn finds_key_names_for_errors_about_the_key() {
        assert_eq!(locate_key_name(TOML, Format::Toml, &["role", "salary", "max"]), Some((9, 1)));
        let inline = "[role]\nsalary = { min = 9, max = 3 }\n";
        assert_eq!(locate_key_name(inline, Format::Toml, &["role", "salary", "max"]), Some((2, 21)));
        let yaml = "role:\n  demand: high\n";
        assert_eq!(locate_key_name(yaml, Format::Yaml, &["role", "demand"]), Some((2, 3)));
    }

    #[test]
    fn finds_list_elements() {
        assert_eq!(locate_in_value(TOML, Format::Toml, &["role", "skills"], "go", 1), Some((5, 26)));
    }

    #[test]
    fn finds_yaml_nested_keys() {
        let text = "title: x\nrole:\n  demand: high\n  salary:\n    min: 9\n    max: 3\n";
        assert_eq!(locate_key(text, Format::Yaml, &["role", "salary", "max"]), Some((6, 10)));
        assert_eq!(locate_key(text, Format::Yaml, &["role", "demand"]), Some((3, 11)));
        assert_eq!(locate_key(text, Format::Yaml, &["title"]), Some((1, 8)));
    }
}
