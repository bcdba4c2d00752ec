//! # atlas-pages
//!
//! The page layer of Primary Care Atlas: for each page, functions from the
//! [`Workspace`](atlas_core::Workspace) and the page's typed query (which converts to
//! and from the URL's query string) to what the page shows: finished [`Figure`]s
//! (title, sentence, SVG, marks for the overlay, table, CSV, notes, provenance, links,
//! or the words for why there is no chart), headline figures and row links.
//!
//! The app (Leptos) only holds signals and lays these out; nothing here knows about
//! Leptos or the DOM, so every page's content is tested natively, including that the
//! picture, the table and the CSV agree.
//!
//! - [`briefing`]: the councillors' briefing's slides.
//! - [`compare`]: two measures across practices, with their correlation.
//! - [`data`]: the Your data page's templates and words about loads.
//! - [`definitions`]: every measure's definition, numerator, denominator and methods.
//! - [`equity`]: PCNs' gaps on the equity measures and their spread over time.
//! - [`figure`]: the one figure type every page, the briefing and the exports use.
//! - [`inequalities`]: a measure by deprivation fifth, with the slope index.
//! - [`methods`]: the publications behind the figures, and what the data is.
//! - [`overview`]: headline figures, PCN list sizes, every practice.
//! - [`pcns`]: the list of PCNs and a PCN's profile.
//! - [`practices`]: the list of practices and a practice's profile.
//! - [`priorities`]: neighbourhoods' priorities and those they share.
//! - [`query`]: a page's view as query-string pairs.
//! - [`access`]: the access standard's four figures (Trajectories and the briefing).
//! - [`areas`]: names and choice of an area (the place, a PCN or a practice), links.
//! - [`map`]: practices on the map, and those that are not.
//! - [`measures`]: choice of a measure and a period.
//! - `risk` (feature `risk`): the Risk page's figures of a scored patient file.
//! - [`scorecard`]: the balanced scorecard's table, cells in words or as a rug.
//! - [`trajectories`]: trajectory cards' charts and the access standard.
//! - [`variation`]: funnel, caterpillar and SPC chart of a measure.
//! - [`workforce`]: PCNs' additional-roles staff against their patients.

pub mod access;
pub mod areas;
pub mod briefing;
pub mod comparators;
pub mod compare;
pub mod data;
pub mod definitions;
pub mod equity;
pub mod figure;
pub mod inequalities;
pub mod map;
pub mod measures;
pub mod methods;
pub mod overview;
pub mod pcns;
pub mod population;
pub mod practices;
pub mod prerender;
pub mod priorities;
pub mod query;
#[cfg(feature = "risk")]
pub mod risk;
pub mod scorecard;
pub mod trajectories;
pub mod variation;
pub mod workforce;

pub use figure::{Figure, FigureMark, LazyTable};
pub use query::Query;
