//! Text helpers for the charts: escaping, ids, text width estimates and wrapping.
//!
//! The charts draw through plotters (see `draw.rs`); what plotters does not write
//! (titles, descriptions, tooltips, classes) is escaped with [`escape`].
//!
//! Text is never measured by a font engine. Widths come from [`text_width`], a fixed
//! table of Arial/Helvetica advance widths, so layout is the same natively, on wasm, in
//! a web worker and in tests (plotters, by contrast, measures text through the DOM on
//! wasm32 and with a crude estimate natively).

use crate::palette::Colour;

/// The font stack of every text element: Arial, or its metric-compatible stand-ins.
/// Unquoted (valid CSS), so that it needs no escaping in an attribute.
pub(crate) const FONT_FAMILY: &str = "Arial, Liberation Sans, Helvetica, sans-serif";

/// A safety factor on estimated text widths, for fonts a little wider than Arial.
const WIDTH_SAFETY: f64 = 1.08;

/// Escapes text for use as XML character data or inside a double-quoted attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 forbids are dropped rather than written.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Keeps only `[A-Za-z0-9_-]` of an element id, so that it is a valid id and a safe
/// IDREF; an empty or non-letter start gets a `chart-` prefix.
pub(crate) fn sanitize_id(id: &str) -> String {
    let clean: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    match clean.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => clean,
        _ => format!("chart-{clean}"),
    }
}

/// Advance width of one character in thousandths of an em (Helvetica/Arial metrics).
fn char_width(c: char, bold: bool) -> f64 {
    let regular = match c {
        ' ' | '!' | ',' | '.' | '/' | ':' | ';' | 'I' | 'f' | 't' | '[' | ']' | '\\' => 278.0,
        'i' | 'j' | 'l' | '\'' | '|' => 222.0,
        '"' => 355.0,
        '(' | ')' | '-' | 'r' | '`' | '{' | '}' => 333.0,
        '0'..='9'
        | '#'
        | '$'
        | '?'
        | '_'
        | 'L'
        | 'a'
        | 'b'
        | 'd'
        | 'e'
        | 'g'
        | 'h'
        | 'n'
        | 'o'
        | 'p'
        | 'q'
        | 'u' => 556.0,
        '%' => 889.0,
        '&' | 'A' | 'B' | 'E' | 'K' | 'P' | 'S' | 'V' | 'X' | 'Y' => 667.0,
        '*' | '^' => 469.0,
        '+' | '<' | '=' | '>' | '~' => 584.0,
        '@' => 1015.0,
        'C' | 'D' | 'H' | 'N' | 'R' | 'U' | 'w' => 722.0,
        'F' | 'T' | 'Z' => 611.0,
        'G' | 'O' | 'Q' => 778.0,
        'J' | 'c' | 'k' | 's' | 'v' | 'x' | 'y' | 'z' => 500.0,
        'M' | 'm' => 833.0,
        'W' => 944.0,
        '–' => 556.0,
        '—' => 1000.0,
        '…' => 1000.0,
        c if c.is_ascii() => 556.0,
        // Wide scripts (CJK and the like) take a full em; other letters about 0.6 em.
        c if (c as u32) >= 0x2E80 => 1000.0,
        _ => 600.0,
    };
    if bold {
        // Helvetica Bold is about 6 % wider on average and never narrower.
        regular * 1.06 + 10.0
    } else {
        regular
    }
}

/// Estimated width in pixels of `text` at `font_size` pixels, with a safety margin.
pub(crate) fn text_width(text: &str, font_size: f64, bold: bool) -> f64 {
    let thousandths: f64 = text.chars().map(|c| char_width(c, bold)).sum();
    thousandths / 1000.0 * font_size * WIDTH_SAFETY
}

/// Breaks `text` into at most `max_lines` lines no wider than `max_width` pixels.
///
/// Words are kept whole where possible; a word wider than a line is cut. When the text
/// does not fit in `max_lines`, the last line ends with an ellipsis. Returns the lines
/// and whether the text was shortened.
pub(crate) fn wrap(
    text: &str,
    font_size: f64,
    bold: bool,
    max_width: f64,
    max_lines: usize,
) -> (Vec<String>, bool) {
    let max_lines = max_lines.max(1);
    let fits = |s: &str| text_width(s, font_size, bold) <= max_width;
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if fits(&candidate) {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // The word alone: cut it into pieces that fit.
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if !fits(&piece) && piece.chars().count() > 1 {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        current = piece;
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() <= max_lines {
        return (lines, false);
    }
    lines.truncate(max_lines);
    let last = lines.last_mut().expect("max_lines is at least 1");
    loop {
        let candidate = format!("{}…", last.trim_end());
        if fits(&candidate) || last.is_empty() {
            *last = candidate;
            break;
        }
        last.pop();
    }
    (lines, true)
}

/// Horizontal anchoring of a text element.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// How to draw a piece of text.
#[derive(Clone, Copy)]
pub(crate) struct TextStyle {
    pub size: f64,
    pub bold: bool,
    pub anchor: Anchor,
    pub fill: Colour,
}

impl TextStyle {
    /// Regular text of `size` pixels, anchored at its start, in the body colour.
    pub(crate) fn new(size: f64) -> TextStyle {
        TextStyle {
            size,
            bold: false,
            anchor: Anchor::Start,
            fill: crate::palette::BLACK,
        }
    }

    /// The same style in bold.
    pub(crate) fn bold(self) -> TextStyle {
        TextStyle { bold: true, ..self }
    }

    /// The same style with another anchor.
    pub(crate) fn anchor(self, anchor: Anchor) -> TextStyle {
        TextStyle { anchor, ..self }
    }

    /// The same style in another colour.
    pub(crate) fn fill(self, fill: Colour) -> TextStyle {
        TextStyle { fill, ..self }
    }

    /// Distance from the top of a line box to the baseline.
    pub(crate) fn ascent(&self) -> f64 {
        self.size * 0.8
    }

    /// Line height for multi-line text.
    pub(crate) fn line_height(&self) -> f64 {
        self.size * 1.25
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<img src=x onerror="alert(1)"> & 'x'"#),
            "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;x&#39;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c\nd"), "abc\nd");
    }

    #[test]
    fn ids_are_sanitized() {
        assert_eq!(sanitize_id("pcn-bars"), "pcn-bars");
        assert_eq!(sanitize_id("\"><script>"), "script");
        assert_eq!(sanitize_id("1st"), "chart-1st");
        assert_eq!(sanitize_id(""), "chart-");
    }

    #[test]
    fn long_names_wrap_on_words() {
        let (lines, cut) = wrap("LEICESTER CITY & UNIVERSITY PCN", 13.0, false, 150.0, 2);
        assert_eq!(lines, vec!["LEICESTER CITY &", "UNIVERSITY PCN"]);
        assert!(!cut);
        for line in &lines {
            assert!(text_width(line, 13.0, false) <= 150.0);
        }
    }

    #[test]
    fn text_that_cannot_fit_ends_with_an_ellipsis() {
        let (lines, cut) = wrap("one two three four five six seven", 13.0, false, 60.0, 2);
        assert!(cut);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(text_width(&lines[1], 13.0, false) <= 60.0);
    }

    #[test]
    fn width_estimate_is_near_seven_pixels_a_character() {
        let name = "LEICESTER CITY & UNIVERSITY PCN";
        let width = text_width(name, 13.0, false);
        let per_char = width / name.chars().count() as f64;
        assert!((6.5..9.0).contains(&per_char), "{per_char}");
    }
}
