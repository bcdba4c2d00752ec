//! The domain model: practices, PCNs, indicators, periods, series and targets, gathered
//! in one [`Workspace`]. Everything the pages show is derived from a `Workspace`; the
//! embedded default and every uploaded file end up as one.

use crate::stats::benchmark::ComparisonMethod;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A point on the map in WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// Where a practice's coordinates come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LocationSource {
    /// A file gave them (a canonical practices file's latitude and longitude).
    File,
    /// The centroid of the practice's postcode in a postcode lookup.
    Postcode {
        /// The lookup: a loaded file's name, or the embedded extract's.
        lookup: String,
        /// The attribution its licence asks for wherever the coordinates are shown.
        attribution: String,
    },
}

/// The code of the stand-in PCN for practices no file places in a PCN (the map file's
/// "Unallocated" among them): it groups them, and is not counted as a PCN.
pub const NO_PCN_CODE: &str = "NO_PCN";

/// A Primary Care Network: practices working together under one clinical director.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pcn {
    /// ODS code of the PCN (e.g. `U00147`).
    pub code: String,
    pub name: String,
    /// The list size as a source publishes it, when one does (the 2022 paper's table).
    /// Kept apart from the sum of practice list sizes so reconciliations stay visible.
    pub published_list_size: Option<u64>,
}

impl Pcn {
    /// True for the stand-in grouping practices in no PCN ([`NO_PCN_CODE`]).
    pub fn is_stand_in(&self) -> bool {
        self.code == NO_PCN_CODE
    }
}

/// How a practice's list size was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListSizeSource {
    /// Read from a registration file or the user's practices file.
    Reported,
    /// Estimated (the embedded default: PCN total split by an older registered list).
    Estimated,
}

/// A calendar date: an extract date, the day a practice opened or closed. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// The year, like 2021.
    pub year: i32,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, from 1.
    pub day: u8,
}

impl Date {
    /// A date when the day exists in the month (leap years included).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// "30 Nov 2018".
    pub fn label(&self) -> String {
        format!("{} {}", self.day, self.month_period().label())
    }

    /// The date `days` days after 1 January 1970 (negative before it), in the
    /// proleptic Gregorian calendar (H. Hinnant's `civil_from_days`).
    pub fn from_days_since_1970(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The calendar month the date falls in.
    pub fn month_period(&self) -> Period {
        Period::Month {
            year: self.year,
            month: self.month,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A GP practice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Practice {
    /// ODS code (e.g. `C82037`).
    pub code: String,
    pub name: String,
    /// ODS code of the PCN the practice belongs to.
    pub pcn_code: String,
    /// Registered patients.
    pub list_size: u64,
    pub list_size_source: ListSizeSource,
    /// The month the list size is true at, when its file gives it (an extract date).
    #[serde(default)]
    pub list_size_as_of: Option<Period>,
    pub postcode: Option<String>,
    pub location: Option<LatLon>,
    /// Where `location` comes from; `None` when there is no location (or in a
    /// workspace stored before this was kept).
    #[serde(default)]
    pub location_source: Option<LocationSource>,
    /// A neighbourhood name when the user gives one; otherwise the PCN stands in.
    pub neighbourhood: Option<String>,
    /// The sub-ICB location (or CCG) the files place the practice in, when they say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_code: Option<String>,
    /// The day the practice opened, when ODS says (epraccur's open date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened: Option<Date>,
    /// Registered patients at every date a file gives one, oldest first: the list
    /// size of a period, where `list_size` is only the latest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub list_sizes: Vec<ListSizeAt>,
}

/// A practice's registered patients on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSizeAt {
    pub date: Date,
    pub patients: u64,
}

impl Practice {
    /// The registered patients on the latest date in `list_sizes` up to the start of
    /// `month`, within the same month: a count from another month is not this one's.
    pub fn list_size_in(&self, month: Period) -> Option<u64> {
        let (year, m) = month.start();
        let first_month = Period::Month { year, month: m };
        self.list_sizes
            .iter()
            .rev()
            .find(|l| l.date.month_period() == first_month)
            .map(|l| l.patients)
    }
}

/// A practice the files know of that is not open at the workspace's date: closed,
/// dormant, or gone from the latest registrations of its area. Kept out of
/// [`Workspace::practices`] (the practices open now), so no page counts, ranks or
/// judges it; it is listed as closed with its date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormerPractice {
    /// The practice as last known: name, PCN, postcode, list sizes.
    pub practice: Practice,
    pub status: FormerStatus,
}

/// Why a practice is not open at the workspace's date, and since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormerStatus {
    /// ODS gives it as closed, on `on` when it says.
    Closed { on: Option<Date> },
    /// ODS gives it as dormant (no patients, not yet closed), since `since` when it says.
    Dormant { since: Option<Date> },
    /// A registrations extract listed it (last on `last_listed`) but the latest one
    /// for its area (`latest`) does not: it closed or merged between the two.
    Unlisted { last_listed: Date, latest: Date },
}

impl FormerStatus {
    /// The first day it was no longer open, when known.
    pub fn ended(&self) -> Option<Date> {
        match self {
            FormerStatus::Closed { on } => *on,
            FormerStatus::Dormant { since } => *since,
            FormerStatus::Unlisted { .. } => None,
        }
    }

    /// The last day it is known to have been open, when the files say only that.
    fn last_known_open(&self) -> Option<Date> {
        match self {
            FormerStatus::Unlisted { last_listed, .. } => Some(*last_listed),
            _ => None,
        }
    }

    /// In words, for a table cell: "Closed 30 Nov 2018", "Dormant",
    /// "Not in the registrations of 1 Dec 2025 (last listed 1 Jan 2021)".
    pub fn describe(&self) -> String {
        match self {
            FormerStatus::Closed { on: Some(on) } => format!("Closed {}", on.label()),
            FormerStatus::Closed { on: None } => "Closed".to_string(),
            FormerStatus::Dormant { since: Some(since) } => {
                format!("Dormant since {}", since.label())
            }
            FormerStatus::Dormant { since: None } => "Dormant".to_string(),
            FormerStatus::Unlisted {
                last_listed,
                latest,
            } => format!(
                "Not in the registrations of {} (last listed {})",
                latest.label(),
                last_listed.label()
            ),
        }
    }
}

/// The practices open on a day and the patients registered with them, as
/// [`Workspace::registered_on`] counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisteredOn {
    /// Practices open that day (current and former).
    pub practices: usize,
    /// The registered patients of those with a count for that month; `None` when none
    /// has one.
    pub patients: Option<u64>,
    /// Open practices with no count for that month.
    pub without_count: usize,
}

/// The pandemic year, April 2020 – March 2021: the months the trajectories' forecast
/// leaves out and an SPC chart can set apart as exceptional.
pub const PANDEMIC_MONTHS: (Period, Period) = (
    Period::Month {
        year: 2020,
        month: 4,
    },
    Period::Month {
        year: 2021,
        month: 3,
    },
);

/// A reporting period: a calendar month, a calendar quarter or an NHS financial year
/// (April to March).
///
/// Written as `2022-03` (month), `2022-Q3` (calendar quarter, July–September 2022) and
/// `2022/23` (financial year April 2022 – March 2023). Ordered by start date, then by
/// length. Serialised in the same words (`"2022-03"`); the earlier tagged form
/// (`{"Month":{"year":2022,"month":3}}`) is still read, so workspaces kept in browser
/// storage before the change still restore.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Month { year: i32, month: u8 },
    Quarter { year: i32, quarter: u8 },
    FinancialYear { start_year: i32 },
}

impl Period {
    /// A calendar month. `month` is 1–12.
    pub fn month(year: i32, month: u8) -> Option<Period> {
        (1..=12)
            .contains(&month)
            .then_some(Period::Month { year, month })
    }

    /// The first month of the period, as (year, month).
    #[inline]
    pub fn start(&self) -> (i32, u8) {
        match *self {
            Period::Month { year, month } => (year, month),
            Period::Quarter { year, quarter } => (year, (quarter - 1) * 3 + 1),
            Period::FinancialYear { start_year } => (start_year, 4),
        }
    }

    /// Number of months the period covers.
    #[inline]
    pub fn months(&self) -> u32 {
        match self {
            Period::Month { .. } => 1,
            Period::Quarter { .. } => 3,
            Period::FinancialYear { .. } => 12,
        }
    }

    /// Months since January of year 0 of the period's start: a linear time index.
    #[inline]
    pub fn month_index(&self) -> i32 {
        let (year, month) = self.start();
        year * 12 + i32::from(month) - 1
    }

    /// The month `n` months after this one (a month period only; others use their start).
    pub fn add_months(&self, n: i32) -> Period {
        let index = self.month_index() + n;
        Period::Month {
            year: index.div_euclid(12),
            month: (index.rem_euclid(12) + 1) as u8,
        }
    }

    /// The NHS financial year that the period starts in, e.g. 2022 for `2022/23`.
    pub fn financial_year(&self) -> i32 {
        let (year, month) = self.start();
        if month >= 4 {
            year
        } else {
            year - 1
        }
    }

    /// Parses `2022-03`, `2022-Q3` or `2022/23`. Surrounding spaces are ignored.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let text = text.trim();
        let bad = || PeriodError(text.to_string());
        if let Some((year, rest)) = text.split_once('/') {
            // Four digits, as every other form: `2023002022/23` is a slip, not a year.
            if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            let start_year: i32 = year.parse().map_err(|_| bad())?;
            let end: i32 = rest.parse().map_err(|_| bad())?;
            // `2022/23`: the second half is the last two digits of the next year.
            return if rest.len() == 2 && (start_year + 1) % 100 == end {
                Ok(Period::FinancialYear { start_year })
            } else {
                Err(bad())
            };
        }
        let (year, rest) = text.split_once('-').ok_or_else(bad)?;
        if year.len() != 4 {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        if let Some(q) = rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q')) {
            let quarter: u8 = q.parse().map_err(|_| bad())?;
            return if (1..=4).contains(&quarter) {
                Ok(Period::Quarter { year, quarter })
            } else {
                Err(bad())
            };
        }
        if rest.len() != 2 {
            return Err(bad());
        }
        let month: u8 = rest.parse().map_err(|_| bad())?;
        Period::month(year, month).ok_or_else(bad)
    }

    /// A label for people: "Mar 2022", "Jul–Sep 2022", "2022/23".
    pub fn label(&self) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        match *self {
            Period::Month { year, month } => format!("{} {year}", MONTHS[month as usize - 1]),
            Period::Quarter { year, quarter } => {
                let first = (quarter as usize - 1) * 3;
                format!("{}–{} {year}", MONTHS[first], MONTHS[first + 2])
            }
            Period::FinancialYear { .. } => self.to_string(),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::FinancialYear { start_year } => {
                write!(f, "{start_year:04}/{:02}", (start_year + 1) % 100)
            }
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Words read back only with a four-digit year; any other year (a typing slip in
        // a file, kept with a warning) is written in the tagged form.
        let year = match *self {
            Period::Month { year, .. } | Period::Quarter { year, .. } => year,
            Period::FinancialYear { start_year } => start_year,
        };
        if (0..=9999).contains(&year) {
            serializer.collect_str(self)
        } else {
            TaggedPeriod::from(*self).serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Period, D::Error> {
        deserializer.deserialize_any(PeriodVisitor)
    }
}

/// Reads a period as words, or in the tagged form written before.
struct PeriodVisitor;

/// The tagged form periods were written in before (and still are, with years that do
/// not have four digits).
#[derive(Serialize, Deserialize)]
enum TaggedPeriod {
    Month { year: i32, month: u8 },
    Quarter { year: i32, quarter: u8 },
    FinancialYear { start_year: i32 },
}

impl From<Period> for TaggedPeriod {
    fn from(period: Period) -> TaggedPeriod {
        match period {
            Period::Month { year, month } => TaggedPeriod::Month { year, month },
            Period::Quarter { year, quarter } => TaggedPeriod::Quarter { year, quarter },
            Period::FinancialYear { start_year } => TaggedPeriod::FinancialYear { start_year },
        }
    }
}

impl<'de> serde::de::Visitor<'de> for PeriodVisitor {
    type Value = Period;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a period like 2022-03, 2022-Q3 or 2022/23")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Period, E> {
        Period::parse(text).map_err(E::custom)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Period, A::Error> {
        let tagged = TaggedPeriod::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        let period = match tagged {
            TaggedPeriod::Month { year, month } => Period::month(year, month),
            TaggedPeriod::Quarter { year, quarter } => (1..=4)
                .contains(&quarter)
                .then_some(Period::Quarter { year, quarter }),
            TaggedPeriod::FinancialYear { start_year } => {
                Some(Period::FinancialYear { start_year })
            }
        };
        period.ok_or_else(|| serde::de::Error::custom("a month 1–12 or a quarter 1–4"))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    #[inline]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.month_index(), self.months()).cmp(&(other.month_index(), other.months()))
    }
}

/// A period that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a period: expected a month like 2022-03, a quarter like 2022-Q3 or a financial year like 2022/23")]
pub struct PeriodError(pub String);

/// The domain an indicator belongs to on the balanced scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Domain {
    Access,
    Quality,
    Outcomes,
    Workforce,
    Equity,
}

impl Domain {
    pub const ALL: [Domain; 5] = [
        Domain::Access,
        Domain::Quality,
        Domain::Outcomes,
        Domain::Workforce,
        Domain::Equity,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            Domain::Access => "Access",
            Domain::Quality => "Quality",
            Domain::Outcomes => "Outcomes",
            Domain::Workforce => "Workforce",
            Domain::Equity => "Equity",
        }
    }
}

/// What an indicator's value measures, which decides its confidence interval method.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Unit {
    /// numerator / denominator, shown as a percentage (Wilson interval).
    Proportion,
    /// numerator / denominator × `per` (Byar's or exact Poisson interval).
    Rate { per: f64 },
    /// A count of events (Poisson interval).
    Count,
    /// observed / expected.
    Ratio,
    /// A mean or other value with no numerator (Student's t interval when given).
    Mean,
}

/// Which direction is better (defined with the benchmarking that judges by it).
pub use crate::stats::benchmark::Polarity;

/// What an indicator is: its metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub domain: Domain,
    pub unit: Unit,
    pub polarity: Polarity,
    /// How an area is compared with its comparator (Fingertips chooses per indicator:
    /// SPC for proportions for QOF prevalence, interval overlap for most others).
    #[serde(default, skip_serializing_if = "is_overlap_both")]
    pub comparison: ComparisonMethod,
}

fn is_overlap_both(method: &ComparisonMethod) -> bool {
    *method == ComparisonMethod::OverlapBoth
}

/// One observation of an indicator for one area in one period.
///
/// `value` is given where the source states it; otherwise it is derived from the
/// numerator and denominator by the indicator's unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub period: Period,
    // Left out of JSON when absent: a large workspace passes from the ingest worker to
    // the page, and into browser storage, as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

/// All observations of one indicator for one area (practice, PCN or a larger area),
/// sorted by period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub indicator_id: String,
    pub area_code: String,
    pub points: Vec<Point>,
}

impl Series {
    /// A series of one published value (England's for a measure in a period, as a
    /// Fingertips export or a canonical file gives it): no counts.
    pub fn one_value(indicator_id: &str, area_code: &str, period: Period, value: f64) -> Series {
        Series {
            indicator_id: indicator_id.to_string(),
            area_code: area_code.to_string(),
            points: vec![Point {
                period,
                numerator: None,
                denominator: None,
                value: Some(value),
            }],
        }
    }
}

/// The area a target applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetArea {
    All,
    Area(String),
}

/// A baseline and a target for an indicator: the ends of a trajectory's glide path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub indicator_id: String,
    pub area: TargetArea,
    pub baseline_period: Period,
    /// The value at the baseline period; `None` when the target gives none (each area
    /// then starts from its own value there, and has no glide path without one).
    pub baseline_value: Option<f64>,
    pub target_value: f64,
    pub target_period: Period,
}

/// Where the workspace's data came from; the pages say so in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataSource {
    /// The embedded Leicester City default: the bundle built from public files
    /// ([`crate::default_data::leicester_city`]).
    EmbeddedDefault,
    /// The synthetic city of the first default ([`crate::default_data::illustrative_city`]):
    /// the paper's structure with illustrative values, opened on purpose as a
    /// demonstration, never as the default.
    Demonstration,
    /// The user's own files, named.
    Uploaded { files: Vec<String> },
    /// A published site's bundle, with the public files it was built from.
    Published { files: Vec<String> },
}

/// Where some measures' figures come from: one publication, as a bundle records it
/// when it is written, so that a published site names its sources from its own data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The publication's title ("Appointments in General Practice").
    pub publication: String,
    pub publisher: String,
    /// The measures (indicator ids) whose series it fills.
    pub indicators: Vec<String>,
    /// The first and last period its series reach; `None` when it gives no series
    /// (the registrations give list sizes).
    pub first_period: Option<Period>,
    pub last_period: Option<Period>,
    /// The day its figures were taken from the publication (YYYY-MM-DD), when the
    /// bundle's maker stated it.
    pub extracted: Option<String>,
    pub licence: String,
    /// The words the licence asks to be shown with the figures.
    pub attribution: String,
    /// False for figures that are illustrative, not published.
    pub published: bool,
}

/// Everything the dashboard knows at one time: the structure, the indicators and
/// their series, the targets, and where they came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// A name for the place the data covers ("Leicester City").
    pub place: String,
    /// The sub-ICB location (or CCG) code of the place ("04C"), when the files give
    /// one: series under this code are the place's own published figures.
    #[serde(default)]
    pub place_code: Option<String>,
    /// The registered population a source states for the place, when it differs from
    /// the sum of lists (the 2022 paper says 426,000).
    pub stated_population: Option<u64>,
    /// The month the stated population is true at, when the source gives it (the
    /// paper's, April 2022): the published registers nearest it are set beside it.
    #[serde(default)]
    pub stated_population_as_of: Option<Period>,
    pub pcns: Vec<Pcn>,
    pub practices: Vec<Practice>,
    pub indicators: Vec<Indicator>,
    pub series: Vec<Series>,
    pub targets: Vec<Target>,
    pub source: DataSource,
    /// True when indicator values are synthetic and must be labelled as illustrative.
    pub illustrative: bool,
    /// The sub-ICB locations (or CCGs) the files name, by code: the areas a user can
    /// choose among when the files cover several ([`crate::areas`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<Area>,
    /// Practices the files know of that are not open at the workspace's date (closed,
    /// dormant, gone from the latest registrations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_practices: Vec<FormerPractice>,
    /// Each publication's part, as the bundle recorded it; empty for files read in the
    /// browser, whose sources [`crate::provenance`] tells from the readers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<Provenance>,
    /// Verdicts a publisher states for an area against a comparator (Fingertips'
    /// "Compared to England"), kept as published to be set beside the app's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub published_verdicts: Vec<PublishedVerdict>,
    /// Each practice's registered patients by sex and five-year age band, at the latest
    /// extract the files give by age ([`crate::population`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub registrations_by_age: Vec<AgeProfile>,
}

/// The five-year age bands of the registrations files: 0–4, 5–9, …, 90–94 and 95+.
pub const AGE_BANDS: usize = 20;

/// A practice's registered patients by sex and five-year age band at an extract date,
/// from Patients Registered at a GP Practice by five-year or single year of age.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgeProfile {
    pub practice_code: String,
    pub as_of: Date,
    /// Males by band, youngest first; `None` when the files give no males.
    pub male: Option<[u64; AGE_BANDS]>,
    /// Females by band, youngest first; `None` when the files give no females.
    pub female: Option<[u64; AGE_BANDS]>,
}

/// A sub-ICB location (or, before July 2022, a CCG) as the files name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub code: String,
    pub name: String,
}

/// A publisher's own verdict on an area's figure against a comparator, as published:
/// Fingertips' "Compared to England value or percentiles" column, for one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedVerdict {
    pub indicator_id: String,
    pub area_code: String,
    pub period: Period,
    /// Who published it ("Fingertips").
    pub publisher: String,
    /// What the area was compared with ("England").
    pub comparator: String,
    /// The verdict in the publisher's words: "Better", "Similar", "Worse", "Higher" or
    /// "Lower".
    pub verdict: String,
}

impl Workspace {
    /// The practice with this ODS code.
    pub fn practice(&self, code: &str) -> Option<&Practice> {
        self.practices.iter().find(|p| p.code == code)
    }

    /// The former (closed, dormant or unlisted) practice with this ODS code.
    pub fn former_practice(&self, code: &str) -> Option<&FormerPractice> {
        self.former_practices
            .iter()
            .find(|f| f.practice.code == code)
    }

    /// The practices open on `day` (those open now that had opened, and former ones
    /// not yet closed) and their registered patients in that month. A former practice
    /// whose end is unknown counts up to the last day a file listed it.
    pub fn registered_on(&self, day: Date) -> RegisteredOn {
        let opened = |p: &Practice| p.opened.is_none_or(|o| o <= day);
        let open_now = self.practices.iter().filter(|p| opened(p));
        let open_then = self.former_practices.iter().filter(|f| {
            opened(&f.practice)
                && match (f.status.ended(), f.status.last_known_open()) {
                    (Some(ended), _) => day < ended,
                    (None, Some(last)) => day <= last,
                    (None, None) => false,
                }
        });
        let open: Vec<&Practice> = open_now.chain(open_then.map(|f| &f.practice)).collect();
        let month = day.month_period();
        let counts: Vec<Option<u64>> = open.iter().map(|p| p.list_size_in(month)).collect();
        let without_count = counts.iter().filter(|c| c.is_none()).count();
        RegisteredOn {
            practices: open.len(),
            patients: (without_count < open.len()).then(|| counts.iter().flatten().sum()),
            without_count,
        }
    }

    /// Every date a file gives list sizes for, oldest first: the registrations
    /// extracts and the other publications' counts.
    pub fn list_size_dates(&self) -> Vec<Date> {
        let practices = self
            .practices
            .iter()
            .chain(self.former_practices.iter().map(|f| &f.practice));
        let dates: std::collections::BTreeSet<Date> = practices
            .flat_map(|p| p.list_sizes.iter().map(|l| l.date))
            .collect();
        dates.into_iter().collect()
    }

    /// The PCN with this ODS code.
    pub fn pcn(&self, code: &str) -> Option<&Pcn> {
        self.pcns.iter().find(|p| p.code == code)
    }

    /// Puts every series' points in period order, as [`Series`] promises (a workspace
    /// read from outside — a bundle — is put in order once, so that every reader can
    /// take a series' last point as its latest).
    pub fn sort_points(&mut self) {
        for series in &mut self.series {
            if !series.points.is_sorted_by_key(|p| p.period) {
                series.points.sort_by_key(|p| p.period);
            }
        }
    }

    /// The practices of one PCN, in workspace order.
    pub fn practices_in<'a>(&'a self, pcn_code: &'a str) -> impl Iterator<Item = &'a Practice> {
        self.practices
            .iter()
            .filter(move |p| p.pcn_code == pcn_code)
    }

    /// Sum of practice list sizes.
    pub fn registered_population(&self) -> u64 {
        self.practices.iter().map(|p| p.list_size).sum()
    }

    /// Sum of the PCN list sizes as published, when every PCN has one.
    pub fn published_pcn_total(&self) -> Option<u64> {
        self.pcns.iter().map(|p| p.published_list_size).sum()
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The series of one indicator for one area.
    pub fn series_for(&self, indicator_id: &str, area_code: &str) -> Option<&Series> {
        self.series
            .iter()
            .find(|s| s.indicator_id == indicator_id && s.area_code == area_code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_round_trip_through_text() {
        for text in ["2022-03", "2022-Q3", "2022/23", "1999/00"] {
            assert_eq!(Period::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn periods_and_points_serialise_compactly_and_read_the_earlier_form() {
        let point = Point {
            period: Period::parse("2022-Q3").unwrap(),
            numerator: Some(4.0),
            denominator: None,
            value: None,
        };
        let json = serde_json::to_string(&point).unwrap();
        assert_eq!(json, r#"{"period":"2022-Q3","numerator":4.0}"#);
        assert_eq!(serde_json::from_str::<Point>(&json).unwrap(), point);
        let earlier = r#"{"period":{"Quarter":{"year":2022,"quarter":3}},"numerator":4.0,"denominator":null,"value":null}"#;
        assert_eq!(serde_json::from_str::<Point>(earlier).unwrap(), point);
        for (earlier, text) in [
            (r#"{"Month":{"year":999,"month":12}}"#, "0999-12"),
            (r#"{"FinancialYear":{"start_year":2099}}"#, "2099/00"),
        ] {
            let period: Period = serde_json::from_str(earlier).unwrap();
            assert_eq!(
                serde_json::to_string(&period).unwrap(),
                format!("\"{text}\"")
            );
            assert_eq!(
                serde_json::from_str::<Period>(&format!("\"{text}\"")).unwrap(),
                period
            );
        }
        // Years without four digits (reachable from a file's typing slip) round-trip too.
        for period in [
            Period::Quarter {
                year: 10_000,
                quarter: 1,
            },
            Period::Month { year: -1, month: 2 },
            Period::FinancialYear { start_year: 12_345 },
        ] {
            let json = serde_json::to_string(&period).unwrap();
            assert_eq!(
                serde_json::from_str::<Period>(&json).unwrap(),
                period,
                "{json}"
            );
        }
        assert!(serde_json::from_str::<Period>(r#"{"Month":{"year":2022,"month":13}}"#).is_err());
        assert!(serde_json::from_str::<Period>(r#""March""#).is_err());
    }

    #[test]
    fn bad_periods_are_refused() {
        for text in [
            "2022-13", "2022-Q5", "2022/24", "22-03", "March", "", "2022-3",
        ] {
            assert!(Period::parse(text).is_err(), "{text} should be refused");
        }
    }

    #[test]
    fn periods_order_by_start_then_length() {
        let month = Period::parse("2022-04").unwrap();
        let quarter = Period::parse("2022-Q2").unwrap();
        let year = Period::parse("2022/23").unwrap();
        assert!(month < quarter && quarter < year);
        assert!(Period::parse("2022-03").unwrap() < month);
        assert_eq!(year.financial_year(), 2022);
        assert_eq!(Period::parse("2023-03").unwrap().financial_year(), 2022);
    }

    #[test]
    fn months_add_across_years() {
        let march = Period::parse("2022-03").unwrap();
        assert_eq!(march.add_months(10).to_string(), "2023-01");
        assert_eq!(march.add_months(-3).to_string(), "2021-12");
        assert_eq!(march.label(), "Mar 2022");
    }
}
