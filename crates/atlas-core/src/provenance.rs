//! Where each measure comes from. The national publications the readers fill (their
//! title, publisher, licence, and for the Leicester City default the committed cut in
//! `data/leicester-city/<folder>`, whose SOURCE.txt says how it was made) are known
//! here; a bundle records, when it is written, each publication's part of its
//! workspace ([`record`]: the measures, the periods, the day of extract), and the pages
//! read a measure's source from that record ([`measure_source`]). Files read in the
//! browser have no record: their sources are told from the readers the same way.

use crate::model::{DataSource, Indicator, Period, Provenance, Workspace};
use std::borrow::Cow;

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
        title: "Patients Registered at a GP Practice",
        publisher: "NHS Digital",
        gives: "each practice's registered list and postcode",
        folders: &["gp-reg-all-jan2021"],
        indicator_prefixes: &[],
        licence: "Open Government Licence v3.0",
    },
    Publication {
        title: "Appointments in General Practice",
        publisher: "NHS England (NHS Digital before 2023)",
        gives: "appointments by month: all, with a GP, face to face, by telephone, by video or online, not attended; the city's own figures from the sub-ICB file, counted against the patients at included practices (the coverage file)",
        folders: &[
            "appointments-practice-monthly-04C",
            "appointments-ccg-monthly-llr",
            "appointments-gp-coverage-04C",
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
    Publication {
        title: "National General Practice Profiles (Fingertips)",
        publisher: "Office for Health Improvement and Disparities",
        gives: "the deprivation score (IMD 2019) of each practice's registered population (indicator 93553), for the Inequalities and Compare pages",
        folders: &["fingertips-imd-2019"],
        indicator_prefixes: &["fingertips_"],
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

/// The part each publication has in a workspace, as a bundle records it: the measures
/// it fills, the periods they reach and `extracted`, the day the figures were taken
/// from the publications (YYYY-MM-DD, see [`parse_extracted`]). Registrations give
/// list sizes, not series: they are recorded when any list size was read from a file,
/// with the months the lists are true at as their periods.
/// A synthetic workspace records one illustrative entry for all its measures.
pub fn record(workspace: &Workspace, extracted: Option<&str>) -> Vec<Provenance> {
    if workspace.illustrative {
        return vec![Provenance {
            publication: ILLUSTRATIVE.to_string(),
            publisher: "Primary Care Atlas".to_string(),
            indicators: workspace.indicators.iter().map(|i| i.id.clone()).collect(),
            first_period: None,
            last_period: None,
            extracted: None,
            licence: String::new(),
            attribution: String::new(),
            published: false,
        }];
    }
    let lists_read = workspace
        .practices
        .iter()
        .any(|p| p.list_size_source == crate::model::ListSizeSource::Reported);
    PUBLICATIONS
        .iter()
        .filter_map(|publication| {
            let indicators: Vec<String> = workspace
                .indicators
                .iter()
                .filter(|i| publication_of(&i.id) == Some(publication))
                .map(|i| i.id.clone())
                .collect();
            let gives_lists = publication.indicator_prefixes.is_empty() && lists_read;
            if indicators.is_empty() && !gives_lists {
                return None;
            }
            // The registrations' period is the month the lists are true at.
            let periods = periods_covered(workspace, publication).or_else(|| {
                gives_lists
                    .then(|| {
                        period_range(workspace.practices.iter().filter_map(|p| p.list_size_as_of))
                    })
                    .flatten()
            });
            Some(Provenance {
                publication: publication.title.to_string(),
                publisher: publication.publisher.to_string(),
                indicators,
                first_period: periods.map(|(first, _)| first),
                last_period: periods.map(|(_, last)| last),
                extracted: extracted.map(str::to_string),
                licence: publication.licence.to_string(),
                attribution: OGL_ATTRIBUTION.to_string(),
                published: true,
            })
        })
        .collect()
}

/// What the illustrative entry of a synthetic workspace says it is.
const ILLUSTRATIVE: &str = "synthetic values made by a fixed rule for this demonstration";

/// A workspace's provenance: its bundle's record, or for files read here, what the
/// readers tell (no day of extract).
pub fn provenance_of(workspace: &Workspace) -> Cow<'_, [Provenance]> {
    if workspace.provenance.is_empty() {
        Cow::Owned(record(workspace, None))
    } else {
        Cow::Borrowed(&workspace.provenance)
    }
}

/// What an entry gives, in the domain's words: the publication's own description when
/// it is one this project reads, else the names of its measures.
pub fn gives(workspace: &Workspace, entry: &Provenance) -> String {
    match PUBLICATIONS.iter().find(|p| p.title == entry.publication) {
        Some(publication) => publication.gives.to_string(),
        None => entry
            .indicators
            .iter()
            .map(|id| {
                workspace
                    .indicator(id)
                    .map_or(id.as_str(), |i| i.name.as_str())
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Checks a day of extract as `pcatlas bundle --extracted` takes it: YYYY-MM-DD.
pub fn parse_extracted(text: &str) -> Result<String, String> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    match parts[..] {
        [y, m, d] => match (number(y, 4), number(m, 2), number(d, 2)) {
            (Some(_), Some(1..=12), Some(1..=31)) => Ok(text.trim().to_string()),
            _ => Err(format!(
                "{text} is not a day; expected YYYY-MM-DD, like 2026-06-30"
            )),
        },
        _ => Err(format!(
            "{text} is not a day; expected YYYY-MM-DD, like 2026-06-30"
        )),
    }
}

/// "7 Dec 2026" for "2026-12-07"; the text as given when it is not such a day.
pub fn day_label(iso: &str) -> String {
    let parsed = parse_extracted(iso).ok().and_then(|day| {
        let year = day[..4].parse().ok()?;
        let month = day[5..7].parse().ok()?;
        let date: u32 = day[8..10].parse().ok()?;
        Some(format!("{date} {}", Period::Month { year, month }.label()))
    });
    parsed.unwrap_or_else(|| iso.to_string())
}

/// The recorded entry a measure's figures come from: the entry that lists it, or for a
/// derived measure or trajectory (no series of its own), its publication's entry.
fn entry_for<'a>(provenance: &'a [Provenance], indicator_id: &str) -> Option<&'a Provenance> {
    provenance
        .iter()
        .find(|e| e.indicators.iter().any(|id| id == indicator_id))
        .or_else(|| {
            let publication = publication_of(indicator_id)?;
            provenance
                .iter()
                .find(|e| e.publication == publication.title)
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
/// publication its figures come from, with the periods the measure's series reach (or
/// the publication's, for a derived measure), the day of extract when recorded and the
/// licence; for illustrative figures, that they are; for a measure no national
/// publication fills, the files it was loaded from.
pub fn measure_source(workspace: &Workspace, indicator_id: &str) -> MeasureSource {
    if workspace.illustrative {
        return MeasureSource {
            text: format!("Illustrative: {ILLUSTRATIVE}, not published figures."),
            illustrative: true,
        };
    }
    let provenance = provenance_of(workspace);
    let Some(entry) = entry_for(&provenance, indicator_id) else {
        return MeasureSource {
            text: files_source(workspace),
            illustrative: false,
        };
    };
    if !entry.published {
        return MeasureSource {
            text: format!(
                "Illustrative: {}, not published figures.",
                entry.publication
            ),
            illustrative: true,
        };
    }
    let own = period_range(
        workspace
            .series
            .iter()
            .filter(|s| s.indicator_id == indicator_id)
            .flat_map(|s| s.points.iter().map(|p| p.period)),
    );
    let periods = own
        .or(entry.first_period.zip(entry.last_period))
        .map(|(first, last)| {
            if first == last {
                format!(", {}", first.label())
            } else {
                format!(", {} to {}", first.label(), last.label())
            }
        })
        .unwrap_or_default();
    let extracted = entry
        .extracted
        .as_deref()
        .map(|day| format!("; extracted {}", day_label(day)))
        .unwrap_or_default();
    MeasureSource {
        text: format!(
            "Source: {}, {}{periods}{extracted}. {}.",
            entry.publication, entry.publisher, entry.licence
        ),
        illustrative: false,
    }
}

/// The source of a measure no publication fills: the files it was loaded from.
fn files_source(workspace: &Workspace) -> String {
    match &workspace.source {
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

/// The banner's words for the default: what it is, from whom, up to when, and which
/// measures, if any, are illustrative.
pub fn default_statement(workspace: &Workspace) -> String {
    let provenance = provenance_of(workspace);
    let last = provenance
        .iter()
        .filter(|e| e.published)
        .filter_map(|e| e.last_period)
        .max_by_key(|p| p.start());
    let upto = last
        .map(|p| format!(" up to {}", p.label()))
        .unwrap_or_default();
    format!(
        "{}: published data from NHS England, NHS Digital and OHID's Fingertips{upto} (registered lists, appointments, workforce, QOF prevalence, GP Patient Survey, payments, deprivation), for the PCNs and practices of the April 2022 Health and Wellbeing Board paper.{} Each measure's source and period are on the Methods page. {OGL_ATTRIBUTION}",
        workspace.place,
        illustrative_measures(workspace, &provenance)
    )
}

/// " 2 of 31 measures are illustrative: A, B." when a bundle mixes published and
/// illustrative measures; empty when none is.
fn illustrative_measures(workspace: &Workspace, provenance: &[Provenance]) -> String {
    let illustrative: Vec<&str> = provenance
        .iter()
        .filter(|e| !e.published)
        .flat_map(|e| &e.indicators)
        .map(|id| {
            workspace
                .indicator(id)
                .map_or(id.as_str(), |i| i.name.as_str())
        })
        .collect();
    if illustrative.is_empty() {
        return String::new();
    }
    let verb = if illustrative.len() == 1 { "is" } else { "are" };
    format!(
        " {} of {} measures {verb} illustrative: {}.",
        illustrative.len(),
        workspace.indicators.len(),
        illustrative.join(", ")
    )
}

/// "3 files" or "1 file".
fn files_count(files: &[String]) -> String {
    let s = if files.len() == 1 { "" } else { "s" };
    format!("{} file{s}", files.len())
}

/// The banner's tag beside [`statement`]: whether the figures are illustrative, the
/// visitor's own, or published.
pub fn source_tag(workspace: &Workspace) -> &'static str {
    match (&workspace.source, workspace.illustrative) {
        (_, true) => "Illustrative data",
        (DataSource::Uploaded { .. }, false) => "Your data",
        _ => "Published data",
    }
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
            "{}: published by this site from {} of public data ({}), with counts from 1 to 4 suppressed.{}",
            workspace.place,
            files_count(files),
            files.join(", "),
            illustrative_measures(workspace, &provenance_of(workspace))
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
            "Source: Appointments in General Practice, NHS England (NHS Digital before 2023), Mar 2019 to May 2026; extracted 7 Dec 2026. Open Government Licence v3.0."
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
    fn the_default_carries_its_record_and_files_read_here_are_told_from_the_readers() {
        let ws = leicester_city();
        // The bundle's record, not this module's table, is what the pages read.
        assert!(!ws.provenance.is_empty());
        let appointments = ws
            .provenance
            .iter()
            .find(|e| e.publication == "Appointments in General Practice")
            .unwrap();
        assert!(appointments
            .indicators
            .contains(&"appointments_total".to_string()));
        assert_eq!(appointments.extracted.as_deref(), Some("2026-12-07"));
        assert_eq!(appointments.attribution, OGL_ATTRIBUTION);
        assert!(appointments.published);
        // Every measure of the default is in exactly one entry.
        for indicator in &ws.indicators {
            let entries = ws
                .provenance
                .iter()
                .filter(|e| e.indicators.contains(&indicator.id))
                .count();
            assert_eq!(entries, 1, "{}", indicator.id);
        }
        // The registrations give list sizes: recorded, with no measures, at their month.
        let registrations = ws
            .provenance
            .iter()
            .find(|e| e.publication == "Patients Registered at a GP Practice")
            .unwrap();
        assert!(registrations.indicators.is_empty());
        let january_2021 = Some(Period::Month {
            year: 2021,
            month: 1,
        });
        assert_eq!(registrations.first_period, january_2021);
        assert_eq!(registrations.last_period, january_2021);
        // Files read in the browser: the same entries, no day of extract.
        let mut uploaded = ws.clone();
        uploaded.provenance.clear();
        let told = provenance_of(&uploaded);
        assert_eq!(told.len(), ws.provenance.len());
        assert!(told.iter().all(|e| e.extracted.is_none()));
        assert!(!measure_source(&uploaded, "appointments_total")
            .text
            .contains("extracted"));
    }

    #[test]
    fn a_recorded_illustrative_measure_says_so_and_the_banner_names_it() {
        let mut ws = leicester_city();
        let gpps = ws
            .provenance
            .iter()
            .position(|e| e.publication == "GP Patient Survey")
            .unwrap();
        ws.provenance[gpps].published = false;
        ws.provenance[gpps].publication = "values made up for a training session".into();
        let source = measure_source(&ws, "gpps_overall_experience_good");
        assert!(source.illustrative);
        assert_eq!(
            source.text,
            "Illustrative: values made up for a training session, not published figures."
        );
        assert!(!measure_source(&ws, "appointments_total").illustrative);
        let banner = statement(&ws);
        assert!(
            banner.contains(&format!(
                "3 of {} measures are illustrative: ",
                ws.indicators.len()
            )),
            "{banner}"
        );
        // The latest published period ignores the illustrative entry.
        assert!(banner.contains("up to May 2026"), "{banner}");
    }

    #[test]
    fn a_day_of_extract_is_a_day() {
        assert_eq!(parse_extracted("2026-06-30"), Ok("2026-06-30".to_string()));
        assert_eq!(day_label("2026-06-30"), "30 Jun 2026");
        assert_eq!(day_label("2026-12-07"), "7 Dec 2026");
        for bad in ["30/06/2026", "2026-13-01", "2026-6-30", "June 2026", ""] {
            let error = parse_extracted(bad).unwrap_err();
            assert!(error.contains("expected YYYY-MM-DD"), "{bad}: {error}");
        }
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
