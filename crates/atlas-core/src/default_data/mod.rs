//! The embedded default: Leicester City, as the public record gives it.
//!
//! [`leicester_city`] is the bundle `tools/build-default.sh` writes from the committed
//! Leicester City cuts of the national publications (`data/leicester-city`, each folder
//! with its SOURCE.txt), read by the same ingest as the Data page: the paper's 10 PCNs
//! with their published list sizes and its 55 practices (`areas.csv`, `practices.csv`),
//! the registered lists of January 2021, appointments, workforce, QOF prevalence,
//! the GP Patient Survey, payments, PCN staff and the practices' deprivation scores
//! (Fingertips, IMD 2019), each to its latest published period.
//!
//! [`illustrative_city`] is the earlier synthetic default: the same structure, list
//! sizes *estimated* from the PCN totals ([`estimate_list_sizes`]) and every indicator
//! value synthetic ([`synthetic`]). Tests and benchmarks that need its shape (a series
//! of every measure from April 2019, equity coverage) use it; nothing public shows it.

pub mod facts;
pub mod synthetic;
pub mod targets;

use crate::model::{DataSource, LatLon, ListSizeSource, Pcn, Practice, Workspace};
use facts::{PCNS, PRACTICES};

/// The place the default covers.
pub const PLACE_NAME: &str = "Leicester City";

/// Leicester City's sub-ICB location code (the CCG's code before July 2022).
pub const PLACE_CODE: &str = "04C";

/// The paper's month: its stated population and PCN list sizes are as at April 2022.
pub const PAPER_MONTH: crate::model::Period = crate::model::Period::Month {
    year: 2022,
    month: 4,
};

/// The total registered population the paper states (its PCN table adds up to 416,470).
pub const STATED_POPULATION: u64 = 426_000;

/// The attribution the postcode coordinates require wherever they are shown.
pub const COORDINATES_ATTRIBUTION: &str = crate::placement::CODE_POINT_2018_ATTRIBUTION;

/// The bundle the default is read from, as `tools/build-default.sh` writes it.
pub const BUNDLE_JSON: &str = include_str!("../../data/leicester-city/atlas-bundle.json");

/// The Leicester City default: the committed bundle, read as any published bundle is.
pub fn leicester_city() -> Workspace {
    match crate::bundle::read(BUNDLE_JSON) {
        Ok(bundle) => {
            let mut workspace = bundle.workspace;
            workspace.source = DataSource::EmbeddedDefault;
            workspace
        }
        // The test `default_is_rebuilt_from_the_cuts` reads the same text, so a damaged
        // bundle fails CI before it could be shipped; an empty place is the fallback.
        Err(_) => Workspace {
            place: PLACE_NAME.to_string(),
            place_code: Some(PLACE_CODE.to_string()),
            stated_population: Some(STATED_POPULATION),
            stated_population_as_of: Some(PAPER_MONTH),
            pcns: Vec::new(),
            practices: Vec::new(),
            indicators: Vec::new(),
            series: Vec::new(),
            targets: Vec::new(),
            source: DataSource::EmbeddedDefault,
            illustrative: false,
            provenance: Vec::new(),
            former_practices: Vec::new(),
            areas: Vec::new(),
            published_verdicts: Vec::new(),
            registrations_by_age: Vec::new(),
        },
    }
}

/// The synthetic workspace of the first default: the paper's structure, estimated list
/// sizes and illustrative series (April 2019 – March 2023). Deterministic.
pub fn illustrative_city() -> Workspace {
    let pcns: Vec<Pcn> = PCNS
        .iter()
        .map(|fact| Pcn {
            code: fact.code.to_string(),
            name: fact.name.to_string(),
            published_list_size: Some(fact.published_list_size),
        })
        .collect();

    let mut practices = Vec::with_capacity(PRACTICES.len());
    for pcn in PCNS {
        let members: Vec<_> = PRACTICES
            .iter()
            .filter(|p| p.pcn_code == pcn.code)
            .collect();
        let weights: Vec<u64> = members.iter().map(|p| p.registered_jan2021).collect();
        let estimates = estimate_list_sizes(pcn.published_list_size, &weights);
        for (fact, list_size) in members.into_iter().zip(estimates) {
            practices.push(Practice {
                code: fact.code.to_string(),
                name: fact.name.to_string(),
                pcn_code: fact.pcn_code.to_string(),
                list_size,
                list_size_source: ListSizeSource::Estimated,
                list_size_as_of: None,
                postcode: Some(fact.postcode.to_string()),
                location: Some(LatLon {
                    lat: fact.lat,
                    lon: fact.lon,
                }),
                location_source: Some(crate::placement::embedded_source()),
                neighbourhood: None,
                area_code: None,
                opened: None,
                list_sizes: Vec::new(),
            });
        }
    }

    let (indicators, series) = synthetic::series(&practices);
    let mut workspace = Workspace {
        place: PLACE_NAME.to_string(),
        place_code: Some(PLACE_CODE.to_string()),
        stated_population: Some(STATED_POPULATION),
        stated_population_as_of: Some(PAPER_MONTH),
        pcns,
        practices,
        indicators,
        series,
        targets: Vec::new(),
        source: DataSource::Demonstration,
        illustrative: true,
        provenance: Vec::new(),
        former_practices: Vec::new(),
        areas: Vec::new(),
        published_verdicts: Vec::new(),
        registrations_by_age: Vec::new(),
    };
    // The paper's trajectory targets for all areas (with the demonstration's own
    // illustrative numbers where the paper names none), and the equity targets per PCN
    // (2021/22 baseline, 2023/24 target) derived from the illustrative series by the
    // stated rule. Targets are data: the published default reads its own from
    // data/leicester-city/targets.csv.
    workspace.targets = crate::trajectory::TrajectoryKind::ALL
        .iter()
        .map(|&kind| targets::paper_target(kind, f64::NAN))
        .collect();
    workspace
        .targets
        .extend(targets::equity_targets(&workspace));
    workspace
}

/// Splits `total` into integer parts proportional to `weights` that add up to `total`
/// exactly: the largest-remainder (Hamilton) method. Each part gets the floor of its
/// exact share; the units left over go to the largest fractional remainders, ties to
/// the earlier weight. With no positive weight, the total is split as evenly as
/// possible.
pub fn estimate_list_sizes(total: u64, weights: &[u64]) -> Vec<u64> {
    if weights.is_empty() {
        return Vec::new();
    }
    let weight_sum: u128 = weights.iter().map(|&w| u128::from(w)).sum();
    let weights: Vec<u128> = if weight_sum == 0 {
        vec![1; weights.len()]
    } else {
        weights.iter().map(|&w| u128::from(w)).collect()
    };
    let weight_sum: u128 = weights.iter().sum();
    let total = u128::from(total);
    // Exact arithmetic: share_i = total × w_i / Σw, as quotient and remainder.
    let mut parts: Vec<u128> = weights.iter().map(|w| total * w / weight_sum).collect();
    let remainders: Vec<u128> = weights.iter().map(|w| total * w % weight_sum).collect();
    let left_over = total - parts.iter().sum::<u128>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| remainders[b].cmp(&remainders[a]).then(a.cmp(&b)));
    for &i in order.iter().take(left_over as usize) {
        parts[i] += 1;
    }
    parts.into_iter().map(|p| p as u64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_remainder_sums_exactly() {
        assert_eq!(estimate_list_sizes(10, &[1, 1, 1]), vec![4, 3, 3]);
        assert_eq!(estimate_list_sizes(100, &[1, 3]), vec![25, 75]);
        // 7 × 2/3 = 4.67 and 7 × 1/3 = 2.33: the larger remainder takes the spare unit.
        assert_eq!(estimate_list_sizes(7, &[2, 1]), vec![5, 2]);
        assert_eq!(estimate_list_sizes(5, &[0, 0]), vec![3, 2]);
        assert!(estimate_list_sizes(5, &[]).is_empty());
    }
}
