//! Checks of role guides that the build accepts but a reader would notice: a question
//! asked twice, and a missing usual guide section.

use crate::content::Page;
use crate::diagnostics::{Diagnostic, suggest};
use crate::guide_headings;
use crate::markdown::Rendered;

/// Both checks for one role page (other pages get none). `language` is the page's code:
/// the usual sections are looked for under their names in that language, where the guide
/// knows them (`guide_headings`). The default language falls back to the English names,
/// as every page was checked before guides had languages.
pub fn check_role(page: &Page, rendered: &Rendered, text: &str, language: &str) -> Vec<Diagnostic> {
    if page.role.is_none() {
        return Vec::new();
    }
    let mut findings = repeated_questions(page, rendered, text);
    let usual = match guide_headings::usual_sections(language) {
        None if page.language == 0 => guide_headings::usual_sections("en"),
        known => known,
    };
    if let Some(usual) = usual {
        findings.extend(missing_sections(page, rendered, text, usual));
    }
    findings
}

/// Questions compare without case, spacing or final punctuation: "Why us?" = "why us".
fn question_key(text: &str) -> String {
    let folded = crate::content::role::fold_name(text);
    folded
        .trim_end_matches(['?', '.', '!', ':', '？', '؟', '。', '！', '：'])
        .trim()
        .to_string()
}

fn repeated_questions(page: &Page, rendered: &Rendered, text: &str) -> Vec<Diagnostic> {
    let mut seen: Vec<(String, usize, &str)> = Vec::new();
    let mut findings = Vec::new();
    for section in &rendered.sections {
        for entry in &section.entries {
            let key = question_key(&entry.text);
            if key.is_empty() {
                continue;
            }
            let line = entry.line + page.source.body_line - 1;
            match seen.iter().find(|(k, _, _)| *k == key) {
                Some((_, first_line, first_section)) => findings.push(
                    Diagnostic::warning(
                        &page.source.shown,
                        line,
                        first_column(text, line),
                        format!(
                            "\"{}\" is repeated in this role: it is already at line {first_line} (in \"{first_section}\")",
                            entry.text
                        ),
                    )
                    .with_hint("remove one of the two, or reword it if they are meant to ask different things")
                    .with_source(text)
                    .with_rule(crate::diagnostics::Rule::RepeatedQuestion),
                ),
                None => seen.push((key, line, &section.heading)),
            }
        }
    }
    findings
}

/// 1-based column of the first character that is not a space (the list marker).
fn first_column(text: &str, line: usize) -> usize {
    text.lines()
        .nth(line.saturating_sub(1))
        .and_then(|l| l.chars().position(|c| !c.is_whitespace()))
        .map_or(1, |c| c + 1)
}

fn missing_sections(page: &Page, rendered: &Rendered, text: &str, usual: &[&str]) -> Vec<Diagnostic> {
    let present: Vec<String> = rendered
        .sections
        .iter()
        .map(|s| crate::content::role::fold_name(&s.heading))
        .collect();
    let missing: Vec<&str> = usual
        .iter()
        .copied()
        .filter(|usual| !present.contains(&usual.to_lowercase()))
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let headings: Vec<&str> = rendered.sections.iter().map(|s| s.heading.as_str()).collect();
    let near: Vec<String> = missing
        .iter()
        .filter_map(|m| suggest(m, headings.iter().copied()).map(|h| format!("\"## {h}\" → \"## {m}\"")))
        .collect();
    let hint = if near.is_empty() {
        format!("add each as a `## {}` heading followed by a list of entries", missing[0])
    } else {
        format!("a heading may be misspelled: {}", near.join(", "))
    };
    let names = missing.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ");
    let message = match missing.len() {
        1 => format!("this role has no {names} section"),
        n => format!("this role is missing {n} of the usual guide sections: {names}"),
    };
    // At the first `##` heading (where the guide sections are), else where the body starts.
    let line = rendered
        .sections
        .first()
        .map_or(page.source.body_line, |s| s.line + page.source.body_line - 1);
    vec![
        Diagnostic::warning(&page.source.shown, line, 1, message)
            .with_hint(hint)
            .with_source(text)
            .with_rule(crate::diagnostics::Rule::MissingGuideSection),
    ]
}
