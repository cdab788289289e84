//! Readable code highlighting: syntect themes often colour comments and some tokens below
//! the 4.5:1 contrast WCAG 2.1 AA asks for (InspiredGitHub's comments are 2.9:1, Nord's
//! 2.3:1). Each foreground colour is moved towards black or white, keeping its hue, just
//! far enough to reach it against the theme's own background, which code blocks then use.

use syntect::highlighting::{Color, Theme};
use syntect::parsing::Scope;

/// The least contrast WCAG 2.1 AA asks of normal text.
pub const MINIMUM: f64 = 4.5;

/// A little above [`MINIMUM`], so rounding in the browser cannot drop a colour below it.
const TARGET: f64 = 4.6;

/// `theme` with every foreground readable on its background.
pub fn readable(theme: &Theme) -> Theme {
    let mut theme = theme.clone();
    let background = opaque(theme.settings.background.unwrap_or(Color::WHITE), Color::WHITE);
    theme.settings.background = Some(background);
    let foreground = theme.settings.foreground.unwrap_or(Color::BLACK);
    theme.settings.foreground = Some(adjust(foreground, background));
    for item in &mut theme.scopes {
        // The stylesheet writes colours without their alpha, so translucent backgrounds
        // are blended here, where the result is known.
        let over = item.style.background.map_or(background, |b| opaque(b, background));
        if item.style.background.is_some() {
            item.style.background = Some(over);
        }
        match item.style.foreground {
            Some(colour) => item.style.foreground = Some(adjust(colour, over)),
            // Text on a background of the scope's own takes the theme's colour, which may
            // not be readable there (Nord's `markup.other` is 1.17:1).
            None if item.style.background.is_some() => {
                let text = theme.settings.foreground.unwrap_or(Color::BLACK);
                if ratio(text, over) < TARGET {
                    item.style.foreground = Some(adjust(text, over));
                }
            }
            None => {}
        }
    }
    theme
}

/// The colours a browser draws highlighted code in, worked out from a theme's rules the
/// way the stylesheet's CSS applies them: each scope is a `<span>` whose classes are the
/// scope's atoms (`entity.name.constant` → `.hl-entity.hl-name.hl-constant`); a rule
/// matches a span holding all of its last part's atoms (and ancestors its earlier parts);
/// the most specific matching rule wins, the later on a tie, and the colour of a rule with
/// a background wins over all (`!important`, see [`emphasise_colours_on_backgrounds`]);
/// colour is inherited, a background shows through.
pub struct Cascade {
    rules: Vec<CascadeRule>,
    text: Color,
    background: Color,
}

struct CascadeRule {
    /// Each part of the selector (outermost first), as its atoms.
    path: Vec<Vec<String>>,
    specificity: usize,
    foreground: Option<Color>,
    background: Option<Color>,
}

impl Cascade {
    /// The cascade of `theme` as the stylesheet writes it (pass it through [`readable`]
    /// first, as the stylesheet does).
    pub fn new(theme: &Theme) -> Cascade {
        let mut rules = Vec::new();
        for item in &theme.scopes {
            for selector in &item.scope.selectors {
                let path: Vec<Vec<String>> = selector
                    .extract_scopes()
                    .iter()
                    .map(|scope| scope.build_string().split('.').map(str::to_string).collect())
                    .collect();
                rules.push(CascadeRule {
                    specificity: path.iter().map(Vec::len).sum(),
                    path,
                    foreground: item.style.foreground,
                    background: item.style.background,
                });
            }
        }
        Cascade {
            rules,
            text: theme.settings.foreground.unwrap_or(Color::BLACK),
            background: theme.settings.background.unwrap_or(Color::WHITE),
        }
    }

    /// The colour and background of text inside the spans of `stack` (outermost first).
    pub fn draw(&self, stack: &[Scope]) -> (Color, Color) {
        let atoms: Vec<Vec<String>> = stack
            .iter()
            .map(|scope| scope.build_string().split('.').map(str::to_string).collect())
            .collect();
        let mut colour = None;
        let mut background = None;
        for depth in (0..atoms.len()).rev() {
            let matching = || {
                self.rules
                    .iter()
                    .enumerate()
                    .filter(|(_, rule)| matches(&rule.path, &atoms[..=depth]))
            };
            let winner = |pick: fn(&CascadeRule) -> Option<Color>, important: bool| {
                matching()
                    .filter(|(_, rule)| pick(rule).is_some() && (!important || rule.background.is_some()))
                    .max_by_key(|(order, rule)| (rule.specificity, *order))
                    .and_then(|(_, rule)| pick(rule))
            };
            colour = colour.or_else(|| winner(|r| r.foreground, true).or_else(|| winner(|r| r.foreground, false)));
            background = background.or_else(|| winner(|r| r.background, false));
            if colour.is_some() && background.is_some() {
                break;
            }
        }
        (colour.unwrap_or(self.text), background.unwrap_or(self.background))
    }
}

/// Whether a selector's parts match the innermost span of `spans` and, in order, some of
/// its ancestors.
fn matches(path: &[Vec<String>], spans: &[Vec<String>]) -> bool {
    let holds = |part: &Vec<String>, span: &Vec<String>| part.iter().all(|atom| span.contains(atom));
    let Some((last, ancestors)) = path.split_last() else { return false };
    let Some((innermost, outer)) = spans.split_last() else {
        return false;
    };
    if !holds(last, innermost) {
        return false;
    }
    let mut outer = outer.iter().rev();
    ancestors.iter().rev().all(|part| outer.any(|span| holds(part, span)))
}

/// Gives the colour of every rule that also sets a background `!important`, so that text
/// on a scope's own background is always drawn in that scope's (readable) colour, even
/// where a more specific rule for another of the span's atoms sets one (x86 assembly's
/// `invalid.illegal.entity.name.constant` took Nord's blue from `entity.name.constant` on
/// the red of `invalid.illegal`: 1.52:1). `css` is syntect's: one declaration a line.
pub fn emphasise_colours_on_backgrounds(css: &str) -> String {
    let mut out = String::with_capacity(css.len() + 256);
    for rule in css.split_inclusive('}') {
        if rule.contains("background-color:") && !rule.contains("-code {") {
            let lines: Vec<String> = rule
                .split_inclusive('\n')
                .map(|line| match line.trim_start().strip_prefix("color:") {
                    Some(_) => line.replacen(';', " !important;", 1),
                    None => line.to_string(),
                })
                .collect();
            out.push_str(&lines.concat());
        } else {
            out.push_str(rule);
        }
    }
    out
}

/// `#rrggbb`, as CSS and the themes write colours.
pub fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// CSS giving code blocks the theme's colours, so the contrast above holds on the page;
/// the block's language label takes the theme's text colour, as the page's own softer
/// text colour may be unreadable on the theme's background.
pub fn code_block_css(theme: &Theme) -> String {
    let background = theme.settings.background.unwrap_or(Color::WHITE);
    let foreground = theme.settings.foreground.unwrap_or(Color::BLACK);
    format!(
        "pre.code {{\n color: {};\n background-color: {};\n}}\npre.code[data-lang]::before {{\n color: {};\n}}\n",
        hex(foreground),
        hex(background),
        hex(foreground)
    )
}

/// The WCAG contrast ratio of two opaque colours.
pub fn ratio(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn adjust(colour: Color, background: Color) -> Color {
    let colour = opaque(colour, background);
    if ratio(colour, background) >= TARGET {
        return colour;
    }
    let toward = if luminance(background) > 0.18 { Color::BLACK } else { Color::WHITE };
    (1..=20)
        .map(|step| mix(colour, toward, f64::from(step) / 20.0))
        .find(|c| ratio(*c, background) >= TARGET)
        .unwrap_or(toward)
}

/// A translucent colour as it shows over `background`.
fn opaque(colour: Color, background: Color) -> Color {
    let alpha = f64::from(colour.a) / 255.0;
    let channel = |c: u8, b: u8| (f64::from(c) * alpha + f64::from(b) * (1.0 - alpha)).round() as u8;
    Color {
        r: channel(colour.r, background.r),
        g: channel(colour.g, background.g),
        b: channel(colour.b, background.b),
        a: 255,
    }
}

fn mix(from: Color, to: Color, amount: f64) -> Color {
    let channel = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * amount).round() as u8;
    Color {
        r: channel(from.r, to.r),
        g: channel(from.g, to.g),
        b: channel(from.b, to.b),
        a: 255,
    }
}

fn luminance(c: Color) -> f64 {
    let linear = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b, a: 255 }
    }

    #[test]
    fn ratio_matches_the_wcag_formula() {
        assert!((ratio(Color::BLACK, Color::WHITE) - 21.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        assert!((ratio(rgb(0x76, 0x76, 0x76), Color::WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn low_contrast_colours_are_darkened_on_light_and_lightened_on_dark() {
        let grey = rgb(0x96, 0x98, 0x96);
        let fixed = adjust(grey, Color::WHITE);
        assert!(ratio(fixed, Color::WHITE) >= TARGET && fixed.r < grey.r);
        let nord_comment = rgb(0x61, 0x6e, 0x88);
        let nord_background = rgb(0x2e, 0x34, 0x40);
        let fixed = adjust(nord_comment, nord_background);
        assert!(ratio(fixed, nord_background) >= TARGET && fixed.r > nord_comment.r);
        // A colour that is already readable is left alone.
        assert_eq!(adjust(rgb(0x18, 0x36, 0x91), Color::WHITE), rgb(0x18, 0x36, 0x91));
    }

    /// The x86 assembly token from the every-syntax fixture that Chromium drew at 1.52:1
    /// in Nord before colours on a scope's own background were made to win.
    #[test]
    fn a_colour_on_a_scopes_own_background_wins_over_a_more_specific_one() {
        use crate::markdown::highlight::{Highlighter, find_theme};
        let cascade = Cascade::new(&readable(find_theme("Nord").unwrap()));
        let tokens = Highlighter::global().scoped_tokens("@Override\n", "yasm").unwrap();
        let (stack, _) = tokens.iter().find(|(_, text)| text.contains("Override")).unwrap();
        assert!(stack.last().unwrap().to_string().starts_with("invalid.illegal"), "{stack:?}");
        let (fg, bg) = cascade.draw(stack);
        assert_eq!(hex(bg), "#bf616a");
        assert!(ratio(fg, bg) >= MINIMUM, "{} on {}", hex(fg), hex(bg));
        let css = emphasise_colours_on_backgrounds(
            ".hl-invalid.hl-illegal {\n color: #ffffff;\n background-color: #bf616a;\n}\n.hl-entity {\n color: #81a1c1;\n}\n",
        );
        assert_eq!(
            css,
            ".hl-invalid.hl-illegal {\n color: #ffffff !important;\n background-color: #bf616a;\n}\n.hl-entity {\n color: #81a1c1;\n}\n"
        );
    }

    /// A token nested inside a scope with a background keeps its own colour there: Monokai
    /// Extended's log error lines are pink, and the numbers in them purple.
    #[test]
    fn a_token_nested_in_a_scope_with_a_background_is_drawn_on_that_background() {
        use crate::markdown::highlight::{Highlighter, find_theme};
        let tokens = Highlighter::global()
            .scoped_tokens("12:00:02 ERROR Error 2 while reading\n", "log")
            .unwrap();
        let worst = |name: &str| {
            let cascade = Cascade::new(&readable(find_theme(name).unwrap()));
            tokens
                .iter()
                .map(|(stack, _)| {
                    let (fg, bg) = cascade.draw(stack);
                    ratio(fg, bg)
                })
                .fold(21.0, f64::min)
        };
        assert!(worst("Monokai Extended") < MINIMUM);
        assert!(worst("Nord") >= MINIMUM && worst("InspiredGitHub") >= MINIMUM);
    }

    #[test]
    fn text_on_a_scopes_own_background_becomes_readable_in_every_bundled_theme() {
        use crate::markdown::highlight::find_theme;
        for name in find_theme("").unwrap_err() {
            let theme = readable(find_theme(name).unwrap());
            let text = theme.settings.foreground.unwrap();
            for item in theme.scopes.iter().filter(|i| i.style.background.is_some()) {
                let bg = item.style.background.unwrap();
                let fg = item.style.foreground.unwrap_or(text);
                assert!(ratio(fg, bg) >= MINIMUM, "{name}: {} on {}", hex(fg), hex(bg));
            }
        }
    }

    #[test]
    fn the_configured_default_themes_become_readable() {
        for name in ["InspiredGitHub", "Nord"] {
            let theme = readable(crate::markdown::highlight::find_theme(name).expect("known theme"));
            let background = theme.settings.background.expect("set");
            for item in &theme.scopes {
                if let Some(fg) = item.style.foreground {
                    // A scope with its own background is drawn on that one.
                    let background = item.style.background.map_or(background, |b| opaque(b, background));
                    assert!(ratio(fg, background) >= 4.5, "{name}: {fg:?} on {background:?}");
                }
            }
        }
    }
}
