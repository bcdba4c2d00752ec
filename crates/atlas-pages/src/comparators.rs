//! The choice of comparator a page offers (`?against=`): every [`Against`], England
//! only where the data give England's values for the measures.

use atlas_core::comparator::{england_measures, Against};
use atlas_core::model::Workspace;

/// A choice of comparator: its id, its words, and whether these data allow it.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparatorChoice {
    pub id: &'static str,
    pub words: String,
    pub offered: bool,
}

/// Every comparator, worded by `words`; England marked "not in these data" and not
/// offered when no measure has England's value.
pub fn comparator_choices(
    ws: &Workspace,
    words: impl Fn(Against) -> String,
) -> Vec<ComparatorChoice> {
    let england = england_measures(ws) > 0;
    Against::ALL
        .into_iter()
        .map(|a| {
            let offered = a != Against::England || england;
            ComparatorChoice {
                id: a.id(),
                words: if offered {
                    words(a)
                } else {
                    format!("{} (not in these data)", words(a))
                },
                offered,
            }
        })
        .collect()
}

/// The city and England only, for pages whose areas have no PCN or similar practices of
/// their own (a funnel's one centre, a neighbourhood); `city` words the city's choice.
pub fn city_or_england(ws: &Workspace, city: &str) -> Vec<ComparatorChoice> {
    comparator_choices(ws, |a| match a {
        Against::England => "England".to_string(),
        _ => city.to_string(),
    })
    .into_iter()
    .filter(|c| matches!(Against::parse(c.id), Against::Place | Against::England))
    .collect()
}
