//! Tera, loaded once per build with every layer of templates.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tera::{Context, Tera};

use crate::diagnostics::Diagnostic;
use crate::render::theme::ThemeFiles;

/// The loaded templates, shared read-only by all render jobs.
pub struct Templates {
    tera: Tera,
    /// Where each template's text came from, by the name Tera knows it under.
    origins: BTreeMap<String, String>,
}

impl Templates {
    /// Parses every layer; lower layers are reachable by fallback when a higher one lacks a file.
    pub fn load(files: &ThemeFiles) -> Result<Templates, Vec<Diagnostic>> {
        let mut tera = Tera::default();
        let layer_count = files.templates.len();
        let prefixes: Vec<String> = (0..layer_count.saturating_sub(1)).rev().map(|i| format!("__layer{i}/")).collect();
        tera.set_fallback_prefixes(prefixes)
            .map_err(|e| vec![Diagnostic::error("templates", 0, 0, e.to_string())])?;
        let mut sources = Vec::new();
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
                    Ok(text) => sources.push((name.clone(), text)),
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
        };
        tera.add_raw_templates(sources).map_err(|e| vec![templates.describe(&e, None)])?;
        Ok(Templates { tera, ..templates })
    }

    /// Whether a template of that name exists in any layer.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `name`; an error names the template, its line, and the content being rendered.
    pub fn render(&self, name: &str, context: &Context, rendering: &str) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| self.describe(&e, Some(rendering)))
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
