//! Making text safe for CSV downloads.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and some
//! treat a leading tab or carriage return the same way), so a practice name from an
//! uploaded file could run code on the machine of whoever opens the download. Every
//! cell of every CSV the pages and the command line write goes through [`csv_cell`].

/// One CSV cell: formula-like text gets a leading `'` so spreadsheets show it as text
/// (plain numbers such as `-3.5` are left alone), and the cell is quoted when it holds
/// a comma, a quote or a line break, with quotes doubled.
pub fn csv_cell(text: &str) -> String {
    let neutral = if starts_like_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// True when a spreadsheet could take the text for a formula.
fn starts_like_formula(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if !matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r') {
        return false;
    }
    !is_plain_number(text)
}

/// `-3.5`, `+12`, `-1e-3`: a number and nothing else (and so no formula).
fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && body.parse::<f64>().is_ok_and(f64::is_finite)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("+44 116"), "'+44 116");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\rx"), "\"'\rx\"");
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_cell("-"), "'-");
    }

    #[test]
    fn numbers_and_plain_text_are_left_alone() {
        assert_eq!(csv_cell("-3.5"), "-3.5");
        assert_eq!(csv_cell("+12"), "+12");
        assert_eq!(csv_cell("-1e-3"), "-1e-3");
        assert_eq!(csv_cell("Groby Road"), "Groby Road");
        assert_eq!(csv_cell(""), "");
        assert_eq!(
            csv_cell("<img src=x onerror=alert(1)>"),
            "<img src=x onerror=alert(1)>"
        );
    }

    #[test]
    fn cells_are_quoted_when_needed() {
        assert_eq!(
            csv_cell("Leicester, Leicestershire"),
            "\"Leicester, Leicestershire\""
        );
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("-inf"), "'-inf");
    }
}
