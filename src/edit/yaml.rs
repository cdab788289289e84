//! Changes applied to YAML front matter by editing only the spans of the changed values.
//!
//! There is no format-preserving YAML editor among well-kept crates, and front matter is
//! short and written in block style, so the key lines are found by indentation (as
//! `locate` does for error positions): a changed value replaces its own text on its line,
//! keeping the key, spacing, quoting style and comment; a block list (`- item` lines)
//! keeps its items that did not change, with their comments; a new key is added at the end
//! of its mapping, indented like its neighbours. Shapes that cannot be edited that way
//! (multi-line text, `{ }` mappings, anchors) are refused: nothing is written, and the
//! message says to edit that value in a text editor. `rewrite` reads the result back, so
//! an edit that came out wrong is refused as well.

use super::form::{Change, Value};

/// The front matter with `changes` applied, or why it cannot be changed safely.
pub fn apply(front: &str, changes: &[Change]) -> Result<String, String> {
    let mut lines: Vec<String> = front.split_inclusive('\n').map(str::to_string).collect();
    let newline = if front.contains("\r\n") { "\r\n" } else { "\n" };
    if let Some(last) = lines.last_mut()
        && !last.ends_with('\n')
    {
        last.push_str(newline);
    }
    for change in changes {
        match change {
            Change::Set(path, value) => set(&mut lines, path, value, newline)?,
            Change::Remove(path) => {
                if let Some(entry) = scan(&lines).into_iter().find(|e| e.path == *path) {
                    lines.drain(entry.line..entry.end);
                }
            }
        }
    }
    Ok(lines.concat())
}

/// A `key: value` line and the lines that belong to it (nested keys, list items).
#[derive(Debug)]
struct Entry {
    path: Vec<String>,
    line: usize,
    indent: usize,
    /// Byte range of the value's text on the key line (without a comment).
    value: std::ops::Range<usize>,
    /// One past the last line that belongs to the entry.
    end: usize,
}

fn content_of(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

fn indent_of(text: &str) -> usize {
    text.len() - text.trim_start_matches(' ').len()
}

/// Every mapping key of the front matter, with its path.
fn scan(lines: &[String]) -> Vec<Entry> {
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut entries = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let content = content_of(line);
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('-') {
            continue;
        }
        let indent = content.len() - trimmed.len();
        let Some(colon) = key_colon(trimmed) else { continue };
        let key = trimmed[..colon].trim().trim_matches(['"', '\'']).to_string();
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        stack.push((indent, key));
        let after = indent + colon + 1;
        let rest = &content[after..];
        let start = after + (rest.len() - rest.trim_start().len());
        let end = start + value_length(&content[start..]);
        entries.push(Entry {
            path: stack.iter().map(|(_, k)| k.clone()).collect(),
            line: index,
            indent,
            value: start..end,
            end: block_end(lines, index, indent),
        });
    }
    entries
}

/// Where the `:` that ends a key is: followed by a space or the end of the line, outside quotes.
fn key_colon(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') if i == 0 => quote = Some(b),
            (Some(q), c) if c == q => quote = None,
            (None, b':') if bytes.get(i + 1).is_none_or(|c| *c == b' ' || *c == b'\t') => return Some(i),
            (None, b'#') if i > 0 && bytes[i - 1] == b' ' => return None,
            _ => {}
        }
    }
    None
}

/// The length of a value's text, without a trailing comment and spaces. Quotes open only
/// at the start of a token, so an apostrophe inside plain text is just a letter.
fn value_length(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(b'\'') if b == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if (b == b'"' || b == b'\'') && (i == 0 || b" \t[{,:".contains(&bytes[i - 1])) => quote = Some(b),
            None if b == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') => break,
            None => {}
        }
        i += 1;
    }
    text[..i.min(text.len())].trim_end().len()
}

/// One past the last line belonging to the key at `line`: more indented lines, and `- `
/// items at the key's own indentation (YAML allows both for a list). Trailing blank and
/// comment lines belong to what follows.
fn block_end(lines: &[String], line: usize, indent: usize) -> usize {
    let mut last = line;
    for (index, text) in lines.iter().enumerate().skip(line + 1) {
        let content = content_of(text);
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let own = indent_of(content);
        if own > indent || (own == indent && (trimmed == "-" || trimmed.starts_with("- "))) {
            last = index;
        } else {
            break;
        }
    }
    last + 1
}

/// How a value is written on its key line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Style {
    Empty,
    Plain,
    Single,
    Double,
    FlowList,
}

fn style_of(value: &str) -> Result<Style, String> {
    let refuse = |what: &str| {
        Err(format!(
            "a value here is written {what}, which the editor does not change; edit it in a text editor"
        ))
    };
    match value.chars().next() {
        None => Ok(Style::Empty),
        Some('|' | '>') => refuse("as text over several lines"),
        Some('{') => refuse("as a `{ }` mapping on one line"),
        Some('&' | '*' | '!') => refuse("with a YAML anchor, alias or tag"),
        Some('[') if value.ends_with(']') => Ok(Style::FlowList),
        Some('[') => refuse("as a list over several lines"),
        Some('"') if value.len() > 1 && value.ends_with('"') => Ok(Style::Double),
        Some('\'') if value.len() > 1 && value.ends_with('\'') => Ok(Style::Single),
        Some('"' | '\'') => refuse("in quotes over several lines"),
        Some(_) => Ok(Style::Plain),
    }
}

fn set(lines: &mut Vec<String>, path: &[&str], value: &Value, newline: &str) -> Result<(), String> {
    let entries = scan(lines);
    if let Some(entry) = entries.iter().find(|e| e.path == path) {
        return replace(lines, entry, value, newline);
    }
    let (key, parents) = path.split_last().ok_or("nothing to set")?;
    let (at, indent) = if parents.is_empty() {
        let last = lines.iter().rposition(|l| {
            let t = content_of(l).trim_start();
            !t.is_empty() && !t.starts_with('#')
        });
        (last.map_or(0, |l| l + 1), 0)
    } else {
        let Some(parent) = entries.iter().find(|e| e.path == parents) else {
            // Create the table first, then set the key inside it.
            set_table(lines, parents, newline)?;
            return set(lines, path, value, newline);
        };
        if !parent.value.is_empty() {
            return Err(format!(
                "`{}` is written on one line, so the editor cannot add `{key}` to it",
                parents.join(".")
            ));
        }
        let child_indent = lines[parent.line + 1..parent.end]
            .iter()
            .map(|l| content_of(l))
            .find(|c| !c.trim().is_empty() && !c.trim_start().starts_with('#'))
            .map_or(parent.indent + 2, indent_of);
        (parent.end, child_indent)
    };
    let text = match value {
        Value::List(items) => flow_list(items),
        scalar => scalar_text(scalar, Style::Plain),
    };
    lines.insert(at, format!("{}{key}: {text}{newline}", " ".repeat(indent)));
    Ok(())
}

/// Adds an empty mapping at `path` (its parents first, when missing).
fn set_table(lines: &mut Vec<String>, path: &[&str], newline: &str) -> Result<(), String> {
    let (key, parents) = path.split_last().ok_or("nothing to set")?;
    let entries = scan(lines);
    let (at, indent) = match parents {
        [] => (
            lines
                .iter()
                .rposition(|l| !content_of(l).trim().is_empty() && !content_of(l).trim_start().starts_with('#'))
                .map_or(0, |l| l + 1),
            0,
        ),
        _ => match entries.iter().find(|e| e.path == parents) {
            Some(parent) if parent.value.is_empty() => (parent.end, parent.indent + 2),
            Some(_) => {
                return Err(format!(
                    "`{}` is written on one line, so the editor cannot add to it",
                    parents.join(".")
                ));
            }
            None => {
                set_table(lines, parents, newline)?;
                return set_table(lines, path, newline);
            }
        },
    };
    lines.insert(at, format!("{}{key}:{newline}", " ".repeat(indent)));
    Ok(())
}

fn replace(lines: &mut Vec<String>, entry: &Entry, value: &Value, newline: &str) -> Result<(), String> {
    let line = lines[entry.line].clone();
    let content = content_of(&line);
    let eol = &line[content.len()..];
    let old = &content[entry.value.clone()];
    let style = style_of(old)?;
    let has_children = entry.end > entry.line + 1;
    if let Value::List(items) = value
        && style == Style::Empty
        && has_children
    {
        return replace_block_list(lines, entry, items, newline);
    }
    if has_children {
        return Err(format!(
            "`{}` continues over several lines here, which the editor does not change; edit it in a text editor",
            entry.path.join(".")
        ));
    }
    let text = match value {
        Value::List(items) => flow_list(items),
        scalar => scalar_text(scalar, style),
    };
    let (before, after) = (&content[..entry.value.start], &content[entry.value.end..]);
    let space = if before.ends_with([' ', '\t']) { "" } else { " " };
    lines[entry.line] = format!("{before}{space}{text}{after}{eol}");
    Ok(())
}

/// A `- item` list rewritten item by item: unchanged items and comment lines stay as
/// they were, changed items are rewritten at their place, new ones follow the last.
fn replace_block_list(lines: &mut Vec<String>, entry: &Entry, items: &[String], newline: &str) -> Result<(), String> {
    let children: Vec<String> = lines[entry.line + 1..entry.end].to_vec();
    let mut item_indent = None;
    let mut out = Vec::new();
    let mut next = 0;
    for child in &children {
        let content = content_of(child);
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            out.push(child.clone());
            continue;
        }
        let Some(item) = trimmed.strip_prefix("- ").or_else(|| (trimmed == "-").then_some("")) else {
            return Err(format!(
                "`{}` holds more than a list of names here; edit it in a text editor",
                entry.path.join(".")
            ));
        };
        item_indent.get_or_insert(indent_of(content));
        let value_end = value_length(item);
        let style = style_of(&item[..value_end])?;
        if matches!(style, Style::FlowList | Style::Empty) {
            return Err(format!(
                "`{}` holds more than a list of names here; edit it in a text editor",
                entry.path.join(".")
            ));
        }
        if let Some(new) = items.get(next) {
            if plain_text(&item[..value_end], style) == *new {
                out.push(child.clone());
            } else {
                let prefix = &content[..content.len() - item.len()];
                let eol = &child[content.len()..];
                out.push(format!(
                    "{prefix}{}{}{eol}",
                    scalar_text(&Value::Text(new.clone()), style),
                    &item[value_end..]
                ));
            }
        }
        next += 1;
    }
    let indent = " ".repeat(item_indent.unwrap_or(entry.indent + 2));
    let insert_at = out
        .iter()
        .rposition(|l| content_of(l).trim_start().starts_with('-'))
        .map_or(out.len(), |i| i + 1);
    for (offset, new) in items.iter().skip(next).enumerate() {
        out.insert(
            insert_at + offset,
            format!("{indent}- {}{newline}", scalar_text(&Value::Text(new.clone()), Style::Plain)),
        );
    }
    if items.is_empty() {
        // No items left: an empty list on the key line, the comments kept below it.
        out.retain(|l| !content_of(l).trim_start().starts_with('-'));
        let line = lines[entry.line].clone();
        let content = content_of(&line);
        lines[entry.line] = format!("{} []{}", &content[..entry.value.start].trim_end(), &line[content.len()..]);
    }
    lines.splice(entry.line + 1..entry.end, out);
    Ok(())
}

/// The text of a scalar as written (quotes removed, escapes read), for comparing items.
fn plain_text(written: &str, style: Style) -> String {
    match style {
        Style::Single => written[1..written.len() - 1].replace("''", "'"),
        Style::Double => serde_json::from_str::<String>(written).unwrap_or_else(|_| written.to_string()),
        _ => written.to_string(),
    }
}

/// A scalar written in YAML, in the old value's quoting style where it allows the text.
fn scalar_text(value: &Value, style: Style) -> String {
    match value {
        Value::Text(text) => match style {
            Style::Single if !text.contains(['\n', '\r']) => format!("'{}'", text.replace('\'', "''")),
            Style::Plain | Style::Empty if plain_is_safe(text) => text.clone(),
            _ => double_quoted(text),
        },
        Value::Date(text) => text.clone(),
        Value::Integer(n) => n.to_string(),
        Value::Float(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::List(items) => flow_list(items),
    }
}

/// `[a, "b, c"]`: items plain where YAML reads them back as the same text.
fn flow_list(items: &[String]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|item| {
            if plain_is_safe(item) && !item.contains([',', '[', ']', '{', '}']) {
                item.clone()
            } else {
                double_quoted(item)
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// A JSON string is a valid YAML double-quoted scalar.
fn double_quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{}\"", text.replace(['"', '\\'], "")))
}

/// Whether `text` written without quotes is read back as the same text (not a number, a
/// boolean, null, a comment or YAML syntax).
fn plain_is_safe(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let reserved = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", ".nan"];
    !text.is_empty()
        && text.trim() == text
        && !text.contains(['\n', '\r', '\t'])
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`+.".contains(c) || c.is_ascii_digit())
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !reserved.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_one(front: &str, path: &[&'static str], value: Value) -> String {
        apply(front, &[Change::Set(path.to_vec(), value)]).unwrap()
    }

    const ROLE: &str = "# Role file\ntitle: 'Backend Developer' # shown in lists\nrole:\n  demand: high\n  skills:\n    - Go # first\n    - SQL\n  salary:\n    min: 100000  # before tax\n    max: 150000\n";

    #[test]
    fn a_changed_value_keeps_its_quotes_and_comment() {
        let out = set_one(ROLE, &["role", "salary", "min"], Value::Integer(110000));
        assert_eq!(out, ROLE.replace("min: 100000", "min: 110000"));
        let out = set_one(ROLE, &["title"], Value::Text("Backend Lead's Guide".into()));
        assert_eq!(out, ROLE.replace("'Backend Developer'", "'Backend Lead''s Guide'"));
    }

    #[test]
    fn a_block_list_keeps_its_unchanged_items_and_their_comments() {
        let out = set_one(
            ROLE,
            &["role", "skills"],
            Value::List(vec!["Go".into(), "Rust".into(), "Git".into()]),
        );
        assert_eq!(out, ROLE.replace("    - SQL\n", "    - Rust\n    - Git\n"));
        let out = set_one(ROLE, &["role", "skills"], Value::List(vec![]));
        assert_eq!(out, ROLE.replace("  skills:\n    - Go # first\n    - SQL\n", "  skills: []\n"));
    }

    #[test]
    fn a_flow_list_stays_on_its_line() {
        let front = "skills: [Go, \"SQL, basic\"] # sorted\n";
        let out = set_one(front, &["skills"], Value::List(vec!["Go".into(), "yes".into()]));
        assert_eq!(out, "skills: [Go, \"yes\"] # sorted\n");
    }

    #[test]
    fn new_keys_and_tables_are_indented_like_their_neighbours() {
        let out = set_one(ROLE, &["role", "salary", "currency"], Value::Text("EUR".into()));
        assert_eq!(out, format!("{ROLE}    currency: EUR\n"));
        let out = set_one("title: A\n", &["role", "salary", "min"], Value::Integer(5));
        assert_eq!(out, "title: A\nrole:\n  salary:\n    min: 5\n");
        let out = set_one("title: A\n# end\n", &["description"], Value::Text("x: y".into()));
        assert_eq!(out, "title: A\ndescription: \"x: y\"\n# end\n");
    }

    #[test]
    fn removing_a_table_removes_its_lines() {
        let out = apply(ROLE, &[Change::Remove(vec!["role", "salary"])]).unwrap();
        assert_eq!(out, ROLE.split("  salary:").next().unwrap());
    }

    #[test]
    fn shapes_that_cannot_be_edited_by_span_are_refused() {
        let folded = "description: >\n  two\n  lines\n";
        assert!(apply(folded, &[Change::Set(vec!["description"], Value::Text("x".into()))]).is_err());
        let flow = "role: {demand: high}\n";
        assert!(apply(flow, &[Change::Set(vec!["role", "demand"], Value::Text("low".into()))]).is_err());
    }

    #[test]
    fn text_that_yaml_would_read_as_something_else_is_quoted() {
        for text in ["yes", "2026", "3D modelling", "C#  ", "- x", "a: b", "null"] {
            assert!(!plain_is_safe(text), "{text}");
        }
        assert!(plain_is_safe("Don't panic"));
        assert_eq!(value_length("Don't panic # note"), "Don't panic".len());
        assert_eq!(value_length("'a # b' # c"), "'a # b'".len());
    }
}
