//! The published record read as a user loads it: a place's own published figures
//! (the sub-ICB's regional appointments file) count for the place, and practices with
//! postcodes are put on the map from OS Code-Point Open. Skips when `shared/realdata`
//! is absent.

mod common;

use atlas_core::access::{appointments_by_month, appointments_by_month_with_basis};
use atlas_core::aggregate::{Basis, CITY_CODE};
use atlas_core::ingest::combine;
use atlas_core::model::{LocationSource, Period};
use atlas_core::placement::unplaced_reason;
use atlas_core::trajectory::{trajectory_cards, Status, TrajectoryKind};

const REGIONAL: &str = "appointments-ccg-monthly-llr/Regional_CSV_LeicesterLeicsRut_04C_only.csv";
const REGISTRATIONS: &str = "gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_leicester04C.csv";

#[test]
fn regional_appointments_give_the_city_its_2019_trajectory() {
    let (Some(regional), Some(registrations)) =
        (common::read(REGIONAL), common::read(REGISTRATIONS))
    else {
        return;
    };
    let (workspace, _) = combine(vec![regional, registrations]);
    assert_eq!(workspace.place_code.as_deref(), Some("04C"));
    // gp-reg-pat-prac-all gives the CCG's code and not its name.
    assert_eq!(workspace.place, "Sub-ICB area 04C");
    assert_eq!(workspace.practices.len(), 57);

    let monthly = appointments_by_month_with_basis(&workspace, CITY_CODE);
    // March 2019 to August 2021, every month published for the place as a whole.
    assert_eq!(monthly.len(), 30);
    assert!(monthly.iter().all(|(_, _, b)| *b == Basis::Published));
    assert_eq!(monthly[0].0, Period::month(2019, 3).unwrap());

    let cards = trajectory_cards(&workspace, CITY_CODE);
    let card = cards
        .iter()
        .find(|c| c.id == TrajectoryKind::AppointmentsVs2019.id())
        .unwrap();
    assert!(!card.actual.is_empty(), "{}", card.sentence);
    assert_ne!(card.status, Status::NoData);
    assert!(card.sentence.contains("Aug 2021"), "{}", card.sentence);
    let basis = card.basis.as_deref().unwrap();
    assert!(basis.contains("as a whole, Mar 2019 – Aug 2021"), "{basis}");

    // The access standard is read against the registered list of the 57 practices.
    let access = cards
        .iter()
        .find(|c| c.id == TrajectoryKind::AccessStandard.id())
        .unwrap();
    assert!(!access.actual.is_empty());
}

#[test]
fn the_regional_total_is_the_sum_of_its_rows() {
    let Some(regional) = common::read(REGIONAL) else {
        return;
    };
    // Independently of the reader: March 2019's rows in the four modes (face to face,
    // telephone, video/online, home visit; "Unknown" is not one), summed by hand.
    let mut rows = csv::Reader::from_path(common::real(REGIONAL).unwrap()).unwrap();
    let mut by_hand = 0.0;
    for row in rows.records() {
        let row = row.unwrap();
        if &row[7] == "MAR2019" && &row[10] != "Unknown" {
            by_hand += row[12].trim().parse::<f64>().unwrap();
        }
    }
    let (workspace, _) = combine(vec![regional]);
    // Without practices there is no place code: the file's area is an area of its own.
    assert_eq!(workspace.place_code, None);
    let march = appointments_by_month(&workspace, "04C");
    let first = march.first().unwrap();
    assert_eq!(first.0, Period::month(2019, 3).unwrap());
    assert!(
        (first.1 - by_hand).abs() < 0.5,
        "{} against {by_hand}",
        first.1
    );
}

const CODE_POINT: &str =
    "postcodes-codepoint-open-2018-le/codepoint_open_2018_le_E06000016_raw.csv";

#[test]
fn registrations_and_code_point_put_the_practices_on_the_map() {
    let (Some(registrations), Some(code_point)) =
        (common::read(REGISTRATIONS), common::read(CODE_POINT))
    else {
        return;
    };
    assert_eq!(code_point.extract.postcodes.len(), 5957);
    let (workspace, reports) = combine(vec![registrations, code_point]);
    assert!(reports.iter().all(|r| !r.refused()));
    let placed: Vec<_> = workspace
        .practices
        .iter()
        .filter(|p| p.location.is_some())
        .collect();
    // Every practice of January 2021 has a Leicester postcode that Code-Point 2018 knows,
    // but one: reported by name so that a change in the files is seen.
    let unplaced: Vec<String> = workspace
        .practices
        .iter()
        .filter_map(|p| unplaced_reason(p).map(|r| format!("{} {r}", p.code)))
        .collect();
    assert!(placed.len() >= 55, "{unplaced:?}");
    for practice in &placed {
        let Some(LocationSource::Postcode { lookup, .. }) = &practice.location_source else {
            panic!("{} has no postcode source", practice.code);
        };
        assert_eq!(lookup, "codepoint_open_2018_le_E06000016_raw.csv");
    }
    // C82005, LE3 9ED: 457578 E, 305516 N in the Leicester crosswalk (52.644337, -1.150468).
    let groby = workspace.practice("C82005").unwrap().location.unwrap();
    assert!((groby.lat - 52.644337).abs() < 5e-5 && (groby.lon + 1.150468).abs() < 5e-5);

    // Without the file, the built-in extract places them all the same.
    let (alone, _) = combine(vec![common::read(REGISTRATIONS).unwrap()]);
    let placed_alone = alone
        .practices
        .iter()
        .filter(|p| p.location.is_some())
        .count();
    assert_eq!(placed_alone, placed.len());
    assert!(atlas_core::ingest::embedded_postcodes()
        .get("LE3 9ED")
        .is_some());
}
