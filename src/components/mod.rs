//! Shared widgets used by several pages.

pub mod area_select;
pub mod chart_figure;
pub mod chart_overlay;
pub mod checkbox;
pub mod comparator_select;
pub mod data_table;
pub mod file_report;
pub mod measure_select;
pub mod measure_sources;
pub mod place_select;
pub mod shared_priorities;
pub mod source_banner;
pub mod trajectory_card;
