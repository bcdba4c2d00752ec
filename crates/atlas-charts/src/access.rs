//! The access standard's figures, from `atlas_core::access`: appointments per 1,000
//! patients by practice and over time against the locally agreed minimum, the
//! face-to-face share against 50%, and volume against 2019. The Trajectories page and
//! the briefing draw the same four.

use crate::from_core::{against_standard, monthly_lines};
use crate::from_stats::Labels;
use crate::{caterpillar_plot, line_chart, Figure, Size};
use atlas_core::access::{
    access_table, face_to_face_table, over_time_sentence, over_time_table, volume_sentence,
    volume_table, AccessMonth, AccessSettings, AccessSnapshot, FaceToFaceSnapshot,
    FACE_TO_FACE_STANDARD,
};
use atlas_core::model::{Period, Workspace};
use atlas_core::summary::practice_display_names;

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
    Figure {
        title,
        summary: snapshot.sentence.clone(),
        svg: caterpillar_plot(&input, ranked_size(estimates.len())).svg,
        table: access_table(snapshot),
        file_stem: "access-by-practice",
    }
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
    Figure {
        title,
        summary: sentence,
        svg: line_chart(&input, LINE_CHART).svg,
        table: over_time_table(months),
        file_stem: "access-over-time",
    }
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
    Figure {
        title,
        summary: snapshot.sentence.clone(),
        svg: caterpillar_plot(&input, ranked_size(estimates.len())).svg,
        table: face_to_face_table(snapshot),
        file_stem: "face-to-face-by-practice",
    }
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
    Figure {
        title,
        summary: sentence,
        svg: line_chart(&input, LINE_CHART).svg,
        table: volume_table(monthly, against_2019),
        file_stem: "appointments-vs-2019",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_core::access::{
        access_over_time as months_of, access_snapshot, appointments_by_month,
        face_to_face_snapshot, latest_access_period, volume_against_2019,
    };
    use atlas_core::aggregate::CITY_CODE;
    use atlas_core::default_data::illustrative_city;

    #[test]
    fn each_figure_says_in_words_what_its_chart_and_table_show() {
        let ws = illustrative_city();
        let settings = AccessSettings::for_period("week");
        let period = latest_access_period(&ws).expect("the default has appointments");

        let snapshot = access_snapshot(&ws, period, &settings);
        let figure = access_by_practice(&ws, &snapshot, &settings);
        assert_eq!(figure.summary, snapshot.sentence);
        assert_eq!(figure.table.rows.len(), access_table(&snapshot).rows.len());
        assert!(figure.svg.contains("Standard (75 per 1,000 per week)"));
        // One row per practice: 55 names in the chart.
        let first = practice_display_names(&ws, [snapshot.practices[0].area_code.as_str()]);
        assert!(figure.svg.contains(&first[0]), "{}", first[0]);

        let months = months_of(&ws, &settings);
        let figure = access_over_time(&ws, &months, &settings);
        assert_eq!(figure.table.rows.len(), months.len());
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
