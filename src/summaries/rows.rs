//! Table rows of the big summary tables, built once per role as compact, escaped HTML.
//!
//! `/salaries/` lists every role, and every skill and industry page lists its roles, so a
//! role appears in some twenty tables. Rendering each of those rows through the template
//! engine and the HTML minifier was most of the cost of the summaries on large guides;
//! building each role's row once and joining strings is nearly free. Templates still own
//! the pages around the rows (headings, table heads, notes). Every user string is escaped
//! here with [`crate::escape::html`].

use std::fmt::Write as _;

use super::RoleRow;
use crate::escape::html as escape_xml;

/// The rows of one role, ready to join into tables.
#[derive(Debug, Clone, PartialEq)]
pub struct RowHtml {
    /// A row of the `/salaries/` tables.
    pub salary: String,
    /// A row of a skill or industry page, split where "soft skill" is noted.
    pub term_head: String,
    pub term_tail: String,
}

/// Both rows of a role.
pub fn row_html(row: &RoleRow) -> RowHtml {
    let (term_head, term_tail) = term_row(row);
    RowHtml {
        salary: salary_row(row),
        term_head,
        term_tail,
    }
}

/// The role's title and section cells, shared by both tables.
fn role_cells(out: &mut String, row: &RoleRow) {
    let _ = write!(
        out,
        "<th scope=\"row\"><a href=\"{}\">{}</a>",
        escape_xml(&row.url),
        escape_xml(&row.title)
    );
}

/// The section's link says where it leads to screen readers and search engines, which may
/// read it out of the table.
fn section_cell(out: &mut String, row: &RoleRow) {
    let _ = write!(
        out,
        "<td><a href=\"{}\">{}<span class=\"visually-hidden\">: roles in this section</span></a></td>",
        escape_xml(&row.section_url),
        escape_xml(&row.section)
    );
}

fn demand_and_experience(out: &mut String, row: &RoleRow) {
    let _ = write!(
        out,
        "<td data-sort=\"{}\"><span class=\"demand demand-{}\">{}</span></td><td class=\"num\" data-sort=\"{}\">{}</td>",
        row.demand_rank,
        escape_xml(&row.demand),
        escape_xml(&row.demand_label),
        row.experience_years,
        escape_xml(&row.experience_display)
    );
}

/// Role, section, minimum, maximum, midpoint (yearly), currency, period, demand, experience.
pub fn salary_row(row: &RoleRow) -> String {
    let mut out = String::with_capacity(640);
    out.push_str("<tr>");
    role_cells(&mut out, row);
    out.push_str("</th>");
    section_cell(&mut out, row);
    match &row.salary {
        Some(s) => {
            for (value, shown) in [(s.min, &s.min_display), (s.max, &s.max_display), (s.mid, &s.mid_display)] {
                let _ = write!(
                    out,
                    "<td class=\"num\" data-sort=\"{}\">{}</td>",
                    sort_number(value),
                    escape_xml(shown)
                );
            }
            let _ = write!(out, "<td>{}", escape_xml(&s.yearly_currency));
            if let Some(conversion) = &s.conversion {
                let _ = write!(out, " <span class=\"note\">{}</span>", escape_xml(conversion));
            }
            let _ = write!(out, "</td><td data-sort=\"{}\">{}", s.period_rank, escape_xml(&s.period));
            if s.period != "year" || s.conversion.is_some() {
                let _ = write!(
                    out,
                    " <span class=\"note\">{} {}</span>",
                    escape_xml(&s.written),
                    escape_xml(&s.currency)
                );
            }
            out.push_str("</td>");
        }
        None => {
            out.push_str(&"<td class=\"num undisclosed\" data-sort=\"-1\">not disclosed</td>".repeat(3));
            out.push_str("<td class=\"undisclosed\">—</td><td class=\"undisclosed\" data-sort=\"0\">—</td>");
        }
    }
    demand_and_experience(&mut out, row);
    out.push_str("</tr>\n");
    out
}

/// Role, section, yearly range, midpoint, experience, demand; split after the title so a
/// "soft skill" note can go between. Kept short: a popular skill's page lists thousands.
pub fn term_row(row: &RoleRow) -> (String, String) {
    let mut head = String::with_capacity(96);
    role_cells(&mut head, row);
    let mut tail = String::with_capacity(280);
    let _ = write!(tail, "</th><td>{}</td>", escape_xml(&row.section));
    match &row.salary {
        Some(s) => {
            let _ = write!(
                tail,
                "<td>{} – {} {}</td><td class=\"num\" data-sort=\"{}\">{}</td>",
                escape_xml(&s.min_display),
                escape_xml(&s.max_display),
                escape_xml(&s.yearly_currency),
                escape_xml(&s.sort_key),
                escape_xml(&s.mid_display)
            );
        }
        None => {
            tail.push_str("<td class=\"undisclosed\">not disclosed</td><td class=\"num undisclosed\" data-sort=\"\">not disclosed</td>")
        }
    }
    let _ = writeln!(
        tail,
        "<td class=\"num\" data-sort=\"{}\">{}</td><td class=\"level-{}\" data-sort=\"{}\">{}</td></tr>",
        row.experience_years,
        escape_xml(&row.experience_display),
        escape_xml(&row.demand),
        row.demand_rank,
        escape_xml(&capitalise(&row.demand))
    );
    (head, tail)
}

/// `high` → `High`.
fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A number for `data-sort`: whole numbers without a decimal point.
fn sort_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// Joins the term rows of some roles (position, listed as a soft skill) into a table body.
pub fn join_term_rows<'a>(rows: impl Iterator<Item = (&'a RowHtml, bool)>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    for (row, soft) in rows {
        out.push_str("<tr>");
        out.push_str(&row.term_head);
        if soft {
            out.push_str(" <span class=\"note\">soft skill</span>");
        }
        out.push_str(&row.term_tail);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summaries::RowSalary;

    fn row(salary: Option<RowSalary>) -> RoleRow {
        RoleRow {
            title: "R&D <Lead>".into(),
            url: "/eng/r-d/".into(),
            section: "Eng \"core\"".into(),
            section_url: "/eng/".into(),
            experience_years: 3,
            experience_display: "3+ years".into(),
            demand: "high".into(),
            demand_label: "High demand".into(),
            demand_rank: 3,
            salary,
        }
    }

    fn salary() -> RowSalary {
        RowSalary {
            written: "€50 – €70".into(),
            period: "hour".into(),
            period_label: "per hour".into(),
            period_rank: 1,
            sort_key: "USD 134784".into(),
            currency: "EUR".into(),
            min: 112_320.0,
            max: 157_248.0,
            mid: 134_784.0,
            min_display: "$112,320".into(),
            max_display: "$157,248".into(),
            mid_display: "$134,784".into(),
            yearly_currency: "USD".into(),
            conversion: Some("converted from EUR at 1.08".into()),
        }
    }

    #[test]
    fn salary_rows_escape_and_carry_sort_values() {
        let html = salary_row(&row(Some(salary())));
        assert!(html.starts_with("<tr><th scope=\"row\"><a href=\"/eng/r-d/\">R&amp;D &lt;Lead&gt;</a></th>"));
        assert!(html.contains("<a href=\"/eng/\">Eng &quot;core&quot;<span class=\"visually-hidden\">: roles in this section</span></a>"));
        assert!(html.contains("<td class=\"num\" data-sort=\"112320\">$112,320</td>"));
        assert!(html.contains("USD <span class=\"note\">converted from EUR at 1.08</span>"));
        assert!(html.contains("<td data-sort=\"1\">hour <span class=\"note\">€50 – €70 EUR</span></td>"));
        assert!(html.ends_with("<td class=\"num\" data-sort=\"3\">3+ years</td></tr>\n"));
    }

    #[test]
    fn undisclosed_salaries_say_so_in_every_salary_cell() {
        let html = salary_row(&row(None));
        assert_eq!(html.matches(">not disclosed</td>").count(), 3);
    }

    #[test]
    fn term_rows_note_soft_skills_between_title_and_section() {
        let rows = [row_html(&row(Some(salary()))), row_html(&row(None))];
        let html = join_term_rows(rows.iter().zip([false, true]), 0);
        assert_eq!(html.matches("<tr>").count(), 2);
        assert_eq!(html.matches("soft skill").count(), 1);
        assert!(html.contains("&lt;Lead&gt;</a> <span class=\"note\">soft skill</span></th>"));
        assert!(html.contains(
            "</th><td>Eng &quot;core&quot;</td><td>$112,320 – $157,248 USD</td><td class=\"num\" data-sort=\"USD 134784\">$134,784</td>"
        ));
        assert!(html.contains("<td class=\"level-high\" data-sort=\"3\">High</td></tr>"));
    }
}
