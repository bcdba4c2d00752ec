//! Reading single cell values: counts, numbers, dates, months, codes and names.
//!
//! Each function computes only: it takes the cell's text and returns the value, or a
//! reason in words that says what was expected ("expected a whole number of patients,
//! like 8123"). The caller adds the file, line and column.

use crate::model::{Domain, Period, Polarity, Unit};
use crate::stats::benchmark::ComparisonMethod;

/// The longest name kept; anything longer is not a name.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest code kept.
pub const MAX_CODE_CHARS: usize = 64;

pub use crate::model::Date;

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number of `jan`, `JAN`, `January`, … (three letters or the full name).
pub fn month_number(name: &str) -> Option<u8> {
    if name.len() < 3 || !name.is_ascii() {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|full| {
            (name.len() == 3 && full[..3].eq_ignore_ascii_case(name))
                || full.eq_ignore_ascii_case(name)
        })
        .map(|i| i as u8 + 1)
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Reads the dates national files use: `01JAN2021`, `01Jan2022`, `2025-03-01`,
/// `20190401` (ODS) and `01/03/2025` (day first, as in England).
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let number = |s: &str| -> Option<i32> { all_digits(s).then(|| s.parse().ok()).flatten() };
    // 01JAN2021 / 01Jan2022
    if text.len() == 9 && text.is_ascii() {
        let (day, rest) = text.split_at(2);
        let (month, year) = rest.split_at(3);
        return Date::new(number(year)?, month_number(month)?, number(day)? as u8);
    }
    // 2025-03-01, with an optional time after it
    let date_part = text.split(['T', ' ']).next().unwrap_or(text);
    let parts: Vec<&str> = date_part.split('-').collect();
    if let [year, month, day] = parts[..] {
        if year.len() == 4 {
            return Date::new(
                number(year)?,
                u8::try_from(number(month)?).ok()?,
                u8::try_from(number(day)?).ok()?,
            );
        }
    }
    let parts: Vec<&str> = date_part.split('/').collect();
    if let [day, month, year] = parts[..] {
        if year.len() == 4 {
            return Date::new(
                number(year)?,
                u8::try_from(number(month)?).ok()?,
                u8::try_from(number(day)?).ok()?,
            );
        }
    }
    if text.len() == 8 && all_digits(text) {
        return Date::new(
            number(&text[..4])?,
            number(&text[4..6])? as u8,
            number(&text[6..])? as u8,
        );
    }
    None
}

/// The earliest year a file's figures can be for: the NHS began in July 1948.
pub const FIRST_YEAR: i32 = 1948;

thread_local! {
    /// The day taken as today, when the caller sets it ([`set_today`]).
    static TODAY: std::cell::Cell<Option<Date>> = const { std::cell::Cell::new(None) };
}

/// Sets the day readers take as today on this thread: the browser's workers, which
/// have no system clock in WebAssembly, set it from the page's clock.
pub fn set_today(day: Date) {
    TODAY.with(|today| today.set(Some(day)));
}

/// Today: the day set on this thread, else the system's (native builds); `None` in a
/// browser worker that has set none, where no date is then taken as in the future.
pub fn today() -> Option<Date> {
    TODAY.with(std::cell::Cell::get).or_else(system_today)
}

#[cfg(not(target_arch = "wasm32"))]
fn system_today() -> Option<Date> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some(Date::from_days_since_1970(
        i64::try_from(seconds / 86_400).ok()?,
    ))
}

#[cfg(target_arch = "wasm32")]
fn system_today() -> Option<Date> {
    None
}

/// A date a file gives for its figures (an extract date), checked: not before the NHS
/// began ([`FIRST_YEAR`]) and not after today, so that a typed year can neither overflow
/// arithmetic nor win over the real latest file.
pub fn file_date(date: Date, expected: &str) -> Result<Date, String> {
    if date.year < FIRST_YEAR {
        return Err(format!(
            "{date} is before the NHS began ({FIRST_YEAR}); expected {expected}"
        ));
    }
    match today() {
        Some(today) if date > today => Err(format!(
            "{date} is in the future (today is {today}); expected {expected}"
        )),
        _ => Ok(date),
    }
}

/// [`file_date`] for a month a file's figures are for: its first day is checked.
pub fn file_month(month: Period, expected: &str) -> Result<Period, String> {
    let (year, m) = month.start();
    let first = Date::new(year, m, 1).ok_or_else(|| format!("not a month; expected {expected}"))?;
    file_date(first, expected).map(|_| month)
}

/// Reads a month as the appointments publications write it: `MAR2019`, `Mar-2019`,
/// `01MAR2019`, `2025-03-01`, or `2022-03`.
pub fn parse_month(text: &str) -> Option<Period> {
    let text = text.trim();
    if let Some(date) = parse_date(text) {
        return Some(date.month_period());
    }
    if let Ok(period @ Period::Month { .. }) = Period::parse(text) {
        return Some(period);
    }
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '_'))
        .collect();
    if compact.len() == 7 && compact.is_ascii() {
        let (month, year) = compact.split_at(3);
        if all_digits(year) {
            return Period::month(year.parse().ok()?, month_number(month)?);
        }
    }
    None
}

/// The month a file name mentions, as in `1 General Practice – September 2023 Practice
/// Level.csv` or `gp-workforce-mar-2024.csv`.
pub fn month_in_file_name(name: &str) -> Option<Period> {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).find_map(|pair| {
        let month = month_number(pair[0])?;
        let year: i32 = if pair[1].len() == 4 && all_digits(pair[1]) {
            pair[1].parse().ok()?
        } else {
            return None;
        };
        Period::month(year, month)
    })
}

/// A period as the Fingertips export writes its "Time period": `2019/20`, `2019/20 Q2`
/// (financial quarter), `2022-03`, or a calendar year `2019`. A calendar year is read as
/// the financial year that starts in it, and the second value says so (true).
pub fn parse_fingertips_period(text: &str) -> Option<(Period, bool)> {
    let text = text.trim();
    if let Ok(period) = Period::parse(text) {
        return Some((period, false));
    }
    if text.len() == 4 && all_digits(text) {
        return Some((
            Period::FinancialYear {
                start_year: text.parse().ok()?,
            },
            true,
        ));
    }
    let (year, quarter) = text.split_once(' ')?;
    let Ok(Period::FinancialYear { start_year }) = Period::parse(year) else {
        return None;
    };
    let q: u8 = quarter.trim().strip_prefix(['Q', 'q'])?.parse().ok()?;
    match q {
        1..=3 => Some((
            Period::Quarter {
                year: start_year,
                quarter: q + 1,
            },
            false,
        )),
        // The year after 9999 cannot be written as a period: refused as a typing slip.
        4 if start_year < 9999 => Some((
            Period::Quarter {
                year: start_year + 1,
                quarter: 1,
            },
            false,
        )),
        _ => None,
    }
}

/// Reads a number written as people and publications write them: `1234`, `1,234`,
/// `1234.0`, `-3.5`. Refuses `NaN`, infinities and anything else that is not a finite
/// number. `what` completes "expected …", e.g. "a number of appointments, like 412".
pub fn parse_number(text: &str, what: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(format!("the cell is empty; expected {what}"));
    }
    let parsed = if trimmed.contains(',') {
        strip_thousands(trimmed).parse::<f64>()
    } else {
        trimmed.parse::<f64>()
    };
    match parsed {
        Ok(value) if value.is_finite() => Ok(value),
        Ok(_) => Err(format!("not a finite number; expected {what}")),
        Err(_) => Err(format!("not a number; expected {what}")),
    }
}

/// `1,234,567` → `1234567` when the commas are where thousands separators go; other
/// text is returned unchanged (and will then fail to parse).
fn strip_thousands(text: &str) -> String {
    let unsigned = text.trim_start_matches(['-', '+']);
    let whole = unsigned.split('.').next().unwrap_or("");
    let groups: Vec<&str> = whole.split(',').collect();
    let well_placed = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    if well_placed && groups.iter().all(|g| all_digits(g)) {
        text.replace(',', "")
    } else {
        text.to_string()
    }
}

/// Reads a number that cannot be negative (a count, a rate, a full-time equivalent).
pub fn parse_non_negative(text: &str, what: &str) -> Result<f64, String> {
    let value = parse_number(text, what)?;
    if value < 0.0 {
        Err(format!("a negative number; expected {what}"))
    } else {
        Ok(value)
    }
}

/// Reads a whole count: `8123`, `8,123`, or `112.0` as QOF writes registers.
pub fn parse_count(text: &str, what: &str) -> Result<u64, String> {
    // Plain digits, as national files write nearly every count: no float round trip.
    // Up to 15 digits stays under the 1e15 limit below and is exact as a float too.
    let digits = text.trim();
    if (1..=15).contains(&digits.len()) && all_digits(digits) {
        return Ok(digits.bytes().fold(0, |n, b| n * 10 + u64::from(b - b'0')));
    }
    let value = parse_non_negative(text, what)?;
    if value.fract() != 0.0 {
        return Err(format!("not a whole number; expected {what}"));
    }
    if value > 1e15 {
        return Err(format!("far too large; expected {what}"));
    }
    Ok(value as u64)
}

/// True for an ODS GP practice code: one letter and five digits, like `C82037`. PCN
/// codes have the same shape with the letter U (`U87499`), and are not practice codes.
pub fn is_practice_code(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 6
        && bytes[0].is_ascii_alphabetic()
        && !bytes[0].eq_ignore_ascii_case(&b'U')
        && bytes[1..].iter().all(u8::is_ascii_digit)
}

pub use crate::text::normalise_postcode;

/// A character as a message names it: its code point and, for the ones that slip into
/// files unseen, its Unicode name ("U+200B ZERO WIDTH SPACE"); a visible one is quoted.
pub fn describe_char(c: char) -> String {
    let name = match c {
        '\0' => Some("NULL (a NUL byte)"),
        '\t' => Some("CHARACTER TABULATION (a tab)"),
        '\u{a0}' => Some("NO-BREAK SPACE"),
        '\u{ad}' => Some("SOFT HYPHEN"),
        '\u{200b}' => Some("ZERO WIDTH SPACE"),
        '\u{200c}' => Some("ZERO WIDTH NON-JOINER"),
        '\u{200d}' => Some("ZERO WIDTH JOINER"),
        '\u{2060}' => Some("WORD JOINER"),
        '\u{feff}' => Some("ZERO WIDTH NO-BREAK SPACE (a byte-order mark)"),
        '\u{fffd}' => Some("REPLACEMENT CHARACTER (bytes that are not UTF-8, such as 0xFF)"),
        '\u{2013}' => Some("EN DASH"),
        '\u{2014}' => Some("EM DASH"),
        '\u{400}'..='\u{4ff}' => Some("a Cyrillic letter"),
        '\u{370}'..='\u{3ff}' => Some("a Greek letter"),
        _ => None,
    };
    let code = format!("U+{:04X}", u32::from(c));
    match name {
        Some(name) if c.is_control() || !name.starts_with('a') => format!("{code} {name}"),
        Some(name) => format!("\"{c}\" ({code}, {name})"),
        None if c.is_control() => format!("{code}, a control character"),
        None => format!("\"{c}\" ({code})"),
    }
}

/// Reads a code (practice, PCN, area, indicator): not empty, no spaces inside, at most
/// [`MAX_CODE_CHARS`] characters. `what` names it: "a practice code, like C82037".
pub fn parse_code(text: &str, what: &str) -> Result<String, String> {
    check_code(text, what).map(str::to_string)
}

/// [`parse_code`] without copying: the code trimmed, borrowed from the text.
pub fn check_code<'a>(text: &'a str, what: &str) -> Result<&'a str, String> {
    let code = text.trim();
    if code.is_empty() {
        Err(format!("the cell is empty; expected {what}"))
    } else if code.chars().count() > MAX_CODE_CHARS {
        Err(format!(
            "longer than {MAX_CODE_CHARS} characters; expected {what}"
        ))
    } else if code.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Err(format!("contains spaces; expected {what}"))
    } else if let Some((at, c)) = code
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
    {
        // A zero-width space, a soft hyphen or a Cyrillic С would make a second code
        // that looks the same as the first.
        Err(format!(
            "character {} is {}, which no code has; expected {what} (letters, digits, _ - .)",
            at + 1,
            describe_char(c)
        ))
    } else {
        Ok(code)
    }
}

/// [`parse_code`] for an NHS organisation code (a practice, PCN or area), in capitals as
/// ODS writes them: `c82005` is C82005, not a second practice.
pub fn parse_org_code(text: &str, what: &str) -> Result<String, String> {
    check_code(text, what).map(str::to_ascii_uppercase)
}

/// The most patients a practice's list can hold: ten times the largest in England
/// (about 100,000), so a typing slip (10^15, 2^32) is caught and a real list never is.
pub const MAX_LIST_SIZE: u64 = 1_000_000;

/// Reads a practice's list size: a whole number of patients up to [`MAX_LIST_SIZE`].
pub fn parse_list_size(text: &str, what: &str) -> Result<u64, String> {
    let n = parse_count(text, what)?;
    check_patients(n as f64, what).map(|_| n)
}

/// A practice's registered patients (a mean over a year may have a fraction), checked
/// against [`MAX_LIST_SIZE`].
pub fn check_patients(n: f64, what: &str) -> Result<f64, String> {
    if n > MAX_LIST_SIZE as f64 {
        Err(format!(
            "{n} is more patients than any practice has (the largest in England has about 100,000); expected {what}"
        ))
    } else {
        Ok(n)
    }
}

/// Reads a name: not empty, at most [`MAX_NAME_CHARS`] characters, no control
/// characters. Runs of spaces and line breaks (a quoted name over two lines) become one
/// space. Kept literally otherwise: markup or a formula in a name is data, not code.
pub fn parse_name(text: &str, what: &str) -> Result<String, String> {
    if text.chars().count() > MAX_NAME_CHARS * 4 {
        return Err(format!(
            "longer than {MAX_NAME_CHARS} characters; expected {what}"
        ));
    }
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err(format!("the cell is empty; expected {what}"))
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(format!(
            "longer than {MAX_NAME_CHARS} characters; expected {what}"
        ))
    } else if let Some((at, c)) = name.chars().enumerate().find(|(_, c)| c.is_control()) {
        Err(format!(
            "character {} is {}, a control character no name has; expected {what}",
            at + 1,
            describe_char(c)
        ))
    } else {
        Ok(name)
    }
}

/// Only letters and digits, lower case: the form spellings are compared in.
fn squash(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Reads a scorecard domain: access, quality, outcomes, workforce or equity.
pub fn parse_domain(text: &str) -> Result<Domain, String> {
    match squash(text).as_str() {
        "access" => Ok(Domain::Access),
        "quality" | "qualityofcare" | "clinicalquality" => Ok(Domain::Quality),
        "outcomes" | "outcome" | "healthoutcomes" => Ok(Domain::Outcomes),
        "workforce" | "staff" | "staffing" => Ok(Domain::Workforce),
        "equity" | "equality" | "inequalities" | "healthinequalities" => Ok(Domain::Equity),
        _ => Err("expected a domain: access, quality, outcomes, workforce or equity".to_string()),
    }
}

/// Reads a unit: `proportion` (or `percentage`, `%`), `rate per 1000` (any N),
/// `count`, `ratio`, `mean`.
pub fn parse_unit(text: &str) -> Result<Unit, String> {
    let squashed = squash(text);
    let expected = || {
        "expected a unit: proportion, rate per N (like rate per 1000), count, ratio or mean"
            .to_string()
    };
    match squashed.as_str() {
        "proportion" | "percentage" | "percent" | "pct" | "share" => return Ok(Unit::Proportion),
        "count" | "number" | "total" => return Ok(Unit::Count),
        "ratio" | "standardisedratio" | "standardizedratio" | "observedexpected" => {
            return Ok(Unit::Ratio)
        }
        "mean" | "average" | "value" | "score" => return Ok(Unit::Mean),
        _ => {}
    }
    if text.trim() == "%" {
        return Ok(Unit::Proportion);
    }
    let digits = squashed
        .strip_prefix("rateper")
        .or_else(|| squashed.strip_prefix("per"))
        .ok_or_else(expected)?;
    let per: f64 = digits.parse().map_err(|_| expected())?;
    if per > 0.0 {
        Ok(Unit::Rate { per })
    } else {
        Err(expected())
    }
}

/// Reads a polarity: `high is good`, `low is good`, `no judgement`, with the usual
/// other spellings (`higher is better`, `RAG - Low is good`, `neutral`, …).
pub fn parse_polarity(text: &str) -> Result<Polarity, String> {
    let squashed = squash(text);
    let squashed = squashed.strip_prefix("rag").unwrap_or(&squashed);
    match squashed {
        "highisgood" | "higherisbetter" | "high" | "higher" | "up" | "highgood" => {
            Ok(Polarity::HighIsGood)
        }
        "lowisgood" | "lowerisbetter" | "low" | "lower" | "down" | "lowgood" => {
            Ok(Polarity::LowIsGood)
        }
        "nojudgement" | "nojudgment" | "none" | "neutral" | "na" | "" | "notapplicable" => {
            Ok(Polarity::NoJudgement)
        }
        _ => Err("expected a polarity: high is good, low is good or no judgement".to_string()),
    }
}

/// A comparison method by its id (`overlap-both`, `overlap-95`, `overlap-99.8`,
/// `spc-95`, `spc-99.8`, `spc-rate-95`, `spc-rate-99.8`).
pub fn parse_comparison_method(text: &str) -> Result<ComparisonMethod, String> {
    ComparisonMethod::parse(text).ok_or_else(|| {
        "expected a comparison method: overlap-both, overlap-95, overlap-99.8, spc-95, spc-99.8, spc-rate-95 or spc-rate-99.8"
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_since_1970_give_the_calendar_date() {
        // Worked out independently (Python's datetime).
        for (days, text) in [
            (0, "1970-01-01"),
            (-1, "1969-12-31"),
            (11_016, "2000-02-29"),
            (19_723, "2024-01-01"),
            (20_429, "2025-12-07"),
            (-8_036, "1948-01-01"),
        ] {
            assert_eq!(Date::from_days_since_1970(days).to_string(), text);
        }
    }

    #[test]
    fn a_file_date_is_neither_before_the_nhs_nor_after_today() {
        set_today(Date::new(2026, 12, 7).unwrap());
        let date = |y, m, d| Date::new(y, m, d).unwrap();
        assert!(file_date(date(2026, 12, 7), "a date").is_ok());
        assert!(file_date(date(1948, 7, 5), "a date").is_ok());
        let future = file_date(date(2099, 1, 1), "an extract date").unwrap_err();
        assert_eq!(
            future,
            "2099-01-01 is in the future (today is 2026-12-07); expected an extract date"
        );
        assert!(file_date(date(1947, 12, 31), "a date")
            .unwrap_err()
            .contains("before the NHS began"));
        let next_month = Period::month(2027, 1).unwrap();
        assert!(file_month(next_month, "a month").is_err());
        assert!(file_month(Period::month(2026, 12).unwrap(), "a month").is_ok());
    }

    #[test]
    fn a_stray_character_is_named_with_its_position() {
        let code = |t: &str| check_code(t, "a practice code").unwrap_err();
        assert!(code("C82\u{200b}005").starts_with("character 4 is U+200B ZERO WIDTH SPACE"));
        assert!(code("C82\u{ad}005").starts_with("character 4 is U+00AD SOFT HYPHEN"));
        assert!(
            code("\u{421}82005").starts_with("character 1 is \"С\" (U+0421, a Cyrillic letter)")
        );
        assert!(code("C8\u{fffd}005").contains("REPLACEMENT CHARACTER (bytes that are not UTF-8"));
        let name = parse_name("NUL\0 SURGERY", "a practice name").unwrap_err();
        assert!(
            name.starts_with("character 4 is U+0000 NULL (a NUL byte)"),
            "{name}"
        );
    }

    use super::*;

    #[test]
    fn dates_in_every_published_spelling() {
        let jan = Date::new(2021, 1, 1).unwrap();
        assert_eq!(parse_date("01JAN2021"), Some(jan));
        assert_eq!(parse_date("01Jan2021"), Some(jan));
        assert_eq!(parse_date("2021-01-01"), Some(jan));
        assert_eq!(parse_date("20210101"), Some(jan));
        assert_eq!(parse_date("01/01/2021"), Some(jan));
        assert_eq!(parse_date("31FEB2021"), None);
        assert_eq!(parse_date("29FEB2024"), Date::new(2024, 2, 29));
        assert_eq!(parse_date("nonsense!"), None);
    }

    #[test]
    fn months_in_every_published_spelling() {
        let march = Period::month(2019, 3);
        for text in [
            "MAR2019",
            "Mar2019",
            "Mar-2019",
            "01MAR2019",
            "2019-03-01",
            "2019-03",
        ] {
            assert_eq!(parse_month(text), march, "{text}");
        }
        assert_eq!(parse_month("XYZ2019"), None);
        assert_eq!(parse_month("2019"), None);
        assert_eq!(month_number("September"), Some(9));
        assert_eq!(month_number("Sept"), None);
    }

    #[test]
    fn months_in_file_names() {
        assert_eq!(
            month_in_file_name("1 General Practice – September 2023 Practice Level - Detailed.csv"),
            Period::month(2023, 9)
        );
        assert_eq!(
            month_in_file_name("gp-workforce-mar-2024.csv"),
            Period::month(2024, 3)
        );
        assert_eq!(month_in_file_name("workforce.csv"), None);
    }

    #[test]
    fn fingertips_periods() {
        assert_eq!(
            parse_fingertips_period("2019/20"),
            Some((Period::FinancialYear { start_year: 2019 }, false))
        );
        assert_eq!(
            parse_fingertips_period("2019"),
            Some((Period::FinancialYear { start_year: 2019 }, true))
        );
        assert_eq!(
            parse_fingertips_period("2019/20 Q4"),
            Some((
                Period::Quarter {
                    year: 2020,
                    quarter: 1
                },
                false
            ))
        );
        assert_eq!(
            parse_fingertips_period("2019/20 Q1"),
            Some((
                Period::Quarter {
                    year: 2019,
                    quarter: 2
                },
                false
            ))
        );
        assert_eq!(parse_fingertips_period("9999/00 Q4"), None);
    }

    #[test]
    fn counts_accept_published_forms_and_refuse_the_rest() {
        let what = "a whole number of patients, like 8123";
        assert_eq!(parse_count("8123", what), Ok(8123));
        assert_eq!(parse_count(" 8,123 ", what), Ok(8123));
        assert_eq!(parse_count("112.0", what), Ok(112));
        assert_eq!(parse_count("007", what), Ok(7));
        assert_eq!(
            parse_count("999999999999999", what),
            Ok(999_999_999_999_999)
        );
        assert_eq!(
            parse_count("1000000000000000", what),
            Ok(1_000_000_000_000_000)
        );
        assert!(parse_count("1000000000000001", what)
            .unwrap_err()
            .contains("large"));
        assert!(parse_count("-5", what).unwrap_err().contains("negative"));
        assert!(parse_count("12.5", what).unwrap_err().contains("whole"));
        assert!(parse_count("NaN", what).unwrap_err().contains("finite"));
        assert!(parse_count("inf", what).unwrap_err().contains("finite"));
        assert!(parse_count("", what).unwrap_err().contains("empty"));
        assert!(parse_count("abc", what).unwrap_err().contains("like 8123"));
        assert!(parse_count("1,23", what).is_err());
        assert_eq!(parse_number("-3.5", what), Ok(-3.5));
    }

    #[test]
    fn codes_and_names() {
        assert!(is_practice_code("C82037"));
        assert!(!is_practice_code("04C"));
        assert!(!is_practice_code("U87499"));
        assert_eq!(parse_code(" C82037 ", "a code"), Ok("C82037".to_string()));
        assert!(parse_code("C8 2037", "a code").is_err());
        let markup = "<img src=x onerror=alert(1)>";
        assert_eq!(parse_name(markup, "a name"), Ok(markup.to_string()));
        assert!(parse_name(&"x".repeat(201), "a name").is_err());
        assert_eq!(
            parse_name(" Groby Road\r\nMedical  Centre ", "a name"),
            Ok("Groby Road Medical Centre".to_string())
        );
        assert!(parse_name("bell\u{7}", "a name").is_err());
    }

    #[test]
    fn metadata_spellings() {
        assert_eq!(parse_domain("Access"), Ok(Domain::Access));
        assert_eq!(
            parse_unit("Rate per 100,000"),
            Ok(Unit::Rate { per: 100_000.0 })
        );
        assert_eq!(parse_unit("%"), Ok(Unit::Proportion));
        assert_eq!(parse_unit("count"), Ok(Unit::Count));
        assert_eq!(parse_polarity("Higher is better"), Ok(Polarity::HighIsGood));
        assert_eq!(parse_polarity("RAG - Low is good"), Ok(Polarity::LowIsGood));
        assert_eq!(parse_polarity("no judgement"), Ok(Polarity::NoJudgement));
        assert!(parse_polarity("sideways").is_err());
    }

    #[test]
    fn postcodes_are_written_one_way() {
        assert_eq!(normalise_postcode("LE3  9ED").as_deref(), Some("LE3 9ED"));
        assert_eq!(normalise_postcode("le192gx").as_deref(), Some("LE19 2GX"));
        assert_eq!(normalise_postcode(" LE1 1AD ").as_deref(), Some("LE1 1AD"));
        assert_eq!(normalise_postcode("EC1A 1BB").as_deref(), Some("EC1A 1BB"));
        assert_eq!(normalise_postcode("W1A 0AX").as_deref(), Some("W1A 0AX"));
        for bad in [
            "",
            "LE3",
            "LE3 9E1",
            "123 4AB",
            "LEEE3 9ED",
            "C82037",
            "Postcode",
        ] {
            assert_eq!(normalise_postcode(bad), None, "{bad}");
        }
    }
}
