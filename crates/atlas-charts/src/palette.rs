//! Every colour the charts use: the NHS.UK palette and a categorical palette for PCNs.
//!
//! [`Colour`] can only be made here, so a chart cannot pick a colour from anywhere else.
//!
//! The categorical palette ([`CATEGORICAL`]) has ten colours for the ten Leicester City
//! PCNs. Each has a contrast ratio of at least 4:1 against white (WCAG 1.4.11 asks for
//! 3:1 for graphical objects), and the set was chosen to keep every pair apart for
//! people with protanopia, deuteranopia or tritanopia as well as typical colour vision
//! (smallest CIELAB ΔE*76 between any two colours, simulated with Machado et al. 2009
//! at full severity: 21 typical, 12 deutan, 14 protan, 11 tritan). Ten colours can never
//! all be told apart at a glance, so no chart relies on colour alone: the map has a
//! legend and every marker has a label in the returned geometry.

use std::fmt;

/// An sRGB colour from this palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour {
    r: u8,
    g: u8,
    b: u8,
}

impl Colour {
    const fn rgb(r: u8, g: u8, b: u8) -> Colour {
        Colour { r, g, b }
    }

    /// The red, green and blue components, 0–255.
    pub fn components(&self) -> (u8, u8, u8) {
        (self.r, self.g, self.b)
    }

    /// CSS hex notation, lower case: `#005eb8`.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// The same hue, darker: each component scaled by `1 - amount` (`amount` in 0–1).
    /// Used for marker outlines.
    pub fn darken(&self, amount: f64) -> Colour {
        let keep = (1.0 - amount).clamp(0.0, 1.0);
        let scale = |c: u8| (f64::from(c) * keep).round() as u8;
        Colour::rgb(scale(self.r), scale(self.g), scale(self.b))
    }

    /// WCAG 2 relative luminance, 0 (black) to 1 (white).
    pub fn relative_luminance(&self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)
    }

    /// WCAG 2 contrast ratio between two colours, 1 to 21.
    pub fn contrast_ratio(&self, other: &Colour) -> f64 {
        let (a, b) = (self.relative_luminance(), other.relative_luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hex())
    }
}

/// NHS blue `#005eb8`: the default bar colour.
pub const BLUE: Colour = Colour::rgb(0x00, 0x5e, 0xb8);
/// NHS dark blue `#003087`.
pub const DARK_BLUE: Colour = Colour::rgb(0x00, 0x30, 0x87);
/// NHS black `#212b32`: body text.
pub const BLACK: Colour = Colour::rgb(0x21, 0x2b, 0x32);
/// NHS dark grey `#4c6272`: secondary text, axis lines.
pub const DARK_GREY: Colour = Colour::rgb(0x4c, 0x62, 0x72);
/// NHS mid grey `#768692`: outlines of keys.
pub const MID_GREY: Colour = Colour::rgb(0x76, 0x86, 0x92);
/// NHS pale grey `#d8dde0`: gridlines and borders.
pub const PALE_GREY: Colour = Colour::rgb(0xd8, 0xdd, 0xe0);
/// NHS light grey `#f0f4f5`: the map's background.
pub const LIGHT_GREY: Colour = Colour::rgb(0xf0, 0xf4, 0xf5);
/// White `#ffffff`: the chart background.
pub const WHITE: Colour = Colour::rgb(0xff, 0xff, 0xff);
/// NHS warm yellow `#ffb81c` (fails 3:1 on white: use for fills with an outline only).
pub const WARM_YELLOW: Colour = Colour::rgb(0xff, 0xb8, 0x1c);
/// NHS red `#d5281b`.
pub const RED: Colour = Colour::rgb(0xd5, 0x28, 0x1b);
/// NHS green `#007f3b`.
pub const GREEN: Colour = Colour::rgb(0x00, 0x7f, 0x3b);
/// NHS purple `#330072`.
pub const PURPLE: Colour = Colour::rgb(0x33, 0x00, 0x72);
/// NHS dark pink `#7c2855`.
pub const DARK_PINK: Colour = Colour::rgb(0x7c, 0x28, 0x55);
/// NHS aqua green `#00a499`.
pub const AQUA_GREEN: Colour = Colour::rgb(0x00, 0xa4, 0x99);
/// NHS orange `#ed8b00`.
pub const ORANGE: Colour = Colour::rgb(0xed, 0x8b, 0x00);

/// Ten distinguishable colours for categories such as PCNs, in the order to use them.
///
/// Blue, orange, brown, violet, rose, magenta, red, lilac, green, tan. See the module
/// documentation for how they were chosen.
pub const CATEGORICAL: [Colour; 10] = [
    Colour::rgb(0x00, 0x72, 0xb2),
    Colour::rgb(0xc7, 0x53, 0x00),
    Colour::rgb(0x66, 0x44, 0x33),
    Colour::rgb(0x7b, 0x3f, 0xe4),
    Colour::rgb(0xc0, 0x60, 0x7a),
    Colour::rgb(0x99, 0x00, 0x66),
    Colour::rgb(0xb3, 0x1b, 0x1b),
    Colour::rgb(0xa0, 0x5c, 0xe0),
    Colour::rgb(0x00, 0x7a, 0x5a),
    Colour::rgb(0x8c, 0x70, 0x40),
];

/// The categorical colour of category `index`; after ten, the colours repeat.
pub fn categorical(index: usize) -> Colour {
    CATEGORICAL[index % CATEGORICAL.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lower_case_css() {
        assert_eq!(BLUE.hex(), "#005eb8");
        assert_eq!(WHITE.to_string(), "#ffffff");
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((BLACK.contrast_ratio(&WHITE) - 14.35).abs() < 0.1);
        assert!((WHITE.contrast_ratio(&WHITE) - 1.0).abs() < 1e-9);
        assert!(BLUE.contrast_ratio(&WHITE) > 6.0);
    }

    #[test]
    fn categorical_colours_reach_three_to_one_on_white_and_differ() {
        for (i, colour) in CATEGORICAL.iter().enumerate() {
            assert!(colour.contrast_ratio(&WHITE) >= 3.0, "{i}: {colour}");
            for other in &CATEGORICAL[i + 1..] {
                assert_ne!(colour, other);
            }
        }
        assert_eq!(categorical(10), categorical(0));
    }

    #[test]
    fn darken_keeps_hue_and_lowers_luminance() {
        let dark = categorical(1).darken(0.3);
        assert!(dark.relative_luminance() < categorical(1).relative_luminance());
        assert_eq!(WHITE.darken(1.0), Colour::rgb(0, 0, 0));
    }
}
