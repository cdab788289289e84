//! Changes applied to TOML front matter with `toml_edit`, which keeps comments, key order,
//! spacing and the way tables are written (headers, dotted keys, inline tables). A changed
//! value keeps the spacing and comment around it, a string keeps literal quotes (`'...'`)
//! when it can, and a list keeps the layout of its items (one per line stays one per line).

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, TableLike, Value as TomlValue};

use super::form::{Change, Value};

/// The front matter with `changes` applied, or why it cannot be changed safely.
pub fn apply(front: &str, changes: &[Change]) -> Result<String, String> {
    let mut document: DocumentMut = front
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("the front matter cannot be read: {}", e.message()))?;
    for change in changes {
        match change {
            Change::Set(path, value) => set(document.as_table_mut(), false, path, value)?,
            Change::Remove(path) => remove(document.as_table_mut(), path),
        }
    }
    Ok(document.to_string())
}

/// Sets `path` below `table`; `inline` when `table` is an inline table, whose new
/// sub-tables must be inline too.
fn set(table: &mut dyn TableLike, inline: bool, path: &[&str], value: &Value) -> Result<(), String> {
    let Some((key, rest)) = path.split_first() else { return Ok(()) };
    if rest.is_empty() {
        let new = match table.get(key) {
            Some(Item::Value(old)) => formatted_like(old, value),
            _ => toml_value(value, None),
        };
        match table.get_mut(key) {
            Some(item) => *item = Item::Value(new),
            None => {
                table.insert(key, Item::Value(new));
            }
        }
        return Ok(());
    }
    if table.get(key).is_none() {
        let new = if inline {
            Item::Value(TomlValue::InlineTable(InlineTable::new()))
        } else {
            Item::Table(Table::new())
        };
        table.insert(key, new);
    }
    let child = table.get_mut(key).ok_or_else(|| format!("`{key}` cannot be added"))?;
    let child_inline = matches!(child, Item::Value(TomlValue::InlineTable(_)));
    let child = child
        .as_table_like_mut()
        .ok_or_else(|| format!("`{key}` is written as a value, not as a table of settings"))?;
    set(child, inline || child_inline, rest, value)
}

fn remove(table: &mut dyn TableLike, path: &[&str]) {
    match path {
        [] => {}
        [key] => {
            table.remove(key);
        }
        [key, rest @ ..] => {
            if let Some(child) = table.get_mut(key).and_then(Item::as_table_like_mut) {
                remove(child, rest);
            }
        }
    }
}

/// The new value written the way the old one was: same spacing and trailing comment,
/// literal quotes kept, list items laid out as before.
fn formatted_like(old: &TomlValue, value: &Value) -> TomlValue {
    let mut new = toml_value(value, Some(old));
    *new.decor_mut() = old.decor().clone();
    new
}

/// `value` as TOML; `old` (the value it replaces) decides between a date and text for a
/// date, and lends its formatting to strings and list items.
fn toml_value(value: &Value, old: Option<&TomlValue>) -> TomlValue {
    match value {
        Value::Text(text) => string_like(text, old),
        Value::Date(text) => match (old, text.parse::<toml_edit::Datetime>()) {
            // A date written as text stays text.
            (Some(TomlValue::String(_)), _) | (_, Err(_)) => string_like(text, old),
            (_, Ok(date)) => TomlValue::from(date),
        },
        Value::Integer(n) => TomlValue::from(*n),
        Value::Float(n) => TomlValue::from(*n),
        Value::Bool(b) => TomlValue::from(*b),
        Value::List(items) => TomlValue::Array(array_like(items, old.and_then(TomlValue::as_array))),
    }
}

/// A string, in literal quotes when the old one was and the text allows it.
fn string_like(text: &str, old: Option<&TomlValue>) -> TomlValue {
    let was_literal = old
        .and_then(|o| match o {
            TomlValue::String(s) => s.as_repr().and_then(|r| r.as_raw().as_str()).map(|raw| raw.starts_with('\'')),
            _ => None,
        })
        .unwrap_or(false);
    if was_literal
        && !text.contains(['\'', '\n', '\r'])
        && let Ok(value) = format!("'{text}'").parse::<TomlValue>()
    {
        return value;
    }
    TomlValue::from(text)
}

/// A list of strings laid out like `old`: an item that stayed in its place is kept as
/// it was written; a new item takes the spacing of the item at its place (or of the last).
fn array_like(items: &[String], old: Option<&Array>) -> Array {
    let mut array = Array::new();
    for (index, item) in items.iter().enumerate() {
        let at_place = old.and_then(|o| o.get(index));
        if let Some(kept) = at_place.filter(|o| o.as_str() == Some(item.as_str())) {
            array.push_formatted(kept.clone());
            continue;
        }
        let model = at_place.or_else(|| old.and_then(|o| o.iter().last()));
        let mut value = string_like(item, model);
        match (at_place, model) {
            // At an old item's place: its spacing, and a comment that sits before it.
            (Some(model), _) => *value.decor_mut() = model.decor().clone(),
            // Past the old items: the last one's line break and indentation, no comment.
            (None, Some(model)) => {
                let prefix = model.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
                let newline = if prefix.contains("\r\n") { "\r\n" } else { "\n" };
                let prefix = match prefix.rfind('\n') {
                    Some(at) => format!("{newline}{}", &prefix[at + 1..]),
                    None => " ".to_string(),
                };
                value.decor_mut().set_prefix(prefix);
                value.decor_mut().set_suffix("");
            }
            (None, None) => {}
        }
        array.push_formatted(value);
    }
    if let Some(old) = old {
        array.set_trailing(old.trailing().clone());
        array.set_trailing_comma(old.trailing_comma() && !items.is_empty());
    }
    array
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set_one(front: &str, path: &[&'static str], value: Value) -> String {
        apply(front, &[Change::Set(path.to_vec(), value)]).unwrap()
    }

    #[test]
    fn a_changed_value_keeps_its_comment_and_everything_else_its_bytes() {
        let front = "# Role file\ntitle = \"A\"   # shown in listings\n\n[role.salary]\nmin = 100_000 # before tax\nmax = 150000\n";
        let out = set_one(front, &["role", "salary", "min"], Value::Integer(110000));
        assert_eq!(out, front.replace("100_000", "110000"));
        let out = set_one(front, &["title"], Value::Text("B".into()));
        assert_eq!(out, front.replace("\"A\"", "\"B\""));
    }

    #[test]
    fn literal_strings_stay_literal() {
        let out = set_one("title = 'C:\\x'\n", &["title"], Value::Text("D:\\y".into()));
        assert_eq!(out, "title = 'D:\\y'\n");
    }

    #[test]
    fn lists_keep_their_layout() {
        let one_line = "skills = [\"Go\", \"SQL\"]\n";
        let out = set_one(one_line, &["skills"], Value::List(vec!["Go".into(), "Rust".into(), "Git".into()]));
        assert_eq!(out, "skills = [\"Go\", \"Rust\", \"Git\"]\n");
        let single = "skills = [\"Go\"]\n";
        let out = set_one(single, &["skills"], Value::List(vec!["Go".into(), "Rust".into()]));
        assert_eq!(out, "skills = [\"Go\", \"Rust\"]\n");
        let per_line = "skills = [\n  \"Go\", # first\n  \"SQL\",\n]\n";
        let out = set_one(per_line, &["skills"], Value::List(vec!["Go".into(), "Rust".into(), "Git".into()]));
        assert_eq!(out, "skills = [\n  \"Go\", # first\n  \"Rust\",\n  \"Git\",\n]\n");
    }

    #[test]
    fn missing_tables_are_added_and_inline_tables_stay_inline() {
        let out = set_one(
            "title = \"A\"\n\n[role]\ndemand = \"low\"\n",
            &["role", "salary", "min"],
            Value::Integer(5),
        );
        assert_eq!(out, "title = \"A\"\n\n[role]\ndemand = \"low\"\n\n[role.salary]\nmin = 5\n");
        let inline = "role = { demand = \"low\", salary = { min = 1 } }\n";
        let out = set_one(inline, &["role", "salary", "min"], Value::Integer(2));
        assert_eq!(out, "role = { demand = \"low\", salary = { min = 2 } }\n");
    }

    #[test]
    fn dates_stay_dates_and_quoted_dates_stay_quoted() {
        assert_eq!(
            set_one("date = 2026-01-15\n", &["date"], Value::Date("2026-02-01".into())),
            "date = 2026-02-01\n"
        );
        assert_eq!(
            set_one("date = \"2026-01-15\"\n", &["date"], Value::Date("2026-02-01".into())),
            "date = \"2026-02-01\"\n"
        );
    }

    #[test]
    fn removing_a_table_removes_its_header_and_keys() {
        let front = "title = \"A\"\n[role]\ndemand = \"low\"\n[role.salary]\nmin = 1\n";
        let out = apply(front, &[Change::Remove(vec!["role", "salary"])]).unwrap();
        assert_eq!(out, "title = \"A\"\n[role]\ndemand = \"low\"\n");
    }
}
