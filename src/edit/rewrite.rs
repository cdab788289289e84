//! A content file rewritten with a form's values, keeping everything else as it was: the
//! fences, comments, key order, quoting and flavour of the front matter, and the body byte
//! for byte when it was not edited.
//!
//! The new front matter is read back and compared with what was asked: every edited
//! field must hold its new value and every other value must be unchanged. A rewrite that
//! does not pass is refused, so a shape of front matter we did not foresee can never be
//! saved wrong.

use std::path::Path;

use serde_json::Value as Json;

use super::form::{Change, FIELDS, FieldProblem, Form};
use crate::content::frontmatter;
use crate::locate::Format;

/// A content file opened in the editor.
#[derive(Debug)]
pub struct Opened<'a> {
    pub text: &'a str,
    pub format: Format,
    /// The front matter as a plain value.
    pub front: Json,
    pub form: Form,
    pub body: &'a str,
    /// 1-based line of the front matter's first line, and of the body's.
    pub front_line: usize,
    pub body_line: usize,
    front_text: &'a str,
}

/// Why a file cannot be opened or rewritten.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// The front matter cannot be read: the file must be fixed in a text editor first.
    Unreadable(String),
    /// Values of the form that cannot be written (a salary that is not a number).
    Fields(Vec<FieldProblem>),
    /// The front matter is written in a way the editor cannot change safely.
    Shape(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Unreadable(message) | Refusal::Shape(message) => f.write_str(message),
            Refusal::Fields(problems) => {
                let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
                f.write_str(&messages.join("; "))
            }
        }
    }
}

/// Reads a content file for the form.
pub fn open<'a>(text: &'a str, shown: &Path) -> Result<Opened<'a>, Refusal> {
    let split = frontmatter::split(text, shown).map_err(|d| Refusal::Unreadable(d.to_string()))?;
    let front = parse_plain(split.front, split.format).map_err(Refusal::Unreadable)?;
    Ok(Opened {
        text,
        format: split.format,
        form: Form::from_front(&front),
        front,
        body: split.body,
        front_line: split.front_line,
        body_line: split.body_line,
        front_text: split.front,
    })
}

/// Front matter as a plain value, or why it cannot be read.
pub fn parse_plain(front: &str, format: Format) -> Result<Json, String> {
    let parsed = match format {
        Format::Toml => toml::from_str::<Json>(front).map_err(|e| e.message().to_string()),
        Format::Yaml if front.trim().is_empty() => Ok(Json::Object(Default::default())),
        Format::Yaml => serde_saphyr::from_str::<Json>(front).map_err(|e| e.to_string()),
    };
    match parsed {
        Ok(value @ Json::Object(_)) => Ok(value),
        Ok(_) => Err("the front matter is not a list of settings".to_string()),
        Err(message) => Err(format!(
            "the front matter cannot be read ({}); fix it in a text editor first, or run `guide check` to see where",
            message.lines().next().unwrap_or("").trim()
        )),
    }
}

impl Opened<'_> {
    /// The file's new text with the form's values and `body`.
    pub fn rewrite(&self, form: &Form, body: &str) -> Result<String, Refusal> {
        let changes = form.changes(&self.front).map_err(Refusal::Fields)?;
        let front = if changes.is_empty() {
            self.front_text.to_string()
        } else {
            let rewritten = match self.format {
                Format::Toml => super::toml::apply(self.front_text, &changes),
                Format::Yaml => super::yaml::apply(self.front_text, &changes),
            }
            .map_err(Refusal::Shape)?;
            self.verify(&rewritten, &changes)?;
            rewritten
        };
        let body = if same_body(self.body, body) {
            self.body.to_string()
        } else {
            with_line_endings_of(self.body, body)
        };
        // The fences and anything before the front matter (a byte order mark) stay as they were.
        let front_start = offset_in(self.text, self.front_text);
        let front_end = front_start + self.front_text.len();
        let body_start = offset_in(self.text, self.body);
        let mut out = String::with_capacity(self.text.len() + front.len() + body.len());
        out.push_str(&self.text[..front_start]);
        out.push_str(&front);
        out.push_str(&self.text[front_end..body_start]);
        out.push_str(&body);
        Ok(out)
    }

    /// Reads the rewritten front matter back: the edited fields hold their new values,
    /// and everything else is what it was.
    fn verify(&self, rewritten: &str, changes: &[Change]) -> Result<(), Refusal> {
        let unsafe_rewrite = |what: &str| {
            Refusal::Shape(format!(
                "the editor could not change this file's front matter safely ({what}); nothing was written: edit this value in a text editor"
            ))
        };
        let new = parse_plain(rewritten, self.format).map_err(|_| unsafe_rewrite("the result would not be readable"))?;
        let mut expected = self.front.clone();
        for change in changes {
            match change {
                Change::Set(path, value) => set_plain(&mut expected, path, plain_of(value)),
                Change::Remove(path) => remove_plain(&mut expected, path),
            }
        }
        if normalised(&new) != normalised(&expected) {
            return Err(unsafe_rewrite("a value came out different from the one asked for"));
        }
        Ok(())
    }
}

/// Whether the body from the form is the file's body: a browser sends text areas with
/// `\n` line endings.
fn same_body(file: &str, form: &str) -> bool {
    file == form || (file.contains('\r') && file.replace("\r\n", "\n") == form)
}

/// A body from the form with the file's line endings (`\r\n` when the file used them).
fn with_line_endings_of(file: &str, form: &str) -> String {
    if file.contains("\r\n") {
        form.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        form.to_string()
    }
}

/// Byte offset of `part` (a slice of `whole`) in `whole`.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize).min(whole.len())
}

/// A form value as the plain value a parser gives back for it.
fn plain_of(value: &super::form::Value) -> Json {
    use super::form::Value;
    match value {
        Value::Text(text) | Value::Date(text) => Json::String(text.clone()),
        Value::Integer(n) => Json::from(*n),
        Value::Float(n) => Json::from(*n),
        Value::Bool(b) => Json::Bool(*b),
        Value::List(items) => Json::Array(items.iter().cloned().map(Json::String).collect()),
    }
}

fn set_plain(value: &mut Json, path: &[&str], new: Json) {
    let Some((last, parents)) = path.split_last() else { return };
    let mut table = value;
    for key in parents {
        let Json::Object(map) = table else { return };
        table = map.entry(key.to_string()).or_insert_with(|| Json::Object(Default::default()));
    }
    if let Json::Object(map) = table {
        map.insert(last.to_string(), new);
    }
}

fn remove_plain(value: &mut Json, path: &[&str]) {
    let Some((last, parents)) = path.split_last() else { return };
    let parent = if parents.is_empty() {
        Some(value)
    } else {
        lookup_mut(value, parents)
    };
    if let Some(Json::Object(map)) = parent {
        map.remove(*last);
    }
}

fn lookup_mut<'a>(value: &'a mut Json, path: &[&str]) -> Option<&'a mut Json> {
    path.iter().try_fold(value, |value, key| value.get_mut(*key))
}

/// A plain value compared as values: numbers as amounts (`1` = `1.0`), TOML dates as their
/// text, the edited fields' dates as text either way.
fn normalised(value: &Json) -> Json {
    match value {
        Json::Number(n) => n.as_f64().map_or(Json::Number(n.clone()), Json::from),
        Json::Object(map) if map.len() == 1 && map.keys().all(|k| k.starts_with("$__toml")) => {
            map.values().next().map_or(Json::Null, normalised)
        }
        Json::Object(map) => Json::Object(map.iter().map(|(k, v)| (k.clone(), normalised(v))).collect()),
        Json::Array(items) => Json::Array(items.iter().map(normalised).collect()),
        other => other.clone(),
    }
}

/// Where each key of the front matter is: 1-based file line → the form field it is
/// (`role.salary.min`, or the tables `role` and `role.salary`), `None` for a key the form
/// does not show (`slug`, `extra`), so the build's errors can be placed beside their field
/// and an error about another key is not put beside the field above it.
pub fn field_lines(front: &str, format: Format, front_line: usize) -> Vec<(usize, Option<String>)> {
    let mut paths: Vec<Vec<String>> = Vec::new();
    match parse_plain(front, format) {
        Ok(value) => collect_paths(&value, &mut Vec::new(), &mut paths),
        // Unreadable: the form's own keys, found in the text.
        Err(_) => paths.extend(FIELDS.iter().map(|p| p.iter().map(|k| k.to_string()).collect())),
    }
    let known = |name: &str| FIELDS.iter().chain(super::form::TABLES.iter()).any(|p| p.join(".") == name);
    let mut lines: Vec<(usize, Option<String>)> = paths
        .iter()
        .filter_map(|path| {
            let keys: Vec<&str> = path.iter().map(String::as_str).collect();
            let (line, _) = crate::locate::locate_key_name(front, format, &keys)?;
            let name = keys.join(".");
            Some((line + front_line - 1, known(&name).then_some(name)))
        })
        .collect();
    lines.sort();
    lines.dedup_by_key(|(line, _)| *line);
    lines
}

/// Every key path of a plain value, tables before their keys.
fn collect_paths(value: &Json, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    if let Json::Object(map) = value {
        if map.len() == 1 && map.keys().all(|k| k.starts_with("$__toml")) {
            return;
        }
        for (key, child) in map {
            path.push(key.clone());
            out.push(path.clone());
            collect_paths(child, path, out);
            path.pop();
        }
    }
}

impl Opened<'_> {
    /// The front matter's text, without its fences.
    pub fn front_text(&self) -> &str {
        self.front_text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown() -> &'static Path {
        Path::new("content/a.md")
    }

    #[test]
    fn an_unchanged_form_gives_the_same_bytes() {
        let text = "\u{feff}+++\r\ntitle = 'A' # the title\r\n+++\r\n\r\nBody\r\n";
        let opened = open(text, shown()).unwrap();
        let body = opened.body.replace("\r\n", "\n");
        assert_eq!(opened.rewrite(&opened.form.clone(), &body).unwrap(), text);
    }

    #[test]
    fn an_edited_body_keeps_the_front_matter_and_the_line_endings() {
        let text = "+++\r\ntitle = \"A\"\r\n+++\r\nOld\r\n";
        let opened = open(text, shown()).unwrap();
        assert_eq!(
            opened.rewrite(&opened.form.clone(), "New\nText\n").unwrap(),
            "+++\r\ntitle = \"A\"\r\n+++\r\nNew\r\nText\r\n"
        );
    }

    #[test]
    fn unreadable_front_matter_is_refused_with_a_way_out() {
        let refusal = open("+++\ntitle = \"A\n+++\n", shown()).unwrap_err();
        assert!(
            matches!(&refusal, Refusal::Unreadable(m) if m.contains("text editor")),
            "{refusal:?}"
        );
    }

    #[test]
    fn field_lines_name_the_line_of_each_key_in_the_file() {
        let text = "+++\ntitle = \"A\"\n[role]\nexperience_years = 1\ndemand = \"low\"\n[role.salary]\nmin = 1\n[extra]\nx = 1\n+++\n";
        let opened = open(text, shown()).unwrap();
        let lines = field_lines(opened.front_text(), opened.format, opened.front_line);
        assert!(lines.contains(&(2, Some("title".into()))), "{lines:?}");
        assert!(lines.contains(&(6, Some("role.salary".into()))), "{lines:?}");
        assert!(lines.contains(&(7, Some("role.salary.min".into()))), "{lines:?}");
        assert!(lines.contains(&(8, None)) && lines.contains(&(9, None)), "{lines:?}");
    }

    fn files_under(folder: &str) -> Vec<(std::path::PathBuf, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        let mut files: Vec<_> = walkdir::WalkDir::new(&root)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
            .map(|e| (e.path().to_path_buf(), std::fs::read_to_string(e.path()).unwrap()))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{folder}");
        files
    }

    /// The 0-based numbers of the lines that differ (both texts have as many lines).
    fn changed_lines(old: &str, new: &str) -> Vec<usize> {
        assert_eq!(old.lines().count(), new.lines().count(), "{new}");
        old.lines()
            .zip(new.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn every_file_of_the_starter_guide_and_the_fixtures_is_rewritten_unchanged_when_nothing_changed() {
        let mut unreadable = Vec::new();
        for folder in ["content", "tests/fixtures/errors", "tests/fixtures/check", "src/cmd/init"] {
            for (path, text) in files_under(folder) {
                match open(&text, &path) {
                    Ok(opened) => assert_eq!(
                        opened.rewrite(&opened.form.clone(), opened.body).unwrap(),
                        text,
                        "{}",
                        path.display()
                    ),
                    Err(Refusal::Unreadable(_)) => unreadable.push(path.file_name().unwrap().to_string_lossy().into_owned()),
                    Err(other) => panic!("{}: {other:?}", path.display()),
                }
            }
        }
        unreadable.sort();
        assert_eq!(unreadable, ["invalid_toml.md", "invalid_yaml.md", "unclosed_front_matter.md"]);
    }

    #[test]
    fn a_new_salary_and_skill_change_only_their_lines_in_every_role_of_the_starter_guide() {
        let mut roles = 0;
        for (path, text) in files_under("content") {
            let opened = open(&text, &path).unwrap();
            let mut form = opened.form.clone();
            let Some(role) = form.role.as_mut() else { continue };
            roles += 1;
            role.skills.push("Incident review".into());
            let salary = role.salary.as_mut().unwrap();
            salary.min = format!("{}", salary.min.parse::<f64>().unwrap() + 1000.0);
            let new = opened.rewrite(&form, opened.body).unwrap();
            let changed = changed_lines(&text, &new);
            let lines: Vec<&str> = new.lines().collect();
            assert_eq!(changed.len(), 2, "{}: {changed:?}", path.display());
            assert!(lines[changed[0]].starts_with("skills = [") && lines[changed[0]].ends_with(", \"Incident review\"]"));
            assert!(lines[changed[1]].starts_with("min = "), "{}", lines[changed[1]]);
            let reread = open(&new, &path).unwrap();
            assert_eq!(reread.form, form, "{}", path.display());
        }
        assert!(roles >= 15, "{roles}");
    }

    #[test]
    fn fixtures_with_mistakes_elsewhere_still_get_a_title_change_on_its_line_alone() {
        for (path, text) in files_under("tests/fixtures/errors") {
            let Ok(opened) = open(&text, &path) else { continue };
            if opened.front.get("title").is_none_or(|t| !t.is_string()) {
                continue;
            }
            let mut form = opened.form.clone();
            form.title = "A better title".into();
            let new = opened
                .rewrite(&form, opened.body)
                .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
            let changed = changed_lines(&text, &new);
            assert_eq!(changed.len(), 1, "{}", path.display());
            assert!(new.lines().nth(changed[0]).unwrap().contains("A better title"));
        }
    }

    /// The role in `text` with its second skill made "Kubernetes" and its minimum 95000.
    fn with_second_skill_and_minimum(text: &str, format: Format) -> (String, Form) {
        let opened = open(text, shown()).unwrap();
        assert_eq!(opened.format, format);
        let mut form = opened.form.clone();
        let role = form.role.as_mut().unwrap();
        role.skills[1] = "Kubernetes".into();
        role.salary.as_mut().unwrap().min = "95000".into();
        (opened.rewrite(&form, opened.body).unwrap(), form)
    }

    #[test]
    fn a_yaml_role_with_comments_changes_only_the_salary_and_skill_lines() {
        let text = "---\n# Owned by the platform team\ntitle: Platform Engineer  # keep short\nrole:\n  experience_years: 4\n  demand: high\n  skills:\n    - Go          # main language\n    - Terraform\n  salary:\n    min: 90000    # reviewed 2026\n    max: 130000\n    currency: EUR\n    period: year\n---\n\nBody text.\n";
        let (new, form) = with_second_skill_and_minimum(text, Format::Yaml);
        assert_eq!(
            new,
            text.replace("    - Terraform\n", "    - Kubernetes\n")
                .replace("min: 90000    # reviewed", "min: 95000    # reviewed")
        );
        assert_eq!(open(&new, shown()).unwrap().form, form);
    }

    #[test]
    fn a_toml_role_with_comments_keeps_them() {
        let text = "+++\n# Owned by the platform team\ntitle = \"Platform Engineer\" # keep short\n\n[role]\nexperience_years = 4\ndemand = \"high\"\nskills = [\n  \"Go\", # main language\n  \"Terraform\",\n]\n\n[role.salary] # reviewed 2026\nmin = 90000 # before tax\nmax = 130000\ncurrency = \"EUR\"\nperiod = \"year\"\n+++\n\nBody text.\n";
        let (new, _) = with_second_skill_and_minimum(text, Format::Toml);
        assert_eq!(
            new,
            text.replace("  \"Terraform\",\n", "  \"Kubernetes\",\n")
                .replace("min = 90000 # before tax", "min = 95000 # before tax")
        );
    }
}
