//! The Your data page's words: the templates users can download, what went wrong with
//! the files read, and how long a load took.

use atlas_core::ingest::report::Severity;
use atlas_core::ingest::FileReport;

/// The sentence under the page's heading: what the page is for.
pub const LEDE: &str = "Load your own files to see every page on your data. They are read here, in this browser, and never sent anywhere: the page is not allowed to connect to any other site.";

/// A template users can download: its file name, what it holds, its contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    pub file_name: &'static str,
    pub holds: &'static str,
    pub contents: &'static str,
}

/// The canonical templates (with the `risk` feature, the patient file's too).
pub const TEMPLATES: &[Template] = &[
    Template {
        file_name: "practices.csv",
        holds: "Practices: codes, names, PCN, list size, location",
        contents: include_str!("../../atlas-core/templates/practices.csv"),
    },
    Template {
        file_name: "indicators.csv",
        holds: "Indicator values in long form: one row per indicator, area and period",
        contents: include_str!("../../atlas-core/templates/indicators.csv"),
    },
    Template {
        file_name: "indicator_metadata.csv",
        holds: "Indicator metadata: name, domain, unit, polarity",
        contents: include_str!("../../atlas-core/templates/indicator_metadata.csv"),
    },
    Template {
        file_name: "targets.csv",
        holds: "Targets: baseline and target for an indicator and area",
        contents: include_str!("../../atlas-core/templates/targets.csv"),
    },
    // Patient-level files exist only in builds with the Risk page.
    #[cfg(feature = "risk")]
    Template {
        file_name: "patients.csv",
        holds: "Anonymised patients for risk stratification (no identifiers)",
        contents: include_str!("../../atlas-core/templates/patients.csv"),
    },
];

/// The error summary's lines: each file with rows rejected or refused whole, by its
/// index among the reports (its anchor is `#file-{index}`), in words.
pub fn problem_summary(reports: &[FileReport]) -> Vec<(usize, String)> {
    reports
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.problems
                .iter()
                .any(|p| p.severity >= Severity::RowRejected)
        })
        .map(|(i, r)| {
            let text = if r.refused() {
                format!("{}: the file could not be used", r.file_name)
            } else {
                format!("{}: some rows were rejected", r.file_name)
            };
            (i, text)
        })
        .collect()
}

/// "Loaded in 240 ms (large files read in 2 parts at once). Every page now shows your
/// data." A small file takes milliseconds: "0.0 s" would read as a fault.
pub fn load_outcome(total_ms: f64, parts: usize) -> String {
    let took = if total_ms < 1000.0 {
        format!("{:.0} ms", total_ms.max(1.0))
    } else {
        format!("{:.1} s", total_ms / 1000.0)
    };
    let by = if parts > 1 {
        format!(" (large files read in {parts} parts at once)")
    } else {
        String::new()
    };
    format!("Loaded in {took}{by}. Every page now shows your data.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_load_says_how_long_it_took_in_units_that_read_right() {
        assert_eq!(
            load_outcome(0.2, 1),
            "Loaded in 1 ms. Every page now shows your data."
        );
        assert_eq!(
            load_outcome(2_340.0, 3),
            "Loaded in 2.3 s (large files read in 3 parts at once). Every page now shows your data."
        );
    }

    #[test]
    fn every_template_has_a_header_and_an_example_row() {
        for t in TEMPLATES {
            assert!(t.contents.lines().count() >= 2, "{}", t.file_name);
            assert!(t.file_name.ends_with(".csv"));
        }
    }
}
