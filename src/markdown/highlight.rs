//! Code highlighting with syntect and the two-face syntax bundle.
//!
//! Each piece of code is drawn in the configured light and dark themes at once: the build
//! resolves every token's style in both themes and writes one `<span>` per run of text
//! with the same pair of styles, whose classes name colours of each theme's palette
//! (`<span class="l3 d7">`: the light theme's colour 3, the dark theme's 7). The palette is
//! the set of colours a theme's rules use, so the stylesheet follows from the two themes
//! alone, whatever the guide's code; and a page carries one short span per token instead
//! of one per scope with every scope's name (a third of the bytes of a page with code).
//! The syntax set is loaded once per process and shared read-only across threads
//! (cloning it would drop compiled regexes).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use syntect::highlighting::{Color, FontStyle, Highlighter as ThemeHighlighter, Style, Theme};
use syntect::parsing::{ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::config::{HighlightTheme, find_highlight_theme};
use crate::markdown::contrast::{MINIMUM, code_block_css, hex, ratio, readable};

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

    /// Highlighted HTML for `code` (inner content of `<code>`) in the two themes of
    /// `palettes`, or `None` if the language is unknown or the syntax fails on this input.
    pub fn highlight(&self, code: &str, language: &str, palettes: &'static Palettes) -> Option<String> {
        let syntax = self.find(language)?;
        let mut parse = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut out = Runs::new(code.len());
        LOOKS.with_borrow_mut(|looks| {
            for line in LinesWithEndings::from(code) {
                let ops = parse.parse_line(line, &self.syntaxes).ok()?;
                let mut at = 0;
                for (index, op) in ops.iter().chain(std::iter::once(&(line.len(), ScopeStackOp::Noop))) {
                    if *index > at {
                        let text = &line[at..*index];
                        let look = looks.of(palettes, stack.as_slice());
                        // Spaces look the same in any colour: they join the run they
                        // follow, unless a background or an underline would show them.
                        let invisible = look.blank_is_blank && text.trim().is_empty();
                        out.push(text, if invisible { None } else { Some(&look.classes) });
                    }
                    at = *index;
                    stack.apply(op).ok()?;
                }
            }
            Some(())
        })?;
        Some(out.finish())
    }
}

/// How text inside one stack of scopes is drawn: its classes in both themes.
struct Look {
    classes: String,
    /// Whether blank text in it looks like blank text on the code block.
    blank_is_blank: bool,
}

/// The looks of the scope stacks met so far, by palettes: resolving a stack's style in a
/// theme walks all the theme's rules, and code repeats the same few stacks all the time.
#[derive(Default)]
struct Looks {
    palettes: usize,
    by_stack: HashMap<Vec<Scope>, Look>,
}

impl Looks {
    fn of(&mut self, palettes: &'static Palettes, stack: &[Scope]) -> &Look {
        let id = std::ptr::from_ref(palettes) as usize;
        if self.palettes != id {
            self.palettes = id;
            self.by_stack.clear();
        }
        if !self.by_stack.contains_key(stack) {
            let (light, dark) = (&palettes.light, &palettes.dark);
            let (light_style, dark_style) = (light.highlighter.style_for_stack(stack), dark.highlighter.style_for_stack(stack));
            let mut classes = String::new();
            light.classes(light_style, &mut classes);
            dark.classes(dark_style, &mut classes);
            let blank_is_blank = light.shows_blank(light_style) && dark.shows_blank(dark_style);
            self.by_stack.insert(stack.to_vec(), Look { classes, blank_is_blank });
        }
        &self.by_stack[stack]
    }
}

thread_local! {
    static LOOKS: RefCell<Looks> = RefCell::new(Looks::default());
}

/// Highlighted HTML under construction: text is gathered into runs of the same classes,
/// each written as one `<span>` (or as bare text, for no classes).
struct Runs {
    html: String,
    classes: String,
    text: String,
}

impl Runs {
    fn new(capacity: usize) -> Runs {
        Runs {
            html: String::with_capacity(capacity * 2),
            classes: String::new(),
            text: String::new(),
        }
    }

    /// Adds `text` with its classes (`None`: whichever the run it joins has).
    fn push(&mut self, text: &str, classes: Option<&str>) {
        if let Some(classes) = classes
            && classes != self.classes
        {
            self.flush();
            self.classes.clear();
            self.classes.push_str(classes);
        }
        self.text.push_str(text);
    }

    fn flush(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let escaped = crate::escape::html_text(&self.text);
        if self.classes.is_empty() {
            self.html.push_str(&escaped);
        } else {
            // Quotes only around a list, as a minifier would write it: the body of a page
            // is not minified again (see `render::Renderer::html_output`).
            let classes = self.classes.trim_start();
            if classes.contains(' ') {
                self.html.push_str("<span class=\"");
                self.html.push_str(classes);
                self.html.push_str("\">");
            } else {
                self.html.push_str("<span class=");
                self.html.push_str(classes);
                self.html.push('>');
            }
            self.html.push_str(&escaped);
            self.html.push_str("</span>");
        }
        self.text.clear();
    }

    fn finish(mut self) -> String {
        self.flush();
        self.html
    }
}

/// The configured light and dark highlight themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeThemes {
    pub light: HighlightTheme,
    pub dark: HighlightTheme,
}

impl Default for CodeThemes {
    /// The defaults of `config.toml`.
    fn default() -> CodeThemes {
        CodeThemes {
            light: HighlightTheme::InspiredGithub,
            dark: HighlightTheme::Nord,
        }
    }
}

/// The palettes of a light and a dark theme, which highlighted code is written for.
pub struct Palettes {
    pub light: Palette,
    pub dark: Palette,
}

impl Palettes {
    /// The palettes of `themes`, made once per process and pair.
    pub fn of(themes: CodeThemes) -> &'static Palettes {
        static MADE: Mutex<Vec<(CodeThemes, &'static Palettes)>> = Mutex::new(Vec::new());
        let mut made = MADE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, palettes)) = made.iter().find(|(pair, _)| *pair == themes) {
            return palettes;
        }
        let palettes: &'static Palettes = Box::leak(Box::new(Palettes {
            light: Palette::new(theme(themes.light), 'l'),
            dark: Palette::new(theme(themes.dark), 'd'),
        }));
        made.push((themes, palettes));
        palettes
    }
}

/// One theme's colours as classes: every foreground colour its rules set (`l0`, `l1`, ...,
/// with `l` or `d` for the scheme), every background (`lk0`, ...), bold, italic and
/// underline (`lb`, `li`, `lu`). Colours are made readable first (see [`readable`]).
pub struct Palette {
    scheme: char,
    highlighter: ThemeHighlighter<'static>,
    text: Color,
    background: Color,
    foregrounds: Vec<Color>,
    /// Each background with the colour of text on it, readable there.
    backgrounds: Vec<(Color, Color)>,
}

impl Palette {
    fn new(theme: &Theme, scheme: char) -> Palette {
        let theme: &'static Theme = Box::leak(Box::new(readable(theme)));
        let text = theme.settings.foreground.unwrap_or(Color::BLACK);
        let background = theme.settings.background.unwrap_or(Color::WHITE);
        let mut foregrounds = Vec::new();
        let mut backgrounds: Vec<(Color, Color)> = Vec::new();
        for item in &theme.scopes {
            if let Some(colour) = item.style.foreground
                && colour != text
                && !foregrounds.contains(&colour)
            {
                foregrounds.push(colour);
            }
            if let Some(colour) = item.style.background
                && colour != background
                && !backgrounds.iter().any(|(b, _)| *b == colour)
            {
                backgrounds.push((colour, item.style.foreground.unwrap_or(text)));
            }
        }
        Palette {
            scheme,
            highlighter: ThemeHighlighter::new(theme),
            text,
            background,
            foregrounds,
            backgrounds,
        }
    }

    /// The colour and background `style` is drawn in: its own colour where that is
    /// readable on its background; otherwise the colour that background's rule gives text
    /// (the code block's text colour, for no background of its own). `own` is the index of
    /// its own background, if it has one.
    fn draw(&self, style: Style, own: Option<usize>) -> (Color, Color) {
        let (background, text) = own.map_or((self.background, self.text), |i| self.backgrounds[i]);
        let colour = if ratio(style.foreground, background) >= MINIMUM {
            style.foreground
        } else {
            text
        };
        (colour, background)
    }

    fn background_of(&self, style: Style) -> Option<usize> {
        self.backgrounds.iter().position(|(b, _)| *b == style.background)
    }

    /// Appends the classes that draw `style` (each after a space).
    fn classes(&self, style: Style, out: &mut String) {
        use std::fmt::Write;
        let own = self.background_of(style);
        let (colour, _) = self.draw(style, own);
        if let Some(i) = own {
            let _ = write!(out, " {}k{i}", self.scheme);
        }
        let default = own.map_or(self.text, |i| self.backgrounds[i].1);
        if colour != default
            && let Some(i) = self.foregrounds.iter().position(|c| *c == colour)
        {
            let _ = write!(out, " {}{i}", self.scheme);
        }
        for (flag, letter) in [(FontStyle::BOLD, 'b'), (FontStyle::ITALIC, 'i'), (FontStyle::UNDERLINE, 'u')] {
            if style.font_style.contains(flag) {
                let _ = write!(out, " {}{letter}", self.scheme);
            }
        }
    }

    /// Whether blank text in `style` looks like blank text on the code block.
    fn shows_blank(&self, style: Style) -> bool {
        self.background_of(style).is_none() && !style.font_style.contains(FontStyle::UNDERLINE)
    }

    /// The palette's rules, unscoped: the code block's colours, then backgrounds before
    /// colours, so that a colour class wins over the text colour of a background class.
    fn css(&self) -> String {
        let scheme = self.scheme;
        let mut css = code_block_css(self.text, self.background);
        for (i, (background, text)) in self.backgrounds.iter().enumerate() {
            css.push_str(&format!(
                "pre.code .{scheme}k{i} {{\n color: {};\n background-color: {};\n}}\n",
                hex(*text),
                hex(*background)
            ));
        }
        for (i, colour) in self.foregrounds.iter().enumerate() {
            css.push_str(&format!("pre.code .{scheme}{i} {{\n color: {};\n}}\n", hex(*colour)));
        }
        css.push_str(&format!(
            "pre.code .{scheme}b {{\n font-weight: bold;\n}}\npre.code .{scheme}i {{\n font-style: italic;\n}}\npre.code .{scheme}u {{\n text-decoration: underline;\n}}\n"
        ));
        css
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

/// The stylesheet for highlighted code: each palette's classes, scoped to its own colour
/// scheme (see [`LIGHT_SCOPES`] and [`DARK_SCOPES`]).
pub fn stylesheet(palettes: &Palettes) -> String {
    let mut css = String::from("/* Code highlighting, generated from the configured syntect themes. */\n");
    for (palette, scopes) in [(&palettes.light, &LIGHT_SCOPES[..]), (&palettes.dark, &DARK_SCOPES[..])] {
        let palette_css = palette.css();
        for (media, scope) in scopes {
            let rules = prefix_selectors(&palette_css, scope);
            match media {
                Some(media) => css.push_str(&format!("@media {media} {{\n{rules}}}\n")),
                None => css.push_str(&rules),
            }
        }
    }
    css
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

    fn default_palettes() -> &'static Palettes {
        Palettes::of(CodeThemes::default())
    }

    #[test]
    fn highlighting_writes_one_span_per_run_of_a_style_pair_and_escapes() {
        let html = Highlighter::global()
            .highlight("x = \"<b>\"\ny = 1\n", "python", default_palettes())
            .unwrap();
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("<span><span"), "no nested spans: {html}");
        let classes: Vec<&str> = html
            .split("<span class=")
            .skip(1)
            .map(|c| c[..c.find('>').unwrap()].trim_matches('"'))
            .collect();
        assert!(!classes.is_empty(), "{html}");
        for list in &classes {
            for class in list.split(' ') {
                let (scheme, rest) = class.split_at(1);
                assert!(scheme == "l" || scheme == "d", "{class} in {html}");
                assert!(
                    rest.parse::<usize>().is_ok()
                        || ["b", "i", "u"].contains(&rest)
                        || rest.strip_prefix('k').is_some_and(|i| i.parse::<usize>().is_ok()),
                    "{class} in {html}"
                );
            }
        }
        // The text is all there, in order.
        let stripped: String = html.split('<').map(|p| p.split_once('>').map_or(p, |(_, t)| t)).collect();
        assert_eq!(stripped, "x = \"&lt;b&gt;\"\ny = 1\n");
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
    /// stylesheet is scoped to exactly one scheme and names only that scheme's classes, and
    /// each scheme has all its palette's rules.
    #[test]
    fn every_rule_of_every_theme_pair_belongs_to_one_scheme() {
        let names = theme_names();
        for light_name in &names {
            for dark_name in &names {
                let themes = CodeThemes {
                    light: find_highlight_theme(light_name).unwrap(),
                    dark: find_highlight_theme(dark_name).unwrap(),
                };
                let palettes = Palettes::of(themes);
                let css = stylesheet(palettes);
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
                    let own = if scope < LIGHT_SCOPES.len() { " .l" } else { " .d" };
                    let other = if scope < LIGHT_SCOPES.len() { " .d" } else { " .l" };
                    assert!(
                        rule.selectors
                            .iter()
                            .all(|s| !s.contains(other) && (s.contains(own) || s.ends_with("pre.code") || s.ends_with("::before"))),
                        "{light_name}/{dark_name}: {rule:?}"
                    );
                    counts[scope] += 1;
                }
                let (l, d) = (rules(&palettes.light.css()).len(), rules(&palettes.dark.css()).len());
                assert_eq!(counts, [l, l, l, d, d], "{light_name}/{dark_name}");
            }
        }
    }

    /// What a browser draws each run of highlighted code in, worked out from the classes
    /// on the page and the stylesheet's rules of one scheme: the code block's colours,
    /// then a background class's, then a colour class's (the order the stylesheet writes).
    fn drawn_runs(html: &str, css: &str, prefix: &str, media: Option<&str>) -> Vec<(String, Color, Color)> {
        let scheme: Vec<Rule> = rules(css)
            .into_iter()
            .filter(|r| r.media.as_deref() == media && r.selectors[0].starts_with(&format!("{prefix} ")))
            .collect();
        let rule = |selector: &str| scheme.iter().find(|r| r.selectors == [format!("{prefix} {selector}")]);
        let block = rule("pre.code").expect("the code block's rule");
        let (text, background) = (block.colour.unwrap(), block.background.unwrap());
        let mut runs = Vec::new();
        for piece in html.split("<span class=").skip(1) {
            let (classes, rest) = piece.split_once('>').unwrap();
            let classes = classes.trim_matches('"');
            let run = rest.split("</span>").next().unwrap().to_string();
            let (mut colour, mut on) = (text, background);
            let mut ordered: Vec<&str> = classes.split(' ').collect();
            ordered.sort_by_key(|c| !c[1..].starts_with('k'));
            for class in ordered {
                if let Some(r) = rule(&format!("pre.code .{class}")) {
                    colour = r.colour.unwrap_or(colour);
                    on = r.background.unwrap_or(on);
                }
            }
            if !run.trim().is_empty() {
                runs.push((run, colour, on));
            }
        }
        runs
    }

    /// Every bundled theme, in either scheme, on code that mixes backgrounds and colours
    /// (x86 assembly's `invalid.illegal` inside `entity.name.constant`, which Nord drew at
    /// 1.52:1 before; a log's error line, whose numbers Monokai Extended colours on its
    /// pink): every run of text meets 4.5:1 on the background it is drawn on.
    #[test]
    fn every_run_of_code_is_drawn_at_4_5_to_1_or_more_in_every_bundled_theme() {
        use crate::markdown::contrast::{MINIMUM, ratio};
        let samples = [
            ("@Override\nmov eax, 1\n", "yasm"),
            ("12:00:02 ERROR Error 2 while reading\n", "log"),
            ("--- a\n+++ b\n-old\n+new\n", "diff"),
            ("# Title\n**bold** _it_ [link](http://x)\n", "markdown"),
            ("fn main() { let s = \"x\"; /* c */ }\n", "rust"),
        ];
        for name in theme_names() {
            let theme = find_highlight_theme(name).unwrap();
            let palettes = Palettes::of(CodeThemes { light: theme, dark: theme });
            let css = stylesheet(palettes);
            for (code, language) in samples {
                let html = Highlighter::global().highlight(code, language, palettes).unwrap();
                for (media, prefix) in LIGHT_SCOPES.iter().chain(&DARK_SCOPES) {
                    for (run, colour, on) in drawn_runs(&html, &css, prefix, *media) {
                        assert!(
                            ratio(colour, on) >= MINIMUM,
                            "{name} ({prefix}): {run:?} of {language} in {colour:?} on {on:?}"
                        );
                    }
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
