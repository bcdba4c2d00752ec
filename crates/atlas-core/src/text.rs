//! Turning the bytes of one CSV field into text, and header names into a form that
//! compares equal however a publication spells them.
//!
//! Decoding is per field: a field that is valid UTF-8 is taken as it is, anything else
//! is read as Windows-1252 (what Excel writes on English Windows). Deciding per field
//! keeps reading streaming: no need to see the whole file before choosing an encoding.

use std::borrow::Cow;

/// The UTF-8 byte order mark that Excel puts at the start of "CSV UTF-8" files.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of one field: UTF-8 when the bytes are valid UTF-8, else Windows-1252.
pub fn decode_field(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// A header name in comparable form: trimmed, lower case, a byte order mark dropped,
/// and runs of spaces, hyphens, dots and slashes turned into one underscore, so that
/// `Practice Code`, ` PRACTICE_CODE ` and `practice-code` all become `practice_code`.
pub fn normalise_header(name: &str) -> String {
    let name = name.trim_start_matches('\u{feff}').trim().to_lowercase();
    let mut out = String::with_capacity(name.len());
    let mut pending_gap = false;
    for c in name.chars() {
        if c.is_whitespace() || matches!(c, '_' | '-' | '.' | '/') {
            pending_gap = !out.is_empty();
        } else {
            if pending_gap {
                out.push('_');
                pending_gap = false;
            }
            out.push(c);
        }
    }
    out
}

/// A cell value in comparable form: trimmed, lower case, inner runs of spaces collapsed
/// (the appointments publication writes `8  to 14 Days`).
pub fn normalise_value(value: &str) -> String {
    value
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A UK postcode in its usual written form, upper case with one space before the
/// inward code (`LE3 9ED`), from any spacing and case (`le3  9ed`, `LE39ED`). `None`
/// when the text does not have a postcode's shape: an outward code of a letter or two
/// and a digit then an optional letter or digit, and an inward code of a digit and two
/// letters (the Royal Mail's format, as Code-Point Open writes it).
pub fn normalise_postcode(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
        return None;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok = {
        let b = inward.as_bytes();
        b[0].is_ascii_digit() && b[1].is_ascii_uppercase() && b[2].is_ascii_uppercase()
    };
    let outward_ok = {
        let b = outward.as_bytes();
        let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
        (1..=2).contains(&letters)
            && b.get(letters).is_some_and(u8::is_ascii_digit)
            && b[letters + 1..].iter().all(u8::is_ascii_alphanumeric)
            && b.len() - letters <= 2
    };
    (inward_ok && outward_ok).then(|| format!("{outward} {inward}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_fields_pass_through_and_others_are_windows_1252() {
        assert_eq!(decode_field("Café".as_bytes()), "Café");
        assert_eq!(decode_field(b"Caf\xe9"), "Café");
        // 0x92 is a right single quote in Windows-1252.
        assert_eq!(decode_field(b"St Mary\x92s"), "St Mary\u{2019}s");
    }

    #[test]
    fn header_names_compare_however_spelled() {
        for name in [
            "Practice Code",
            " PRACTICE_CODE ",
            "practice-code",
            "\u{feff}Practice  Code",
        ] {
            assert_eq!(normalise_header(name), "practice_code");
        }
        assert_eq!(
            normalise_header("Lower CI 95.0 limit"),
            "lower_ci_95_0_limit"
        );
        assert_eq!(normalise_header("Video/Online"), "video_online");
    }

    #[test]
    fn values_collapse_double_spaces() {
        assert_eq!(normalise_value(" 8  to 14 Days "), "8 to 14 days");
    }
}
