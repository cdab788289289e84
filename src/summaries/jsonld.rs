//! schema.org `Occupation` as JSON-LD for each role page, so search engines can show the
//! role's salary range and requirements.
//!
//! Built with serde structs (fixed key order) and escaped so it is safe inside a
//! `<script type="application/ld+json">` element.

use serde::Serialize;

use super::roles_json::Number;
use super::{Summaries, role_of};
use crate::content::role::Period;

#[derive(Serialize)]
struct Occupation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    description: &'a str,
    url: String,
    #[serde(rename = "occupationalCategory")]
    occupational_category: String,
    #[serde(rename = "estimatedSalary", skip_serializing_if = "Vec::is_empty")]
    estimated_salary: Vec<Distribution<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    skills: Vec<&'a str>,
    #[serde(rename = "experienceRequirements")]
    experience_requirements: Experience,
}

/// A salary range as schema.org `MonetaryAmountDistribution`, in the amounts as written.
#[derive(Serialize)]
struct Distribution<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'static str,
    currency: &'a str,
    duration: &'static str,
    #[serde(rename = "minValue")]
    min_value: Number,
    median: Number,
    #[serde(rename = "maxValue")]
    max_value: Number,
}

#[derive(Serialize)]
struct Experience {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "monthsOfExperience")]
    months_of_experience: u64,
}

/// ISO 8601 duration of one pay period.
pub fn duration(period: Period) -> &'static str {
    match period {
        Period::Hour => "PT1H",
        Period::Day => "P1D",
        Period::Month => "P1M",
        Period::Year => "P1Y",
    }
}

/// The JSON-LD of the role page of `page`, escaped for a `<script>` element.
pub fn occupation(summaries: &Summaries<'_>, page: usize, position: usize) -> String {
    let p = &summaries.library.pages[page];
    let role = role_of(summaries.library, page);
    let rendered = summaries.rendered.get(page);
    let description = if p.description.is_empty() {
        rendered.map_or("", |r| r.summary.as_str())
    } else {
        p.description.as_str()
    };
    let estimated_salary = role
        .salary
        .iter()
        .map(|s| Distribution {
            kind: "MonetaryAmountDistribution",
            name: "base",
            currency: &s.currency,
            duration: duration(s.period),
            min_value: Number(s.min),
            median: Number((s.min + s.max) / 2.0),
            max_value: Number(s.max),
        })
        .collect();
    let occupation = Occupation {
        context: "https://schema.org",
        kind: "Occupation",
        name: &p.title,
        description,
        url: format!("{}/{}", summaries.config.base_url, p.url_path),
        occupational_category: summaries.section_title(p.section),
        estimated_salary,
        skills: summaries.skills.canonical_names(position, super::skills::SKILLS),
        experience_requirements: Experience {
            kind: "OccupationalExperienceRequirements",
            months_of_experience: u64::from(role.experience_years) * 12,
        },
    };
    escape_for_script(&serde_json::to_string(&occupation).unwrap_or_default())
}

/// Makes JSON safe inside `<script>`: no `</script>`, no `<!--`, no HTML entities, no line
/// separators that old JavaScript parsers reject. The JSON value is unchanged.
pub fn escape_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_iso_8601() {
        assert_eq!(duration(Period::Hour), "PT1H");
        assert_eq!(duration(Period::Day), "P1D");
        assert_eq!(duration(Period::Month), "P1M");
        assert_eq!(duration(Period::Year), "P1Y");
    }

    #[test]
    fn script_escaping_keeps_the_json_value() {
        let json = serde_json::to_string(&"</script><!-- & \u{2028}").unwrap();
        let escaped = escape_for_script(&json);
        assert!(!escaped.contains('<') && !escaped.contains('&'));
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "</script><!-- & \u{2028}");
    }
}
