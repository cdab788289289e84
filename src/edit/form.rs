//! The front matter as the editor's form holds it, and the changes between the file and
//! what the form sends back.
//!
//! The form follows the page schema (`content::page::PageFrontMatter` and its `[role]`),
//! but holds everything as text, as a person typed it. Only values that differ from the
//! file *as values* become changes (`100000` and `100000.0` are the same amount), so a
//! save that changes the salary rewrites the salary and nothing else.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// A value the editor writes into front matter.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
    /// A date written as year-month-day: a date value in TOML, plain text in YAML.
    Date(String),
    List(Vec<String>),
}

/// One change to front matter: set a key (creating the tables around it), or remove it.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Set(Vec<&'static str>, Value),
    Remove(Vec<&'static str>),
}

/// Every key the form edits, in the order a new file gets them.
pub const FIELDS: [&[&str]; 15] = [
    &["title"],
    &["description"],
    &["date"],
    &["updated"],
    &["weight"],
    &["draft"],
    &["role", "experience_years"],
    &["role", "demand"],
    &["role", "industries"],
    &["role", "skills"],
    &["role", "soft_skills"],
    &["role", "salary", "min"],
    &["role", "salary", "max"],
    &["role", "salary", "currency"],
    &["role", "salary", "period"],
];

/// The tables the form edits, so an error about a table (a missing key) has a place too.
pub const TABLES: [&[&str]; 2] = [&["role"], &["role", "salary"]];

/// The page's front matter as the form shows and sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Form {
    pub title: String,
    pub description: String,
    pub date: String,
    pub updated: String,
    pub weight: String,
    pub draft: bool,
    pub role: Option<RoleForm>,
}

/// `[role]` in the form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoleForm {
    pub experience_years: String,
    pub demand: String,
    pub industries: Vec<String>,
    pub skills: Vec<String>,
    pub soft_skills: Vec<String>,
    pub salary: Option<SalaryForm>,
}

/// `[role.salary]` in the form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SalaryForm {
    pub min: String,
    pub max: String,
    pub currency: String,
    pub period: String,
}

/// A value the form cannot turn into front matter (a salary that is not a number), with
/// the field it belongs to (`role.salary.min`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

impl Form {
    /// The form for front matter read as a plain value (TOML or YAML).
    pub fn from_front(front: &Json) -> Form {
        let text = |path: &[&str]| lookup(front, path).map(text_of).unwrap_or_default();
        let list = |path: &[&str]| match lookup(front, path) {
            Some(Json::Array(items)) => items.iter().map(text_of).collect(),
            _ => Vec::new(),
        };
        let role = lookup(front, &["role"]).filter(|r| r.is_object()).map(|_| RoleForm {
            experience_years: text(&["role", "experience_years"]),
            demand: text(&["role", "demand"]),
            industries: list(&["role", "industries"]),
            skills: list(&["role", "skills"]),
            soft_skills: list(&["role", "soft_skills"]),
            salary: lookup(front, &["role", "salary"]).filter(|s| s.is_object()).map(|_| SalaryForm {
                min: text(&["role", "salary", "min"]),
                max: text(&["role", "salary", "max"]),
                currency: text(&["role", "salary", "currency"]),
                period: text(&["role", "salary", "period"]),
            }),
        });
        Form {
            title: text(&["title"]),
            description: text(&["description"]),
            date: text(&["date"]),
            updated: text(&["updated"]),
            weight: text(&["weight"]),
            draft: matches!(lookup(front, &["draft"]), Some(Json::Bool(true))),
            role,
        }
    }

    /// The value of every field of [`FIELDS`] that the form has (`None`: the key is not
    /// written), or what cannot be read in it.
    fn values(&self) -> Vec<(&'static [&'static str], Read)> {
        let optional_text = |text: &str| -> Read { Ok((!text.trim().is_empty()).then(|| Value::Text(text.trim().to_string()))) };
        let date = |text: &str| -> Read {
            let text = text.trim();
            Ok(if text.is_empty() {
                None
            } else if crate::content::page::parse_date(text).is_some() && text.len() == 10 {
                Some(Value::Date(text.to_string()))
            } else {
                // Written as text: the build's own check then says it is not a date.
                Some(Value::Text(text.to_string()))
            })
        };
        let text = |text: &str| -> Read { Ok(Some(Value::Text(text.trim().to_string()))) };
        let list = |items: &[String]| -> Read { Ok(Some(Value::List(tidy(items)))) };
        // An emptied title is removed; the build's own check then says a page needs one.
        let mut values = vec![
            (FIELDS[0], optional_text(&self.title)),
            (FIELDS[1], optional_text(&self.description)),
            (FIELDS[2], date(&self.date)),
            (FIELDS[3], date(&self.updated)),
            (FIELDS[4], whole_number(&self.weight, "weight", "the weight")),
            (FIELDS[5], Ok(Some(Value::Bool(self.draft)))),
        ];
        if let Some(role) = &self.role {
            let years = whole_number(&role.experience_years, "role.experience_years", "the years of experience");
            // Left empty it is written empty, so the build names the missing number.
            values.push((FIELDS[6], years.map(|y| y.or(Some(Value::Text(String::new()))))));
            values.push((FIELDS[7], text(&role.demand)));
            values.push((FIELDS[8], list(&role.industries)));
            values.push((FIELDS[9], list(&role.skills)));
            values.push((FIELDS[10], list(&role.soft_skills)));
            if let Some(salary) = &role.salary {
                values.push((FIELDS[11], amount(&salary.min, "role.salary.min")));
                values.push((FIELDS[12], amount(&salary.max, "role.salary.max")));
                values.push((FIELDS[13], text(&salary.currency)));
                values.push((FIELDS[14], text(&salary.period)));
            }
        }
        values
    }

    /// A field as typed, to tell an untouched field from an edited one; `None` when the
    /// form has no such field (no role, no salary).
    fn input(&self, path: &[&str]) -> Option<String> {
        let role = self.role.as_ref();
        let salary = role.and_then(|r| r.salary.as_ref());
        match path {
            ["title"] => Some(self.title.clone()),
            ["description"] => Some(self.description.clone()),
            ["date"] => Some(self.date.clone()),
            ["updated"] => Some(self.updated.clone()),
            ["weight"] => Some(self.weight.clone()),
            ["draft"] => Some(self.draft.to_string()),
            ["role", "experience_years"] => role.map(|r| r.experience_years.clone()),
            ["role", "demand"] => role.map(|r| r.demand.clone()),
            ["role", "industries"] => role.map(|r| r.industries.join("\n")),
            ["role", "skills"] => role.map(|r| r.skills.join("\n")),
            ["role", "soft_skills"] => role.map(|r| r.soft_skills.join("\n")),
            ["role", "salary", "min"] => salary.map(|s| s.min.clone()),
            ["role", "salary", "max"] => salary.map(|s| s.max.clone()),
            ["role", "salary", "currency"] => salary.map(|s| s.currency.clone()),
            ["role", "salary", "period"] => salary.map(|s| s.period.clone()),
            _ => None,
        }
    }

    /// The changes that turn `front` (the file's front matter as a plain value) into this
    /// form: one per field whose value differs, and a removal of `[role]` or
    /// `[role.salary]` when the form has none but the file has. A field left as the file
    /// has it is never read again, so a mistake elsewhere in the file does not block a save
    /// (the build's checks still report it).
    pub fn changes(&self, front: &Json) -> Result<Vec<Change>, Vec<FieldProblem>> {
        let original = Form::from_front(front);
        let mut changes = Vec::new();
        let mut problems = Vec::new();
        // Only a table the form showed can be removed by the form.
        let role_removed = self.role.is_none() && original.role.is_some();
        let salary_removed =
            self.role.as_ref().is_some_and(|r| r.salary.is_none()) && original.role.as_ref().is_some_and(|r| r.salary.is_some());
        if role_removed {
            changes.push(Change::Remove(vec!["role"]));
        } else if salary_removed {
            changes.push(Change::Remove(vec!["role", "salary"]));
        }
        for (path, value) in self.values() {
            if self.input(path) == original.input(path) {
                continue;
            }
            match value {
                Err(problem) => problems.push(problem),
                Ok(value) if same(lookup(front, path), value.as_ref(), path) => {}
                Ok(Some(value)) => changes.push(Change::Set(path.to_vec(), value)),
                Ok(None) => changes.push(Change::Remove(path.to_vec())),
            }
        }
        if problems.is_empty() { Ok(changes) } else { Err(problems) }
    }
}

/// A field read from the form: its value (`None`: not written), or why it cannot be.
type Read = Result<Option<Value>, FieldProblem>;

/// The value at `path` in a plain value.
pub fn lookup<'a>(value: &'a Json, path: &[&str]) -> Option<&'a Json> {
    path.iter().try_fold(value, |value, key| value.get(*key))
}

/// A scalar as the form shows it: text as is, numbers and booleans written out, a TOML
/// date (read as a one-key map holding its text) as its text.
fn text_of(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        Json::Object(map) if map.len() == 1 => map.values().next().map(text_of).unwrap_or_default(),
        Json::Null => String::new(),
        other => other.to_string(),
    }
}

/// Whether the file's value and the form's are the same value. An absent `draft` is
/// `false` and an absent list is empty, as the build reads them.
fn same(old: Option<&Json>, new: Option<&Value>, path: &[&str]) -> bool {
    match (old, new) {
        (None, None) => true,
        (None, Some(Value::Bool(false))) => path == ["draft"],
        (None, Some(Value::List(items))) => items.is_empty(),
        (Some(old), Some(new)) => same_value(old, new),
        _ => false,
    }
}

fn same_value(old: &Json, new: &Value) -> bool {
    match new {
        Value::Text(text) | Value::Date(text) => !old.is_array() && text_of(old) == *text,
        Value::Integer(n) => old.as_f64() == Some(*n as f64),
        Value::Float(n) => old.as_f64() == Some(*n),
        Value::Bool(b) => old.as_bool() == Some(*b),
        Value::List(items) => match old {
            Json::Array(old) => old.len() == items.len() && old.iter().zip(items).all(|(o, n)| text_of(o) == *n),
            _ => false,
        },
    }
}

/// List items without surrounding spaces, empty entries dropped.
fn tidy(items: &[String]) -> Vec<String> {
    items.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

/// `None` for an empty field, else a whole number.
fn whole_number(text: &str, field: &str, name: &str) -> Read {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>().map(|n| Some(Value::Integer(n))).map_err(|_| FieldProblem {
        field: field.to_string(),
        message: format!("{name} must be a whole number, like 3; \"{text}\" is not one"),
    })
}

/// A salary amount: digits, optionally with a decimal point; thousands separators
/// (`85,000`, `85 000`) are accepted and dropped.
fn amount(text: &str, field: &str) -> Read {
    let digits: String = text.trim().chars().filter(|c| !matches!(c, ',' | '_' | ' ' | '\u{a0}')).collect();
    if let Ok(n) = digits.parse::<i64>() {
        return Ok(Some(Value::Integer(n)));
    }
    match digits.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(Some(Value::Float(n))),
        _ => Err(FieldProblem {
            field: field.to_string(),
            message: if digits.is_empty() {
                "write the amount as a number, like 85000".to_string()
            } else {
                format!(
                    "\"{}\" is not an amount: write it as a number without a currency sign, like 85000",
                    text.trim()
                )
            },
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(toml_text: &str) -> Json {
        toml::from_str(toml_text).unwrap()
    }

    const ROLE: &str = "title = \"A\"\ndate = 2026-01-15\n[role]\nexperience_years = 3\ndemand = \"high\"\nskills = [\"Go\"]\n[role.salary]\nmin = 100000\nmax = 150000.0\ncurrency = \"USD\"\nperiod = \"year\"\n";

    #[test]
    fn the_form_of_a_file_sent_back_unchanged_changes_nothing() {
        let front = front(ROLE);
        let form = Form::from_front(&front);
        assert_eq!(form.date, "2026-01-15");
        assert_eq!(form.role.as_ref().unwrap().salary.as_ref().unwrap().max, "150000.0");
        assert_eq!(form.changes(&front).unwrap(), vec![]);
    }

    #[test]
    fn only_the_changed_values_become_changes() {
        let front = front(ROLE);
        let mut form = Form::from_front(&front);
        let role = form.role.as_mut().unwrap();
        role.salary.as_mut().unwrap().min = "110,000".into();
        role.salary.as_mut().unwrap().max = "150000".into();
        role.skills.push(" Rust ".into());
        form.description = "New".into();
        assert_eq!(
            form.changes(&front).unwrap(),
            vec![
                Change::Set(vec!["description"], Value::Text("New".into())),
                Change::Set(vec!["role", "skills"], Value::List(vec!["Go".into(), "Rust".into()])),
                Change::Set(vec!["role", "salary", "min"], Value::Integer(110000)),
            ]
        );
    }

    #[test]
    fn removing_the_salary_removes_its_table_and_emptied_fields_their_keys() {
        let front = front(ROLE);
        let mut form = Form::from_front(&front);
        form.role.as_mut().unwrap().salary = None;
        form.date = String::new();
        assert_eq!(
            form.changes(&front).unwrap(),
            vec![Change::Remove(vec!["role", "salary"]), Change::Remove(vec!["date"])]
        );
    }

    #[test]
    fn amounts_and_numbers_that_cannot_be_read_are_named_by_field() {
        let front = front(ROLE);
        let mut form = Form::from_front(&front);
        form.weight = "heavy".into();
        form.role.as_mut().unwrap().salary.as_mut().unwrap().min = "$90k".into();
        let problems = form.changes(&front).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["weight", "role.salary.min"]);
        assert!(problems[1].message.contains("\"$90k\" is not an amount"), "{problems:?}");
    }
}
