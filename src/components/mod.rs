//! Shared widgets used by several pages.

pub mod chart_figure;
pub mod data_table;
pub mod source_banner;
