//! The editor's HTML pages, written out here (they are not part of the theme and never of
//! a build): the list of pages with "New role" per section, and a page's form. Every
//! value is escaped with `escape::html`; the pages work with the keyboard alone and label
//! every field; `editor.js` adds saving, the preview and the tag inputs.

use std::collections::BTreeSet;

use serde_json::json;

use super::edit::PREFIX;
use crate::config::{Config, TermAliases};
use crate::content::CONTENT_DIR;
use crate::edit::form::{Form, RoleForm, SalaryForm};
use crate::edit::rewrite::Opened;
use crate::edit::store::ContentFile;
use crate::escape::html as esc;
use crate::markdown::Rendered;

/// The guide as the editor's pages list it.
pub struct Library<'a> {
    pub config: &'a Config,
    pub library: &'a crate::content::Library,
}

/// What a page's form shows besides the file's values.
pub struct FormView<'a> {
    pub file: &'a ContentFile,
    pub opened: &'a Opened<'a>,
    pub fingerprint: String,
    pub has_previous: bool,
    pub token: &'a str,
    pub highlight_css: Option<String>,
}

impl Library<'_> {
    /// A content file's path below `content/`, with `/`.
    fn relative(&self, path: &std::path::Path) -> String {
        let content = self.config.root.join(CONTENT_DIR);
        let relative = path.strip_prefix(&content).unwrap_or(path);
        relative.iter().map(|p| p.to_string_lossy()).collect::<Vec<_>>().join("/")
    }

    /// The editor's address for the page or section served at `url` (`/engineering/x/`).
    pub fn source_of_url(&self, url: &str) -> Option<String> {
        let url_path = url.strip_prefix(self.config.base_path.as_str())?;
        if let Some(page) = self.library.pages.iter().find(|p| p.url_path == url_path) {
            return Some(format!("{PREFIX}{}", crate::escape::url_path(&self.relative(&page.source.path))));
        }
        let section = self.library.sections.iter().find(|s| s.url_path == url_path)?;
        Some(format!("{PREFIX}#{}", section_anchor(&section.folder)))
    }

    /// The page's address on the served site.
    fn url_of(&self, file: &ContentFile) -> Option<String> {
        self.library
            .pages
            .iter()
            .find(|p| p.source.path == file.path)
            .map(|p| format!("{}{}", self.config.base_path, p.url_path))
    }

    /// Names used across the guide's roles, and the configured aliases, for suggestions.
    fn names(&self, pick: fn(&crate::content::role::Role) -> &Vec<String>) -> BTreeSet<String> {
        self.library
            .pages
            .iter()
            .filter_map(|p| p.role.as_ref())
            .flat_map(|r| pick(r).iter().cloned())
            .collect()
    }

    /// [`Self::names`] with both sides of `aliases` (`[skills.aliases]`, `[industries.aliases]`).
    fn names_and_aliases(&self, pick: fn(&crate::content::role::Role) -> &Vec<String>, aliases: &TermAliases) -> BTreeSet<String> {
        let mut names = self.names(pick);
        for (alias, canonical) in &aliases.aliases {
            names.insert(alias.clone());
            names.insert(canonical.clone());
        }
        names
    }
}

/// The id of a section on the list of pages: its folder with anything but ASCII letters and
/// digits made `-`, so it is safe in an attribute and an address.
fn section_anchor(folder: &std::path::Path) -> String {
    let name: String = folder
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    if name.is_empty() {
        "section-home".into()
    } else {
        format!("section-{name}")
    }
}

/// The guide sections of a rendered body, for the list beside the text.
pub fn sections_of(rendered: &Rendered) -> serde_json::Value {
    rendered
        .sections
        .iter()
        .map(|s| json!({ "heading": s.heading, "anchor": s.anchor, "line": s.line }))
        .collect()
}

fn shell(title: &str, token: &str, head: &str, main: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"guide-edit-token\" content=\"{}\">\
         <title>{}</title><link rel=\"stylesheet\" href=\"{PREFIX}editor.css\">{head}\
         <script src=\"{PREFIX}editor.js\" defer></script></head>\n<body>\
         <header class=\"bar\"><nav aria-label=\"Editor\"><a href=\"{PREFIX}\">All pages</a></nav></header>\n{main}\n</body></html>\n",
        esc(token),
        esc(title)
    )
}

/// A page with a heading and one message (refusals, files that cannot be edited).
pub fn message_page(title: &str, message: &str) -> String {
    let main = format!("<main><h1>{}</h1><p class=\"message\">{}</p></main>", esc(title), esc(message));
    shell(title, "", "", &main)
}

/// The answer for a served page with no file behind it (summaries, listings, search).
pub fn not_editable(url: &str) -> String {
    message_page(
        "This page has no file to edit",
        &format!("{url} is made by the guide from the roles (a summary, a listing or the search page); edit the roles it shows instead."),
    )
}

/// Every section with its pages, and "New role" in each.
pub fn index(library: &Library<'_>, token: &str) -> String {
    let mut main = String::from(
        "<main id=\"pages\"><h1>Edit the guide</h1>\
        <p>Choose a page to edit, or add a new role to a section. Saved changes appear on the site at once.</p>",
    );
    for section in &library.library.sections {
        // A folder has a section in each language: a translation's id and heading name it.
        let language = (section.language != 0).then(|| &library.config.languages[section.language]);
        let anchor = match language {
            Some(language) => format!("{}-{}", section_anchor(&section.folder), language.code),
            None => section_anchor(&section.folder),
        };
        let folder = section.folder.to_string_lossy().replace('\\', "/");
        let heading = match language {
            Some(language) => format!("{} ({})", section.title, language.name),
            None => section.title.clone(),
        };
        main.push_str(&format!(
            "<section class=\"section\" id=\"{anchor}\" aria-labelledby=\"{anchor}-heading\"><h2 id=\"{anchor}-heading\">{}</h2><ul>",
            esc(&heading)
        ));
        for &page in &section.pages {
            let page = &library.library.pages[page];
            let relative = library.relative(&page.source.path);
            main.push_str(&format!(
                "<li><a href=\"{PREFIX}{}\">{}</a></li>",
                esc(&crate::escape::url_path(&relative)),
                esc(&page.title)
            ));
        }
        if section.pages.is_empty() {
            main.push_str("<li>No pages yet.</li>");
        }
        main.push_str("</ul>");
        if language.is_some() {
            // "New role" writes a page of the default language; a translation is a copy
            // of its original named `role.<code>.md`.
            main.push_str("</section>");
            continue;
        }
        main.push_str(&format!(
            "<form class=\"new-role\" data-section=\"{}\" novalidate><label for=\"{anchor}-new\">Title of a new role in {}</label>\
             <input id=\"{anchor}-new\" name=\"title\" autocomplete=\"off\" aria-describedby=\"{anchor}-new-error\">\
             <button type=\"submit\">New role</button><p class=\"field-error\" id=\"{anchor}-new-error\" hidden></p></form></section>",
            esc(&folder),
            esc(&section.title)
        ));
    }
    main.push_str("</main>");
    shell("Edit the guide", token, "", &main)
}

/// The form of one page.
pub fn form(library: &Library<'_>, view: &FormView<'_>) -> String {
    let form = &view.opened.form;
    let url = library.url_of(view.file);
    let head = view
        .highlight_css
        .as_ref()
        .map(|href| format!("<link rel=\"stylesheet\" href=\"{}\">", esc(href)))
        .unwrap_or_default();
    let rendered = crate::markdown::render(view.opened.body, &crate::pipeline::markdown_options(library.config));
    let mut main = format!(
        "<main id=\"editor\" data-path=\"{}\" data-fingerprint=\"{}\">\
         <h1>Edit “{}”</h1><p class=\"file\">File <code>{}</code>{}</p>\
         <div id=\"status\" role=\"status\" aria-live=\"polite\"></div>\
         <form id=\"edit-form\" novalidate><div id=\"form-errors\" class=\"field-error\" role=\"alert\" hidden></div>",
        esc(&view.file.relative),
        esc(&view.fingerprint),
        esc(&form.title),
        esc(&view.file.shown.to_string_lossy()),
        url.as_ref()
            .map(|u| format!(" · <a id=\"view-page\" href=\"{}\">View the page</a>", esc(u)))
            .unwrap_or_default(),
    );
    main.push_str(&page_fields(form));
    if let Some(role) = &form.role {
        main.push_str(&role_fields(library, role));
    }
    main.push_str(&format!(
        "<fieldset><legend>Guide text</legend><div class=\"field\"><label for=\"body\">Text (Markdown)</label>\
         <p class=\"hint\" id=\"body-hint\">Each question is a list item (a line starting with “- ”) under a “## ” guide section.</p>\
         <textarea id=\"body\" name=\"body\" rows=\"24\" spellcheck=\"true\" aria-describedby=\"body-hint body-error\">\n{}</textarea>\
         <div class=\"field-error\" id=\"body-error\" hidden></div></div></fieldset>",
        esc(view.opened.body)
    ));
    main.push_str(
        "<div id=\"warnings\" class=\"warnings\" hidden><h2 id=\"warnings-heading\">Check these before saving</h2><ul id=\"warning-list\"></ul>\
         <button type=\"button\" id=\"save-anyway\">Save anyway</button></div>\
         <div id=\"conflict\" class=\"conflict\" hidden><h2>This file was changed on disk after you opened it</h2>\
         <p>Compare the two versions. Saving yours replaces the one on disk; discarding reloads the form with the version on disk.</p>\
         <div class=\"versions\"><div class=\"field\"><label for=\"theirs\">The version on disk</label><textarea id=\"theirs\" rows=\"12\" readonly></textarea></div>\
         <div class=\"field\"><label for=\"yours\">Your version</label><textarea id=\"yours\" rows=\"12\" readonly></textarea></div></div>\
         <button type=\"button\" id=\"keep-mine\">Save mine over it</button> <button type=\"button\" id=\"take-theirs\">Discard mine and reload</button></div>",
    );
    main.push_str(&format!(
        "<div class=\"actions\"><button type=\"submit\" id=\"save\">Save</button> \
         <button type=\"button\" id=\"undo\"{}>Undo the last save</button></div></form>",
        if view.has_previous { "" } else { " hidden" }
    ));
    main.push_str("<section class=\"sections\" aria-labelledby=\"sections-heading\"><h2 id=\"sections-heading\">Guide sections</h2><ul id=\"sections\">");
    for section in &rendered.sections {
        main.push_str(&section_item(&section.heading));
    }
    main.push_str("</ul></section>");
    main.push_str(&format!(
        "<section class=\"preview-box\" aria-labelledby=\"preview-heading\"><h2 id=\"preview-heading\">Preview</h2><div id=\"preview\" class=\"preview\">{}</div></section></main>",
        rendered.html
    ));
    shell(&format!("Edit {}", form.title), view.token, &head, &main)
}

/// One guide section in the list, with its button to add a question (`editor.js` builds
/// the same markup after each preview).
fn section_item(heading: &str) -> String {
    format!(
        "<li><button type=\"button\" class=\"add-question\" data-heading=\"{0}\">Add a question under “{0}”</button></li>",
        esc(heading)
    )
}

fn page_fields(form: &Form) -> String {
    let mut out = String::from("<fieldset><legend>Page</legend>");
    out.push_str(&text_field(
        "title",
        "Title",
        &form.title,
        "Shown as the page's heading and in listings.",
    ));
    out.push_str(&format!(
        "<div class=\"field\"><label for=\"description\">Description</label><p class=\"hint\" id=\"description-hint\">One or two sentences for search results and listings.</p>\
         <textarea id=\"description\" name=\"description\" rows=\"3\" aria-describedby=\"description-hint description-error\">\n{}</textarea>{}</div>",
        esc(&form.description),
        error_slot("description")
    ));
    out.push_str(&text_field("date", "Date", &form.date, "Year-month-day, like 2026-09-14."));
    out.push_str(&text_field(
        "updated",
        "Updated",
        &form.updated,
        "Year-month-day; leave empty if never updated.",
    ));
    out.push_str(&text_field(
        "weight",
        "Weight",
        &form.weight,
        "A whole number; lower numbers are listed first.",
    ));
    out.push_str(&format!(
        "<div class=\"field check\"><input type=\"checkbox\" id=\"draft\" name=\"draft\"{} aria-describedby=\"draft-error\"><label for=\"draft\">Draft (not published)</label>{}</div>",
        if form.draft { " checked" } else { "" },
        error_slot("draft")
    ));
    out.push_str("</fieldset>");
    out
}

fn role_fields(library: &Library<'_>, role: &RoleForm) -> String {
    let mut out = String::from("<fieldset id=\"role\"><legend>Role</legend>");
    out.push_str(&error_slot("role"));
    out.push_str(&text_field(
        "role.experience_years",
        "Years of experience",
        &role.experience_years,
        "The usual years of experience, as a whole number.",
    ));
    out.push_str(&select_field("role.demand", "Demand", &["low", "medium", "high"], &role.demand));
    out.push_str(&tags_field(
        "role.industries",
        "Industries",
        "industry",
        &role.industries,
        &library.names_and_aliases(|r| &r.industries, &library.config.industries),
    ));
    out.push_str(&tags_field(
        "role.skills",
        "Skills",
        "skill",
        &role.skills,
        &library.names_and_aliases(|r| &r.skills, &library.config.skills),
    ));
    out.push_str(&tags_field(
        "role.soft_skills",
        "Soft skills",
        "soft skill",
        &role.soft_skills,
        &library.names_and_aliases(|r| &r.soft_skills, &library.config.skills),
    ));
    let empty = SalaryForm {
        currency: "USD".into(),
        period: "year".into(),
        ..Default::default()
    };
    let salary = role.salary.as_ref().unwrap_or(&empty);
    let codes: Vec<&str> = crate::currency::codes().collect();
    out.push_str(&format!(
        "<fieldset id=\"role.salary\"><legend>Salary</legend>{}\
         <div class=\"field check\"><input type=\"checkbox\" id=\"salary-shown\"{}><label for=\"salary-shown\">Show a salary range</label></div>\
         <div id=\"salary-fields\"{}>",
        error_slot("role.salary"),
        if role.salary.is_some() { " checked" } else { "" },
        if role.salary.is_some() { "" } else { " hidden" }
    ));
    out.push_str(&text_field(
        "role.salary.min",
        "Minimum",
        &salary.min,
        "A number without a currency sign, like 85000.",
    ));
    out.push_str(&text_field("role.salary.max", "Maximum", &salary.max, "Not below the minimum."));
    out.push_str(&select_field("role.salary.currency", "Currency", &codes, &salary.currency));
    out.push_str(&select_field(
        "role.salary.period",
        "Paid per",
        &["hour", "day", "month", "year"],
        &salary.period,
    ));
    out.push_str("</div></fieldset></fieldset>");
    out
}

fn error_slot(id: &str) -> String {
    format!("<p class=\"field-error\" id=\"{}-error\" hidden></p>", esc(id))
}

fn text_field(id: &str, label: &str, value: &str, hint: &str) -> String {
    let id = esc(id);
    format!(
        "<div class=\"field\"><label for=\"{id}\">{}</label><p class=\"hint\" id=\"{id}-hint\">{}</p>\
         <input id=\"{id}\" name=\"{id}\" value=\"{}\" autocomplete=\"off\" aria-describedby=\"{id}-hint {id}-error\">{}</div>",
        esc(label),
        esc(hint),
        esc(value),
        error_slot(&id)
    )
}

/// A choice among fixed values; a value the file has that is not among them is kept as
/// an option, so opening a form never changes it silently.
fn select_field(id: &str, label: &str, options: &[&str], current: &str) -> String {
    let id = esc(id);
    let mut choices: Vec<&str> = options.to_vec();
    if !current.is_empty() && !choices.contains(&current) {
        choices.insert(0, current);
    }
    let options: String = choices
        .iter()
        .map(|o| format!("<option{}>{}</option>", if *o == current { " selected" } else { "" }, esc(o)))
        .collect();
    format!(
        "<div class=\"field\"><label for=\"{id}\">{}</label><select id=\"{id}\" name=\"{id}\" aria-describedby=\"{id}-error\">{options}</select>{}</div>",
        esc(label),
        error_slot(&id)
    )
}

/// A list of names as removable tags, and an input that suggests the names already used.
fn tags_field(id: &str, label: &str, one: &str, values: &[String], suggestions: &BTreeSet<String>) -> String {
    let id = esc(id);
    let tags: String = values.iter().map(|v| tag_item(v)).collect();
    let options: String = suggestions
        .iter()
        .map(|s| format!("<option value=\"{}\"></option>", esc(s)))
        .collect();
    format!(
        "<fieldset class=\"tags\" id=\"{id}\"><legend>{}</legend><ul class=\"tag-list\" id=\"{id}-list\">{tags}</ul>\
         <div class=\"field add-tag\"><label for=\"{id}-new\">Add a {}</label>\
         <input id=\"{id}-new\" list=\"{id}-options\" autocomplete=\"off\" aria-describedby=\"{id}-error\">\
         <button type=\"button\" class=\"add-tag-button\" data-list=\"{id}\">Add</button></div>\
         <datalist id=\"{id}-options\">{options}</datalist>{}</fieldset>",
        esc(label),
        esc(one),
        error_slot(&id)
    )
}

/// One tag (`editor.js` builds the same markup for a tag added in the page).
fn tag_item(value: &str) -> String {
    format!(
        "<li><span class=\"tag-name\">{0}</span> <button type=\"button\" class=\"remove-tag\" aria-label=\"Remove {0}\">×</button></li>",
        esc(value)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_and_every_input_has_a_label() {
        let html = text_field("title", "Title", "\"><script>alert(1)</script>", "hint");
        assert!(!html.contains("<script>"), "{html}");
        let tags = tags_field(
            "role.skills",
            "Skills",
            "skill",
            &["<b>".into()],
            &BTreeSet::from(["Go".to_string()]),
        );
        assert!(tags.contains("&lt;b&gt;") && !tags.contains("<b>"), "{tags}");
        assert!(tags.contains("<label for=\"role.skills-new\">"), "{tags}");
    }

    #[test]
    fn a_value_outside_the_choices_is_kept_selected() {
        let html = select_field("role.salary.currency", "Currency", &["EUR", "USD"], "usd");
        assert!(html.contains("<option selected>usd</option>"), "{html}");
    }
}
