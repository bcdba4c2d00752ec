//! Chart inputs built from an [`atlas_core::Workspace`]: the charts the dashboard shows
//! for any workspace, the Leicester City default included.

use crate::bar::{Bar, BarChartInput};
use crate::format::thousands;
use crate::map::{MapInput, MapPoint};
use atlas_core::summary::display_name;
use atlas_core::Workspace;

/// The list size of each PCN, largest first, ties by name (the order of
/// `atlas_core::summary::pcn_rows_by_list_size`, so that the chart and its table agree):
/// the published figure where there is one, otherwise the sum of its practices' lists.
pub fn pcn_list_sizes(workspace: &Workspace) -> BarChartInput {
    let mut sized: Vec<(&str, u64)> = workspace
        .pcns
        .iter()
        .map(|pcn| {
            let size = pcn
                .published_list_size
                .unwrap_or_else(|| workspace.practices_in(&pcn.code).map(|p| p.list_size).sum());
            (pcn.name.as_str(), size)
        })
        .collect();
    sized.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let bars: Vec<Bar> = sized
        .into_iter()
        .map(|(name, size)| Bar {
            label: display_name(name),
            value: size as f64,
        })
        .collect();
    let summary = match (bars.first(), bars.last()) {
        (Some(largest), Some(smallest)) if bars.len() > 1 => format!(
            "{} has {} PCNs; the largest, {}, has {} registered patients and the smallest, {}, has {}.",
            workspace.place,
            bars.len(),
            largest.label,
            thousands(largest.value, 0),
            smallest.label,
            thousands(smallest.value, 0),
        ),
        (Some(only), _) => format!(
            "{} has one PCN, {}, with {} registered patients.",
            workspace.place,
            only.label,
            thousands(only.value, 0)
        ),
        _ => format!("{} has no PCNs to show.", workspace.place),
    };
    BarChartInput {
        id: "pcn-list-sizes".to_string(),
        title: format!("Registered patients by PCN, {}", workspace.place),
        summary,
        value_label: "Registered patients".to_string(),
        bars,
        decimals: 0,
        colour: None,
    }
}

/// Every practice with a location, coloured by its PCN (in workspace order) and sized
/// by its list size. Practices without a location are left out (the app lists them).
/// The embedded default's postcode coordinates carry their required attribution.
pub fn practice_map_input(workspace: &Workspace) -> MapInput {
    let groups: Vec<String> = workspace
        .pcns
        .iter()
        .map(|p| display_name(&p.name))
        .collect();
    let points: Vec<MapPoint> = workspace
        .practices
        .iter()
        .filter_map(|practice| {
            let location = practice.location?;
            let group = workspace
                .pcns
                .iter()
                .position(|pcn| pcn.code == practice.pcn_code)
                .unwrap_or(usize::MAX);
            Some(MapPoint {
                label: display_name(&practice.name),
                group,
                lat: location.lat,
                lon: location.lon,
                size_value: practice.list_size as f64,
                verdict: None,
            })
        })
        .collect();
    let missing = workspace.practices.len() - points.len();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut summary = format!(
        "Map of {} in {} in {}, each a circle sized by its registered patients and coloured by its PCN.",
        plural(points.len(), "practice", "practices"),
        plural(groups.len(), "PCN", "PCNs"),
        workspace.place
    );
    if missing > 0 {
        summary.push_str(&format!(
            " {missing} practices have no location and are not shown."
        ));
    }
    MapInput {
        id: "practice-map".to_string(),
        title: format!("GP practices in {}", workspace.place),
        summary,
        group_legend_label: "Primary Care Network".to_string(),
        groups,
        points,
        size_legend_label: "Registered patients".to_string(),
        attribution: atlas_core::placement::attributions(&workspace.practices).join("; "),
        outlines: Vec::new(),
        verdict_against: None,
    }
}

/// The spread between PCNs over time for one equity indicator: the lowest and highest
/// PCN and the range between them (percentage points), one point per period, with the
/// sentence from [`atlas_core::equity::equity_spread_sentence`].
pub fn equity_spread_chart(
    indicator_name: &str,
    spread: &[atlas_core::equity::EquitySpread],
) -> crate::timeseries::LineChartInput {
    use crate::timeseries::{LineChartInput, LineSeries};
    let series = |name: &str, pick: fn(&atlas_core::equity::EquitySpread) -> f64| LineSeries {
        name: name.to_string(),
        values: spread.iter().map(|s| Some(pick(s))).collect(),
    };
    LineChartInput {
        id: "equity-spread".to_string(),
        title: format!("Spread between PCNs: {indicator_name}"),
        summary: atlas_core::equity::equity_spread_sentence(indicator_name, spread),
        y_label: "% (range in percentage points)".to_string(),
        months: spread.iter().map(|s| s.period.label()).collect(),
        series: vec![
            series("Highest PCN (%)", |s| s.max),
            series("Lowest PCN (%)", |s| s.min),
            series("Range, highest − lowest (percentage points)", |s| s.range),
        ],
        reference: None,
        include_zero: true,
        decimals: 1,
    }
}

/// The list size of each practice in one PCN, largest first, with a sentence.
pub fn practice_list_sizes(workspace: &Workspace, pcn_code: &str) -> BarChartInput {
    let pcn_name = workspace
        .pcn(pcn_code)
        .map(|p| display_name(&p.name))
        .unwrap_or_else(|| pcn_code.to_string());
    // Largest first, ties by name: the order of the PCN profile's table.
    let mut practices: Vec<_> = workspace.practices_in(pcn_code).collect();
    practices.sort_by(|a, b| b.list_size.cmp(&a.list_size).then(a.name.cmp(&b.name)));
    let bars: Vec<Bar> = practices
        .into_iter()
        .map(|p| Bar {
            label: display_name(&p.name),
            value: p.list_size as f64,
        })
        .collect();
    let total: f64 = bars.iter().map(|b| b.value).sum();
    let summary = match (bars.first(), bars.last()) {
        (Some(largest), Some(smallest)) if bars.len() > 1 => format!(
            "{pcn_name} has {} practices with {} registered patients between them; the largest, {}, has {} and the smallest, {}, has {}.",
            bars.len(),
            thousands(total, 0),
            largest.label,
            thousands(largest.value, 0),
            smallest.label,
            thousands(smallest.value, 0),
        ),
        (Some(only), _) => format!(
            "{pcn_name} has one practice, {}, with {} registered patients.",
            only.label,
            thousands(only.value, 0)
        ),
        _ => format!("{pcn_name} has no practices to show."),
    };
    BarChartInput {
        id: "practice-list-sizes".to_string(),
        title: format!("Registered patients by practice, {pcn_name}"),
        summary,
        value_label: "Registered patients".to_string(),
        bars,
        decimals: 0,
        colour: None,
    }
}

#[cfg(test)]
mod page_input_tests {
    use super::*;
    use atlas_core::default_data::illustrative_city;

    #[test]
    fn equity_spread_and_practice_list_inputs_come_from_the_workspace() {
        let w = illustrative_city();
        let spread =
            atlas_core::equity::equity_spread(&w, atlas_core::catalogue::CANCER_SCREENING_CERVICAL);
        let input = equity_spread_chart("Cervical screening", &spread);
        assert_eq!(input.series.len(), 3);
        assert_eq!(input.months.len(), spread.len());
        assert!(input.summary.contains("percentage points"));
        let pcn = &w.pcns[0];
        let bars = practice_list_sizes(&w, &pcn.code);
        assert_eq!(bars.bars.len(), w.practices_in(&pcn.code).count());
        assert!(bars.summary.contains("registered patients"));
    }
}
