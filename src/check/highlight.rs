//! The configured highlight themes against the guide's own code: a token the stylesheet
//! would draw under 4.5:1 on its background. The stylesheet makes every colour a theme
//! sets readable on the background the same rule sets, but a token nested inside a scope
//! with a background of its own (an `invalid` span, a diff line) keeps its own colour on
//! that background: whether that happens depends on the code, so it is checked here.

use std::collections::BTreeMap;

use comrak::nodes::NodeValue;
use comrak::{Arena, Options, parse_document};

use crate::config::{CONFIG_FILE, Config};
use crate::content::Library;
use crate::diagnostics::{Diagnostic, Rule};
use crate::markdown::contrast::{Cascade, MINIMUM, hex, ratio, readable};
use crate::markdown::highlight::{self, Highlighter};

/// A code block of the guide: where it is, its fence language and its code.
struct CodeBlock {
    file: String,
    line: usize,
    language: String,
    code: String,
}

/// The first token of one theme and scope drawn under [`MINIMUM`], and how many there are.
struct Finding {
    scope: String,
    text: String,
    foreground: syntect::highlighting::Color,
    background: syntect::highlighting::Color,
    place: String,
    count: usize,
}

/// One warning per theme and scope with a token under [`MINIMUM`], at the theme's key in
/// `config.toml`. Unknown themes are left to the build, which reports them as errors.
pub fn check_highlight_themes(config: &Config, library: &Library) -> Vec<Diagnostic> {
    let markdown = &config.markdown;
    if !markdown.highlight_code {
        return Vec::new();
    }
    let blocks = code_blocks(library);
    if blocks.is_empty() {
        return Vec::new();
    }
    let highlighter = Highlighter::global();
    let tokens: Vec<(&CodeBlock, Vec<_>)> = blocks
        .iter()
        .filter_map(|block| Some((block, highlighter.scoped_tokens(&block.code, &block.language)?)))
        .collect();
    let mut findings = Vec::new();
    for (key, scheme, choice) in [
        ("highlight_theme", "light", &markdown.highlight_theme),
        ("highlight_theme_dark", "dark", &markdown.highlight_theme_dark),
    ] {
        let (theme, name) = (highlight::theme(choice.theme), &choice.name);
        let cascade = Cascade::new(&readable(theme));
        let mut by_scope: BTreeMap<String, Finding> = BTreeMap::new();
        for (block, block_tokens) in &tokens {
            for (stack, token) in block_tokens {
                let (foreground, background) = cascade.draw(stack);
                if ratio(foreground, background) >= MINIMUM {
                    continue;
                }
                let scope = stack.last().map(ToString::to_string).unwrap_or_default();
                by_scope
                    .entry(scope.clone())
                    .or_insert_with(|| Finding {
                        scope,
                        text: token.trim().chars().take(30).collect(),
                        foreground,
                        background,
                        place: format!("{}:{}", block.file, block.line),
                        count: 0,
                    })
                    .count += 1;
            }
        }
        let (line, column) = (choice.line, choice.column);
        for finding in by_scope.into_values() {
            let more = match finding.count {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            findings.push(
                Diagnostic::warning(
                    CONFIG_FILE,
                    line,
                    column,
                    format!(
                        "the highlight theme \"{name}\" ({scheme} scheme) draws the scope `{}` in {} on {}, {:.2}:1, under the {MINIMUM}:1 that WCAG AA asks of text: \"{}\" in the code block at {}{more}",
                        finding.scope,
                        hex(finding.foreground),
                        hex(finding.background),
                        ratio(finding.foreground, finding.background),
                        finding.text,
                        finding.place
                    ),
                )
                .with_hint(format!(
                    "readers will struggle with that code; choose another theme for `{key}` (the default light and dark themes, InspiredGitHub and Nord, keep every token readable)"
                ))
                .with_source_line(choice.source_line.as_deref())
                .with_rule(Rule::LowContrastCode),
            );
        }
    }
    findings
}

/// Every fenced code block with a language, in the guide's pages and sections.
fn code_blocks(library: &Library) -> Vec<CodeBlock> {
    let sources = library
        .pages
        .iter()
        .map(|p| (&p.source, &p.body))
        .chain(library.sections.iter().filter_map(|s| Some((s.source.as_ref()?, &s.body))));
    let mut blocks = Vec::new();
    for (source, body) in sources {
        let arena = Arena::new();
        let root = parse_document(&arena, body, &Options::default());
        for node in root.descendants() {
            let data = node.data();
            if let NodeValue::CodeBlock(block) = &data.value {
                let Some(language) = block.info.split_whitespace().next() else {
                    continue;
                };
                blocks.push(CodeBlock {
                    file: source.shown.display().to_string(),
                    line: data.sourcepos.start.line + source.body_line - 1,
                    language: language.to_string(),
                    code: block.literal.clone(),
                });
            }
        }
    }
    blocks
}
