//! A published bundle: the workspace an ICB or council publishes as its public site's
//! data, written by `pcatlas bundle` and read by the app from its own origin.
//!
//! Each publication's part is recorded in the workspace's `provenance` (title,
//! publisher, measures, periods, day of extract, licence, attribution, published or
//! illustrative), so a site names its sources from its data.
//! Nothing is written before disclosure control ([`disclose`]): counts from 1 to 4,
//! and the values derived from them, are removed. Patient-level files never reach a
//! bundle (combining leaves them out, and `pcatlas bundle` refuses them).
//! The schema is versioned; a reader says plainly when a bundle is damaged, is not a
//! bundle, or is from another version.

use crate::disclosure::is_suppressed;
use crate::model::Workspace;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a bundle says it is.
pub const SCHEMA: &str = "primary-care-atlas-bundle";

/// The version this code writes and reads. Raise it when a change to [`Workspace`]
/// would be misread by an older app.
pub const VERSION: u32 = 1;

/// The bundle's file name in the site (`data/atlas-bundle.json`).
pub const FILE_NAME: &str = "atlas-bundle.json";

/// A bundle as written to disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    pub schema: String,
    pub version: u32,
    /// The files it was built from, by name.
    pub files: Vec<String>,
    /// Points whose figures were removed by disclosure control.
    pub suppressed_points: usize,
    pub workspace: Workspace,
}

/// Why a bundle could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum BundleError {
    /// Not JSON, or JSON of the wrong shape: where and what.
    Damaged {
        line: usize,
        column: usize,
        reason: String,
    },
    /// JSON, but not a Primary Care Atlas bundle.
    NotABundle,
    /// A bundle of another schema version.
    OtherVersion { found: u32 },
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::Damaged {
                line,
                column,
                reason,
            } => write!(
                f,
                "{FILE_NAME} is damaged: line {line}, column {column}: {reason}; expected a bundle written by pcatlas bundle"
            ),
            BundleError::NotABundle => write!(
                f,
                "{FILE_NAME} is not a Primary Care Atlas bundle (it has no \"schema\": \"{SCHEMA}\"); write one with pcatlas bundle"
            ),
            BundleError::OtherVersion { found } => write!(
                f,
                "{FILE_NAME} is bundle version {found}, and this site reads version {VERSION}; write it again with this version's pcatlas bundle"
            ),
        }
    }
}

impl std::error::Error for BundleError {}

/// Removes every count from 1 to 4 and what derives from it, in place: a point whose
/// numerator or denominator is from 1 to 4, or whose value is a count from 1 to 4 (an
/// indicator whose unit is a count, given in the value-only form), keeps its period and
/// loses its figures; a list size from 1 to 4 becomes 0 (unknown). Returns how many
/// points lost figures.
pub fn disclose(workspace: &mut Workspace) -> usize {
    let small = |v: Option<f64>| is_suppressed(v);
    let counts: std::collections::HashSet<String> = workspace
        .indicators
        .iter()
        .filter(|i| i.unit == crate::model::Unit::Count)
        .map(|i| i.id.clone())
        .collect();
    let mut removed = 0;
    for series in &mut workspace.series {
        let a_count = counts.contains(&series.indicator_id);
        for point in &mut series.points {
            if small(point.numerator) || small(point.denominator) || (a_count && small(point.value))
            {
                point.numerator = None;
                point.denominator = None;
                point.value = None;
                removed += 1;
            }
        }
    }
    for practice in &mut workspace.practices {
        if (1..=4).contains(&practice.list_size) {
            practice.list_size = 0;
        }
    }
    removed
}

/// The bundle of a combined workspace, disclosure control applied, with each
/// publication's part recorded ([`crate::provenance::record`]); `extracted` is the day
/// the files were taken from their publishers (YYYY-MM-DD), when the maker states it.
pub fn bundle(mut workspace: Workspace, files: Vec<String>, extracted: Option<&str>) -> Bundle {
    let suppressed_points = disclose(&mut workspace);
    if workspace.provenance.is_empty() {
        workspace.provenance = crate::provenance::record(&workspace, extracted);
    }
    Bundle {
        schema: SCHEMA.to_string(),
        version: VERSION,
        files,
        suppressed_points,
        workspace,
    }
}

/// Reads a bundle's JSON, checking what it is before its contents.
pub fn read(text: &str) -> Result<Bundle, BundleError> {
    let damaged = |e: serde_json::Error| BundleError::Damaged {
        line: e.line(),
        column: e.column(),
        reason: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or("")
            .to_string(),
    };
    // The header first, so that another version is named as such rather than as damage.
    #[derive(Deserialize)]
    struct Header {
        schema: Option<String>,
        version: Option<u32>,
    }
    let header: Header = serde_json::from_str(text).map_err(damaged)?;
    if header.schema.as_deref() != Some(SCHEMA) {
        return Err(BundleError::NotABundle);
    }
    match header.version {
        Some(VERSION) => {}
        Some(found) => return Err(BundleError::OtherVersion { found }),
        None => return Err(BundleError::NotABundle),
    }
    serde_json::from_str(text).map_err(damaged)
}

/// A bundle as JSON.
pub fn to_json(bundle: &Bundle) -> String {
    // A workspace is plain data: serialising it cannot fail.
    serde_json::to_string(bundle).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_data::leicester_city;
    use crate::model::Point;

    #[test]
    fn a_bundle_reads_back_as_written() {
        let written = bundle(leicester_city(), vec!["a.csv".into()], None);
        let json = to_json(&written);
        let read = read(&json).unwrap();
        // Not assert_eq: a failure would print the whole workspace.
        assert!(read == written, "the bundle does not read back as written");
        assert_eq!(read.workspace.practices.len(), 55);
        assert_eq!(read.files, ["a.csv"]);
    }

    #[test]
    fn small_counts_and_what_derives_from_them_are_removed() {
        let mut w = leicester_city();
        let period = w.series[0].points[0].period;
        w.series[0].points[0] = Point {
            period,
            numerator: Some(3.0),
            denominator: Some(1000.0),
            value: Some(0.3),
        };
        w.series[0].points[1].denominator = Some(4.0);
        w.series[0].points[1].numerator = Some(0.0);
        w.practices[0].list_size = 2;
        let before = w.series[0].points[2];
        let b = bundle(w, Vec::new(), None);
        let points = &b.workspace.series[0].points;
        assert_eq!((points[0].numerator, points[0].value), (None, None));
        assert_eq!(points[0].period, period);
        assert_eq!(points[1].denominator, None);
        assert_eq!(points[2], before);
        assert_eq!(b.workspace.practices[0].list_size, 0);
        assert!(b.suppressed_points >= 2);
    }

    #[test]
    fn a_count_given_as_a_value_never_reaches_the_bundle() {
        // The template's value-only form: a count of 3 in the value column.
        let mut w = leicester_city();
        let count = w
            .series
            .iter()
            .position(|s| s.indicator_id == crate::catalogue::APPOINTMENTS_DNA)
            .expect("a count series");
        assert_eq!(
            w.indicator(crate::catalogue::APPOINTMENTS_DNA)
                .map(|i| i.unit),
            Some(crate::model::Unit::Count)
        );
        let period = w.series[count].points[0].period;
        w.series[count].points[0] = Point {
            period,
            numerator: None,
            denominator: None,
            value: Some(3.0),
        };
        // A value of 3 that is not a count (a rate, a percentage) is published.
        let rate = w
            .series
            .iter()
            .position(|s| s.indicator_id == "gpps_overall_experience_good")
            .expect("a percentage series");
        w.series[rate].points[0].value = Some(3.0);
        let (kept_period, kept) = (w.series[rate].points[0].period, w.series[rate].points[0]);
        let b = bundle(w, Vec::new(), None);
        let point = b.workspace.series[count].points[0];
        assert_eq!((point.period, point.value), (period, None));
        assert_eq!(b.workspace.series[rate].points[0], kept);
        assert_eq!(b.workspace.series[rate].points[0].period, kept_period);
    }

    #[test]
    fn damage_another_version_and_other_json_are_named() {
        let json = to_json(&bundle(leicester_city(), Vec::new(), None));
        let cut = &json[..json.len() / 2];
        let Err(BundleError::Damaged { line, column, .. }) = read(cut) else {
            panic!("a cut bundle is damaged");
        };
        assert_eq!((line, column), (1, cut.len()));
        assert!(read(cut)
            .unwrap_err()
            .to_string()
            .contains("is damaged: line 1"));
        let newer = json.replacen("\"version\":1", "\"version\":2", 1);
        assert_eq!(read(&newer), Err(BundleError::OtherVersion { found: 2 }));
        assert!(read(&newer)
            .unwrap_err()
            .to_string()
            .contains("version 2, and this site reads version 1"));
        assert_eq!(read("{\"a\": 1}"), Err(BundleError::NotABundle));
        assert!(matches!(read("<html>"), Err(BundleError::Damaged { .. })));
    }
}
