//! `pcatlas summary`: headline figures of the embedded default.

use atlas_core::{default_data, summary::Headline};
use std::process::ExitCode;

pub fn run() -> ExitCode {
    let workspace = default_data::leicester_city();
    let headline = Headline::of(&workspace);
    println!("place: {}", workspace.place);
    println!("pcns: {}", headline.pcns);
    println!("practices: {}", headline.practices);
    println!("total_list_size: {}", headline.registered_population);
    if let Some(published) = headline.published_pcn_total {
        println!("published_pcn_total: {published}");
    }
    if let Some(stated) = headline.stated_population {
        println!("stated_population: {stated}");
    }
    ExitCode::SUCCESS
}
