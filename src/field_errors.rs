//! Every wrong field of a TOML or YAML document, found in one run.
//!
//! Serde stops at the first field it cannot read, so a file with two mistakes used to need
//! two builds to show both. When the typed parse of a document fails, the document is
//! read again as a plain value and each of its fields is tried on its own: a skeleton
//! document holding only that field (and the tables around it) is deserialised into the
//! same type. A "missing field" complaint about another key means the field itself was
//! fine; any other error is that field's. Fields are tried in their tables, leaves first,
//! so two mistakes in one nested table are both found.
//!
//! The fields that passed are then put back together and read once more, so the checks
//! that come after parsing (a salary minimum above its maximum, a slug that escapes) can
//! still run on what was readable.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::diagnostics::{Diagnostic, explain_serde_message};
use crate::locate::{Format, locate_key, locate_key_name};

/// At most this many field errors are shown for one document: past a screenful, a
/// person fixes what they see and builds again (a file of 100,000 unknown keys would
/// otherwise print 100,000 errors).
pub const MAX_SHOWN: usize = 20;

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The key is not allowed in its table.
    UnknownKey,
    /// The key is allowed but its value cannot be read (wrong type, value not allowed).
    BadValue,
    /// A required key of the table at the path is absent; holds the key's name.
    MissingKey(String),
}

/// One field that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Keys from the document's root to the field (to the table, for a missing key).
    pub path: Vec<String>,
    pub problem: Problem,
    /// Serde's message, to be explained by `diagnostics::explain_serde_message`.
    pub message: String,
}

/// What a field-by-field reading found.
#[derive(Debug)]
pub struct Checked<T> {
    /// In document order, one per wrong field.
    pub errors: Vec<FieldError>,
    /// The document without its wrong fields, when that can still be read into `T`.
    pub readable: Option<T>,
}

/// Tries every field of `document` on its own as part of a `T`. With `scalars_as_text`
/// (YAML, where an unquoted `2026` or `yes` is still text wherever text is expected), a
/// number or boolean given where text is expected is read as its text, as the YAML parser
/// itself does when it reads straight into `T`.
pub fn check_fields<T: DeserializeOwned>(document: &Value, scalars_as_text: bool) -> Checked<T> {
    let mut errors = Vec::new();
    let readable = match document {
        Value::Object(map) => {
            let mut path = Vec::new();
            let fields = Fields {
                scalars_as_text,
                marker: std::marker::PhantomData::<T>,
            };
            let kept = fields.check_table(&mut path, map, &mut errors);
            read_without_missing(Value::Object(kept), &mut errors)
        }
        // A document that is not a table at all is reported by the typed parse.
        _ => None,
    };
    Checked { errors, readable }
}

struct Fields<T> {
    scalars_as_text: bool,
    marker: std::marker::PhantomData<T>,
}

impl<T: DeserializeOwned> Fields<T> {
    /// Checks the entries of the table at `path`, returning the ones that can be read.
    fn check_table(&self, path: &mut Vec<String>, table: &Map<String, Value>, errors: &mut Vec<FieldError>) -> Map<String, Value> {
        let mut kept = Map::new();
        for (key, value) in table {
            path.push(key.clone());
            match value {
                Value::Object(inner) if !inner.is_empty() && !is_toml_datetime(inner) => {
                    // First whether a table is allowed here at all, then its entries.
                    match self.try_at(path, Value::Object(Map::new())) {
                        Err(error) => errors.push(error),
                        Ok(()) => {
                            let inner_kept = self.check_table(path, inner, errors);
                            kept.insert(key.clone(), Value::Object(inner_kept));
                        }
                    }
                }
                _ => match self.try_at(path, value.clone()) {
                    Ok(()) => {
                        kept.insert(key.clone(), value.clone());
                    }
                    Err(error) if self.scalars_as_text && error.message.contains("expected a string") => {
                        let text = scalars_to_text(value);
                        match self.try_at(path, text.clone()) {
                            Ok(()) => {
                                kept.insert(key.clone(), text);
                            }
                            Err(_) => errors.push(error),
                        }
                    }
                    Err(error) => errors.push(error),
                },
            }
            path.pop();
        }
        kept
    }

    /// Reads a document holding only `value` at `path` into `T`; a complaint about a
    /// missing key is not this field's problem.
    fn try_at(&self, path: &[String], value: Value) -> Result<(), FieldError> {
        let skeleton = path.iter().rev().fold(value, |inner, key| {
            let mut map = Map::new();
            map.insert(key.clone(), inner);
            Value::Object(map)
        });
        match T::deserialize(skeleton) {
            Ok(_) => Ok(()),
            Err(error) => {
                let message = error.to_string();
                if message.starts_with("missing field") {
                    return Ok(());
                }
                let problem = if message.starts_with("unknown field") {
                    Problem::UnknownKey
                } else {
                    Problem::BadValue
                };
                Err(FieldError {
                    path: path.to_vec(),
                    problem,
                    message,
                })
            }
        }
    }
}

/// Reads the document of readable fields into `T`. A table that lacks a required key
/// cannot be read: the key is reported (unless it was dropped for a wrong value, which
/// was reported already) and the table is dropped, until the rest can be read.
fn read_without_missing<T: DeserializeOwned>(mut document: Value, errors: &mut Vec<FieldError>) -> Option<T> {
    // Each round drops one table, so this ends; the bound only guards against surprises.
    for _ in 0..64 {
        let error = match serde_path_to_error::deserialize::<_, T>(&document) {
            Ok(value) => return Some(value),
            Err(error) => error,
        };
        let table: Vec<String> = error
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                _ => None,
            })
            .collect();
        let message = error.into_inner().to_string();
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)?;
        let reported = errors
            .iter()
            .any(|e| e.path.len() == table.len() + 1 && e.path.starts_with(&table) && e.path[table.len()] == missing);
        if !reported {
            errors.push(FieldError {
                path: table.clone(),
                problem: Problem::MissingKey(missing),
                message,
            });
        }
        let (last, parents) = table.split_last()?;
        let parent = parents.iter().try_fold(&mut document, |value, key| value.get_mut(key))?;
        parent.as_object_mut()?.remove(last);
    }
    None
}

/// Where a checked document sits, to turn its field errors into diagnostics.
pub struct Place<'a> {
    pub file: &'a Path,
    /// The document's text (the front matter without its fences).
    pub text: &'a str,
    pub format: Format,
    /// 1-based line of the document's first line in the file.
    pub first_line: usize,
    /// The whole file, for the offending line shown under a message.
    pub full_text: &'a str,
    /// What the document is called in messages: "the front matter", "config.toml".
    pub name: &'a str,
}

/// One diagnostic per field error (at most [`MAX_SHOWN`], then one saying how many more),
/// each at the key or value it is about. `hint_for` may give a better hint for serde's
/// message than the generic one.
pub fn diagnose(errors: &[FieldError], place: &Place<'_>, hint_for: &dyn Fn(&str) -> Option<String>) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> = errors.iter().take(MAX_SHOWN).map(|e| diagnose_one(e, place, hint_for)).collect();
    if errors.len() > MAX_SHOWN {
        diagnostics.push(
            Diagnostic::error(
                place.file,
                0,
                0,
                format!("{} more problems in {} are not shown", errors.len() - MAX_SHOWN, place.name),
            )
            .with_hint("fix the problems above and build again to see the rest"),
        );
    }
    diagnostics
}

fn diagnose_one(error: &FieldError, place: &Place<'_>, hint_for: &dyn Fn(&str) -> Option<String>) -> Diagnostic {
    let path: Vec<&str> = error.path.iter().map(String::as_str).collect();
    let (line, column) = position(error, &path, place);
    // The table the key belongs to (a missing key's path is its table's).
    let table = match error.problem {
        Problem::MissingKey(_) => &path[..],
        _ => &path[..path.len().saturating_sub(1)],
    };
    let name = match table {
        [] => place.name.to_string(),
        keys => format!("`{}` in {}", keys.join("."), place.name),
    };
    let (message, hint) = explain_serde_message(&error.message, &name);
    let line = if line == 0 { 0 } else { line + place.first_line - 1 };
    let mut diagnostic = Diagnostic::error(place.file, line, column, message).with_source(place.full_text);
    if let Some(hint) = hint_for(&error.message).or(hint) {
        diagnostic = diagnostic.with_hint(hint);
    }
    diagnostic
}

/// The key for an unknown key, the value for a wrong value, the table for a missing key;
/// the nearest enclosing key that can be found otherwise.
fn position(error: &FieldError, path: &[&str], place: &Place<'_>) -> (usize, usize) {
    let exact = match error.problem {
        _ if path.is_empty() => Some((1, 1)),
        Problem::BadValue => locate_key(place.text, place.format, path),
        Problem::UnknownKey | Problem::MissingKey(_) => locate_key_name(place.text, place.format, path),
    };
    exact
        .or_else(|| {
            (1..path.len())
                .rev()
                .find_map(|n| locate_key_name(place.text, place.format, &path[..n]))
        })
        .unwrap_or((1, 1))
}

/// TOML dates and times arrive as a one-key table holding their text: a value, not a table.
fn is_toml_datetime(table: &Map<String, Value>) -> bool {
    table.len() == 1 && table.contains_key("$__toml_private_datetime")
}

/// The value with every number and boolean in it turned into its text.
fn scalars_to_text(value: &Value) -> Value {
    match value {
        Value::Number(n) => Value::String(n.to_string()),
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Array(items) => Value::Array(items.iter().map(scalars_to_text).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Page {
        title: String,
        weight: Option<i64>,
        role: Option<Role>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Role {
        years: u32,
        level: Level,
        salary: Option<Salary>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Salary {
        min: f64,
        period: Level,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Level {
        Low,
        High,
    }

    fn check(toml_text: &str) -> Checked<Page> {
        let document: Value = toml::from_str(toml_text).unwrap();
        check_fields(&document, false)
    }

    /// The errors' paths and problems, sorted: table order depends on serde_json's features.
    fn paths(checked: &Checked<Page>) -> Vec<(String, Problem)> {
        let mut paths: Vec<(String, Problem)> = checked.errors.iter().map(|e| (e.path.join("."), e.problem.clone())).collect();
        paths.sort_by(|a, b| a.0.cmp(&b.0));
        paths
    }

    #[test]
    fn two_wrong_values_in_one_nested_table_are_both_found() {
        let checked = check("title = \"A\"\n[role]\nyears = 2\nlevel = \"urgent\"\n[role.salary]\nmin = 1\nperiod = \"fortnight\"\n");
        assert_eq!(
            paths(&checked),
            vec![
                ("role.level".into(), Problem::BadValue),
                ("role.salary.period".into(), Problem::BadValue)
            ]
        );
        assert!(checked.errors[0].message.contains("unknown variant `urgent`"));
        // The role cannot be read without its level: the page without it can.
        let page = checked.readable.unwrap();
        assert!(page.role.is_none());
        assert_eq!(page.title, "A");
    }

    #[test]
    fn unknown_keys_wrong_types_and_missing_keys_are_told_apart() {
        let checked = check("titel = \"A\"\nweight = \"heavy\"\n[role]\nlevel = \"low\"\ncolour = 1\n");
        assert_eq!(
            paths(&checked),
            vec![
                ("".into(), Problem::MissingKey("title".into())),
                ("role".into(), Problem::MissingKey("years".into())),
                ("role.colour".into(), Problem::UnknownKey),
                ("titel".into(), Problem::UnknownKey),
                ("weight".into(), Problem::BadValue),
            ]
        );
        assert!(checked.readable.is_none());
    }

    #[test]
    fn an_unknown_table_is_one_error_not_one_per_entry() {
        let checked = check("title = \"A\"\n[rolle]\nyears = 2\nlevel = \"low\"\n");
        assert_eq!(paths(&checked), vec![("rolle".into(), Problem::UnknownKey)]);
        assert!(checked.readable.is_some());
    }

    #[test]
    fn a_value_dropped_as_wrong_is_not_also_reported_missing() {
        let checked = check("title = 5\n");
        assert_eq!(paths(&checked), vec![("title".into(), Problem::BadValue)]);
    }

    #[test]
    fn yaml_scalars_are_text_where_text_is_expected() {
        let document: Value = serde_json::json!({ "title": 2026, "weight": "x" });
        let checked: Checked<Page> = check_fields(&document, true);
        assert_eq!(paths(&checked), vec![("weight".into(), Problem::BadValue)]);
        assert_eq!(checked.readable.unwrap().title, "2026");
        let strict: Checked<Page> = check_fields(&document, false);
        assert_eq!(strict.errors.len(), 2);
    }
}
