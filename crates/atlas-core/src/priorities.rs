//! The Priorities page: for each neighbourhood (a practice's `neighbourhood` when
//! given, else its PCN), the measures on which it compares worst with the city, and
//! the priorities neighbourhoods share, proposed for place or system level.

use crate::aggregate::neighbourhood_of;
use crate::comparator::{Against, Comparator};
use crate::measures::{scorecard_indicators, MeasureContext};
use crate::model::{Polarity, Practice, Unit, Workspace};
use crate::stats::benchmark::{judge, Comparison};

/// How many priorities each neighbourhood gets.
pub const PRIORITIES_PER_NEIGHBOURHOOD: usize = 5;

/// How many neighbourhoods must share a priority for it to be proposed at place level.
pub const SHARED_PRIORITY_THRESHOLD: usize = 3;

/// The rule against `against` (the city or England), as the page states it.
pub fn priority_rule(against: Against) -> String {
    let (whom, value) = match against {
        Against::England => ("England", "England's value"),
        _ => ("the city", "the city's value"),
    };
    let short = match against {
        Against::England => "England value",
        _ => "city value",
    };
    format!("For each neighbourhood, every measure with a judgement \
(higher or lower is better) is compared with {whom} in its latest period by the \
standardised gap z = (neighbourhood value − {short}) / SE, where SE is the standard error \
implied by the neighbourhood's 95% confidence interval, (upper − lower) / (2 × 1.96). The gap \
is turned so that positive means worse (−z where higher is better, z where lower is better). \
Only a measure on which the neighbourhood is worse than {whom} at 95% is a candidate: \
{value} lies outside the neighbourhood's 95% confidence interval, on the worse side, as \
the Scorecard judges it (or, for a measure Fingertips compares another way, worse by that \
measure's method, such as SPC for proportions at 99.8%). The neighbourhood's priorities are at most five candidates with the \
largest gaps, ties broken by indicator id; suppressed figures and measures without an \
interval{} are left out. A measure among the priorities of 3 or more neighbourhoods is a \
shared priority, proposed for place or system level.", if against == Against::England { " or without England's value" } else { "" })
}

/// The standardised gap in the worse direction: `(value − city) / se`, negated where
/// higher is better; `None` with no judgement or no usable standard error.
pub fn worse_gap(value: f64, city: f64, standard_error: f64, polarity: Polarity) -> Option<f64> {
    if !(standard_error > 0.0 && standard_error.is_finite()) {
        return None;
    }
    let z = (value - city) / standard_error;
    match polarity {
        Polarity::HighIsGood => Some(-z),
        Polarity::LowIsGood => Some(z),
        Polarity::NoJudgement => None,
    }
}

/// One candidate priority of a neighbourhood.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorityItem {
    pub indicator_id: String,
    pub name: String,
    /// The measure's unit, which says how its values are written.
    pub unit: Unit,
    pub value: f64,
    /// The comparator's value (the city's or England's).
    pub comparator_value: f64,
    /// The standardised gap, positive = worse ([`worse_gap`]).
    pub gap: f64,
}

/// The top priorities of some candidates by [`priority_rule`]: positive gaps only,
/// largest first, ties by indicator id, at most [`PRIORITIES_PER_NEIGHBOURHOOD`].
pub fn top_priorities(mut candidates: Vec<PriorityItem>) -> Vec<PriorityItem> {
    candidates.retain(|c| c.gap > 0.0);
    candidates.sort_by(|a, b| {
        b.gap
            .total_cmp(&a.gap)
            .then_with(|| a.indicator_id.cmp(&b.indicator_id))
    });
    candidates.truncate(PRIORITIES_PER_NEIGHBOURHOOD);
    candidates
}

/// One neighbourhood's priorities.
#[derive(Debug, Clone, PartialEq)]
pub struct NeighbourhoodPriorities {
    pub neighbourhood: String,
    pub practices: usize,
    pub priorities: Vec<PriorityItem>,
}

/// A priority shared by several neighbourhoods.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedPriority {
    pub indicator_id: String,
    pub name: String,
    pub neighbourhoods: Vec<String>,
    /// "3 of 10 neighbourhoods share this priority."
    pub sentence: String,
}

/// The measures among the priorities of at least [`SHARED_PRIORITY_THRESHOLD`]
/// neighbourhoods, most shared first (ties by indicator id).
pub fn shared_priorities(lists: &[NeighbourhoodPriorities]) -> Vec<SharedPriority> {
    let mut shared: Vec<SharedPriority> = Vec::new();
    for list in lists {
        for item in &list.priorities {
            match shared
                .iter_mut()
                .find(|s| s.indicator_id == item.indicator_id)
            {
                Some(s) => s.neighbourhoods.push(list.neighbourhood.clone()),
                None => shared.push(SharedPriority {
                    indicator_id: item.indicator_id.clone(),
                    name: item.name.clone(),
                    neighbourhoods: vec![list.neighbourhood.clone()],
                    sentence: String::new(),
                }),
            }
        }
    }
    shared.retain(|s| s.neighbourhoods.len() >= SHARED_PRIORITY_THRESHOLD);
    shared.sort_by(|a, b| {
        b.neighbourhoods
            .len()
            .cmp(&a.neighbourhoods.len())
            .then_with(|| a.indicator_id.cmp(&b.indicator_id))
    });
    for s in &mut shared {
        s.sentence = format!(
            "{} of {} neighbourhoods share this priority.",
            s.neighbourhoods.len(),
            lists.len()
        );
    }
    shared
}

/// The whole Priorities page.
#[derive(Debug, Clone, PartialEq)]
pub struct Priorities {
    /// What the neighbourhoods are compared with: the city or England (a neighbourhood
    /// has no PCN or similar practices of its own).
    pub against: Against,
    pub neighbourhoods: Vec<NeighbourhoodPriorities>,
    pub shared: Vec<SharedPriority>,
}

/// Every neighbourhood's priorities (in order of first appearance among the
/// practices) and the shared ones, by [`priority_rule`].
pub fn priorities(workspace: &Workspace) -> Priorities {
    priorities_against(workspace, Against::Place)
}

/// As [`priorities`], each neighbourhood compared with England's value when `against`
/// is England and the data give England (with the city otherwise).
pub fn priorities_against(workspace: &Workspace, against: Against) -> Priorities {
    let comparator = match against {
        Against::England => {
            Comparator::england(workspace).unwrap_or_else(|_| Comparator::place(workspace))
        }
        _ => Comparator::place(workspace),
    };
    let context = MeasureContext::new(workspace);
    let indicators: Vec<_> = scorecard_indicators(workspace)
        .into_iter()
        .filter(|i| i.polarity != Polarity::NoJudgement)
        .collect();
    let all: Vec<&Practice> = workspace.practices.iter().collect();
    let mut names: Vec<String> = Vec::new();
    for p in &workspace.practices {
        let n = neighbourhood_of(workspace, p);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    let neighbourhoods: Vec<NeighbourhoodPriorities> = names
        .into_iter()
        .map(|name| {
            let members: Vec<&Practice> = workspace
                .practices
                .iter()
                .filter(|p| neighbourhood_of(workspace, p) == name)
                .collect();
            let candidates = indicators
                .iter()
                .filter_map(|indicator| {
                    let period = context.latest_period(indicator)?;
                    let own = context
                        .observe(indicator, &members, period)
                        .filter(|o| !o.suppressed)?;
                    let city = comparator
                        .observe(workspace, &context, &all, indicator, period)
                        .filter(|o| !o.suppressed)?;
                    // Significant only, by the measure's method as the Scorecard judges:
                    // never "worse" by a hair.
                    let verdict = judge(
                        indicator.comparison,
                        &own.figure(indicator.unit),
                        city.value,
                        indicator.polarity,
                    );
                    if verdict.headline() != Comparison::Worse {
                        return None;
                    }
                    let gap = worse_gap(
                        own.value,
                        city.value,
                        own.standard_error()?,
                        indicator.polarity,
                    )?;
                    Some(PriorityItem {
                        indicator_id: indicator.id.clone(),
                        name: indicator.name.clone(),
                        unit: indicator.unit,
                        value: own.value,
                        comparator_value: city.value,
                        gap,
                    })
                })
                .collect();
            NeighbourhoodPriorities {
                neighbourhood: name,
                practices: members.len(),
                priorities: top_priorities(candidates),
            }
        })
        .collect();
    let shared = shared_priorities(&neighbourhoods);
    Priorities {
        against: comparator.against,
        neighbourhoods,
        shared,
    }
}

/// The priorities as a table: one row per neighbourhood × priority, in rank order,
/// marked when the priority is shared.
pub fn priorities_table(priorities: &Priorities) -> crate::table::Table {
    use crate::table::{Cell, Table};
    let mut table = Table::new(&[
        "Neighbourhood",
        "Rank",
        "Indicator",
        "Value",
        &format!("{} value", priorities.against.short()),
        "Standardised gap (worse)",
        "Shared priority",
    ]);
    for n in &priorities.neighbourhoods {
        for (i, p) in n.priorities.iter().enumerate() {
            let shared = priorities
                .shared
                .iter()
                .find(|s| s.indicator_id == p.indicator_id)
                .map(|s| s.sentence.clone())
                .unwrap_or_default();
            table.rows.push(vec![
                Cell::text(crate::summary::display_name(&n.neighbourhood)),
                Cell::number((i + 1) as f64, (i + 1).to_string()),
                Cell::text(p.name.clone()),
                Cell::value(p.value, 1),
                Cell::value(p.comparator_value, 1),
                Cell::number(p.gap, format!("{:.2}", p.gap)),
                Cell::text(shared),
            ]);
        }
    }
    table
}

/// A priority in words: how the neighbourhood compares with the comparator, e.g.
/// "Worse than the city: 61.2% against 66.0% (standardised gap 3.4)"; proportions carry
/// "%", other units are written as numbers. Every priority is worse by construction
/// ([`top_priorities`] keeps positive gaps only).
pub fn priority_words(item: &PriorityItem, against: Against) -> String {
    let write = |v: f64| crate::measures::value_text(item.unit, v);
    format!(
        "Worse than {}: {} against {} (standardised gap {:.1})",
        against.whom(),
        write(item.value),
        write(item.comparator_value),
        item.gap
    )
}

/// The proposal for a shared priority: "4 of 10 neighbourhoods share this priority:
/// propose it at place level." Shared by every neighbourhood, at system level.
pub fn shared_proposal(shared: &SharedPriority, neighbourhoods: usize) -> String {
    let level = if shared.neighbourhoods.len() >= neighbourhoods && neighbourhoods > 1 {
        "place or system level"
    } else {
        "place level"
    };
    format!(
        "{} of {} neighbourhoods share this priority: propose it at {level}.",
        shared.neighbourhoods.len(),
        neighbourhoods
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_data::leicester_city;

    fn item(id: &str, gap: f64) -> PriorityItem {
        PriorityItem {
            indicator_id: id.into(),
            name: id.into(),
            unit: Unit::Proportion,
            value: 0.0,
            comparator_value: 0.0,
            gap,
        }
    }

    #[test]
    fn gap_is_turned_by_polarity() {
        // Value 60, city 70, SE 2: z = −5; higher is better → gap +5 (worse).
        assert_eq!(worse_gap(60.0, 70.0, 2.0, Polarity::HighIsGood), Some(5.0));
        assert_eq!(worse_gap(60.0, 70.0, 2.0, Polarity::LowIsGood), Some(-5.0));
        assert_eq!(worse_gap(60.0, 70.0, 2.0, Polarity::NoJudgement), None);
        assert_eq!(worse_gap(60.0, 70.0, 0.0, Polarity::HighIsGood), None);
    }

    #[test]
    fn ranking_keeps_five_worst_with_ties_by_id() {
        let ranked = top_priorities(vec![
            item("f", 1.0),
            item("b", 3.0),
            item("a", 3.0),
            item("c", 0.5),
            item("d", -2.0),
            item("e", 4.0),
            item("g", 0.2),
        ]);
        let ids: Vec<_> = ranked.iter().map(|i| i.indicator_id.as_str()).collect();
        // e (4), then a and b tied at 3 (a first), f (1), c (0.5); g is sixth, d is better.
        assert_eq!(ids, vec!["e", "a", "b", "f", "c"]);
    }

    #[test]
    fn shared_needs_three_neighbourhoods() {
        let n = |name: &str, ids: &[&str]| NeighbourhoodPriorities {
            neighbourhood: name.into(),
            practices: 1,
            priorities: ids.iter().map(|id| item(id, 1.0)).collect(),
        };
        let lists = vec![
            n("N1", &["x", "y"]),
            n("N2", &["x", "y"]),
            n("N3", &["x", "z"]),
            n("N4", &["z"]),
        ];
        let shared = shared_priorities(&lists);
        // x in 3 of 4 → shared; y in 2 and z in 2 → not.
        assert_eq!(shared.len(), 1);
        assert_eq!(shared[0].indicator_id, "x");
        assert_eq!(
            shared[0].sentence,
            "3 of 4 neighbourhoods share this priority."
        );
    }

    #[test]
    fn default_priorities_cover_ten_neighbourhoods() {
        let w = leicester_city();
        let p = priorities(&w);
        assert_eq!(p.neighbourhoods.len(), 10);
        assert!(p.neighbourhoods.iter().all(|n| n.priorities.len() <= 5));
        let rows: usize = p.neighbourhoods.iter().map(|n| n.priorities.len()).sum();
        assert_eq!(priorities_table(&p).rows.len(), rows);
        for s in &p.shared {
            assert!(s.neighbourhoods.len() >= 3);
        }
        // Significant only: the city's value is outside the 95% interval, so the gap is
        // well away from 0 (never "67.0% against 67.1%").
        for n in &p.neighbourhoods {
            for item in &n.priorities {
                assert!(
                    item.gap > 1.5,
                    "{}: {} {:?}",
                    n.neighbourhood,
                    item.name,
                    item
                );
            }
        }
    }

    #[test]
    fn priorities_and_proposals_in_words() {
        let mut i = item("x", 3.44);
        i.value = 61.24;
        i.comparator_value = 66.0;
        assert_eq!(
            priority_words(&i, Against::Place),
            "Worse than the city: 61.2% against 66.0% (standardised gap 3.4)"
        );
        let shared = SharedPriority {
            indicator_id: "x".into(),
            name: "x".into(),
            neighbourhoods: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            sentence: String::new(),
        };
        assert_eq!(
            shared_proposal(&shared, 10),
            "4 of 10 neighbourhoods share this priority: propose it at place level."
        );
        assert!(shared_proposal(&shared, 4).ends_with("place or system level."));
    }
}
