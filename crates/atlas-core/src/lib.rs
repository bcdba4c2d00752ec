//! # atlas-core
//!
//! The engine of Primary Care Atlas, in pure Rust with no web dependencies, so that the
//! same numbers come out of the browser, the command line and the tests.
//!
//! - [`model`]: practices, PCNs, indicators, periods, series, targets, the [`Workspace`].
//! - [`default_data`]: the embedded Leicester City default (the April 2022 Health and
//!   Wellbeing Board paper's structure, figures from the national publications), and the
//!   illustrative demonstration.
//! - [`summary`]: headline figures and structure tables derived from a workspace.
//! - [`table`]: the table shape behind every table view and CSV download.
//! - [`export`]: the one CSV writer (formula-like cells neutralised).
//! - [`words`]: how names and numbers are written (thousands, display names).
//! - [`stats`]: confidence intervals, benchmarking, funnel plots, SPC, trends,
//!   percentiles, matching the public reference methods.
//! - [`aggregate`]: practice series rolled up to PCNs, neighbourhoods and the city.
//! - [`access`]: the paper's access standard (appointments per 1,000 per week against
//!   75), the face-to-face share, and volume against 2019.
//! - [`measures`]: the comparable measures (stored and derived) with intervals and
//!   disclosure control, for any set of practices.
//! - [`trajectory`]: the paper's eight trajectories: glide paths, forecasts, status.
//! - [`scoring`]: the balanced scorecard and its transparent composite.
//! - [`variation`]: funnel, caterpillar and SPC inputs.
//! - [`profile`]: spine chart rows for a practice.
//! - [`equity`]: PCN baselines, targets, gaps and spread for the equity indicators.
//! - [`priorities`]: each neighbourhood's worst-comparing measures and shared ones.
//! - [`briefing`]: the councillors' briefing: its figures, choices and key messages.
//! - [`england_sized`]: a synthetic England-sized workspace for benchmarks.

pub mod access;
pub mod aggregate;
pub mod areas;
pub mod boundaries;
pub mod briefing;
pub mod bundle;
pub mod catalogue;
pub mod comparator;
pub mod compare;
pub mod csv_in;
pub mod default_data;
pub mod definitions;
pub mod disclosure;
pub mod distribution;
pub mod england_sized;
pub mod equity;
pub mod export;
pub mod inequalities;
pub mod ingest;
pub mod measures;
pub mod model;
pub mod pcn_deprivation;
pub mod placement;
pub mod population;
pub mod priorities;
pub mod profile;
pub mod provenance;
mod quick_map;
mod random;
pub mod report;
#[cfg(feature = "risk")]
pub mod risk;
pub mod scoring;
pub mod similar;
pub mod stats;
pub mod summary;
pub mod table;
pub mod text;
pub mod trajectory;
pub mod variation;
pub mod words;
pub mod workforce;

pub use model::Workspace;
