//! Tera, loaded once per build with every layer of templates.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;
use crate::locale::{fill, pick_form};
use crate::render::theme::ThemeFiles;

/// The loaded templates, shared read-only by all render jobs.
pub struct Templates {
    tera: Tera,
    /// Where each template's text came from, by the name Tera knows it under.
    origins: BTreeMap<String, String>,
    /// Every template file's name (without its layer) and text, for [`Templates::readers_of`].
    texts: Vec<(String, String)>,
}

/// The filter that marks a block as the same on many pages, such as the site header:
/// `{% filter minify_once %}<header>…</header>{% endfilter %}`. It writes the block
/// between two markers, which [`Templates::render`] takes out again and reports, so the
/// renderer minifies each distinct block once per build instead of once per page (see
/// `render::minify_around`).
pub const MINIFY_ONCE: &str = "minify_once";

/// The markers around a `minify_once` block in a template's raw output: private-use
/// characters, which no Markdown body or template writes.
const ONCE_START: &str = "\u{E000}minify_once\u{E001}";
const ONCE_END: &str = "\u{E000}/minify_once\u{E001}";

/// The filter that fills a theme string's `{name}` placeholders from its arguments and, for
/// a string with plural forms, picks the form of `n` in the page's language (`site.language`):
/// `{{ site.strings.role_count | fill(n=3) }}` → `3 roles`. The string's text is escaped,
/// as is every argument not marked `safe`; the result is marked safe.
pub const FILL: &str = "fill";

fn fill_text(text: &tera::Value, kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<tera::Value> {
    let escape = |s: &str| -> tera::TeraResult<String> {
        if state.autoescaping_enabled() {
            state.escape(s)
        } else {
            Ok(s.to_string())
        }
    };
    let form = match (text.as_str(), text.as_map()) {
        (Some(plain), _) => plain.to_string(),
        (None, Some(forms)) => {
            let n = kwargs.get::<tera::Value>("n")?.and_then(|n| n.as_u64()).unwrap_or(0);
            let language = state.get::<tera::Value>("site")?;
            let code = language
                .as_ref()
                .and_then(|site| site.get_from_path("language"))
                .and_then(|v| v.as_str())
                .unwrap_or("en");
            let forms: BTreeMap<String, String> = forms
                .iter()
                .filter_map(|(category, form)| Some((category.as_str()?.to_string(), form.as_str()?.to_string())))
                .collect();
            pick_form(&forms, code, n).unwrap_or_default().to_string()
        }
        _ => String::new(),
    };
    let mut values = BTreeMap::new();
    for (name, value) in kwargs.iter() {
        let Some(name) = name.as_str() else { continue };
        let shown = match value.as_str() {
            Some(text) if value.is_safe() => text.to_string(),
            Some(text) => escape(text)?,
            None => escape(&value.to_string())?,
        };
        values.insert(name.to_string(), shown);
    }
    let filled = fill(&escape(&form)?, |name| values.get(name).cloned());
    Ok(tera::Value::safe_string(&filled))
}

/// A rendered template and the blocks of it that passed through [`MINIFY_ONCE`].
pub struct RenderedHtml {
    pub html: String,
    pub once_blocks: Vec<String>,
}

/// The templates that may read a value of the context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Readers {
    All,
    /// Only the templates of these names (any layer).
    Only(BTreeSet<String>),
}

impl Readers {
    /// Whether rendering `template` may read the value.
    pub fn include(&self, template: &str) -> bool {
        match self {
            Readers::All => true,
            Readers::Only(names) => names.contains(template),
        }
    }
}

impl Templates {
    /// Parses every layer; lower layers are reachable by fallback when a higher one lacks a file.
    pub fn load(files: &ThemeFiles) -> Result<Templates, Vec<Diagnostic>> {
        let mut tera = Tera::default();
        tera.register_filter(MINIFY_ONCE, |block: &tera::Value, _: tera::Kwargs, _: &tera::State| {
            let Some(text) = block.as_str() else { return block.clone() };
            let marked = format!("{ONCE_START}{text}{ONCE_END}");
            if block.is_safe() {
                tera::Value::safe_string(&marked)
            } else {
                tera::Value::from(marked)
            }
        });
        tera.register_filter(FILL, fill_text);
        let layer_count = files.templates.len();
        let prefixes: Vec<String> = (0..layer_count.saturating_sub(1)).rev().map(|i| format!("__layer{i}/")).collect();
        tera.set_fallback_prefixes(prefixes)
            .map_err(|e| vec![Diagnostic::error("templates", 0, 0, e.to_string())])?;
        let mut sources = Vec::new();
        let mut texts = Vec::new();
        let mut origins = BTreeMap::new();
        let mut errors = Vec::new();
        for (index, layer) in files.templates.iter().enumerate() {
            let prefix = if index + 1 == layer_count {
                String::new()
            } else {
                format!("__layer{index}/")
            };
            for file in layer {
                let name = format!("{prefix}{}", file.name);
                let origin = file.origin.as_ref().map_or_else(
                    || format!("(built-in default theme) templates/{}", file.name),
                    |p| p.display().to_string(),
                );
                match String::from_utf8(file.bytes.clone()) {
                    Ok(text) => {
                        texts.push((file.name.clone(), text.clone()));
                        sources.push((name.clone(), text));
                    }
                    Err(_) => errors.push(
                        Diagnostic::error(&origin, 0, 0, "the template is not UTF-8 text").with_hint("save it with the UTF-8 encoding"),
                    ),
                }
                origins.insert(name, origin);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let templates = Templates {
            tera: Tera::default(),
            origins,
            texts,
        };
        tera.add_raw_templates(sources).map_err(|e| vec![templates.describe(&e, None)])?;
        Ok(Templates { tera, ..templates })
    }

    /// Which templates may read the context value `name`, judged from their text: those
    /// that name it, or all of them as soon as one of those is named by a template (in
    /// `extends`, `include` or `import`), since it then renders as part of others.
    /// Cautious by design: a mention in a comment counts too.
    pub fn readers_of(&self, name: &str) -> Readers {
        let naming: BTreeSet<String> = self
            .texts
            .iter()
            .filter(|(_, text)| text.contains(name))
            .map(|(file, _)| file.clone())
            .collect();
        let used_by_others = naming.iter().any(|file| {
            let (double, single) = (format!("{file}\""), format!("{file}'"));
            self.texts.iter().any(|(_, text)| text.contains(&double) || text.contains(&single))
        });
        if used_by_others { Readers::All } else { Readers::Only(naming) }
    }

    /// Whether a template of that name exists in any layer.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `name`; an error names the template, its line, and the content being rendered.
    pub fn render(&self, name: &str, context: &Context, rendering: &str) -> Result<RenderedHtml, Diagnostic> {
        let html = self.tera.render(name, context).map_err(|e| self.describe(&e, Some(rendering)))?;
        Ok(take_once_blocks(html))
    }

    fn describe(&self, error: &tera::Error, rendering: Option<&str>) -> Diagnostic {
        let (file, line, column, message) = match error.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let span = report.span();
                let file = self
                    .origins
                    .get(report.filename())
                    .cloned()
                    .unwrap_or_else(|| report.filename().to_string());
                (file, span.start_line, span.start_col + 1, report.message().to_string())
            }
            _ => ("templates".to_string(), 0, 0, error.to_string()),
        };
        let message = match rendering {
            Some(what) => format!("template error while rendering {what}: {message}"),
            None => format!("template error: {message}"),
        };
        let source = PathBuf::from(&file);
        let mut diagnostic = Diagnostic::error(&file, line, column, message)
            .with_hint("fix the template at this place; `guide build` lists every template problem it finds");
        if let Ok(text) = std::fs::read_to_string(&source) {
            diagnostic = diagnostic.with_source(&text);
        }
        diagnostic
    }
}

/// `html` without the `minify_once` markers, and the blocks they held, in the order the
/// blocks end (an inner block before the block around it), each without inner markers.
fn take_once_blocks(html: String) -> RenderedHtml {
    if !html.contains(ONCE_START) {
        return RenderedHtml {
            html,
            once_blocks: Vec::new(),
        };
    }
    let mut out = String::with_capacity(html.len());
    let mut open = Vec::new();
    let mut once_blocks = Vec::new();
    let mut rest = html.as_str();
    while let Some(at) = rest.find('\u{E000}') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix(ONCE_START) {
            open.push(out.len());
            rest = after;
        } else if let Some(after) = rest.strip_prefix(ONCE_END) {
            if let Some(start) = open.pop() {
                once_blocks.push(out[start..].to_string());
            }
            rest = after;
        } else {
            out.push('\u{E000}');
            rest = &rest['\u{E000}'.len_utf8()..];
        }
    }
    out.push_str(rest);
    RenderedHtml { html: out, once_blocks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::{ThemeFile, ThemeFiles};

    fn templates(layers: &[&[(&str, &str)]]) -> Templates {
        let files = ThemeFiles {
            templates: layers
                .iter()
                .map(|layer| {
                    layer
                        .iter()
                        .map(|(name, text)| ThemeFile {
                            name: name.to_string(),
                            bytes: text.as_bytes().to_vec(),
                            origin: None,
                        })
                        .collect()
                })
                .collect(),
            ..ThemeFiles::default()
        };
        Templates::load(&files).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn minify_once_blocks_are_reported_in_the_order_they_end_and_leave_the_page_as_written() {
        let page = (
            "page.html",
            "<p>a</p>{% filter minify_once %}<header>{{ title }}{% filter minify_once %}<b>x</b>{% endfilter %}</header>{% endfilter %}\u{E000}<p>{% filter minify_once %}<i>y</i>{% endfilter %}</p>",
        );
        let mut context = Context::new();
        context.insert("title", &"T & U");
        let rendered = templates(&[&[page]]).render("page.html", &context, "a test").unwrap();
        assert_eq!(rendered.html, "<p>a</p><header>T &amp; U<b>x</b></header>\u{E000}<p><i>y</i></p>");
        assert_eq!(rendered.once_blocks, ["<b>x</b>", "<header>T &amp; U<b>x</b></header>", "<i>y</i>"]);
    }

    const BASE: (&str, &str) = ("base.html", "<body>{% block main %}{% endblock main %}</body>");

    #[test]
    fn a_value_named_by_one_page_template_is_read_by_that_template_only() {
        let home = (
            "home.html",
            "{% extends \"base.html\" %}{% block main %}{{ summaries.role_count }}{% endblock main %}",
        );
        let role = (
            "role.html",
            "{% extends \"base.html\" %}{% block main %}{{ page.title }}{% endblock main %}",
        );
        let readers = templates(&[&[BASE, home, role]]).readers_of("summaries");
        assert_eq!(readers, Readers::Only(["home.html".to_string()].into()));
        assert!(readers.include("home.html"));
        assert!(!readers.include("role.html"));
    }

    #[test]
    fn a_value_named_by_a_shared_template_is_read_by_all() {
        let base = (
            "base.html",
            "<body>{{ summaries.role_count }}{% block main %}{% endblock main %}</body>",
        );
        let role = (
            "role.html",
            "{% extends \"base.html\" %}{% block main %}{{ page.title }}{% endblock main %}",
        );
        assert_eq!(templates(&[&[base, role]]).readers_of("summaries"), Readers::All);
        // An included partial, in a higher layer than the page that includes it.
        let partial = ("partials/count.html", "{{ summaries.role_count }}");
        let page = (
            "page.html",
            "{% extends \"base.html\" %}{% block main %}{% include \"partials/count.html\" %}{% endblock main %}",
        );
        let readers = templates(&[&[BASE, page], &[partial]]).readers_of("summaries");
        assert_eq!(readers, Readers::All);
        assert!(readers.include("page.html"));
    }
}
