//! Readable code highlighting: syntect themes often colour comments and some tokens below
//! the 4.5:1 contrast WCAG 2.1 AA asks for (InspiredGitHub's comments are 2.9:1, Nord's
//! 2.3:1). Each foreground colour is moved towards black or white, keeping its hue, just
//! far enough to reach it against the theme's own background, which code blocks then use.

use syntect::highlighting::{Color, Theme};

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

/// `#rrggbb`, as CSS and the themes write colours.
pub fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// CSS giving code blocks a theme's (readable) text and background colours, so the
/// contrast above holds on the page; the block's language label takes the text colour, as
/// the page's own softer text colour may be unreadable on the theme's background.
pub fn code_block_css(foreground: Color, background: Color) -> String {
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
