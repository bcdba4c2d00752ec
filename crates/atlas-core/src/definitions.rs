//! What each measure is: its definition, numerator and denominator, unit, polarity,
//! source and periods, the interval method, the benchmarking rule and its caveats.
//! Measures this project knows (the national publications' and the derived ones) have
//! their own words; any other measure (a user's own, a Fingertips indicator) is
//! described from its metadata, and says so.

use crate::catalogue;
use crate::inequalities::IMD_2019;
use crate::measures::{scorecard_indicators, MeasureContext};
use crate::model::{Indicator, Period, Polarity, Unit, Workspace};
use crate::provenance::{measure_source, MeasureSource};

/// One measure's definition, every field in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    pub id: String,
    pub name: String,
    /// What the measure counts or compares.
    pub definition: String,
    pub numerator: String,
    pub denominator: String,
    pub unit: String,
    pub polarity: String,
    /// The periods the data give, first to last ("Mar 2019 to May 2026, 87 periods").
    pub periods: String,
    pub source: MeasureSource,
    /// How its 95% and 99.8% intervals are found.
    pub interval: String,
    /// How an area is judged against its comparator.
    pub benchmark: String,
    pub caveats: Vec<String>,
    /// True when the words come from the metadata alone (the project has none of its
    /// own for this measure).
    pub from_metadata: bool,
}

/// The link to a measure's definition.
pub fn definition_link(id: &str) -> String {
    format!("/definitions/{id}")
}

/// Every measure of the workspace: the comparable ones first (as the Scorecard lists
/// them), then the rest, each once.
pub fn defined_measures(workspace: &Workspace) -> Vec<Indicator> {
    let mut list = scorecard_indicators(workspace);
    for indicator in &workspace.indicators {
        if !list.iter().any(|i| i.id == indicator.id) {
            list.push(indicator.clone());
        }
    }
    list
}

/// The definition of the measure `id`, or `None` when the workspace has no such
/// measure.
pub fn definition(workspace: &Workspace, id: &str) -> Option<Definition> {
    let indicator = defined_measures(workspace)
        .into_iter()
        .find(|i| i.id == id)?;
    let context = MeasureContext::for_measure(workspace, &indicator);
    let periods = context.periods(&indicator);
    let known = known_words(&indicator);
    let from_metadata = known.is_none();
    let words = known.unwrap_or_else(|| metadata_words(&indicator));
    let mut caveats: Vec<String> = words.caveats.iter().map(|c| c.to_string()).collect();
    if from_metadata {
        caveats.push("This measure came with the data loaded; its definition here is built from the unit and direction its metadata give. The publisher's own definition is the authority.".into());
    }
    Some(Definition {
        definition: words.definition,
        numerator: words.numerator,
        denominator: words.denominator,
        unit: unit_words(indicator.unit),
        polarity: polarity_words(indicator.polarity).into(),
        periods: periods_words(&periods),
        source: measure_source(workspace, &indicator.id),
        interval: interval_words(indicator.unit).into(),
        benchmark: benchmark_words(&indicator),
        caveats,
        from_metadata,
        id: indicator.id,
        name: indicator.name,
    })
}

/// A measure's own words.
struct Words {
    definition: String,
    numerator: String,
    denominator: String,
    caveats: Vec<&'static str>,
}

const RECORDED_PREVALENCE: &str = "Recorded prevalence counts the patients diagnosed and coded on the register, not everyone with the condition: a practice that finds more cases has a higher figure, so a low value can mean under-diagnosis as well as a healthier population.";
const AGE_STRUCTURE: &str = "Not standardised for age or sex: practices with older or younger populations differ for that reason alone.";
const GPAD: &str = "Appointments in General Practice counts appointments recorded in practice systems and mapped to national categories; practices record and map differently, and the figures are published as experimental statistics.";
const SURVEY: &str = "A survey of a sample of registered patients, weighted to the practice's population: small practices have few respondents and wide intervals.";
const CENSUS: &str = "The GP workforce census counts staff in post on the last day of the period; staff employed by PCNs or through other routes are not included.";

/// The project's own words for the measures it knows.
fn known_words(indicator: &Indicator) -> Option<Words> {
    let id = indicator.id.as_str();
    if let Some(group) = id.strip_prefix(catalogue::REGISTER_PREFIX) {
        let condition = indicator.name.split(" register").next().unwrap_or(group);
        // In a sentence: "dementia", but "COPD".
        let mut chars = condition.chars();
        let condition = match (chars.next(), chars.next()) {
            (Some(first), Some(second)) if second.is_lowercase() => first
                .to_lowercase()
                .chain(condition.chars().skip(1))
                .collect(),
            _ => condition.to_string(),
        };
        return Some(Words {
            definition: format!(
                "The share of the practice's registered patients on its Quality and Outcomes Framework register of {condition}: recorded prevalence."
            ),
            numerator: format!("Patients on the {condition} register at the end of the QOF year (31 March)."),
            denominator: "The practice's registered patients of the ages the register covers, as the QOF prevalence file gives them.".into(),
            caveats: vec![RECORDED_PREVALENCE, AGE_STRUCTURE],
        });
    }
    if let Some(role) = id.strip_prefix(catalogue::PCN_STAFF_FTE_PREFIX) {
        let role = if role == "total" {
            "every role".to_string()
        } else {
            indicator.name.clone()
        };
        return Some(Words {
            definition: format!("Staff employed by the primary care network, {role}, in full-time equivalents (37.5 hours a week)."),
            numerator: "Full-time equivalent staff in post, as the PCN workforce collection reports them.".into(),
            denominator: "None: a count of staff. The Workforce page sets it against the PCN's registered patients.".into(),
            caveats: vec!["PCNs submit their own returns; a PCN with no return is shown as having none published, not as having no staff."],
        });
    }
    let words =
        |definition: &str, numerator: &str, denominator: &str, caveats: Vec<&'static str>| {
            Some(Words {
                definition: definition.into(),
                numerator: numerator.into(),
                denominator: denominator.into(),
                caveats,
            })
        };
    match id {
        catalogue::APPOINTMENTS_PER_1000_WEEK => words(
            "Appointments of every mode (face to face, telephone, video or online, home visit) per 1,000 registered patients per week: the access standard of the Leicester City paper (75 a week).",
            "Appointments in the month, every mode, with every member of practice staff.",
            "Registered patients × the weeks in the month, over 1,000.",
            vec![GPAD, "Appointments not attended are included, as the national figures include them."],
        ),
        catalogue::FACE_TO_FACE_SHARE => words(
            "The share of appointments held face to face: the paper's standard is at least half.",
            "Face-to-face appointments in the month.",
            "Appointments of every known mode in the month.",
            vec![GPAD],
        ),
        catalogue::GP_FTE_PER_10000 => words(
            "GPs in post, in full-time equivalents, per 10,000 registered patients.",
            "GP full-time equivalents in post.",
            "Registered patients, over 10,000.",
            vec![CENSUS],
        ),
        catalogue::GP_FTE_FQ_PER_10K => words(
            "Fully qualified GPs (not trainees or locums) in post, in full-time equivalents, per 10,000 registered patients.",
            "Fully qualified GP full-time equivalents in post.",
            "Registered patients, over 10,000.",
            vec![CENSUS],
        ),
        catalogue::GP_FTE | catalogue::NURSES_FTE | catalogue::DPC_FTE | catalogue::ADMIN_FTE => {
            Some(Words {
                definition: format!("{}: staff employed by the practice, in full-time equivalents (37.5 hours a week).", indicator.name),
                numerator: "Full-time equivalents in post, as the GP workforce census reports them.".into(),
                denominator: "None: a count of staff.".into(),
                caveats: vec![CENSUS],
            })
        }
        catalogue::GPPS_OVERALL_EXPERIENCE_GOOD
        | catalogue::GPPS_PHONE_EASY
        | catalogue::GPPS_CONTINUITY => Some(Words {
            definition: format!("{}: the weighted share of the practice's respondents to the GP Patient Survey giving that answer.", indicator.name),
            numerator: "Weighted respondents giving the answer.".into(),
            denominator: "Weighted respondents answering the question.".into(),
            caveats: vec![SURVEY],
        }),
        catalogue::PAYMENTS_PER_PATIENT | catalogue::PAYMENTS_PER_WEIGHTED_PATIENT => words(
            "NHS payments to the practice in the financial year per patient (per registered patient, or per patient weighted by the global sum formula for age, need and rurality).",
            "Total NHS payments to the practice, as NHS Payments to General Practice reports them.",
            "Registered (or weighted) patients.",
            vec!["Payments include reimbursements (premises, some staff) that vary with a practice's circumstances, not only its patients."],
        ),
        IMD_2019 => words(
            "The Index of Multiple Deprivation 2019 score of the practice's registered population: the scores of the neighbourhoods its patients live in, weighted by how many live in each (Fingertips indicator 93553).",
            "None: a score.",
            "None: a score.",
            vec!["A higher score is more deprived. It describes where the patients live, not the patients themselves."],
        ),
        id if id.starts_with("appointments_") => Some(Words {
            definition: format!("{}: appointments in the month, as Appointments in General Practice counts them.", indicator.name),
            numerator: "Appointments in the month.".into(),
            denominator: "None: a count.".into(),
            caveats: vec![GPAD],
        }),
        _ => None,
    }
}

/// Words for a measure the project does not know, from its unit.
fn metadata_words(indicator: &Indicator) -> Words {
    let (numerator, denominator) = match indicator.unit {
        Unit::Proportion => (
            "The count of the event or group, as the file gives it.",
            "The population it is a share of, as the file gives it.",
        ),
        Unit::Rate { .. } => (
            "The count of events, as the file gives it.",
            "The population at risk, as the file gives it.",
        ),
        Unit::Ratio => (
            "The observed count, as the file gives it.",
            "The count expected, as the file gives it.",
        ),
        Unit::Count => ("The count, as the file gives it.", "None: a count."),
        Unit::Mean => (
            "The value, as the file gives it.",
            "None, or as the file gives it.",
        ),
    };
    Words {
        definition: format!("{}, as given in the data loaded.", indicator.name),
        numerator: numerator.into(),
        denominator: denominator.into(),
        caveats: Vec::new(),
    }
}

/// The unit in words.
pub fn unit_words(unit: Unit) -> String {
    match unit {
        Unit::Proportion => "A proportion, shown as a percentage.".into(),
        Unit::Rate { per } => format!("A rate per {}.", crate::words::grouped(per, 0)),
        Unit::Ratio => "A ratio of observed to expected.".into(),
        Unit::Count => "A count.".into(),
        Unit::Mean => "A value per area (a mean, a score or a figure per patient).".into(),
    }
}

/// Which direction is better, in words.
pub fn polarity_words(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::HighIsGood => "Higher is better.",
        Polarity::LowIsGood => "Lower is better.",
        Polarity::NoJudgement => "Neither higher nor lower is better in itself: areas are said to be higher or lower, not better or worse.",
    }
}

/// How the measure's intervals are found.
pub fn interval_words(unit: Unit) -> &'static str {
    match unit {
        Unit::Proportion => "Wilson score interval (PHEindicatormethods' phe_proportion).",
        Unit::Rate { .. } | Unit::Ratio => "Byar's method, or the exact Poisson interval below 10 events (phe_rate).",
        Unit::Count | Unit::Mean => "None: a count or a value with no numerator and denominator has no interval here, so areas are not judged on it.",
    }
}

/// How an area is judged against its comparator.
pub fn benchmark_words(indicator: &Indicator) -> String {
    match indicator.unit {
        Unit::Count | Unit::Mean => {
            "Not benchmarked: without an interval, a difference cannot be told from chance.".into()
        }
        _ => {
            let otherwise = match indicator.polarity {
                Polarity::NoJudgement => "higher or lower",
                _ => "better or worse",
            };
            let similar = if indicator.comparison.is_spc() {
                "similar when the area's value lies within the control limits around the place's value for an area of its size"
            } else {
                "similar when the place's value lies within the area's interval"
            };
            format!(
                "Against the place's value by {}, as Fingertips compares: {similar}, otherwise {otherwise}.",
                indicator.comparison.words()
            )
        }
    }
}

/// The periods in words: first to last, and how many.
fn periods_words(periods: &[Period]) -> String {
    match (periods.first(), periods.last()) {
        (Some(first), Some(last)) if first == last => format!("{} only.", first.label()),
        (Some(first), Some(last)) => format!(
            "{} to {} ({} periods).",
            first.label(),
            last.label(),
            periods.len()
        ),
        _ => "No period with figures in these data.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_measure_of_the_default_has_its_own_words() {
        let ws = crate::default_data::leicester_city();
        let measures = defined_measures(&ws);
        assert!(measures.len() >= 50, "{}", measures.len());
        for m in &measures {
            let d = definition(&ws, &m.id).unwrap();
            assert!(!d.from_metadata, "{}: no words of its own", m.id);
            for text in [
                &d.definition,
                &d.numerator,
                &d.denominator,
                &d.unit,
                &d.polarity,
                &d.periods,
                &d.interval,
                &d.benchmark,
            ] {
                assert!(text.ends_with('.') && text.len() > 5, "{}: {text}", m.id);
            }
            assert!(!d.source.text.is_empty());
        }
        let dementia = definition(&ws, "register_dementia").unwrap();
        assert!(dementia.definition.contains("register of dementia"));
        let copd = definition(&ws, "register_copd").unwrap();
        assert!(copd.numerator.contains("the COPD register"));
        assert!(dementia.benchmark.contains("within the control limits"));
        assert!(dementia.interval.starts_with("Wilson"));
        assert!(dementia.benchmark.contains("SPC for proportions at 99.8%"));
        assert!(dementia.benchmark.ends_with("higher or lower."));
        assert!(definition(&ws, "no_such").is_none());
    }

    #[test]
    fn an_unknown_measure_is_described_from_its_metadata_and_says_so() {
        let mut ws = crate::default_data::illustrative_city();
        ws.indicators.push(Indicator {
            id: "uptake".into(),
            name: "Uptake".into(),
            domain: crate::model::Domain::Quality,
            unit: Unit::Rate { per: 100_000.0 },
            polarity: Polarity::LowIsGood,
            comparison: Default::default(),
        });
        let d = definition(&ws, "uptake").unwrap();
        assert!(d.from_metadata);
        assert_eq!(d.unit, "A rate per 100,000.");
        assert_eq!(d.polarity, "Lower is better.");
        assert_eq!(d.periods, "No period with figures in these data.");
        assert!(d
            .caveats
            .last()
            .unwrap()
            .contains("publisher's own definition is the authority"));
    }
}
