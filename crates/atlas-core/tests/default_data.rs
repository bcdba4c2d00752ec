//! The embedded Leicester City default: rebuilt from the committed public cuts exactly
//! as `tools/build-default.sh` does, and its published figures checked row by row
//! against the source files, read here independently of ingest. The synthetic
//! workspace of the first default (`illustrative_city`) keeps its own invariants below.

use atlas_core::bundle::{self, Bundle};
use atlas_core::catalogue::{APPOINTMENTS_FACE_TO_FACE, APPOINTMENT_MODES};
use atlas_core::default_data::{illustrative_city, leicester_city, BUNDLE_JSON};
use atlas_core::ingest::{combine, read_file};
use atlas_core::model::{DataSource, ListSizeSource, Period, Point};
use atlas_core::Workspace;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// The folder of the committed cuts.
fn cuts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/leicester-city")
}

/// The files the default is built from, in order, as FILES lists them.
fn listed_files() -> Vec<PathBuf> {
    let list = std::fs::read_to_string(cuts().join("FILES")).unwrap();
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| cuts().join(l))
        .collect()
}

/// A cut's rows as header name → cell, read with the csv crate alone.
fn rows(relative: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(cuts().join(relative)).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    // Some publications are in Windows-1252: the cells compared here are ASCII.
    reader
        .byte_records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(|c| String::from_utf8_lossy(c).into_owned()))
                .collect()
        })
        .collect()
}

fn point(ws: &Workspace, indicator: &str, area: &str, period: &str) -> Point {
    let period = Period::parse(period).unwrap();
    *ws.series_for(indicator, area)
        .unwrap_or_else(|| panic!("{indicator} {area} has no series"))
        .points
        .iter()
        .find(|p| p.period == period)
        .unwrap_or_else(|| panic!("{indicator} {area} has no point for {period}"))
}

#[test]
fn default_is_rebuilt_from_the_cuts() {
    let files = listed_files();
    assert!(files.len() >= 20);
    let read: Vec<_> = files
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            read_file(
                &name,
                std::io::BufReader::new(std::fs::File::open(path).unwrap()),
            )
        })
        .collect();
    for file in &read {
        assert!(!file.report.refused(), "{} refused", file.file_name);
        assert_eq!(
            file.report.rows_rejected, 0,
            "{} has rejected rows",
            file.file_name
        );
    }
    let names = read.iter().map(|f| f.file_name.clone()).collect();
    let (workspace, _) = combine(read);
    let extracted = std::fs::read_to_string(cuts().join("EXTRACTED")).unwrap();
    let rebuilt = bundle::to_json(&bundle::bundle(workspace, names, Some(extracted.trim())));
    assert!(
        rebuilt == BUNDLE_JSON,
        "the committed atlas-bundle.json is not what the cuts give: run bash tools/build-default.sh"
    );
    let committed: Bundle = bundle::read(BUNDLE_JSON).unwrap();
    assert_eq!(committed.files.len(), files.len());
}

#[test]
fn has_the_papers_ten_pcns_and_fifty_five_practices() {
    let ws = leicester_city();
    assert_eq!(ws.place, "Leicester City");
    assert_eq!(ws.place_code.as_deref(), Some("04C"));
    assert_eq!(ws.pcns.len(), 10);
    assert_eq!(ws.practices.len(), 55);
    assert_eq!(ws.published_pcn_total(), Some(416_470));
    assert_eq!(ws.stated_population, Some(426_000));
    assert_eq!(ws.source, DataSource::EmbeddedDefault);
    assert!(!ws.illustrative);
    assert_eq!(ws, leicester_city(), "deterministic");
    // The paper's PCN table, as areas.csv states it.
    for row in rows("areas.csv").iter().filter(|r| r["area_type"] == "pcn") {
        let pcn = ws.pcn(&row["area_code"]).unwrap();
        assert_eq!(
            pcn.published_list_size,
            row["published_list_size"].parse().ok()
        );
    }
}

#[test]
fn list_sizes_are_the_registered_lists_of_january_2021() {
    let ws = leicester_city();
    let registered = rows("gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_leicester04C.csv");
    assert_eq!(registered.len(), 55);
    for row in &registered {
        let practice = ws.practice(&row["CODE"]).unwrap();
        assert_eq!(
            practice.list_size.to_string(),
            row["NUMBER_OF_PATIENTS"],
            "{}",
            row["CODE"]
        );
        assert_eq!(practice.list_size_source, ListSizeSource::Reported);
        assert_eq!(practice.list_size_as_of, Period::parse("2021-01").ok());
    }
    // The Overview says when they are true.
    assert_eq!(
        atlas_core::summary::list_size_note(&ws).as_deref(),
        Some("Practice list sizes are the registered lists of Jan 2021.")
    );
    let mut mixed = ws.clone();
    mixed.practices[0].list_size_as_of = Period::parse("2025-12").ok();
    mixed.practices[1].list_size_as_of = None;
    assert_eq!(
        atlas_core::summary::list_size_note(&mixed).as_deref(),
        Some("Practice list sizes are the registered lists from Jan 2021 to Dec 2025, each practice's latest in the files (1 practice's list has no date).")
    );
    assert_eq!(
        atlas_core::summary::list_size_note(&illustrative_city()),
        None
    );
    // Fewer than the paper's table (April 2022): reconciled on the Overview, not hidden.
    assert_eq!(ws.registered_population(), 408_350);
}

#[test]
fn appointments_in_a_month_are_the_published_counts() {
    let ws = leicester_city();
    let source =
        rows("appointments-practice-monthly-04C/gpad_practice_month_04C_2023-03_2026-05.csv");
    let mut checked = 0;
    for row in source.iter().filter(|r| r["month"] == "2025-01") {
        let p = point(&ws, "appointments_total", &row["gp_code"], "2025-01");
        assert_eq!(p.numerator, row["total"].parse().ok(), "{}", row["gp_code"]);
        // Counted against that month's registered list.
        assert_eq!(
            p.denominator,
            row["list_size"].parse().ok(),
            "{}",
            row["gp_code"]
        );
        let f2f = point(&ws, APPOINTMENTS_FACE_TO_FACE, &row["gp_code"], "2025-01");
        let published: f64 = row["f2f"].parse().unwrap();
        // Disclosure control removes counts from 1 to 4 and nothing else.
        if !(1.0..=4.0).contains(&published) {
            assert_eq!(f2f.numerator, Some(published), "{}", row["gp_code"]);
        }
        checked += 1;
    }
    assert!(checked >= 40, "{checked} practices in Jan 2025");
    // The place's own figures: March 2019 from the sub-ICB file, every row added up.
    let area = rows("appointments-ccg-monthly-llr/Regional_CSV_LeicesterLeicsRut_04C_only.csv");
    let face_to_face: f64 = area
        .iter()
        .filter(|r| r["Appointment_Month"] == "MAR2019" && r["APPT_MODE"] == "Face-to-Face")
        .map(|r| r["COUNT_OF_APPOINTMENTS"].parse::<f64>().unwrap())
        .sum();
    let p = point(&ws, APPOINTMENTS_FACE_TO_FACE, "04C", "2019-03");
    assert_eq!(p.numerator, Some(face_to_face));
}

#[test]
fn gp_fte_in_a_quarter_is_the_published_census() {
    let ws = leicester_city();
    let source = rows("gp-workforce-practice-quarterly-04C/workforce_panel_04C.csv");
    let mut checked = 0;
    for row in source
        .iter()
        .filter(|r| r["period"] == "202412" && !r["gp_fte"].is_empty())
    {
        let p = point(&ws, "gp_fte", &row["prac"], "2024-12");
        let published: f64 = row["gp_fte"].parse().unwrap();
        assert!(
            (p.value.unwrap() - published).abs() < 1e-9,
            "{}",
            row["prac"]
        );
        let patients: f64 = row["patients"].parse().unwrap();
        assert_eq!(p.denominator, Some(patients), "{}", row["prac"]);
        checked += 1;
    }
    assert!(checked >= 45, "{checked} practices in Dec 2024");
    // Before the June 2018 break the all-GP series is left out.
    assert!(ws
        .series
        .iter()
        .filter(|s| s.indicator_id == "gp_fte")
        .all(|s| s.points[0].period
            >= Period::Month {
                year: 2018,
                month: 6
            }));
}

#[test]
fn qof_prevalence_is_the_published_register_over_the_list() {
    let ws = leicester_city();
    for row in rows("qof-2022-23/PREVALENCE_2223_04C.csv")
        .iter()
        .filter(|r| r["GROUP_CODE"] == "DM")
    {
        let p = point(&ws, "register_diabetes", &row["PRACTICE_CODE"], "2022/23");
        let register: f64 = row["REGISTER"].parse().unwrap();
        if !(1.0..=4.0).contains(&register) {
            assert_eq!(p.numerator, Some(register), "{}", row["PRACTICE_CODE"]);
        }
        assert_eq!(p.denominator, row["PRACTICE_LIST_SIZE"].parse().ok());
    }
    // 2024-25: percentages only, kept as published (9.22 for 9.22%).
    for row in rows("qof-2024-25-prevalence-04C/qof_prevalence_2425_04C.csv") {
        let p = point(&ws, "register_diabetes", &row["gp_code"], "2024/25");
        let published: f64 = row["dm_prev"].parse().unwrap();
        assert!(
            (p.value.unwrap() - published).abs() < 1e-9,
            "{}",
            row["gp_code"]
        );
    }
}

#[test]
fn payments_per_patient_are_the_published_averages() {
    let ws = leicester_city();
    for row in rows("payments-to-general-practice/payments_22-23_04C.csv") {
        let code = &row["Practice Code"];
        let p = point(&ws, "payments_per_patient", code, "2022/23");
        let published: f64 = row["Average payments per registered patient"]
            .parse()
            .unwrap();
        let value = atlas_core::aggregate::point_value(&p, atlas_core::model::Unit::Mean).unwrap();
        assert!(
            (value - published).abs() < 0.01,
            "{code}: {value} vs {published}"
        );
    }
}

#[test]
fn illustrative_estimates_add_up_to_each_published_pcn_total() {
    let ws = illustrative_city();
    for pcn in &ws.pcns {
        let sum: u64 = ws.practices_in(&pcn.code).map(|p| p.list_size).sum();
        assert_eq!(Some(sum), pcn.published_list_size, "{}", pcn.name);
        assert!(ws.practices_in(&pcn.code).count() >= 3, "{}", pcn.name);
    }
    assert_eq!(ws.registered_population(), 416_470);
    assert!(ws
        .practices
        .iter()
        .all(|p| p.list_size_source == ListSizeSource::Estimated));
}

#[test]
fn codes_are_unique_and_every_practice_has_a_known_pcn() {
    let ws = leicester_city();
    let practice_codes: HashSet<_> = ws.practices.iter().map(|p| &p.code).collect();
    let pcn_codes: HashSet<_> = ws.pcns.iter().map(|p| &p.code).collect();
    assert_eq!(practice_codes.len(), 55);
    assert_eq!(pcn_codes.len(), 10);
    assert!(ws.practices.iter().all(|p| pcn_codes.contains(&p.pcn_code)));
}

#[test]
fn every_practice_is_inside_leicesters_bounding_box() {
    for p in &leicester_city().practices {
        let at = p.location.expect("every default practice has coordinates");
        assert!(
            (52.57..=52.70).contains(&at.lat),
            "{} lat {}",
            p.name,
            at.lat
        );
        assert!(
            (-1.22..=-1.03).contains(&at.lon),
            "{} lon {}",
            p.name,
            at.lon
        );
    }
}

#[test]
fn the_illustrative_city_is_deterministic_and_labelled_so() {
    let a = illustrative_city();
    assert_eq!(a, illustrative_city());
    assert!(a.illustrative);
}

/// Appointments of every mode for the whole city in one month.
fn city_appointments(ws: &atlas_core::Workspace, period: Period) -> f64 {
    ws.series
        .iter()
        .filter(|s| APPOINTMENT_MODES.contains(&s.indicator_id.as_str()))
        .flat_map(|s| s.points.iter().filter(|p| p.period == period))
        .filter_map(|p| p.numerator)
        .sum()
}

#[test]
fn illustrative_appointment_volumes_are_plausible() {
    let ws = illustrative_city();
    let population = ws.registered_population() as f64;
    // 2019/20 before the pandemic (April 2019 – February 2020): 4–6 a patient a year.
    let months: Vec<Period> = (0..11)
        .map(|m| {
            Period::Month {
                year: 2019,
                month: 4,
            }
            .add_months(m)
        })
        .collect();
    let per_year = months
        .iter()
        .map(|&m| city_appointments(&ws, m))
        .sum::<f64>()
        / 11.0
        * 12.0;
    let per_patient = per_year / population;
    assert!(
        (4.0..=6.0).contains(&per_patient),
        "{per_patient} appointments per patient per year"
    );

    // The spring-2020 dip: April 2020 well below April 2019.
    let april_2019 = city_appointments(
        &ws,
        Period::Month {
            year: 2019,
            month: 4,
        },
    );
    let april_2020 = city_appointments(
        &ws,
        Period::Month {
            year: 2020,
            month: 4,
        },
    );
    assert!(
        april_2020 < 0.75 * april_2019,
        "{april_2020} vs {april_2019}"
    );
}

#[test]
fn every_illustrative_practice_has_forty_eight_months_of_each_series() {
    let ws = illustrative_city();
    for practice in &ws.practices {
        // The equity coverage indicators are quarterly (tested below).
        let monthly = ws
            .indicators
            .iter()
            .filter(|i| !atlas_core::catalogue::EQUITY_INDICATORS.contains(&i.id.as_str()));
        for indicator in monthly {
            let series = ws
                .series_for(&indicator.id, &practice.code)
                .expect("series present");
            assert_eq!(
                series.points.len(),
                48,
                "{} {}",
                practice.code,
                indicator.id
            );
            assert_eq!(series.points[0].period.to_string(), "2019-04");
            assert_eq!(series.points[47].period.to_string(), "2023-03");
        }
        let f2f = ws
            .series_for(APPOINTMENTS_FACE_TO_FACE, &practice.code)
            .unwrap();
        assert!(f2f
            .points
            .iter()
            .all(|p| p.numerator.is_some_and(|n| n >= 0.0)));
    }
}

#[test]
fn illustrative_equity_coverage_is_quarterly_to_march_2023() {
    let ws = illustrative_city();
    for practice in &ws.practices {
        for id in atlas_core::catalogue::EQUITY_INDICATORS {
            let series = ws.series_for(id, &practice.code).expect("series present");
            // 16 quarters Apr-Jun 2019 .. Jan-Mar 2023; SMI checks start per practice.
            assert!(series.points.len() >= 4 && series.points.len() <= 16);
            assert_eq!(series.points.last().unwrap().period.to_string(), "2023-Q1");
            for p in &series.points {
                let (n, d) = (p.numerator.unwrap(), p.denominator.unwrap());
                assert!(n >= 0.0 && n <= d, "{id} {n}/{d}");
            }
        }
    }
}

#[test]
fn targets_are_data_the_papers_in_the_bundle_and_none_elsewhere() {
    use atlas_core::default_data::targets::paper_target;
    use atlas_core::model::TargetArea;
    use atlas_core::trajectory::{trajectory_cards, Status, TrajectoryKind};
    let ws = leicester_city();
    // The committed targets.csv holds the paper's six numbered targets, as the code that
    // the demonstration uses states them: data and code cannot disagree.
    let numbered = [
        TrajectoryKind::AppointmentsVs2019,
        TrajectoryKind::AccessStandard,
        TrajectoryKind::LtcBacklog,
        TrajectoryKind::FaceToFace,
        TrajectoryKind::Cpcs,
        TrajectoryKind::Scorecard,
    ];
    assert_eq!(ws.targets.len(), numbered.len());
    for kind in numbered {
        let target = ws
            .targets
            .iter()
            .find(|t| t.indicator_id == kind.id())
            .unwrap_or_else(|| panic!("{} has no target", kind.id()));
        assert_eq!(target.area, TargetArea::All);
        assert_eq!(target.baseline_value, None, "each area's own baseline");
        assert_eq!(*target, paper_target(kind, f64::NAN), "{}", kind.id());
    }
    let cards = trajectory_cards(&ws, "CITY");
    let card = |kind: TrajectoryKind| cards.iter().find(|c| c.id == kind.id()).unwrap();
    // The paper names no number for these two: the real series, no target, said so.
    for kind in [TrajectoryKind::GpFte, TrajectoryKind::LtcPrevalence] {
        let c = card(kind);
        assert!(c.target.is_none());
        assert!(c.glide_path.is_empty());
        if !c.actual.is_empty() {
            assert_eq!(c.status, Status::NoTarget, "{}", c.id);
            assert!(c.sentence.contains("No target is set"), "{}", c.sentence);
        }
    }
    assert!(!card(TrajectoryKind::GpFte).actual.is_empty());
    // March 2023 is long past: the access standard is judged then, the latest beside it.
    let access = card(TrajectoryKind::AccessStandard);
    assert!(matches!(access.status, Status::Met | Status::Missed));
    assert!(
        access.sentence.contains("by Mar 2023 is past")
            && access.sentence.contains("in Mar 2023")
            && access.sentence.contains("The latest is"),
        "{}",
        access.sentence
    );
    // No figure for April 2022 in the published record: no glide path is invented.
    assert!(access.glide_path.is_empty());
    // Another place's workspace (here: the same figures without the targets file)
    // inherits none of Leicester's targets.
    let mut elsewhere = ws.clone();
    elsewhere.targets.clear();
    assert_eq!(
        card(TrajectoryKind::AccessStandard).title,
        TrajectoryKind::AccessStandard.title()
    );
    assert!(atlas_core::trajectory::page_intro(&ws).contains("April 2022 paper"));
    assert!(atlas_core::trajectory::page_intro(&elsewhere).contains("set no targets"));
    for (c, kind) in trajectory_cards(&elsewhere, "CITY")
        .iter()
        .zip(TrajectoryKind::ALL)
    {
        // Without targets the titles are the measures', with no target in their words.
        assert_eq!(c.title, kind.measure_title());
        assert!(c.target.is_none(), "{}", c.id);
        assert!(
            matches!(c.status, Status::NoTarget | Status::NoData),
            "{}",
            c.id
        );
    }
}

#[test]
fn the_published_registers_are_set_beside_the_papers_figures() {
    use atlas_core::summary::{census_registers, register_reconciliation};
    let ws = leicester_city();
    assert_eq!(
        ws.stated_population_as_of,
        Some(Period::Month {
            year: 2022,
            month: 4
        })
    );
    // Each census's registered patients, added up from the source rows.
    let mut by_census: std::collections::BTreeMap<String, (usize, u64)> = Default::default();
    for row in rows("gp-workforce-practice-quarterly-04C/workforce_panel_04C.csv") {
        let any_fte = ["gp_fte", "nurses_fte", "nurse_fte", "dpc_fte", "admin_fte"]
            .iter()
            .any(|c| row.get(*c).is_some_and(|v| !v.is_empty()));
        if let (Ok(patients), true) = (row["patients"].parse::<f64>(), any_fte) {
            if patients > 0.0 {
                let at = by_census.entry(row["period"].clone()).or_default();
                at.0 += 1;
                at.1 += patients as u64;
            }
        }
    }
    let registers = census_registers(&ws);
    for register in &registers {
        let Period::Month { year, month } = register.period else {
            panic!("a census is a month")
        };
        let key = format!("{year}{month:02}");
        assert_eq!(
            Some(&(register.practices, register.patients)),
            by_census.get(&key),
            "{key}"
        );
    }
    let march_2022 = registers
        .iter()
        .find(|r| r.period == Period::parse("2022-03").unwrap())
        .unwrap();
    let latest = registers.last().unwrap();
    let text = register_reconciliation(&ws).unwrap();
    let n = |v: u64| atlas_core::summary::thousands(v);
    assert!(
        text.contains(&format!(
            "the GP workforce census of Mar 2022, the nearest to the stated figure's date (Apr 2022), counts {} registered patients at {} of the 55 practices",
            n(march_2022.patients),
            march_2022.practices
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "the latest census, {}, counts {} at {} of the 55 practices.",
            latest.period.label(),
            n(latest.patients),
            latest.practices
        )),
        "{text}"
    );
    // The practices the latest census no longer counts are named, not dropped silently.
    assert!(text.contains("Not in the latest census"), "{text}");
    assert_eq!(
        text.matches("(C8").count() + text.matches("(Y0").count(),
        55 - latest.practices,
        "{text}"
    );
}

#[test]
fn payments_per_patient_is_on_the_scorecard_beside_the_staff_not_scored() {
    use atlas_core::measures::scorecard_indicators;
    use atlas_core::scoring::scorecard;
    let ws = leicester_city();
    let list = scorecard_indicators(&ws);
    let at = list
        .iter()
        .position(|i| i.id == "payments_per_patient")
        .expect("on the scorecard");
    assert_eq!(list[at].domain, atlas_core::model::Domain::Workforce);
    let card = scorecard(&ws);
    // Shown with its value and the published average, and never judged or scored.
    let published = rows("payments-to-general-practice/payments_22-23_04C.csv");
    let mut shown = 0;
    for practice in &card.practices {
        let cell = &practice.cells[at];
        assert_eq!(cell.score, None, "{}", practice.area_code);
        if cell.period == Period::parse("2022/23").ok() {
            let row = published
                .iter()
                .find(|r| r["Practice Code"] == practice.area_code)
                .unwrap();
            let average: f64 = row["Average payments per registered patient"]
                .parse()
                .unwrap();
            assert!(
                (cell.value.unwrap() - average).abs() < 0.01,
                "{}",
                practice.area_code
            );
            shown += 1;
        }
    }
    assert!(shown >= 40, "{shown}: {:?}", card.practices[0].cells[at]);
}

#[test]
fn a_pcns_additional_roles_fte_is_the_published_individual_records_added_up() {
    let ws = leicester_city();
    let source = rows("pcn-workforce-individual/pcn_workforce_individual_2022-09_04C.csv");
    let mut by_pcn: std::collections::BTreeMap<String, f64> = Default::default();
    for row in &source {
        *by_pcn.entry(row["PCN_CODE"].clone()).or_default() += row["FTE"].parse::<f64>().unwrap();
    }
    assert!(by_pcn.len() >= 5, "{by_pcn:?}");
    for (pcn, fte) in &by_pcn {
        assert!(ws.pcn(pcn).is_some(), "{pcn} is one of the paper's PCNs");
        let p = point(&ws, "pcn_staff_fte_total", pcn, "2022-09");
        let value = p.value.or(p.numerator).unwrap();
        assert!((value - fte).abs() < 1e-6, "{pcn}: {value} against {fte}");
    }
}

#[test]
fn a_pcns_roles_are_read_against_the_patients_of_its_practices() {
    use atlas_core::workforce::pcn_roles;
    let ws = leicester_city();
    let staff = rows("pcn-workforce-individual/pcn_workforce_individual_2022-09_04C.csv");
    let census = rows("gp-workforce-practice-quarterly-04C/workforce_panel_04C.csv");
    let mut checked = 0;
    for pcn in &ws.pcns {
        let published: f64 = staff
            .iter()
            .filter(|r| r["PCN_CODE"] == pcn.code)
            .map(|r| r["FTE"].parse::<f64>().unwrap())
            .sum();
        let Some(roles) = pcn_roles(&ws, &pcn.code) else {
            assert_eq!(published, 0.0, "{} has staff but no roles", pcn.code);
            continue;
        };
        if roles.period != Period::parse("2022-09").unwrap() {
            continue;
        }
        assert!((roles.total - published).abs() < 1e-6, "{}", pcn.code);
        let by_role: f64 = roles.rows.iter().map(|r| r.fte).sum();
        assert!(
            (by_role - roles.total).abs() < 1e-6,
            "{}: roles add up",
            pcn.code
        );
        // The patients: the PCN's practices in the September 2022 census, from the rows.
        let codes: Vec<&str> = ws
            .practices_in(&pcn.code)
            .map(|p| p.code.as_str())
            .collect();
        let patients: f64 = census
            .iter()
            .filter(|r| r["period"] == "202209" && codes.contains(&r["prac"].as_str()))
            .filter_map(|r| r["patients"].parse::<f64>().ok())
            .sum();
        assert_eq!(
            roles.patients.map(|p| p.0 as f64),
            Some(patients),
            "{}",
            pcn.code
        );
        for row in &roles.rows {
            let expected = row.fte / patients * 10_000.0;
            assert!(
                (row.per_10k.unwrap() - expected).abs() < 1e-9,
                "{}",
                row.role
            );
        }
        let sentence = roles.sentence("Salutem PCN");
        assert!(
            sentence.starts_with("In Sep 2022, Salutem PCN employed"),
            "{sentence}"
        );
        checked += 1;
    }
    assert!(checked >= 5, "{checked} PCNs checked");
}

#[test]
fn qof_prevalence_is_judged_as_fingertips_judges_it() {
    // SPC for proportions at 99.8% around the city, at each practice's own list, from
    // the published register and list size; the ranked chart says so in its sentence
    // and its table. (For diabetes in 2022/23 this differs from interval overlap at 95%
    // for 3 of the 54 practices.)
    use atlas_core::measures::MeasureContext;
    use atlas_core::model::Polarity;
    use atlas_core::stats::benchmark::{compare_spc_proportion, ComparisonMethod, SPC_Z_99_8};
    use atlas_core::variation::{caterpillar_data, caterpillar_sentence, caterpillar_table};
    let ws = leicester_city();
    let indicator = ws
        .indicators
        .iter()
        .find(|i| i.id == "register_diabetes")
        .unwrap();
    assert_eq!(indicator.comparison, ComparisonMethod::Spc99_8);
    let context = MeasureContext::new(&ws);
    let period = Period::parse("2022/23").unwrap();
    let data = caterpillar_data(&ws, &context, indicator, period);
    let city = data.benchmark.unwrap() / 100.0;
    let source = rows("qof-2022-23/PREVALENCE_2223_04C.csv");
    let mut checked = 0;
    for bar in &data.bars {
        let row = source
            .iter()
            .find(|r| r["GROUP_CODE"] == "DM" && r["PRACTICE_CODE"] == bar.area_code)
            .unwrap();
        let register: f64 = row["REGISTER"].parse().unwrap();
        let list: f64 = row["PRACTICE_LIST_SIZE"].parse().unwrap();
        let expected = compare_spc_proportion(
            register / list,
            list,
            city,
            SPC_Z_99_8,
            Polarity::NoJudgement,
        );
        assert_eq!(bar.compared, expected, "{}", bar.area_code);
        checked += 1;
    }
    assert!(checked >= 40, "{checked}");
    assert!(
        caterpillar_sentence(&data).contains("by SPC for proportions at 99.8%"),
        "{}",
        caterpillar_sentence(&data)
    );
    let csv = caterpillar_table(&data).to_csv();
    assert!(csv.lines().next().unwrap().ends_with(",Compared by"));
    assert!(csv
        .lines()
        .nth(1)
        .unwrap()
        .ends_with(",SPC for proportions at 99.8%"));
}
