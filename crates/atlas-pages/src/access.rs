//! The access standard's figures, from `atlas_core::access`: appointments per 1,000
//! patients by practice and over time against the locally agreed minimum, the
//! face-to-face share against 50%, and volume against 2019. The Trajectories page and
//! the briefing draw the same four.

use crate::figure::Figure;
use atlas_charts::from_core::{against_standard, monthly_lines};
use atlas_charts::from_stats::Labels;
use atlas_charts::{caterpillar_plot, line_chart, Size};
use atlas_core::access::{
    access_over_time as months_of, access_snapshot, access_table, appointments_by_month,
    face_to_face_snapshot, face_to_face_table, latest_access_period, over_time_sentence,
    over_time_table, volume_against_2019, volume_sentence, volume_table, AccessMonth,
    AccessSettings, AccessSnapshot, FaceToFaceSnapshot, FACE_TO_FACE_STANDARD,
};
use atlas_core::aggregate::CITY_CODE;
use atlas_core::catalogue::APPOINTMENTS_PER_1000_WEEK;
use atlas_core::model::{Period, Workspace};
use atlas_core::provenance::measure_source;
use atlas_core::summary::practice_display_names;

/// The access standard's four figures in the latest month with appointment data (by
/// practice, over time, face to face, against 2019), each naming its source; none
/// when the workspace has no appointment data.
pub fn access_figures(ws: &Workspace, settings: &AccessSettings) -> Vec<Figure> {
    let Some(period) = latest_access_period(ws) else {
        return Vec::new();
    };
    let monthly = appointments_by_month(ws, CITY_CODE);
    let source = measure_source(ws, APPOINTMENTS_PER_1000_WEEK);
    [
        access_by_practice(ws, &access_snapshot(ws, period, settings), settings),
        access_over_time(ws, &months_of(ws, settings), settings),
        face_to_face_by_practice(ws, &face_to_face_snapshot(ws, period)),
        against_2019(ws, &monthly, &volume_against_2019(&monthly)),
    ]
    .into_iter()
    .map(|figure| Figure {
        source: Some(source.clone()),
        ..figure
    })
    .collect()
}

const WIDTH: u32 = 760;
const LINE_CHART: Size = Size {
    width: WIDTH,
    height: 400,
};

/// A ranked chart's size: a row for every practice.
fn ranked_size(rows: usize) -> Size {
    Size {
        width: WIDTH,
        height: (160 + 16 * rows as u32).max(320),
    }
}

/// Every practice's appointments per 1,000 patients in the snapshot's month, with its
/// 95% interval, against the standard.
pub fn access_by_practice(
    workspace: &Workspace,
    snapshot: &AccessSnapshot,
    settings: &AccessSettings,
) -> Figure {
    let unit = settings.rate_unit();
    let names = practice_display_names(
        workspace,
        snapshot.practices.iter().map(|r| r.area_code.as_str()),
    );
    let estimates: Vec<_> = snapshot.practices.iter().map(|r| r.estimate).collect();
    let title = format!("{unit} by practice, {}", snapshot.period.label());
    let input = against_standard(
        &estimates,
        &names,
        settings.standard,
        &format!("Standard ({})", settings.label()),
        Labels {
            id: "access-practices".into(),
            title: title.clone(),
            summary: snapshot.sentence.clone(),
            x_label: String::new(),
            y_label: unit,
        },
    );
    let size = ranked_size(estimates.len());
    Figure::drawn(
        "access-by-practice",
        title,
        snapshot.sentence.clone(),
        caterpillar_plot(&input, size).svg,
        size,
        access_table(snapshot),
    )
}

/// The place's appointments per 1,000 patients month by month, against the standard.
pub fn access_over_time(
    workspace: &Workspace,
    months: &[AccessMonth],
    settings: &AccessSettings,
) -> Figure {
    let unit = settings.rate_unit();
    let sentence = over_time_sentence(&workspace.place, months, settings);
    let title = format!("{unit}, {}, by month", workspace.place);
    let periods: Vec<Period> = months.iter().map(|m| m.period).collect();
    let input = monthly_lines(
        &periods,
        vec![(
            workspace.place.clone(),
            months.iter().map(|m| m.city_rate).collect(),
        )],
        Some((settings.standard, format!("Standard: {}", settings.label()))),
        Labels {
            id: "access-over-time-chart".into(),
            title: title.clone(),
            summary: sentence.clone(),
            x_label: String::new(),
            y_label: unit,
        },
    );
    Figure::drawn(
        "access-over-time",
        title,
        sentence,
        line_chart(&input, LINE_CHART).svg,
        LINE_CHART,
        over_time_table(months),
    )
}

/// Every practice's share of appointments face to face, with its 95% interval,
/// against 50%.
pub fn face_to_face_by_practice(workspace: &Workspace, snapshot: &FaceToFaceSnapshot) -> Figure {
    let names = practice_display_names(
        workspace,
        snapshot.practices.iter().map(|(c, _)| c.as_str()),
    );
    let estimates: Vec<_> = snapshot.practices.iter().map(|(_, e)| *e).collect();
    let title = format!(
        "Appointments face to face by practice, {}",
        snapshot.period.label()
    );
    let input = against_standard(
        &estimates,
        &names,
        FACE_TO_FACE_STANDARD,
        "Standard (50%)",
        Labels {
            id: "access-face-to-face".into(),
            title: title.clone(),
            summary: snapshot.sentence.clone(),
            x_label: String::new(),
            y_label: "Face to face (% of appointments)".into(),
        },
    );
    let size = ranked_size(estimates.len());
    Figure::drawn(
        "face-to-face-by-practice",
        title,
        snapshot.sentence.clone(),
        caterpillar_plot(&input, size).svg,
        size,
        face_to_face_table(snapshot),
    )
}

/// The place's appointments each month as a percentage of the same month of 2019
/// (`monthly` the appointments, `against_2019` from `atlas_core::access::volume_against_2019`).
pub fn against_2019(
    workspace: &Workspace,
    monthly: &[(Period, f64)],
    against_2019: &[(Period, f64)],
) -> Figure {
    let sentence = volume_sentence(against_2019);
    let title = format!(
        "Appointments against the same month of 2019, {}",
        workspace.place
    );
    if against_2019.is_empty() {
        // Without 2019 months there is nothing to draw: an empty chart would mislead.
        let loaded = match (monthly.first(), monthly.last()) {
            (Some(first), Some(last)) => format!(
                "the appointments loaded run from {} to {}",
                first.0.label(),
                last.0.label()
            ),
            _ => "no appointments are loaded".to_string(),
        };
        return Figure::missing(
            "appointments-vs-2019",
            "appointments-vs-2019",
            title,
            format!("No chart: {loaded}, so no month can be set against the same month of 2019."),
        );
    }
    let periods: Vec<Period> = against_2019.iter().map(|v| v.0).collect();
    let input = monthly_lines(
        &periods,
        vec![(
            "Appointments (% of 2019)".to_string(),
            against_2019.iter().map(|v| Some(v.1)).collect(),
        )],
        Some((100.0, "2019 level (100%)".to_string())),
        Labels {
            id: "access-vs-2019".into(),
            title: title.clone(),
            summary: sentence.clone(),
            x_label: String::new(),
            y_label: "% of the 2019 level".into(),
        },
    );
    Figure::drawn(
        "appointments-vs-2019",
        title,
        sentence,
        line_chart(&input, LINE_CHART).svg,
        LINE_CHART,
        volume_table(monthly, against_2019),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_core::default_data::illustrative_city;

    #[test]
    fn each_figure_says_in_words_what_its_chart_and_table_show() {
        let ws = illustrative_city();
        let settings = AccessSettings::for_period("week");
        let period = latest_access_period(&ws).expect("the default has appointments");

        let snapshot = access_snapshot(&ws, period, &settings);
        let figure = access_by_practice(&ws, &snapshot, &settings);
        assert_eq!(figure.summary, snapshot.sentence);
        assert_eq!(
            figure.table.table().rows.len(),
            access_table(&snapshot).rows.len()
        );
        assert!(figure.svg.contains("Standard (75 per 1,000 per week)"));
        // One row per practice: 55 names in the chart.
        let first = practice_display_names(&ws, [snapshot.practices[0].area_code.as_str()]);
        assert!(figure.svg.contains(&first[0]), "{}", first[0]);

        let months = months_of(&ws, &settings);
        let figure = access_over_time(&ws, &months, &settings);
        assert_eq!(figure.table.table().rows.len(), months.len());
        assert!(figure.title.contains("Leicester City"));

        let f2f = face_to_face_snapshot(&ws, period);
        let figure = face_to_face_by_practice(&ws, &f2f);
        assert_eq!(figure.summary, f2f.sentence);
        assert!(figure.svg.contains("Standard (50%)"));

        let monthly = appointments_by_month(&ws, CITY_CODE);
        let volume = volume_against_2019(&monthly);
        let figure = against_2019(&ws, &monthly, &volume);
        assert!(figure.summary.contains("of the 2019 level"));
        assert!(figure.svg.contains("2019 level (100%)"));
    }
}
