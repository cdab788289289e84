//! The salary chart, drawn at build time as inline SVG: no chart library and no script.
//!
//! One horizontal bar per role (or per section for large groups) from minimum to maximum,
//! a dot at the midpoint, grouped under section headings, on one axis with labelled ticks.
//! Colours come from CSS classes (with `currentColor` fallbacks), so the chart follows the
//! light and dark themes; the `viewBox` lets it scale to the width of the page.

use std::fmt::Write as _;

use crate::escape::html as escape_xml;
use crate::locale;

/// Width of the drawing in `viewBox` units; the stylesheet sets its size on the page.
const WIDTH: f64 = 720.0;
/// Right edge of role labels; bars start a little after it.
const LABEL_RIGHT: f64 = 236.0;
const PLOT_LEFT: f64 = 246.0;
const PLOT_RIGHT: f64 = 694.0;
/// Height of the tick labels above the first row.
const AXIS_HEIGHT: f64 = 28.0;
const HEADING_HEIGHT: f64 = 28.0;
const ROW_HEIGHT: f64 = 22.0;
const BOTTOM: f64 = 8.0;
/// Longest label drawn in full; longer ones are shortened (the full text is in a tooltip
/// and in the table).
const LABEL_CHARS: usize = 28;

/// One bar: a range with its midpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    /// The full text shown as a tooltip: title and figures.
    pub detail: String,
    pub min: f64,
    pub max: f64,
    pub mid: f64,
}

/// The bars of one section, under its heading.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSection {
    pub title: String,
    pub bars: Vec<Bar>,
}

/// The SVG of a chart of amounts in `currency`, its ticks written as `language` writes
/// them; `id` must be unique on the page, `title` names it and `description` says what is
/// drawn.
pub fn salary_chart(id: &str, currency: &str, language: &str, title: &str, description: &str, sections: &[ChartSection]) -> String {
    let bars = sections.iter().flat_map(|s| &s.bars);
    let low = bars.clone().map(|b| b.min).fold(f64::INFINITY, f64::min);
    let high = bars.map(|b| b.max).fold(f64::NEG_INFINITY, f64::max);
    if !low.is_finite() || !high.is_finite() {
        return String::new();
    }
    let axis = Axis::new(low, high);
    let rows: usize = sections.iter().map(|s| s.bars.len()).sum();
    let height = AXIS_HEIGHT + HEADING_HEIGHT * sections.len() as f64 + ROW_HEIGHT * rows as f64 + BOTTOM;
    let mut svg = String::with_capacity(256 + rows * 320);
    let _ = write!(
        svg,
        "<svg class=\"salary-chart\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" \
viewBox=\"0 0 {WIDTH} {height}\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape_xml(title),
        escape_xml(description)
    );
    draw_ticks(&mut svg, &axis, currency, language, height);
    let mut y = AXIS_HEIGHT;
    for section in sections {
        let _ = write!(
            svg,
            "<text class=\"chart-heading\" x=\"0\" y=\"{}\" fill=\"currentColor\">{}</text>",
            fmt(y + 19.0),
            escape_xml(&section.title)
        );
        y += HEADING_HEIGHT;
        for bar in &section.bars {
            draw_bar(&mut svg, &axis, bar, y);
            y += ROW_HEIGHT;
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Vertical grid lines with their labels above the plot.
fn draw_ticks(svg: &mut String, axis: &Axis, currency: &str, language: &str, height: f64) {
    svg.push_str("<g class=\"chart-axis\" aria-hidden=\"true\">");
    for value in axis.ticks() {
        let x = fmt(axis.x(value));
        let _ = write!(
            svg,
            "<line class=\"chart-grid\" x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\" stroke=\"currentColor\"/>\
<text class=\"chart-tick\" x=\"{x}\" y=\"16\" text-anchor=\"middle\" fill=\"currentColor\">{}</text>",
            fmt(AXIS_HEIGHT - 6.0),
            fmt(height - BOTTOM),
            escape_xml(&axis.label(value, currency, language))
        );
    }
    svg.push_str("</g>");
}

/// A role label, its bar from minimum to maximum, and a dot at the midpoint.
fn draw_bar(svg: &mut String, axis: &Axis, bar: &Bar, y: f64) {
    let (x0, x1) = (axis.x(bar.min), axis.x(bar.max));
    let width = (x1 - x0).max(3.0);
    let _ = write!(
        svg,
        "<g class=\"chart-row\"><title>{}</title>\
<text class=\"chart-label\" x=\"{LABEL_RIGHT}\" y=\"{}\" text-anchor=\"end\" fill=\"currentColor\">{}</text>\
<rect class=\"chart-bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" rx=\"5\" fill=\"currentColor\"/>\
<circle class=\"chart-mid\" cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"currentColor\"/></g>",
        escape_xml(&bar.detail),
        fmt(y + 15.0),
        escape_xml(&shorten(&bar.label)),
        fmt(x0),
        fmt(y + 6.0),
        fmt(width),
        fmt(axis.x(bar.mid)),
        fmt(y + 11.0)
    );
}

/// A label cut to [`LABEL_CHARS`] characters, with an ellipsis when cut.
fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

/// A coordinate with at most one decimal, so the SVG stays small and stable.
fn fmt(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// The value axis: a range rounded out to whole steps of 1, 2, 2.5 or 5 × 10ⁿ.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub start: f64,
    pub end: f64,
    pub step: f64,
}

impl Axis {
    /// An axis covering `low..=high` with about five ticks.
    pub fn new(low: f64, high: f64) -> Axis {
        let (low, high) = if high > low { (low, high) } else { (0.0, high.max(1.0)) };
        let step = nice_step((high - low) / 5.0);
        let start = ((low / step).floor() * step).max(0.0);
        let end = (high / step).ceil() * step;
        Axis {
            start,
            end: if end > start { end } else { start + step },
            step,
        }
    }

    /// Tick values from start to end.
    pub fn ticks(&self) -> Vec<f64> {
        let count = ((self.end - self.start) / self.step).round() as usize;
        (0..=count).map(|i| self.start + self.step * i as f64).collect()
    }

    /// Horizontal position of `value`.
    fn x(&self, value: f64) -> f64 {
        PLOT_LEFT + (value - self.start) / (self.end - self.start) * (PLOT_RIGHT - PLOT_LEFT)
    }

    /// A short tick label in `currency` as `language` writes it, every tick in the unit
    /// of the axis's end: `$120k`, `€1.5M`, `CHF 900`; `1,5\u{a0}Mio.\u{a0}€`, `¥12万`.
    pub fn label(&self, value: f64, currency: &str, language: &str) -> String {
        locale::format_short_amount(language, currency, value, self.end)
    }
}

/// The smallest of 1, 2, 2.5, 5 and 10 × 10ⁿ that is at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let normalised = raw / magnitude;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|&n| n >= normalised - 1e-9)
        .unwrap_or(10.0);
    nice * magnitude
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, min: f64, max: f64) -> Bar {
        Bar {
            label: label.into(),
            detail: format!("{label} detail"),
            min,
            max,
            mid: (min + max) / 2.0,
        }
    }

    #[test]
    fn axis_rounds_out_to_nice_steps() {
        let axis = Axis::new(48_000.0, 212_000.0);
        assert_eq!((axis.start, axis.end, axis.step), (0.0, 250_000.0, 50_000.0));
        assert_eq!(axis.ticks().len(), 6);
        assert_eq!(axis.label(150_000.0, "USD", "en"), "$150k");
        assert_eq!(Axis::new(1_000_000.0, 2_400_000.0).label(1_500_000.0, "EUR", "en"), "€1.5M");
        assert_eq!(Axis::new(20.0, 90.0).label(40.0, "CHF", "en"), "CHF 40");
    }

    #[test]
    fn a_single_value_still_gets_an_axis() {
        let axis = Axis::new(50_000.0, 50_000.0);
        assert!(axis.start <= 50_000.0 && axis.end >= 50_000.0 && axis.step > 0.0);
    }

    #[test]
    fn chart_is_accessible_and_escaped() {
        let sections = vec![ChartSection {
            title: "R&D <lab>".into(),
            bars: vec![bar("A \"quoted\" role", 10.0, 20.0)],
        }];
        let svg = salary_chart(
            "chart-usd",
            "USD",
            "en",
            "Salary ranges per year in USD",
            "Ranges & more",
            &sections,
        );
        assert!(svg.starts_with("<svg class=\"salary-chart\" role=\"img\" aria-labelledby=\"chart-usd-title\""));
        assert!(svg.contains("<title id=\"chart-usd-title\">"));
        assert!(svg.contains("<desc id=\"chart-usd-desc\">Ranges &amp; more</desc>"));
        assert!(svg.contains("R&amp;D &lt;lab&gt;"));
        assert!(svg.contains("A &quot;quoted&quot; role"));
        assert!(svg.contains("viewBox=\"0 0 720 "));
        assert!(!svg.contains("<lab>"));
    }

    #[test]
    fn long_labels_are_shortened() {
        assert_eq!(shorten("Short"), "Short");
        let long = "A very long role title that goes on and on";
        assert!(shorten(long).chars().count() <= LABEL_CHARS);
        assert!(shorten(long).ends_with('…'));
    }

    #[test]
    fn no_bars_means_no_chart() {
        assert_eq!(salary_chart("c", "USD", "en", "", "", &[]), "");
    }
}
