//! What one file contributes to a workspace, before files are combined: facts about
//! practices, PCNs and list sizes (each with the extract date it is true at), and
//! indicator series.

use super::report::{Problem, Severity};
use super::values::Date;
use crate::model::{Indicator, LatLon, Period, Point, Series, Target};
pub(crate) use crate::quick_map::QuickMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a file says about one practice. Every field but the code is optional: files
/// say different things.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PracticeFact {
    /// ODS code of the practice.
    pub code: String,
    /// The practice's name, as the file writes it.
    pub name: Option<String>,
    /// ODS code of the PCN the file places the practice in.
    pub pcn_code: Option<String>,
    /// The practice's postcode, in capitals.
    pub postcode: Option<String>,
    /// Where the practice is (canonical practices file only).
    pub location: Option<LatLon>,
    /// A neighbourhood name (canonical practices file only).
    pub neighbourhood: Option<String>,
    /// The sub-ICB location (or CCG) code the file places the practice in.
    pub area_code: Option<String>,
    /// The sub-ICB location (or CCG) name.
    pub area_name: Option<String>,
    /// The date the file's extract is true at, when it says.
    pub as_of: Option<Date>,
    /// Whether ODS gives the practice as open, closed or dormant (epraccur only).
    pub ods_status: Option<OdsStatus>,
    /// The day it opened (epraccur's open date).
    pub opened: Option<Date>,
    /// The day it closed (epraccur's close date).
    pub closed: Option<Date>,
    /// Line of the file the fact came from.
    pub line: u64,
}

/// A practice's status in ODS (epraccur's status code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OdsStatus {
    /// `A`: active.
    Active,
    /// `C`: closed.
    Closed,
    /// `D`: dormant (no patients, not yet closed).
    Dormant,
}

impl PracticeFact {
    /// A fact with only the practice code and where it came from.
    pub fn new(code: impl Into<String>, line: u64) -> PracticeFact {
        PracticeFact {
            code: code.into(),
            name: None,
            pcn_code: None,
            postcode: None,
            location: None,
            neighbourhood: None,
            area_code: None,
            area_name: None,
            as_of: None,
            ods_status: None,
            opened: None,
            closed: None,
            line,
        }
    }
}

/// What a file says about one PCN.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PcnFact {
    /// ODS code of the PCN.
    pub code: String,
    /// The PCN's name, as the file writes it.
    pub name: String,
    /// The date the file's extract is true at, when it says.
    pub as_of: Option<Date>,
    /// Line of the file the fact came from.
    pub line: u64,
}

/// A practice's registered list size at a date.
#[derive(Debug, Clone, PartialEq)]
pub struct ListSizeFact {
    /// ODS code of the practice.
    pub practice_code: String,
    /// Registered patients.
    pub list_size: u64,
    /// The date the count is true at, when the file says.
    pub as_of: Option<Date>,
    /// Line of the file the count came from.
    pub line: u64,
}

/// What kind of area a canonical areas row describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaKind {
    /// The place as a whole (a sub-ICB location, a CCG).
    Place,
    /// A primary care network.
    Pcn,
}

/// What a canonical areas file states about the place or one PCN.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaFact {
    pub kind: AreaKind,
    /// The area's code (the sub-ICB's ODS code, the PCN's ODS code).
    pub code: String,
    pub name: String,
    /// The list size the publication states for the area, which may differ from the
    /// sum of its practices' lists.
    pub published_list_size: Option<u64>,
    /// The month that list size is true at, when the file gives it.
    pub as_of: Option<crate::model::Period>,
    /// Line of the file the fact came from.
    pub line: u64,
}

/// Where a postcode is, from a postcode lookup file (OS Code-Point Open).
#[derive(Debug, Clone, PartialEq)]
pub struct PostcodeFact {
    /// The postcode as [`normalise_postcode`](super::values::normalise_postcode) writes it.
    pub postcode: String,
    /// The postcode's centroid in WGS84 degrees.
    pub location: LatLon,
    /// Line of the file the postcode came from.
    pub line: u64,
}

/// An indicator series read from a file, with the line its first point came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractedSeries {
    /// The series, its points sorted by period.
    pub series: Series,
    /// Line of the file its first point came from.
    pub line: u64,
}

/// Everything one file contributes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extract {
    /// What the file says about practices, one fact per practice row.
    pub practices: Vec<PracticeFact>,
    /// PCN names, once per PCN.
    pub pcns: Vec<PcnFact>,
    /// List sizes with the dates they are true at.
    pub list_sizes: Vec<ListSizeFact>,
    /// Indicator metadata the file defines.
    pub indicators: Vec<Indicator>,
    /// Indicator series, by indicator and area.
    pub series: Vec<ExtractedSeries>,
    /// Baselines and targets (canonical targets file only).
    pub targets: Vec<Target>,
    /// Postcode centroids (a postcode lookup file only).
    pub postcodes: Vec<PostcodeFact>,
    /// The place and its PCNs as a publication states them (canonical areas only).
    pub areas: Vec<AreaFact>,
    /// A publisher's own verdicts (a Fingertips export's comparison with England).
    pub published_verdicts: Vec<crate::model::PublishedVerdict>,
    /// Registered patients by sex and age band (registrations by age only).
    pub age_profiles: Vec<crate::model::AgeProfile>,
}

/// One series while it is being built: its points by period, each with its line.
#[derive(Debug, Default)]
struct PointsByPeriod {
    points: BTreeMap<Period, (Point, u64)>,
}

/// Gathers points into series keyed by indicator and area, refusing a second value
/// for the same period.
#[derive(Debug, Default)]
pub(crate) struct SeriesBuilder {
    by_indicator: QuickMap<String, QuickMap<String, PointsByPeriod>>,
}

impl SeriesBuilder {
    fn slot(&mut self, indicator_id: &str, area_code: &str) -> &mut PointsByPeriod {
        if !self.by_indicator.contains_key(indicator_id) {
            self.by_indicator
                .insert(indicator_id.to_string(), QuickMap::default());
        }
        let areas = self
            .by_indicator
            .get_mut(indicator_id)
            .expect("inserted above");
        if !areas.contains_key(area_code) {
            areas.insert(area_code.to_string(), PointsByPeriod::default());
        }
        areas.get_mut(area_code).expect("inserted above")
    }

    /// Puts a point in place; `Err` with the line of the earlier point when the period
    /// already has one.
    pub fn insert(
        &mut self,
        indicator_id: &str,
        area_code: &str,
        point: Point,
        line: u64,
    ) -> Result<(), u64> {
        let slot = self.slot(indicator_id, area_code);
        match slot.points.get(&point.period) {
            Some(&(_, first_line)) => Err(first_line),
            None => {
                slot.points.insert(point.period, (point, line));
                Ok(())
            }
        }
    }

    /// The point already held for this indicator, area and period.
    pub fn get(&self, indicator_id: &str, area_code: &str, period: Period) -> Option<&Point> {
        self.by_indicator
            .get(indicator_id)?
            .get(area_code)?
            .points
            .get(&period)
            .map(|(point, _)| point)
    }

    /// Warnings for periods far from all the others of their indicator (a typed year).
    pub fn isolated_period_warnings(&self) -> Vec<Problem> {
        let mut warnings = Vec::new();
        let mut ids: Vec<&String> = self.by_indicator.keys().collect();
        ids.sort();
        for id in ids {
            let mut first_line: BTreeMap<Period, u64> = BTreeMap::new();
            for points in self.by_indicator[id].values() {
                for (period, &(_, line)) in &points.points {
                    let entry = first_line.entry(*period).or_insert(line);
                    *entry = (*entry).min(line);
                }
            }
            warnings.extend(isolated_period_warnings(id, &first_line));
        }
        warnings
    }

    /// The series, sorted by indicator then area, points by period.
    pub fn finish(self) -> Vec<ExtractedSeries> {
        let mut out = Vec::new();
        for (indicator_id, areas) in self.by_indicator {
            for (area_code, points) in areas {
                let line = points.points.values().map(|&(_, l)| l).min().unwrap_or(0);
                out.push(ExtractedSeries {
                    series: Series {
                        indicator_id: indicator_id.clone(),
                        area_code,
                        points: points.points.into_values().map(|(p, _)| p).collect(),
                    },
                    line,
                });
            }
        }
        out.sort_by(|a, b| {
            (&a.series.indicator_id, &a.series.area_code)
                .cmp(&(&b.series.indicator_id, &b.series.area_code))
        });
        out
    }
}

/// Warnings for the periods of indicator `id` far from all its others (a typed year),
/// given the first line of the file each period appears on.
pub(crate) fn isolated_period_warnings(
    id: &str,
    first_line: &BTreeMap<Period, u64>,
) -> Vec<Problem> {
    let periods: Vec<Period> = first_line.keys().copied().collect();
    isolated_periods(&periods)
        .into_iter()
        .map(|period| Problem {
            severity: Severity::Warning,
            line: first_line.get(&period).copied(),
            column: None,
            value: Some(period.to_string()),
            reason: format!(
                "period {period} of indicator {id} is more than {ISOLATION_MONTHS} months from every other period in the file; kept, but check the year"
            ),
        })
        .collect()
}

/// Gap, in months, beyond which a period counts as isolated from the rest.
pub const ISOLATION_MONTHS: i32 = 36;

/// The periods (sorted, distinct) that are more than [`ISOLATION_MONTHS`] from every
/// other one, when there are at least three periods to compare.
pub fn isolated_periods(sorted: &[Period]) -> Vec<Period> {
    if sorted.len() < 3 {
        return Vec::new();
    }
    let gap = |a: &Period, b: &Period| (a.month_index() - b.month_index()).abs();
    sorted
        .iter()
        .enumerate()
        .filter(|&(i, period)| {
            let before = i.checked_sub(1).map(|j| gap(period, &sorted[j]));
            let after = sorted.get(i + 1).map(|next| gap(period, next));
            [before, after]
                .into_iter()
                .flatten()
                .all(|g| g > ISOLATION_MONTHS)
        })
        .map(|(_, p)| *p)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(y: i32, m: u8) -> Period {
        Period::month(y, m).unwrap()
    }

    #[test]
    fn an_isolated_year_is_found() {
        let periods = [
            month(1922, 3),
            month(2022, 1),
            month(2022, 2),
            month(2022, 3),
        ];
        assert_eq!(isolated_periods(&periods), vec![month(1922, 3)]);
        assert!(isolated_periods(&periods[1..]).is_empty());
        assert!(isolated_periods(&periods[..2]).is_empty());
    }

    #[test]
    fn duplicates_are_refused_and_series_sorted() {
        let mut builder = SeriesBuilder::default();
        let point = |m| Point {
            period: month(2022, m),
            numerator: Some(1.0),
            denominator: None,
            value: None,
        };
        assert_eq!(builder.insert("b", "X", point(2), 4), Ok(()));
        assert_eq!(builder.insert("b", "X", point(2), 5), Err(4));
        assert_eq!(builder.insert("b", "X", point(1), 6), Ok(()));
        assert_eq!(builder.insert("a", "Y", point(1), 7), Ok(()));
        let series = builder.finish();
        assert_eq!(series[0].series.indicator_id, "a");
        assert_eq!(series[1].series.points[0].period, month(2022, 1));
        assert_eq!(series[1].line, 4);
    }
}
