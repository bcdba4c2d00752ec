//! Choosing the area to look at when the files cover several.
//!
//! England-wide registrations hold every sub-ICB location's practices: one page of
//! 6,500 practices and 1,250 PCNs says nothing. The user chooses a sub-ICB location
//! (or CCG); every page then shows that area's practices and PCNs ([`within_area`]),
//! with England beside them as a comparator when the files cover England.

use crate::aggregate::{area_series, CITY_CODE, ENGLAND_CODE};
use crate::model::{AgeProfile, Area, Workspace};
use std::collections::{HashMap, HashSet};

/// More open practices than any region of England has (the largest has about 1,300;
/// England about 6,300): files this wide are England's, and their sum is England's.
pub const ENGLAND_WIDE_PRACTICES: usize = 5_000;

/// One area a user can choose, with how many open practices it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaChoice {
    pub code: String,
    pub name: String,
    pub practices: usize,
}

/// The areas the open practices are in, by name, when there are several; empty when
/// every practice is in one area (or none says where it is), so there is nothing to
/// choose.
pub fn area_choices(workspace: &Workspace) -> Vec<AreaChoice> {
    // One pass over the practices: England has 6,500 of them in over 100 areas.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for code in workspace
        .practices
        .iter()
        .filter_map(|p| p.area_code.as_deref())
    {
        *counts.entry(code).or_default() += 1;
    }
    let mut choices: Vec<AreaChoice> = workspace
        .areas
        .iter()
        .map(|Area { code, name }| AreaChoice {
            code: code.clone(),
            name: name.clone(),
            practices: counts.get(code.as_str()).copied().unwrap_or(0),
        })
        .filter(|c| c.practices > 0)
        .collect();
    if choices.len() < 2 {
        return Vec::new();
    }
    choices.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.code.cmp(&b.code)));
    choices
}

/// The area shown: `asked` when it is one of the choices, else the first by name;
/// `None` when there is nothing to choose.
pub fn shown_area(workspace: &Workspace, asked: Option<&str>) -> Option<AreaChoice> {
    let choices = area_choices(workspace);
    let asked = asked.and_then(|code| choices.iter().find(|c| c.code == code));
    asked.or(choices.first()).cloned()
}

/// The workspace as the pages show area `code`: its open and former practices, their
/// PCNs and series, the area's own published series, and, when the files cover England
/// ([`ENGLAND_WIDE_PRACTICES`]) and give no England figure of their own, England's sum of
/// practices as a comparator under [`ENGLAND_CODE`]. The place is named after the area.
pub fn within_area(workspace: &Workspace, code: &str) -> Workspace {
    let in_area = |p: &crate::model::Practice| p.area_code.as_deref() == Some(code);
    let practices: Vec<_> = workspace.practices.iter().filter(|p| in_area(p)).collect();
    let former_practices: Vec<_> = workspace
        .former_practices
        .iter()
        .filter(|f| in_area(&f.practice))
        .collect();
    let pcn_codes: HashSet<&str> = practices.iter().map(|p| p.pcn_code.as_str()).collect();
    let mut kept: HashSet<&str> = pcn_codes.clone();
    kept.extend(practices.iter().map(|p| p.code.as_str()));
    kept.extend(former_practices.iter().map(|f| f.practice.code.as_str()));
    kept.insert(code);
    kept.insert(ENGLAND_CODE);
    let mut series: Vec<_> = workspace
        .series
        .iter()
        .filter(|s| kept.contains(s.area_code.as_str()))
        .cloned()
        .collect();
    if workspace.practices.len() > ENGLAND_WIDE_PRACTICES {
        let given: HashSet<&str> = workspace
            .series
            .iter()
            .filter(|s| s.area_code == ENGLAND_CODE)
            .map(|s| s.indicator_id.as_str())
            .collect();
        for indicator in &workspace.indicators {
            if given.contains(indicator.id.as_str()) {
                continue;
            }
            if let Some(mut england) = area_series(workspace, &indicator.id, CITY_CODE) {
                england.area_code = ENGLAND_CODE.to_string();
                series.push(england);
            }
        }
    }
    let mut registrations_by_age: Vec<AgeProfile> = workspace
        .registrations_by_age
        .iter()
        .filter(|p| kept.contains(p.practice_code.as_str()))
        .cloned()
        .collect();
    // England's age structure, for the Population page's comparison, from every
    // practice when the files cover England.
    if workspace.practices.len() > ENGLAND_WIDE_PRACTICES {
        if let Some(england) =
            crate::population::summed_profile(ENGLAND_CODE, workspace.registrations_by_age.iter())
        {
            registrations_by_age.push(england);
        }
    }
    let name = workspace
        .areas
        .iter()
        .find(|a| a.code == code)
        .map_or_else(|| code.to_string(), |a| a.name.clone());
    Workspace {
        place: name,
        place_code: Some(code.to_string()),
        stated_population: None,
        stated_population_as_of: None,
        pcns: workspace
            .pcns
            .iter()
            .filter(|p| pcn_codes.contains(p.code.as_str()))
            .cloned()
            .collect(),
        practices: practices.into_iter().cloned().collect(),
        former_practices: former_practices.into_iter().cloned().collect(),
        series,
        published_verdicts: workspace
            .published_verdicts
            .iter()
            .filter(|v| kept.contains(v.area_code.as_str()))
            .cloned()
            .collect(),
        indicators: workspace.indicators.clone(),
        targets: workspace.targets.clone(),
        source: workspace.source.clone(),
        illustrative: workspace.illustrative,
        provenance: workspace.provenance.clone(),
        areas: workspace.areas.clone(),
        registrations_by_age,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ListSizeSource, Practice};

    fn practice(code: &str, area: &str, pcn: &str) -> Practice {
        Practice {
            code: code.into(),
            name: format!("Practice {code}"),
            pcn_code: pcn.into(),
            list_size: 1_000,
            list_size_source: ListSizeSource::Reported,
            list_size_as_of: None,
            postcode: None,
            location: None,
            location_source: None,
            neighbourhood: None,
            area_code: Some(area.into()),
            opened: None,
            list_sizes: Vec::new(),
        }
    }

    fn two_areas() -> Workspace {
        let mut ws = crate::ingest::combine(Vec::new()).0;
        ws.practices = vec![
            practice("A1", "04C", "U1"),
            practice("A2", "04C", "U1"),
            practice("B1", "03W", "U2"),
        ];
        ws.areas = vec![
            Area {
                code: "04C".into(),
                name: "NHS Leicester City".into(),
            },
            Area {
                code: "03W".into(),
                name: "NHS East Leicestershire and Rutland".into(),
            },
        ];
        ws
    }

    #[test]
    fn one_area_offers_no_choice_and_several_are_listed_by_name() {
        let mut ws = two_areas();
        let choices = area_choices(&ws);
        let names: Vec<(&str, usize)> = choices
            .iter()
            .map(|c| (c.code.as_str(), c.practices))
            .collect();
        assert_eq!(names, [("03W", 1), ("04C", 2)]);
        assert_eq!(shown_area(&ws, Some("04C")).unwrap().code, "04C");
        assert_eq!(shown_area(&ws, Some("XXX")).unwrap().code, "03W");
        ws.practices.pop();
        assert!(area_choices(&ws).is_empty());
        assert!(shown_area(&ws, Some("04C")).is_none());
    }

    #[test]
    fn an_area_keeps_its_own_practices_and_pcns_and_is_named_after() {
        let ws = two_areas();
        let shown = within_area(&ws, "04C");
        assert_eq!(shown.place, "NHS Leicester City");
        assert_eq!(shown.place_code.as_deref(), Some("04C"));
        let codes: Vec<&str> = shown.practices.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["A1", "A2"]);
        assert!(shown.pcns.iter().all(|p| p.code == "U1"));
    }
}
