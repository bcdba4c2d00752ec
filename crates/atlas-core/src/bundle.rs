//! A published bundle: the workspace an ICB or council publishes as its public site's
//! data, written by `pcatlas bundle` and read by the app from its own origin.
//!
//! Each publication's part is recorded in the workspace's `provenance` (title,
//! publisher, measures, periods, day of extract, licence, attribution, published or
//! illustrative), so a site names its sources from its data.
//! Nothing is written before disclosure control: counts from 1 to 4, and the values
//! derived from them, are removed ([`disclose`]); then, so that subtraction cannot undo
//! it, a second part beside any one removed under a published total, or the total.
//! Patient-level files never reach a bundle (combining leaves them out, and
//! `pcatlas bundle` refuses them).
//! The schema is versioned; a reader says plainly when a bundle is damaged, is not a
//! bundle, or is from another version.

use crate::disclosure::is_suppressed;
use crate::model::{Point, Unit, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
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
    /// Points whose figures were removed by disclosure control: counts from 1 to 4.
    pub suppressed_points: usize,
    /// Points removed beside one of those, so that it cannot be recovered by
    /// subtraction from a published total.
    #[serde(default)]
    pub complements_suppressed: usize,
    /// Published totals withheld for the same reason, when no part could be removed.
    #[serde(default)]
    pub totals_withheld: usize,
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
    small_counts(workspace).len()
}

/// [`disclose`], returning which points it removed (series index, point index).
fn small_counts(workspace: &mut Workspace) -> HashSet<(usize, usize)> {
    let counts: HashSet<String> = workspace
        .indicators
        .iter()
        .filter(|i| i.unit == Unit::Count)
        .map(|i| i.id.clone())
        .collect();
    let mut removed = HashSet::new();
    for (s, series) in workspace.series.iter_mut().enumerate() {
        let a_count = counts.contains(&series.indicator_id);
        for (p, point) in series.points.iter_mut().enumerate() {
            if is_suppressed(point.numerator)
                || is_suppressed(point.denominator)
                || (a_count && is_suppressed(point.value))
            {
                clear(point);
                removed.insert((s, p));
            }
        }
    }
    for practice in &mut workspace.practices {
        if is_suppressed(Some(practice.list_size as f64)) {
            practice.list_size = 0;
        }
    }
    removed
}

fn clear(point: &mut Point) {
    point.numerator = None;
    point.denominator = None;
    point.value = None;
}

/// What the second rule removed: parts removed beside a suppressed one, and totals
/// withheld.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Complements {
    parts: usize,
    totals: usize,
}

/// A published total (series index) and the series of its parts.
struct Total {
    series: usize,
    parts: Vec<usize>,
}

/// The totals a workspace publishes for its practices: the place's own figure (series
/// under `place_code`) over every practice, and a PCN's figure over its practices.
fn totals(workspace: &Workspace) -> Vec<Total> {
    let pcn_of: HashMap<&str, &str> = workspace
        .practices
        .iter()
        .map(|p| (p.code.as_str(), p.pcn_code.as_str()))
        .collect();
    let place = workspace.place_code.as_deref();
    let mut totals = Vec::new();
    for (t, total) in workspace.series.iter().enumerate() {
        let is_place = Some(total.area_code.as_str()) == place;
        if !is_place && workspace.pcn(&total.area_code).is_none() {
            continue;
        }
        let parts: Vec<usize> = (workspace.series.iter().enumerate())
            .filter(|(_, s)| s.indicator_id == total.indicator_id)
            .filter(|(_, s)| {
                pcn_of
                    .get(s.area_code.as_str())
                    .is_some_and(|pcn| is_place || *pcn == total.area_code)
            })
            .map(|(i, _)| i)
            .collect();
        if !parts.is_empty() {
            totals.push((is_place, Total { series: t, parts }));
        }
    }
    // PCNs first: a part removed beside one inside its PCN covers the place's total too,
    // where the place's smallest part might be in another PCN and need a third.
    totals.sort_by_key(|(is_place, _)| *is_place);
    totals.into_iter().map(|(_, total)| total).collect()
}

/// The second rule of disclosure control, after [`disclose`] removed `suppressed`:
/// wherever a total is published (the place's own figure, or a PCN's, for a measure and
/// a period) and exactly one of its parts (the practices it covers) has been removed,
/// the smallest other part is removed too, so that no removed count can be recovered by
/// subtracting the visible parts from the total; when no other part can be removed, the
/// total is withheld. Removing a part can leave another total with one removed part, so
/// the rule runs until nothing changes. Parts are what adds up: a numerator, or the
/// value of a count.
fn protect_totals(
    workspace: &mut Workspace,
    mut suppressed: HashSet<(usize, usize)>,
) -> Complements {
    let counts: HashSet<String> = workspace
        .indicators
        .iter()
        .filter(|i| i.unit == Unit::Count)
        .map(|i| i.id.clone())
        .collect();
    let totals = totals(workspace);
    let mut done = Complements::default();
    while let Some(cell) = next_complement(workspace, &totals, &counts, &suppressed) {
        match cell {
            Complement::Part(s, p) => {
                done.parts += 1;
                clear(&mut workspace.series[s].points[p]);
                suppressed.insert((s, p));
            }
            Complement::Total(s, p) => {
                done.totals += 1;
                clear(&mut workspace.series[s].points[p]);
                suppressed.insert((s, p));
            }
        }
    }
    done
}

/// A point to remove next: a part beside a suppressed one, or a total.
enum Complement {
    Part(usize, usize),
    Total(usize, usize),
}

/// The first published total with exactly one removed part, and what to remove for it.
fn next_complement(
    workspace: &Workspace,
    totals: &[Total],
    counts: &HashSet<String>,
    suppressed: &HashSet<(usize, usize)>,
) -> Option<Complement> {
    let series = &workspace.series;
    for total in totals {
        let a_count = counts.contains(&series[total.series].indicator_id);
        let additive = |point: &Point| point.numerator.or(point.value.filter(|_| a_count));
        for (tp, total_point) in series[total.series].points.iter().enumerate() {
            if additive(total_point).is_none() {
                continue;
            }
            let at_period: Vec<(usize, usize)> = (total.parts.iter())
                .filter_map(|&s| {
                    let p = series[s]
                        .points
                        .iter()
                        .position(|p| p.period == total_point.period)?;
                    Some((s, p))
                })
                .collect();
            let removed = at_period
                .iter()
                .filter(|cell| suppressed.contains(cell))
                .count();
            if removed != 1 {
                continue;
            }
            // The smallest visible part, ties by area code: the least lost.
            let smallest = (at_period.iter())
                .filter(|cell| !suppressed.contains(cell))
                .filter_map(|&(s, p)| additive(&series[s].points[p]).map(|v| (v, s, p)))
                .min_by(|a, b| {
                    (a.0.total_cmp(&b.0))
                        .then_with(|| series[a.1].area_code.cmp(&series[b.1].area_code))
                });
            return Some(match smallest {
                Some((_, s, p)) => Complement::Part(s, p),
                None => Complement::Total(total.series, tp),
            });
        }
    }
    None
}

/// The bundle of a combined workspace, disclosure control applied (counts from 1 to 4,
/// then their complements), with each publication's part recorded
/// ([`crate::provenance::record`]); `extracted` is the day the files were taken from
/// their publishers (YYYY-MM-DD), when the maker states it.
pub fn bundle(mut workspace: Workspace, files: Vec<String>, extracted: Option<&str>) -> Bundle {
    let small = small_counts(&mut workspace);
    let suppressed_points = small.len();
    let complements = protect_totals(&mut workspace, small);
    if workspace.provenance.is_empty() {
        workspace.provenance = crate::provenance::record(&workspace, extracted);
    }
    Bundle {
        schema: SCHEMA.to_string(),
        version: VERSION,
        files,
        suppressed_points,
        complements_suppressed: complements.parts,
        totals_withheld: complements.totals,
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
    let mut bundle: Bundle = serde_json::from_str(text).map_err(damaged)?;
    bundle.workspace.sort_points();
    Ok(bundle)
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
    use crate::model::{Period, Series};
    use proptest::prelude::*;

    const DNA: &str = crate::catalogue::APPOINTMENTS_DNA;

    #[test]
    fn a_bundle_whose_points_are_out_of_order_is_read_in_order() {
        let mut bundle = read(include_str!("../data/leicester-city/atlas-bundle.json")).unwrap();
        let k = bundle
            .workspace
            .series
            .iter()
            .position(|s| s.points.len() >= 3)
            .expect("a series of three points");
        let latest = bundle.workspace.series[k].points.last().unwrap().period;
        bundle.workspace.series[k].points.reverse();
        let read_back = read(&to_json(&bundle)).unwrap();
        let points = &read_back.workspace.series[k].points;
        assert!(points.is_sorted_by_key(|p| p.period));
        assert_eq!(points.last().unwrap().period, latest);
    }

    /// The default cut to `pcns` PCNs of `per_pcn` practices, with one count measure
    /// (appointments not attended) whose practice figures are `counts[practice][period]`
    /// and whose place and (where `pcn_totals`) PCN figures are their sums.
    fn small_place(per_pcn: usize, counts: &[Vec<u32>], pcn_totals: &[bool]) -> Workspace {
        let mut w = leicester_city();
        let pcns: Vec<_> = w.pcns.iter().take(pcn_totals.len()).cloned().collect();
        let template = w.practices[0].clone();
        w.practices = (0..counts.len())
            .map(|i| {
                let mut p = template.clone();
                p.code = format!("P{i:04}");
                p.pcn_code = pcns[i / per_pcn].code.clone();
                p.list_size = 1000;
                p
            })
            .collect();
        w.pcns = pcns;
        let periods = counts[0].len();
        let point = |period: usize, value: u32| Point {
            period: Period::Month {
                year: 2024,
                month: period as u8 + 1,
            },
            numerator: None,
            denominator: None,
            value: Some(f64::from(value)),
        };
        let series = |area: &str, values: Vec<u32>| Series {
            indicator_id: DNA.to_string(),
            area_code: area.to_string(),
            points: values
                .into_iter()
                .enumerate()
                .map(|(t, v)| point(t, v))
                .collect(),
        };
        let sum = |members: &[usize]| -> Vec<u32> {
            (0..periods)
                .map(|t| members.iter().map(|&i| counts[i][t]).sum())
                .collect()
        };
        let mut all = Vec::new();
        for (i, values) in counts.iter().enumerate() {
            all.push(series(&format!("P{i:04}"), values.clone()));
        }
        let everyone: Vec<usize> = (0..counts.len()).collect();
        all.push(series(w.place_code.as_deref().unwrap(), sum(&everyone)));
        for (k, pcn) in w.pcns.iter().enumerate() {
            if pcn_totals[k] {
                let members: Vec<usize> = (k * per_pcn..(k + 1) * per_pcn).collect();
                all.push(series(&pcn.code, sum(&members)));
            }
        }
        w.series = all;
        w.targets.clear();
        w
    }

    /// Every published total with exactly one hidden part, as (total area, period).
    fn recoverable(before: &Workspace, after: &Workspace) -> Vec<(String, Period)> {
        let place = after.place_code.clone().unwrap();
        let mut found = Vec::new();
        for total in after
            .series
            .iter()
            .filter(|s| s.area_code == place || after.pcn(&s.area_code).is_some())
        {
            for point in total.points.iter().filter(|p| p.value.is_some()) {
                let hidden = after
                    .practices
                    .iter()
                    .filter(|p| total.area_code == place || p.pcn_code == total.area_code)
                    .filter(|p| {
                        let was = before.series_for(DNA, &p.code).unwrap();
                        let now = after.series_for(DNA, &p.code).unwrap();
                        let at = |s: &Series| {
                            s.points
                                .iter()
                                .find(|q| q.period == point.period)
                                .and_then(|q| q.value)
                        };
                        at(was).is_some() && at(now).is_none()
                    })
                    .count();
                if hidden == 1 {
                    found.push((total.area_code.clone(), point.period));
                }
            }
        }
        found
    }

    #[test]
    fn one_small_count_under_a_published_total_takes_the_smallest_other_part_with_it() {
        // Two PCNs of three practices; in the first month practice 1 has 3 (removed).
        let counts = vec![
            vec![40, 9],
            vec![3, 12],
            vec![25, 30],
            vec![7, 8],
            vec![50, 5],
            vec![6, 60],
        ];
        let w = small_place(3, &counts, &[true, true]);
        let b = bundle(w.clone(), Vec::new(), None);
        let value =
            |code: &str, t: usize| b.workspace.series_for(DNA, code).unwrap().points[t].value;
        assert_eq!(value("P0001", 0), None);
        // Its PCN's total (68) stands: the smallest other part of that PCN goes too.
        assert_eq!(value("P0002", 0), None);
        assert_eq!(value("P0000", 0), Some(40.0));
        // The place's total then has two parts removed: nothing more is needed.
        assert_eq!(b.suppressed_points, 1);
        assert_eq!(b.complements_suppressed, 1);
        assert_eq!(b.totals_withheld, 0);
        assert!(recoverable(&w, &b.workspace).is_empty());
        // A PCN of two practices, one removed: the other goes, or the total.
        let w = small_place(2, &[vec![3], vec![80], vec![20], vec![30]], &[true, false]);
        let b = bundle(w.clone(), Vec::new(), None);
        assert!(recoverable(&w, &b.workspace).is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn no_removed_count_can_be_recovered_from_a_published_total(
            per_pcn in 1usize..4,
            pcn_totals in proptest::collection::vec(any::<bool>(), 1..4),
            seed in proptest::collection::vec(0u32..15, 12 * 3),
        ) {
            let practices = per_pcn * pcn_totals.len();
            let counts: Vec<Vec<u32>> = (0..practices)
                .map(|i| (0..3).map(|t| seed[(i * 3 + t) % seed.len()]).collect())
                .collect();
            let w = small_place(per_pcn, &counts, &pcn_totals);
            let b = bundle(w.clone(), Vec::new(), None);
            prop_assert_eq!(recoverable(&w, &b.workspace), Vec::<(String, Period)>::new());
            // And no count from 1 to 4 is published anywhere.
            for s in &b.workspace.series {
                for p in &s.points {
                    prop_assert!(!is_suppressed(p.value), "{} {:?}", s.area_code, p);
                }
            }
        }
    }

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
