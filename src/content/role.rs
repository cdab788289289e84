//! The `[role]` table that makes a page a role guide, and its checks.

use serde::{Deserialize, Serialize};

use crate::currency;
use crate::diagnostics::{Diagnostic, suggest};
use crate::locate::{Format, locate_in_value, locate_key};

/// How much the market wants this role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Demand {
    Low,
    Medium,
    High,
}

impl Demand {
    pub fn as_str(self) -> &'static str {
        match self {
            Demand::Low => "low",
            Demand::Medium => "medium",
            Demand::High => "high",
        }
    }
}

/// The time a salary amount is paid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Hour,
    Day,
    Month,
    Year,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Hour => "hour",
            Period::Day => "day",
            Period::Month => "month",
            Period::Year => "year",
        }
    }
}

/// `[role]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    pub experience_years: u32,
    pub demand: Demand,
    #[serde(default)]
    pub industries: Vec<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub soft_skills: Vec<String>,
    pub salary: Option<RawSalary>,
}

/// `[role.salary]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSalary {
    pub min: f64,
    pub max: f64,
    pub currency: String,
    pub period: Period,
}

/// A checked salary range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Salary {
    pub min: f64,
    pub max: f64,
    pub currency: String,
    pub period: Period,
}

/// A checked role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Role {
    pub experience_years: u32,
    pub demand: Demand,
    pub industries: Vec<String>,
    pub skills: Vec<String>,
    pub soft_skills: Vec<String>,
    pub salary: Option<Salary>,
}

/// Where the front matter sits, so checks can point at the offending value.
pub struct Source<'a> {
    pub file: &'a std::path::Path,
    pub front: &'a str,
    pub front_line: usize,
    pub format: Format,
    pub full_text: &'a str,
}

impl Source<'_> {
    fn error_at(&self, path: &[&str], message: String, hint: &str) -> Diagnostic {
        let (line, column) = locate_key(self.front, self.format, path).unwrap_or((0, 0));
        self.error_at_position(line, column, message, hint)
    }

    fn error_at_position(&self, line: usize, column: usize, message: String, hint: &str) -> Diagnostic {
        let line = if line == 0 { 1 } else { line + self.front_line - 1 };
        Diagnostic::error(self.file, line, column.max(1), message)
            .with_hint(hint)
            .with_source(self.full_text)
    }
}

/// Checks a role's values; all problems are returned, not just the first.
pub fn check(raw: RawRole, source: &Source<'_>) -> Result<Role, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    for (key, list) in [
        ("skills", &raw.skills),
        ("soft_skills", &raw.soft_skills),
        ("industries", &raw.industries),
    ] {
        errors.extend(check_list(key, list, source));
    }
    if let Some(salary) = &raw.salary {
        errors.extend(check_salary(salary, source));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let tidy = |list: Vec<String>| {
        list.into_iter()
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    Ok(Role {
        experience_years: raw.experience_years,
        demand: raw.demand,
        industries: tidy(raw.industries),
        skills: tidy(raw.skills),
        soft_skills: tidy(raw.soft_skills),
        salary: raw.salary.map(|s| Salary {
            min: s.min,
            max: s.max,
            currency: s.currency,
            period: s.period,
        }),
    })
}

/// The key used to compare names: case and spacing do not matter.
pub fn fold_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn check_list(key: &str, list: &[String], source: &Source<'_>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for item in list {
        let folded = fold_name(item);
        let path = ["role", key];
        if folded.is_empty() {
            errors.push(source.error_at(
                &path,
                format!("`{key}` contains an empty entry"),
                "remove the empty \"\" from the list",
            ));
            continue;
        }
        let occurrence = seen.iter().filter(|s| **s == folded).count();
        if occurrence > 0 {
            let (line, column) = locate_in_value(source.front, source.format, &path, item.trim(), occurrence).unwrap_or((0, 0));
            errors.push(source.error_at_position(
                line,
                column,
                format!("\"{}\" is listed twice in `{key}`", item.trim()),
                "remove the repeated entry (names are compared without regard to capital letters and spaces)",
            ));
        }
        seen.push(folded);
    }
    errors
}

fn check_salary(salary: &RawSalary, source: &Source<'_>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (key, value) in [("min", salary.min), ("max", salary.max)] {
        if !value.is_finite() || value <= 0.0 {
            errors.push(source.error_at(
                &["role", "salary", key],
                format!("salary `{key}` must be a positive amount, but it is {value}"),
                "write the amount as a number greater than 0, without currency signs, like 85000",
            ));
        }
    }
    if salary.min > salary.max {
        errors.push(source.error_at(
            &["role", "salary", "min"],
            format!("salary minimum ({}) is greater than the maximum ({})", salary.min, salary.max),
            "the minimum must not be above the maximum: swap the two numbers or correct the wrong one",
        ));
    }
    let code = salary.currency.trim();
    if !currency::is_known(code) {
        let upper = code.to_uppercase();
        let hint = if currency::is_known(&upper) {
            format!("write the code in capital letters: \"{upper}\"")
        } else {
            match suggest(&upper, currency::codes()) {
                Some(best) => format!("use a three-letter ISO 4217 code; did you mean \"{best}\"? (for example USD, EUR, GBP)"),
                None => "use a three-letter ISO 4217 code such as USD, EUR or GBP".to_string(),
            }
        };
        errors.push(source.error_at(
            &["role", "salary", "currency"],
            format!("\"{code}\" is not a known currency code"),
            &hint,
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(front: &str) -> Source<'_> {
        Source {
            file: std::path::Path::new("content/r.md"),
            front,
            front_line: 2,
            format: Format::Toml,
            full_text: front,
        }
    }

    fn raw(front: &str) -> RawRole {
        #[derive(Deserialize)]
        struct Wrapper {
            role: RawRole,
        }
        toml::from_str::<Wrapper>(front).unwrap().role
    }

    #[test]
    fn a_valid_role_passes_and_tidies_spacing() {
        let front = "[role]\nexperience_years = 3\ndemand = \"high\"\nskills = [\"Go\", \" Rust  lang \"]\n";
        let role = check(raw(front), &source(front)).unwrap();
        assert_eq!(role.skills, vec!["Go", "Rust lang"]);
    }

    #[test]
    fn min_above_max_and_unknown_currency_are_both_reported() {
        let front =
            "[role]\nexperience_years = 3\ndemand = \"high\"\n[role.salary]\nmin = 9\nmax = 3\ncurrency = \"usd\"\nperiod = \"year\"\n";
        let errors = check(raw(front), &source(front)).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!((errors[0].line, errors[0].column), (6, 7));
        assert!(errors[1].hint.as_deref().unwrap().contains("\"USD\""));
    }

    #[test]
    fn duplicate_skills_point_at_the_second_one() {
        let front = "[role]\nexperience_years = 1\ndemand = \"low\"\nskills = [\"SQL\", \"Go\", \"sql\"]\n";
        let errors = check(raw(front), &source(front)).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (5, 25));
        assert!(errors[0].message.contains("listed twice"));
    }
}
