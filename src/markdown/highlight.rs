//! Code highlighting with syntect and the two-face syntax bundle.
//!
//! Highlighting emits CSS classes, not inline colours, so one stylesheet generated from the
//! configured light and dark themes styles every page. The syntax set is loaded once per
//! process and shared read-only across threads (cloning it would drop compiled regexes).

use std::sync::OnceLock;

use syntect::highlighting::Theme;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::config::{HighlightTheme, find_highlight_theme};

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The syntaxes known to the highlighter.
pub struct Highlighter {
    syntaxes: SyntaxSet,
}

impl Highlighter {
    /// The process-wide highlighter; the first call pays for loading the syntax set.
    pub fn global() -> &'static Highlighter {
        static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();
        HIGHLIGHTER.get_or_init(|| Highlighter {
            syntaxes: two_face::syntax::extra_newlines(),
        })
    }

    /// The syntax for a fence's language name (`python`, `ts`, `Dockerfile`, ...).
    pub fn find(&self, language: &str) -> Option<&SyntaxReference> {
        let language = language.trim();
        if language.is_empty() {
            return None;
        }
        self.syntaxes
            .find_syntax_by_token(language)
            .or_else(|| self.syntaxes.find_syntax_by_token(&language.to_lowercase()))
            .or_else(|| alias(language).and_then(|name| self.syntaxes.find_syntax_by_token(name)))
    }

    /// Highlighted HTML for `code` (inner content of `<code>`), or `None` if the language is
    /// unknown or the syntax fails on this input.
    pub fn highlight(&self, code: &str, language: &str) -> Option<String> {
        let syntax = self.find(language)?;
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator.parse_html_for_line_which_includes_newline(line).ok()?;
        }
        Some(generator.finalize())
    }
}

/// Names people write in fences that the syntax set knows by another token.
fn alias(language: &str) -> Option<&'static str> {
    Some(match language.to_lowercase().as_str() {
        "shell" | "console" | "zsh" => "bash",
        "golang" => "go",
        "c++" => "cpp",
        "c#" | "csharp" => "cs",
        "py" | "python3" => "python",
        "js" | "node" | "nodejs" => "javascript",
        "docker" => "Dockerfile",
        "yml" => "yaml",
        "hcl" | "terraform" => "tf",
        "kt" => "kotlin",
        "text" | "plain" | "plaintext" | "txt" => "txt",
        _ => return None,
    })
}

/// Looks a theme up by name, ignoring case; on failure returns the known names.
pub fn find_theme(name: &str) -> Result<&'static Theme, Vec<&'static str>> {
    find_highlight_theme(name).map(theme)
}

/// The syntect theme `config.toml` named (checked when the configuration was resolved).
pub fn theme(name: HighlightTheme) -> &'static Theme {
    static THEMES: OnceLock<two_face::theme::EmbeddedLazyThemeSet> = OnceLock::new();
    THEMES.get_or_init(two_face::theme::extra).get(name)
}

/// The stylesheet for highlighted code: the light theme by default, the dark theme when the
/// reader's system prefers dark (unless they chose light) or when they chose dark.
/// Colours are first made readable (WCAG AA contrast) on each theme's background, which
/// code blocks then use.
pub fn stylesheet(light: &Theme, dark: &Theme) -> Result<String, String> {
    use super::contrast::{code_block_css, readable};
    let (light, dark) = (readable(light), readable(dark));
    let light_css = css_for_theme_with_class_style(&light, CLASS_STYLE).map_err(|e| e.to_string())? + &code_block_css(&light);
    let dark_css = css_for_theme_with_class_style(&dark, CLASS_STYLE).map_err(|e| e.to_string())? + &code_block_css(&dark);
    let mut css = String::from("/* Code highlighting, generated from the configured syntect themes. */\n");
    css.push_str(&light_css);
    css.push_str("@media (prefers-color-scheme: dark) {\n");
    css.push_str(&prefix_selectors(&dark_css, ":root:not([data-theme=\"light\"])"));
    css.push_str("}\n");
    css.push_str(&prefix_selectors(&dark_css, ":root[data-theme=\"dark\"]"));
    Ok(css)
}

/// Prefixes every selector of a flat stylesheet (as syntect writes it) with `scope`.
fn prefix_selectors(css: &str, scope: &str) -> String {
    let mut out = String::with_capacity(css.len() * 2);
    let mut rest = css;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let selectors = strip_comments(&rest[..open]);
        let prefixed: Vec<String> = selectors
            .split(',')
            .map(|s| format!("{scope} {}", s.trim()))
            .filter(|s| s.len() > scope.len() + 1)
            .collect();
        if !prefixed.is_empty() {
            out.push_str(&prefixed.join(", "));
            out.push_str(&rest[open..=close]);
            out.push('\n');
        }
        rest = &rest[close + 1..];
    }
    out
}

fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..].find("*/").map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_languages_from_the_two_face_bundle() {
        let h = Highlighter::global();
        for language in [
            "python",
            "toml",
            "typescript",
            "Dockerfile",
            "kotlin",
            "swift",
            "go",
            "sql",
            "rust",
            "golang",
            "yml",
        ] {
            assert!(h.find(language).is_some(), "{language}");
        }
        assert!(h.find("klingon").is_none());
    }

    #[test]
    fn highlighting_uses_prefixed_classes_and_escapes() {
        let html = Highlighter::global().highlight("x = \"<b>\"\n", "python").unwrap();
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
    }

    #[test]
    fn stylesheet_scopes_the_dark_theme() {
        let css = stylesheet(find_theme("InspiredGitHub").unwrap(), find_theme("nord").unwrap()).unwrap();
        assert!(css.contains("@media (prefers-color-scheme: dark)"));
        assert!(css.contains(":root[data-theme=\"dark\"] .hl-"));
    }

    #[test]
    fn unknown_theme_lists_known_names() {
        let names = find_theme("Nope").unwrap_err();
        assert!(names.contains(&"Nord"));
    }
}
