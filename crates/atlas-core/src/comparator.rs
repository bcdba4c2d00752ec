//! What an area is benchmarked against: the place (every practice pooled), a
//! practice's PCN, its similar practices ([`crate::similar`]), or England where the
//! files give England's values. The Scorecard, the practice profile's spine and the
//! Priorities page judge against a [`Comparator`]; its id travels in the URL
//! (`?against=`).

use crate::aggregate::{point_at, ENGLAND_CODE};
use crate::measures::{estimate_for, MeasureContext, Observation};
use crate::model::{Indicator, Pcn, Period, Practice, Workspace};
use crate::similar::Similarity;
use std::collections::HashMap;

/// What an area is benchmarked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Against {
    /// Every practice of the place, pooled.
    #[default]
    Place,
    /// The practices of its PCN, itself included, pooled.
    Pcn,
    /// Its similar practices ([`crate::similar`]), itself not included, pooled.
    Similar,
    /// England's published value ([`ENGLAND_CODE`]), where the files give it.
    England,
}

impl Against {
    /// Every comparator, in the order a page offers them.
    pub const ALL: [Against; 4] = [
        Against::Place,
        Against::Pcn,
        Against::Similar,
        Against::England,
    ];

    /// Its id in a URL (`?against=`).
    pub fn id(self) -> &'static str {
        match self {
            Against::Place => "place",
            Against::Pcn => "pcn",
            Against::Similar => "similar",
            Against::England => "england",
        }
    }

    /// The comparator an id names; the place for anything else.
    pub fn parse(text: &str) -> Against {
        Against::ALL
            .into_iter()
            .find(|a| a.id() == text)
            .unwrap_or_default()
    }

    /// Whether it is one set of figures for every area (the place, England) rather
    /// than a set of practices of each practice's own (its PCN, its similar practices).
    pub fn is_shared(self) -> bool {
        matches!(self, Against::Place | Against::England)
    }

    /// Its name when each area has its own: "the city", "each practice's PCN", "each
    /// practice's similar practices", "England".
    pub fn words(self) -> &'static str {
        match self {
            Against::Place => "the city",
            Against::Pcn => "each practice's PCN",
            Against::Similar => "each practice's similar practices",
            Against::England => "England",
        }
    }

    /// The comparator as a verdict names it: "the city", "its PCN", "its similar
    /// practices", "England" ("better than its PCN").
    pub fn whom(self) -> &'static str {
        match self {
            Against::Place => "the city",
            Against::Pcn => "its PCN",
            Against::Similar => "its similar practices",
            Against::England => "England",
        }
    }

    /// Its value's owner, as a sentence writes it: "the city's", "its PCN's", "its
    /// similar practices'", "England's".
    pub fn whose(self) -> &'static str {
        match self {
            Against::Place => "the city's",
            Against::Pcn => "its PCN's",
            Against::Similar => "its similar practices'",
            Against::England => "England's",
        }
    }

    /// The heading of a table's verdict column: "Compared with city", "Compared with
    /// PCN", "Compared with similar practices", "Compared with England".
    pub fn compared_heading(self) -> String {
        match self {
            Against::Place => "Compared with city".to_string(),
            Against::Similar => "Compared with similar practices".to_string(),
            a => format!("Compared with {}", a.short()),
        }
    }

    /// A short name for a table's column ("City", "PCN", "Similar practices",
    /// "England").
    pub fn short(self) -> &'static str {
        match self {
            Against::Place => "City",
            Against::Pcn => "PCN",
            Against::Similar => "Similar practices",
            Against::England => "England",
        }
    }
}

/// The figures an area is benchmarked against, with their name in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparator {
    pub against: Against,
    /// "the city", "its PCN (Aegis Healthcare PCN)", "its 10 similar practices",
    /// "England".
    pub name: String,
    /// The practices pooled; empty for England, whose published values are used.
    pub practice_codes: Vec<String>,
}

impl Comparator {
    /// The place: every practice pooled.
    pub fn place(workspace: &Workspace) -> Comparator {
        Comparator {
            against: Against::Place,
            name: Against::Place.words().into(),
            practice_codes: workspace.practices.iter().map(|p| p.code.clone()).collect(),
        }
    }

    /// England, when the workspace gives any England value; `Err` in words otherwise.
    pub fn england(workspace: &Workspace) -> Result<Comparator, String> {
        if !workspace.series.iter().any(|s| s.area_code == ENGLAND_CODE) {
            return Err(format!(
                "these data give no England values (area code {ENGLAND_CODE}), so nothing can be compared with England"
            ));
        }
        Ok(Comparator {
            against: Against::England,
            name: Against::England.words().into(),
            practice_codes: Vec::new(),
        })
    }

    /// The comparator's observation of `indicator` in `period`: its practices pooled,
    /// or England's value (with no interval or counts); `None` where there is none.
    /// `members` are its practices ([`Comparator::practice_codes`]) as the caller
    /// holds them.
    pub fn observe(
        &self,
        workspace: &Workspace,
        context: &MeasureContext,
        members: &[&Practice],
        indicator: &Indicator,
        period: Period,
    ) -> Option<Observation> {
        match self.against {
            Against::England => {
                england_value(workspace, indicator, period).map(|value| Observation {
                    period,
                    numerator: None,
                    denominator: None,
                    value,
                    estimate: None,
                    suppressed: false,
                })
            }
            _ => context.observe(indicator, members, period),
        }
    }

    /// Its practices, looked up in `workspace`.
    pub fn members<'w>(&self, workspace: &'w Workspace) -> Vec<&'w Practice> {
        self.practice_codes
            .iter()
            .filter_map(|c| workspace.practice(c))
            .collect()
    }
}

/// The comparator `against` for practice `code`; `Err` in words when there is none
/// (a practice without similar practices or with no PCN, data without England).
pub fn comparator_for(
    workspace: &Workspace,
    code: &str,
    against: Against,
) -> Result<Comparator, String> {
    Comparators::new(workspace).of(code, against)
}

/// What finding many practices' comparators needs, prepared once: the similar
/// practices' standardised characteristics and each PCN's practices.
pub struct Comparators<'a> {
    workspace: &'a Workspace,
    similarity: Similarity<'a>,
    practices: HashMap<&'a str, &'a Practice>,
    /// Each PCN (not a stand-in) with its practices' codes, in workspace order.
    pcns: HashMap<&'a str, (&'a Pcn, Vec<String>)>,
}

impl<'a> Comparators<'a> {
    /// Prepares the comparators of every practice of `workspace`.
    pub fn new(workspace: &'a Workspace) -> Comparators<'a> {
        let mut pcns: HashMap<&str, (&Pcn, Vec<String>)> = workspace
            .pcns
            .iter()
            .filter(|p| !p.is_stand_in())
            .map(|p| (p.code.as_str(), (p, Vec::new())))
            .collect();
        for practice in &workspace.practices {
            if let Some((_, members)) = pcns.get_mut(practice.pcn_code.as_str()) {
                members.push(practice.code.clone());
            }
        }
        Comparators {
            workspace,
            similarity: Similarity::new(workspace),
            practices: workspace
                .practices
                .iter()
                .map(|p| (p.code.as_str(), p))
                .collect(),
            pcns,
        }
    }

    /// The comparator `against` for practice `code` ([`comparator_for`]).
    pub fn of(&self, code: &str, against: Against) -> Result<Comparator, String> {
        let workspace = self.workspace;
        let practice = self
            .practices
            .get(code)
            .ok_or_else(|| format!("there is no practice {code} in these data"))?;
        match against {
            Against::Place => Ok(Comparator::place(workspace)),
            Against::England => Comparator::england(workspace),
            Against::Pcn => {
                let (pcn, members) = self
                    .pcns
                    .get(practice.pcn_code.as_str())
                    .ok_or_else(|| "the practice is in no PCN of these data".to_string())?;
                Ok(Comparator {
                    against,
                    name: format!("its PCN ({})", pcn.name),
                    practice_codes: members.clone(),
                })
            }
            Against::Similar => {
                let similar = self.similarity.of(code)?;
                Ok(Comparator {
                    against,
                    name: format!("its {} similar practices", similar.neighbours.len()),
                    practice_codes: similar
                        .neighbours
                        .into_iter()
                        .map(|n| n.practice_code)
                        .collect(),
                })
            }
        }
    }
}

/// How many of the scorecard's measures ([`crate::measures::scorecard_indicators`])
/// have England's value in their latest period: England is offered as a comparator
/// only where this is more than none.
pub fn england_measures(workspace: &Workspace) -> usize {
    let context = MeasureContext::new(workspace);
    crate::measures::scorecard_indicators(workspace)
        .iter()
        .filter(|i| {
            context
                .latest_period(i)
                .and_then(|p| england_value(workspace, i, p))
                .is_some()
        })
        .count()
}

/// England's value of a measure in a period, from the workspace's series for
/// [`ENGLAND_CODE`]: its value, or its numerator and denominator on the measure's scale.
pub fn england_value(workspace: &Workspace, indicator: &Indicator, period: Period) -> Option<f64> {
    let series = workspace
        .series
        .iter()
        .find(|s| s.area_code == ENGLAND_CODE && s.indicator_id == indicator.id)?;
    let point = point_at(series, period)?;
    point.value.or_else(|| {
        estimate_for(indicator.unit, point.numerator?, point.denominator?).map(|e| e.value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_anything_else_is_the_place() {
        for a in Against::ALL {
            assert_eq!(Against::parse(a.id()), a);
        }
        assert_eq!(Against::parse("nonsense"), Against::Place);
        assert!(Against::England.is_shared() && !Against::Similar.is_shared());
    }

    #[test]
    fn england_is_offered_only_where_the_data_give_it() {
        let mut ws = crate::default_data::illustrative_city();
        ws.series.retain(|s| s.area_code != ENGLAND_CODE);
        let code = ws.practices[0].code.clone();
        let err = comparator_for(&ws, &code, Against::England).unwrap_err();
        assert!(err.contains("no England values"), "{err}");
        let default = crate::default_data::leicester_city();
        let england = comparator_for(&default, &default.practices[0].code, Against::England)
            .expect("the default's Fingertips cut gives England's deprivation score");
        assert!(england.practice_codes.is_empty());
        assert_eq!(england.name, "England");
        // But none of the default's scorecard measures has England's value.
        assert_eq!(england_measures(&default), 0);
        assert_eq!(
            england_measures(&default),
            crate::scoring::scorecard(&default)
                .england
                .iter()
                .flatten()
                .count()
        );
    }
}
