//! Errors and warnings about the user's files, with positions a person can act on.
//!
//! Every problem found while building is collected as a [`Diagnostic`] so that a build
//! reports all of them together, each as `path:line:column: error: message`, followed by
//! the offending line, a caret under the column and a hint on how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a finding is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// The checks that only `guide check` makes, named in CI annotations (a one-byte enum keeps
/// `Diagnostic` small: it is the error type of many functions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    BrokenLink,
    ExternalLink,
    RepeatedQuestion,
    MissingGuideSection,
    SectionWithoutIndex,
    TranslationWithoutOriginal,
    HostLimit,
}

impl Rule {
    pub fn name(self) -> &'static str {
        match self {
            Rule::BrokenLink => "broken-link",
            Rule::ExternalLink => "external-link",
            Rule::RepeatedQuestion => "repeated-question",
            Rule::MissingGuideSection => "missing-guide-section",
            Rule::SectionWithoutIndex => "section-without-index",
            Rule::TranslationWithoutOriginal => "translation-without-original",
            Rule::HostLimit => "host-limit",
        }
    }
}

/// One finding about one place in one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The text of the offending line, shown under the message.
    pub source_line: Option<String>,
    /// The `guide check` rule that found it, for CI annotations; `None` for what the build
    /// itself rejects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
}

impl Diagnostic {
    /// An error at a known place.
    pub fn error(file: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file.into(), line, column, message.into())
    }

    /// A warning at a known place.
    pub fn warning(file: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file.into(), line, column, message.into())
    }

    fn new(severity: Severity, file: PathBuf, line: usize, column: usize, message: String) -> Self {
        Self {
            severity,
            file,
            line,
            column,
            message,
            hint: None,
            source_line: None,
            rule: None,
        }
    }

    /// A file or folder of the site that could not be read, with a hint for the usual causes:
    /// it may not be read by the user running `guide`, or it went while the build ran.
    pub fn cannot_read(file: impl Into<PathBuf>, error: &std::io::Error) -> Self {
        let file = file.into();
        let hint = match error.kind() {
            std::io::ErrorKind::PermissionDenied => Some(format!(
                "the user running guide may not read it; make it readable, for example with `chmod a+rX {}`",
                file.display()
            )),
            std::io::ErrorKind::NotFound => Some("it was moved or removed while the build ran; build again".to_string()),
            _ => None,
        };
        let diagnostic = Self::error(file, 0, 0, format!("cannot read: {error}"));
        match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    }

    /// Names the check that found the problem.
    pub fn with_rule(mut self, rule: Rule) -> Self {
        self.rule = Some(rule);
        self
    }

    /// The rule's name, or `build` for what the build itself rejects.
    pub fn rule_name(&self) -> &'static str {
        self.rule.map_or("build", Rule::name)
    }

    /// Adds advice on how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attaches the offending line, looked up in the file's full text.
    pub fn with_source(mut self, text: &str) -> Self {
        if self.line > 0 {
            self.source_line = text.lines().nth(self.line - 1).map(|l| l.trim_end().to_string());
        }
        self
    }

    /// Attaches the offending line when the caller has it at hand.
    pub fn with_source_line(mut self, line: Option<&str>) -> Self {
        if self.line > 0 {
            self.source_line = line.map(|l| l.trim_end().to_string());
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The `path:line:column` prefix used by editors and CI systems to jump to the place.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match (self.line, self.column) {
            (0, _) => format!("{file}"),
            (line, 0) => format!("{file}:{line}"),
            (line, column) => format!("{file}:{line}:{column}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {kind}: {}", self.location(), self.message)?;
        if let Some(source) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            write!(f, "\n {pad} |\n {number} | {source}")?;
            if self.column > 0 {
                let before: String = source
                    .chars()
                    .take(self.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n {pad} | {before}^")?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Prints every finding to stderr, separated by blank lines.
pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    use std::io::Write;
    let mut stderr = std::io::stderr().lock();
    for diagnostic in diagnostics {
        // A closed stderr (`2>&1 | head -1`) leaves nowhere to say so: the rest is dropped.
        if writeln!(stderr, "{diagnostic}\n").is_err() {
            return;
        }
    }
}

/// All findings of one build, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, then position, then message, so output never depends on thread timing.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items
            .sort_by(|a, b| (&a.file, a.line, a.column, a.severity, &a.message).cmp(&(&b.file, b.line, b.column, b.severity, &b.message)));
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let offset = (0..=offset).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The closest candidate to `unknown`, if it is close enough to be a likely typo.
pub fn suggest<'a>(unknown: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let unknown_lower = unknown.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&unknown_lower, &candidate.to_lowercase()), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.chars().count().max(3) / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// Turns serde's terse messages ("unknown field `titel`, expected one of ...") into a message
/// and a hint that a person who has never seen serde can act on.
pub fn explain_serde_message(message: &str, what: &str) -> (String, Option<String>) {
    let message = message.trim().trim_end_matches('.').lines().next().unwrap_or("").to_string();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = backticked(expected);
        let hint = match suggest(field, known.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`? The keys allowed here are: {}", known.join(", ")),
            None if known.is_empty() => "remove this key: nothing is allowed here".to_string(),
            None => format!("remove it or use one of: {}", known.join(", ")),
        };
        return (format!("unknown key `{field}` in {what}"), Some(hint));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = backticked(expected);
        let hint = match suggest(value, known.iter().map(String::as_str)) {
            Some(best) => format!("did you mean \"{best}\"? Allowed values: {}", known.join(", ")),
            None => format!("use one of: {}", known.join(", ")),
        };
        return (format!("\"{value}\" is not an allowed value"), Some(hint));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            format!("the required key `{field}` is missing from {what}"),
            Some(format!("add a line such as `{field} = \"...\"`")),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "another type"));
        return (
            format!("wrong kind of value: found {found}, expected {}", plain_type(expected)),
            Some(type_hint(expected)),
        );
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "another value"));
        return (
            format!("invalid value: found {found}, expected {}", plain_type(expected)),
            Some(type_hint(expected)),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate key") {
        return (
            format!("duplicate key{rest}"),
            Some("each key may appear only once: remove or merge the repeated line".into()),
        );
    }
    (message, None)
}

/// The names in "one of `a`, `b`" (TOML) or "one of a, b" (YAML).
fn backticked(text: &str) -> Vec<String> {
    if text.contains('`') {
        return text.split('`').skip(1).step_by(2).map(str::to_string).collect();
    }
    let list = text
        .trim()
        .trim_start_matches(',')
        .trim()
        .trim_start_matches("expected")
        .trim()
        .trim_start_matches("one of")
        .trim();
    list.split(", ")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !s.contains(' '))
        .collect()
}

fn plain_type(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number of 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a boolean" | "bool" => "true or false".into(),
        "a string" => "text in quotes".into(),
        "a sequence" => "a list in square brackets, like [\"a\", \"b\"]".into(),
        other => other.to_string(),
    }
}

fn type_hint(expected: &str) -> String {
    match plain_type(expected).as_str() {
        "text in quotes" => "put the value in double quotes, like \"value\"".into(),
        "true or false" => "write true or false, without quotes".into(),
        t if t.contains("number") => "write the number without quotes, commas or currency signs, like 120000".into(),
        t if t.contains("list") => "write a list like [\"first\", \"second\"]".into(),
        t => format!("write {t} here"),
    }
}

/// A path shown relative to `root` when it lies inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
        assert_eq!(line_column("abc", 0), (1, 1));
    }

    #[test]
    fn suggest_finds_typos_but_not_unrelated_words() {
        let keys = ["title", "description", "weight", "aliases"];
        assert_eq!(suggest("titel", keys), Some("title"));
        assert_eq!(suggest("descripton", keys), Some("description"));
        assert_eq!(suggest("colour", keys), None);
    }

    #[test]
    fn serde_unknown_field_gets_suggestion() {
        let (message, hint) = explain_serde_message("unknown field `titel`, expected one of `title`, `weight`", "the front matter");
        assert_eq!(message, "unknown key `titel` in the front matter");
        assert!(hint.unwrap().starts_with("did you mean `title`?"));
    }

    #[test]
    fn serde_invalid_type_is_explained_in_plain_words() {
        let (message, hint) = explain_serde_message("invalid type: string \"5\", expected u32", "x");
        assert_eq!(
            message,
            "wrong kind of value: found string \"5\", expected a whole number of 0 or more"
        );
        assert!(hint.unwrap().contains("without quotes"));
    }

    #[test]
    fn display_shows_line_caret_and_hint() {
        let d = Diagnostic::error("content/a.md", 2, 7, "bad value")
            .with_hint("use a number")
            .with_source("x = 1\nmin = -5\n");
        let text = d.to_string();
        assert!(text.starts_with("content/a.md:2:7: error: bad value"));
        assert!(text.contains(" 2 | min = -5"));
        assert!(text.contains("   |       ^"));
        assert!(text.ends_with("= hint: use a number"));
    }
}
