//! Where each measure of the Leicester City default comes from: the publication, its
//! publisher, the licence and the committed cut (`data/leicester-city/<folder>`, whose
//! SOURCE.txt says how the cut was made). The periods covered are read from the
//! workspace itself, so they stay true when the cuts are refreshed.

use crate::model::{DataSource, Indicator, Period, Workspace};

/// The attribution the Open Government Licence asks for.
pub const OGL_ATTRIBUTION: &str =
    "Contains public sector information licensed under the Open Government Licence v3.0.";

/// A national publication the default is built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publication {
    pub title: &'static str,
    pub publisher: &'static str,
    /// What it gives the default, in the domain's words.
    pub gives: &'static str,
    /// The committed cuts, relative to `data/leicester-city`.
    pub folders: &'static [&'static str],
    /// Indicator ids it fills: an id matches when it starts with one of these.
    pub indicator_prefixes: &'static [&'static str],
    pub licence: &'static str,
}

/// The publications, in the order the Methods page lists them.
pub const PUBLICATIONS: &[Publication] = &[
    Publication {
        title: "Patients Registered at a GP Practice, January 2021",
        publisher: "NHS Digital",
        gives: "each practice's registered list and postcode",
        folders: &["gp-reg-all-jan2021"],
        indicator_prefixes: &[],
        licence: "Open Government Licence v3.0",
    },
    Publication {
        title: "Appointments in General Practice",
        publisher: "NHS England (NHS Digital before 2023)",
        gives: "appointments by month: all, with a GP, face to face, by telephone, by video or online, not attended; the city's own figures from the sub-ICB file",
        folders: &[
            "appointments-practice-monthly-04C",
            "appointments-ccg-monthly-llr",
        ],
        indicator_prefixes: &["appointments_", "face_to_face_share"],
        licence: "Open Government Licence v3.0",
    },
    Publication {
        title: "General Practice Workforce (practice-level census)",
        publisher: "NHS England (NHS Digital before 2023)",
        gives: "GPs, nurses, direct patient care and administrative staff in post (full-time equivalent), quarterly",
        folders: &["gp-workforce-practice-quarterly-04C"],
        indicator_prefixes: &["gp_fte", "nurses_fte", "dpc_fte", "admin_fte"],
        licence: "Open Government Licence v3.0",
    },
    Publication {
        title: "Primary Care Networks workforce (individual level)",
        publisher: "NHS Digital",
        gives: "staff employed by PCNs, by role (full-time equivalent), quarterly",
        folders: &["pcn-workforce-individual"],
        indicator_prefixes: &["pcn_staff_"],
        licence: "Open Government Licence v3.0",
    },
    Publication {
        title: "Quality and Outcomes Framework (QOF), recorded prevalence",
        publisher: "NHS England (NHS Digital before 2023)",
        gives: "the 21 QOF disease registers: counts over the list in 2022/23, published percentages in 2024/25",
        folders: &["qof-2022-23", "qof-2024-25-prevalence-04C"],
        indicator_prefixes: &["register_", "ltc_prevalence"],
        licence: "Open Government Licence v3.0",
    },
    Publication {
        title: "GP Patient Survey",
        publisher: "NHS England (survey by Ipsos)",
        gives: "overall experience, getting through by phone, continuity with a preferred GP (weighted practice results, one wave a year)",
        folders: &["gp-patient-survey-04C"],
        indicator_prefixes: &["gpps_"],
        licence: "Open Government Licence v3.0",
    },
    Publication {
        title: "NHS Payments to General Practice",
        publisher: "NHS England (NHS Digital before 2023)",
        gives: "payments per registered and per weighted patient, by financial year",
        folders: &["payments-to-general-practice"],
        indicator_prefixes: &["payments_"],
        licence: "Open Government Licence v3.0",
    },
];

/// The publication an indicator of the default comes from; `None` for one no
/// publication fills (which the default's test forbids).
pub fn publication_of(indicator_id: &str) -> Option<&'static Publication> {
    PUBLICATIONS.iter().find(|p| {
        p.indicator_prefixes
            .iter()
            .any(|prefix| indicator_id.starts_with(prefix))
    })
}

/// Where a measure's figures come from, in one sentence for beside its chart and in its
/// CSV; `illustrative` when they are not published figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureSource {
    pub text: String,
    pub illustrative: bool,
}

/// The source of a measure (stored, derived or a trajectory) in a workspace: the
/// national publication its readers fill it from, with the periods the workspace holds
/// and the licence; for the demonstration, that its values are illustrative; for a
/// measure no national publication fills, the files it was loaded from.
pub fn measure_source(workspace: &Workspace, indicator_id: &str) -> MeasureSource {
    if workspace.illustrative {
        return MeasureSource {
            text: "Illustrative: synthetic values made by a fixed rule for this demonstration, not published figures.".to_string(),
            illustrative: true,
        };
    }
    let text = match publication_of(indicator_id) {
        Some(publication) => {
            let periods = indicator_periods(workspace, publication, indicator_id)
                .map(|(first, last)| {
                    if first == last {
                        format!(", {}", first.label())
                    } else {
                        format!(", {} to {}", first.label(), last.label())
                    }
                })
                .unwrap_or_default();
            format!(
                "Source: {}, {}{periods}. {}.",
                publication.title, publication.publisher, publication.licence
            )
        }
        None => match &workspace.source {
            DataSource::Uploaded { files } => format!(
                "Source: your files ({}), loaded on the Your data page.",
                files.join(", ")
            ),
            DataSource::Published { files } => format!(
                "Source: the public files this site was built from ({}).",
                files.join(", ")
            ),
            DataSource::EmbeddedDefault | DataSource::Demonstration => {
                "Source: derived by this dashboard from the published figures above.".to_string()
            }
        },
    };
    MeasureSource {
        text,
        illustrative: false,
    }
}

/// Measures that share one source, for a page that shows many measures at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceGroup {
    pub source: MeasureSource,
    /// The measures' names, in the order given.
    pub measures: Vec<String>,
}

/// The sources of some measures, each source once with the measures it gives, in the
/// order each source is first met.
pub fn measure_sources<'a>(
    workspace: &Workspace,
    measures: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<SourceGroup> {
    let mut groups: Vec<SourceGroup> = Vec::new();
    for (id, name) in measures {
        let source = measure_source(workspace, id);
        match groups.iter_mut().find(|g| g.source == source) {
            Some(group) => group.measures.push(name.to_string()),
            None => groups.push(SourceGroup {
                source,
                measures: vec![name.to_string()],
            }),
        }
    }
    groups
}

/// [`measure_sources`] for a list of measures, by their ids and names.
pub fn indicator_sources(workspace: &Workspace, indicators: &[Indicator]) -> Vec<SourceGroup> {
    measure_sources(
        workspace,
        indicators.iter().map(|i| (i.id.as_str(), i.name.as_str())),
    )
}

/// The periods an indicator's series reach; for a derived measure or trajectory (no
/// series of its own), those of the publication it is derived from.
fn indicator_periods(
    workspace: &Workspace,
    publication: &Publication,
    indicator_id: &str,
) -> Option<(Period, Period)> {
    period_range(
        workspace
            .series
            .iter()
            .filter(|s| s.indicator_id == indicator_id)
            .flat_map(|s| s.points.iter().map(|p| p.period)),
    )
    .or_else(|| periods_covered(workspace, publication))
}

/// The first and last of some periods; `None` for none.
fn period_range(periods: impl Iterator<Item = Period>) -> Option<(Period, Period)> {
    periods.fold(None, |range, p| match range {
        None => Some((p, p)),
        Some((first, last)) => Some((first.min(p), last.max(p))),
    })
}

/// The first and last period a publication's series reach in a workspace; `None` when
/// it fills no series there (the registrations give list sizes, not series).
pub fn periods_covered(
    workspace: &Workspace,
    publication: &Publication,
) -> Option<(Period, Period)> {
    period_range(
        workspace
            .series
            .iter()
            .filter(|s| publication_of(&s.indicator_id) == Some(publication))
            .flat_map(|s| s.points.iter().map(|p| p.period)),
    )
}

/// The banner's words for the default: what it is, from whom, up to when.
pub fn default_statement(workspace: &Workspace) -> String {
    let last = PUBLICATIONS
        .iter()
        .filter_map(|p| periods_covered(workspace, p).map(|(_, last)| last))
        .max_by_key(|p| p.start());
    let upto = last
        .map(|p| format!(" up to {}", p.label()))
        .unwrap_or_default();
    format!(
        "{}: published data from NHS England and NHS Digital{upto} (registered lists, appointments, workforce, QOF prevalence, GP Patient Survey, payments), for the PCNs and practices of the April 2022 Health and Wellbeing Board paper. Each measure's source and period are on the Methods page. {OGL_ATTRIBUTION}",
        workspace.place
    )
}

/// "3 files" or "1 file".
fn files_count(files: &[String]) -> String {
    let s = if files.len() == 1 { "" } else { "s" };
    format!("{} file{s}", files.len())
}

/// Whose data a workspace holds, in one sentence: the words of the banner on every page
/// and of the briefing's sources slide.
pub fn statement(workspace: &Workspace) -> String {
    match &workspace.source {
        DataSource::EmbeddedDefault if !workspace.illustrative => default_statement(workspace),
        DataSource::EmbeddedDefault | DataSource::Demonstration => format!(
            "{}, a demonstration: structure from the April 2022 Health and Wellbeing Board paper. Practice list sizes are estimates; indicator values are illustrative (synthetic), not real performance.",
            workspace.place
        ),
        DataSource::Uploaded { files } => format!(
            "Your data ({}), loaded on the Your data page and held only in this browser.",
            files_count(files)
        ),
        DataSource::Published { files } => format!(
            "{}: published by this site from {} of public data ({}), with counts from 1 to 4 suppressed.",
            workspace.place,
            files_count(files),
            files.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_data::leicester_city;

    #[test]
    fn every_measure_of_the_default_has_one_publication() {
        let ws = leicester_city();
        assert!(ws.indicators.len() > 40);
        for indicator in &ws.indicators {
            let matching = PUBLICATIONS
                .iter()
                .filter(|p| {
                    p.indicator_prefixes
                        .iter()
                        .any(|prefix| indicator.id.starts_with(prefix))
                })
                .count();
            assert_eq!(matching, 1, "{}", indicator.id);
        }
    }

    #[test]
    fn periods_come_from_the_series() {
        let ws = leicester_city();
        let appointments = publication_of("appointments_total").unwrap();
        let (first, last) = periods_covered(&ws, appointments).unwrap();
        assert_eq!(
            first,
            Period::Month {
                year: 2019,
                month: 3
            }
        );
        assert_eq!(
            last,
            Period::Month {
                year: 2026,
                month: 5
            }
        );
        assert_eq!(periods_covered(&ws, &PUBLICATIONS[0]), None);
        let statement = default_statement(&ws);
        assert!(statement.contains("up to May 2026"), "{statement}");
        assert!(statement.starts_with("Leicester City: published data"));
        assert_eq!(statement, super::statement(&ws));
        let mut uploaded = ws.clone();
        uploaded.source = DataSource::Uploaded {
            files: vec!["a.csv".into()],
        };
        assert_eq!(
            super::statement(&uploaded),
            "Your data (1 file), loaded on the Your data page and held only in this browser."
        );
        let illustrative = crate::default_data::illustrative_city();
        assert!(super::statement(&illustrative).contains("illustrative (synthetic)"));
    }

    #[test]
    fn a_measure_names_its_source_its_periods_and_whether_it_is_illustrative() {
        let ws = leicester_city();
        let source = measure_source(&ws, "appointments_total");
        assert_eq!(
            source.text,
            "Source: Appointments in General Practice, NHS England (NHS Digital before 2023), Mar 2019 to May 2026. Open Government Licence v3.0."
        );
        assert!(!source.illustrative);
        // A derived measure takes its publication's periods.
        assert!(
            measure_source(&ws, crate::catalogue::APPOINTMENTS_PER_1000_WEEK)
                .text
                .starts_with("Source: Appointments in General Practice")
        );
        assert!(measure_source(&ws, "gp_fte")
            .text
            .contains("General Practice Workforce"));
        let demo = crate::default_data::illustrative_city();
        let illustrative = measure_source(&demo, "appointments_total");
        assert!(illustrative.illustrative);
        assert!(illustrative.text.starts_with("Illustrative"));
        let mut uploaded = ws.clone();
        uploaded.source = DataSource::Uploaded {
            files: vec!["flu.csv".into()],
        };
        assert_eq!(
            measure_source(&uploaded, "flu_65").text,
            "Source: your files (flu.csv), loaded on the Your data page."
        );
    }

    #[test]
    fn measures_are_grouped_by_their_source() {
        let ws = leicester_city();
        let groups = measure_sources(
            &ws,
            [
                ("appointments_total", "All appointments"),
                ("gp_fte", "GPs"),
                ("appointments_gp", "With a GP"),
            ],
        );
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].measures, ["All appointments", "With a GP"]);
        assert!(groups[1].source.text.contains("General Practice Workforce"));
    }

    #[test]
    fn every_folder_is_committed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/leicester-city");
        for folder in PUBLICATIONS.iter().flat_map(|p| p.folders) {
            assert!(root.join(folder).join("SOURCE.txt").is_file(), "{folder}");
        }
    }
}
