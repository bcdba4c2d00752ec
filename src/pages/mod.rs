//! One module per route.

pub mod data;
pub mod map;
pub mod methods;
pub mod not_found;
pub mod overview;
pub mod practices;
pub mod trajectories;
pub mod variation;
