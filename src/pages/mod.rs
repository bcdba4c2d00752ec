//! One module per route.

pub mod briefing;
pub mod compare;
pub mod data;
pub mod definitions;
pub mod equity;
pub mod inequalities;
pub mod map;
pub mod methods;
pub mod not_found;
pub mod overview;
pub mod pcns;
pub mod population;
pub mod practices;
pub mod priorities;
#[cfg(feature = "risk")]
pub mod risk;
pub mod scorecard;
pub mod trajectories;
pub mod variation;
pub mod workforce;
