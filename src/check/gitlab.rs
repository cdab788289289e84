//! `guide check --format gitlab`: findings as a GitLab Code Quality report (the Code Climate
//! JSON subset GitLab reads), which GitLab shows on the changed lines of a merge request.

use std::path::Path;

use serde::Serialize;

use super::file_from_workdir;
use crate::diagnostics::{Diagnostic, Severity};

#[derive(Debug, Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    /// Identifies a finding across pipelines, so GitLab can tell new findings from old ones;
    /// the line is left out so that a finding keeps its identity when lines above it move.
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Debug, Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Debug, Serialize)]
struct Lines {
    begin: usize,
}

/// The report for all findings; `root` is the guide's folder as seen from the working
/// directory (the repository's root in a pipeline).
pub fn code_quality_report(findings: &[Diagnostic], root: &Path) -> String {
    let issues: Vec<Issue> = findings.iter().map(|finding| issue(finding, root)).collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string())
}

fn issue(finding: &Diagnostic, root: &Path) -> Issue {
    let path = file_from_workdir(root, &finding.file);
    let check_name = finding.rule_name();
    let description = match &finding.hint {
        Some(hint) => format!("{} (hint: {hint})", finding.message),
        None => finding.message.clone(),
    };
    Issue {
        fingerprint: format!(
            "{:016x}",
            fnv1a(
                [check_name, &path, &finding.message]
                    .iter()
                    .flat_map(|part| part.bytes().chain([0]))
            )
        ),
        description,
        check_name,
        severity: match finding.severity {
            Severity::Error => "major",
            Severity::Warning => "minor",
        },
        location: Location {
            path,
            // Code Quality needs a line; a finding about a whole file is shown at its first.
            lines: Lines {
                begin: finding.line.max(1),
            },
        },
    }
}

/// 64-bit FNV-1a (the parts above are each ended by a zero byte, so `ab`+`c` ≠ `a`+`bc`):
/// stable across Rust releases, unlike the standard library's hasher.
fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        // Published test vectors of 64-bit FNV-1a.
        assert_eq!(fnv1a(*b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(*b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(*b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_finding_becomes_a_code_quality_issue() {
        let findings = [
            Diagnostic::error("content/a.md", 8, 3, "the link `x` is broken")
                .with_hint("fix it")
                .with_rule(crate::diagnostics::Rule::BrokenLink),
            Diagnostic::warning("config.toml", 0, 0, "no base_url"),
        ];
        let report: serde_json::Value = serde_json::from_str(&code_quality_report(&findings, Path::new("site"))).expect("valid JSON");
        assert_eq!(report[0]["check_name"], "broken-link");
        assert_eq!(report[0]["severity"], "major");
        assert_eq!(report[0]["description"], "the link `x` is broken (hint: fix it)");
        assert_eq!(report[0]["location"]["path"], "site/content/a.md");
        assert_eq!(report[0]["location"]["lines"]["begin"], 8);
        assert_eq!(report[1]["check_name"], "build");
        assert_eq!(report[1]["severity"], "minor");
        assert_eq!(report[1]["location"]["lines"]["begin"], 1);
        let fingerprint = report[0]["fingerprint"].as_str().expect("fingerprint");
        assert_eq!(fingerprint.len(), 16);
        assert_ne!(report[0]["fingerprint"], report[1]["fingerprint"]);
    }
}
