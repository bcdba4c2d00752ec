//! How names and numbers are written, once for every page, chart, table and CSV:
//! numbers with commas between thousands, names from national files in the case people
//! read, sentences starting with a capital.

/// `value` with `decimals` decimal places and commas between thousands: `47548.0` →
/// `"47,548"`, `-1234.5` with one decimal → `"-1,234.5"`. Values that are not finite
/// are written `"–"` (an en dash), as the charts show missing data. Every page and
/// chart writes numbers this way.
pub fn grouped(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A whole number with thousands separators, as NHS publications write them: 416,470.
pub fn thousands(n: u64) -> String {
    grouped(n as f64, 0)
}

/// A name as people read it. National files write names in capitals ("THE LEICESTER
/// FOXES PCN"), which is harder to read; this gives "The Leicester Foxes PCN", keeping
/// NHS acronyms and initials ("(RP ARCHER)" → "(RP Archer)") in capitals.
pub fn display_name(name: &str) -> String {
    if name.chars().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    name.split(' ')
        .map(|word| {
            let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
            let keep = ["PCN", "GP", "NHS", "ICB", "MC", "UK", "CCG"];
            let initials = !letters.is_empty()
                && letters.len() <= 2
                && !letters.chars().any(|c| "AEIOUY".contains(c))
                && !["DR", "ST"].contains(&letters.as_str());
            if keep.contains(&letters.as_str()) || initials {
                word.to_string()
            } else {
                capitalise(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A measure's name inside a sentence: its first letter lower case unless it starts an
/// acronym ("Bowel cancer…" → "bowel cancer…", "SMI health checks" stays).
pub fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(name.chars().skip(1)).collect()
        }
        _ => name.to_string(),
    }
}

/// Text with its first letter upper case ("appointments…" → "Appointments…").
pub fn first_upper(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Lower-cases a word but its first letter and any letter after a hyphen, bracket or slash.
fn capitalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
        } else {
            out.extend(c.to_lowercase());
            start = matches!(c, '-' | '(' | '/');
        }
    }
    out
}
