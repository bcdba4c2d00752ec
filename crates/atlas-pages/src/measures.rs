//! Choosing what a page shows: a measure, a period.

use atlas_core::measures::{MeasureContext, SeriesPositions};
use atlas_core::model::{Indicator, Period, Workspace};

/// The measure `id` names among `measures`, or the first when it names none (or one
/// this workspace does not have).
pub fn choose_measure(measures: &[Indicator], id: Option<&str>) -> Option<Indicator> {
    id.and_then(|id| measures.iter().find(|i| i.id == id))
        .or_else(|| measures.first())
        .cloned()
}

/// The periods a measure can be shown for, oldest first.
pub fn periods_of(ws: &Workspace, positions: &SeriesPositions, ind: &Indicator) -> Vec<Period> {
    MeasureContext::for_measure_in(ws, positions, ind).periods(ind)
}

/// The period `asked` names when the measure has it, else the latest.
pub fn choose_period(periods: &[Period], asked: Option<&str>) -> Option<Period> {
    asked
        .and_then(|p| Period::parse(p).ok())
        .filter(|p| periods.contains(p))
        .or_else(|| periods.last().copied())
}
