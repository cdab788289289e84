//! Code highlighting with syntect and the two-face syntax bundle.
//!
//! Highlighting emits CSS classes, not inline colours, so one stylesheet generated from the
//! configured light and dark themes styles every page. The syntax set is loaded once per
//! process and shared read-only across threads (cloning it would drop compiled regexes).

use std::sync::OnceLock;

use syntect::highlighting::Theme;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::{ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
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

    /// Every syntax a code fence can name, as (the syntax's name, a fence language that
    /// finds it), in the syntax set's order; syntaxes no fence name reaches are left out.
    pub fn fence_languages(&self) -> Vec<(String, String)> {
        self.syntaxes
            .syntaxes()
            .iter()
            .filter(|syntax| !syntax.hidden)
            .filter_map(|syntax| {
                let candidates = syntax.file_extensions.iter().chain(std::iter::once(&syntax.name));
                candidates
                    .filter(|token| !token.is_empty() && !token.contains(char::is_whitespace))
                    .find(|token| self.find(token).is_some_and(|found| found.name == syntax.name))
                    .map(|token| (syntax.name.clone(), token.clone()))
            })
            .collect()
    }

    /// Each piece of `code` with visible text and the stack of scopes it is in (one `<span>`
    /// per scope in the highlighted HTML, outermost first), or `None` if the language is
    /// unknown or the syntax fails on this input.
    pub fn scoped_tokens(&self, code: &str, language: &str) -> Option<Vec<(Vec<Scope>, String)>> {
        let syntax = self.find(language)?;
        let mut state = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut tokens = Vec::new();
        for line in LinesWithEndings::from(code) {
            let ops = state.parse_line(line, &self.syntaxes).ok()?;
            let mut at = 0;
            for (index, op) in ops.iter().chain(std::iter::once(&(line.len(), ScopeStackOp::Noop))) {
                let text = &line[at..*index];
                if !text.trim().is_empty() {
                    tokens.push((stack.as_slice().to_vec(), text.to_string()));
                }
                at = *index;
                stack.apply(op).ok()?;
            }
        }
        Some(tokens)
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

/// The stylesheet for highlighted code: the light theme's colours and the dark theme's,
/// each scoped to its own colour scheme (see [`LIGHT_SCOPES`] and [`DARK_SCOPES`]).
/// Colours are first made readable (WCAG AA contrast) on each theme's background, which
/// code blocks then use.
pub fn stylesheet(light: &Theme, dark: &Theme) -> Result<String, String> {
    let mut css = String::from("/* Code highlighting, generated from the configured syntect themes. */\n");
    for (theme, scopes) in [(light, &LIGHT_SCOPES[..]), (dark, &DARK_SCOPES[..])] {
        let theme_css = theme_css(theme)?;
        for (media, scope) in scopes {
            let rules = prefix_selectors(&theme_css, scope);
            match media {
                Some(media) => css.push_str(&format!("@media {media} {{\n{rules}}}\n")),
                None => css.push_str(&rules),
            }
        }
    }
    Ok(css)
}

/// Where each colour scheme applies. The dark theme only on screens, when the reader chose
/// dark, or when their system prefers dark and they did not choose light; the light theme
/// everywhere else (printing too, as the page's own print style is light). The two lists
/// exclude each other, so neither theme's rules can leak into the other scheme; and every
/// prefix weighs the same (two simple selectors), so that where two prefixes of one theme
/// match at once the theme's own cascade is unchanged.
pub const LIGHT_SCOPES: [(Option<&str>, &str); 3] = [
    (
        Some("print, not all and (prefers-color-scheme: dark)"),
        ":root:not([data-theme=\"dark\"])",
    ),
    (None, ":root[data-theme=\"light\"]"),
    (Some("print"), ":root[data-theme=\"dark\"]"),
];

/// See [`LIGHT_SCOPES`].
pub const DARK_SCOPES: [(Option<&str>, &str); 2] = [
    (Some("screen and (prefers-color-scheme: dark)"), ":root:not([data-theme=\"light\"])"),
    (Some("screen"), ":root[data-theme=\"dark\"]"),
];

/// One theme's rules, unscoped: its token classes and the code block's own colours, made
/// readable first.
fn theme_css(theme: &Theme) -> Result<String, String> {
    use crate::markdown::contrast::{code_block_css, emphasise_colours_on_backgrounds, readable};
    let theme = readable(theme);
    let classes = css_for_theme_with_class_style(&theme, CLASS_STYLE).map_err(|e| e.to_string())?;
    Ok(emphasise_colours_on_backgrounds(&classes) + &code_block_css(&theme))
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
    use syntect::highlighting::Color;

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

    /// One rule of a generated stylesheet.
    #[derive(Debug)]
    struct Rule {
        media: Option<String>,
        selectors: Vec<String>,
        colour: Option<Color>,
        background: Option<Color>,
    }

    /// The rules of a stylesheet as [`stylesheet`] writes it: flat rules, some inside one
    /// level of `@media`.
    fn rules(css: &str) -> Vec<Rule> {
        let colour = |body: &str, property: &str| {
            body.lines()
                .filter_map(|l| l.trim().strip_prefix(property)?.trim().strip_prefix('#'))
                .map(|hex| {
                    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex colour");
                    Color {
                        r: byte(0),
                        g: byte(2),
                        b: byte(4),
                        a: 255,
                    }
                })
                .next_back()
        };
        let css = strip_comments(css);
        let mut out = Vec::new();
        let mut media = None;
        let mut rest = css.as_str();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                return out;
            }
            if let Some(after) = rest.strip_prefix('}') {
                media = None;
                rest = after;
                continue;
            }
            let open = rest.find('{').expect("a rule");
            let head = rest[..open].trim();
            if let Some(query) = head.strip_prefix("@media ") {
                media = Some(query.to_string());
                rest = &rest[open + 1..];
                continue;
            }
            let close = open + rest[open..].find('}').expect("a closed rule");
            let body = &rest[open + 1..close];
            out.push(Rule {
                media: media.clone(),
                selectors: head.split(',').map(|s| s.trim().to_string()).collect(),
                colour: colour(body, "color:"),
                background: colour(body, "background-color:"),
            });
            rest = &rest[close + 1..];
        }
    }

    fn theme_names() -> Vec<&'static str> {
        find_theme("").unwrap_err()
    }

    /// Regression test for dark mode drawing the light theme's colours wherever the dark
    /// theme had no rule of its own: for every pair of bundled themes, every rule of the
    /// stylesheet is scoped to exactly one scheme, and each scheme has all its theme's rules.
    #[test]
    fn every_rule_of_every_theme_pair_belongs_to_one_scheme() {
        let names = theme_names();
        for light_name in &names {
            for dark_name in &names {
                let (light, dark) = (find_theme(light_name).unwrap(), find_theme(dark_name).unwrap());
                let css = stylesheet(light, dark).unwrap();
                let per_theme = |theme| rules(&theme_css(theme).unwrap()).len();
                let mut counts = [0usize; 5];
                for rule in rules(&css) {
                    let scope = LIGHT_SCOPES.iter().chain(&DARK_SCOPES).position(|(media, prefix)| {
                        rule.media.as_deref() == *media
                            && rule
                                .selectors
                                .iter()
                                .all(|s| s.strip_prefix(prefix).is_some_and(|s| s.starts_with(' ')))
                    });
                    let Some(scope) = scope else {
                        panic!("{light_name}/{dark_name}: a rule outside both schemes: {rule:?}");
                    };
                    counts[scope] += 1;
                }
                let (l, d) = (per_theme(light), per_theme(dark));
                assert_eq!(counts, [l, l, l, d, d], "{light_name}/{dark_name}");
            }
        }
    }

    /// The stylesheet's own colours, scheme by scheme, for every bundled theme: text with a
    /// colour meets 4.5:1 on its background (its own, or the code block's), and so does the
    /// block's text on every background a rule sets without a colour.
    #[test]
    fn every_colour_the_stylesheet_sets_meets_4_5_to_1_on_its_background() {
        use crate::markdown::contrast::{MINIMUM, ratio};
        for name in theme_names() {
            let theme = find_theme(name).unwrap();
            let css = stylesheet(theme, theme).unwrap();
            for (media, prefix) in LIGHT_SCOPES.iter().chain(&DARK_SCOPES) {
                let scheme: Vec<Rule> = rules(&css)
                    .into_iter()
                    .filter(|r| r.media.as_deref() == *media && r.selectors[0].starts_with(&format!("{prefix} ")))
                    .collect();
                let block = scheme
                    .iter()
                    .find(|r| r.selectors == [format!("{prefix} pre.code")])
                    .expect("the code block's rule");
                let (text, background) = (block.colour.unwrap(), block.background.unwrap());
                for rule in &scheme {
                    let on = rule.background.unwrap_or(background);
                    let colour = rule.colour.unwrap_or(text);
                    assert!(
                        ratio(colour, on) >= MINIMUM,
                        "{name}: {:?} draws {colour:?} on {on:?}",
                        rule.selectors
                    );
                }
            }
        }
    }

    #[test]
    fn unknown_theme_lists_known_names() {
        let names = find_theme("Nope").unwrap_err();
        assert!(names.contains(&"Nord"));
    }
}
