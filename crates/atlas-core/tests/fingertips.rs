//! Fingertips' own verdicts, reproduced: each GP row of a Fingertips export compared with
//! England by the method Fingertips uses for the indicator, counted against the export's
//! "Compared to England value or percentiles" column. Skips, with a message, when
//! `shared/realdata` is absent.

mod common;

use atlas_core::model::Polarity;
use atlas_core::stats::benchmark::{compare, compare_spc_proportion, Comparison, SPC_Z_99_8};
use atlas_core::stats::ci;
use std::collections::HashMap;

/// An export's rows as header name → cell.
fn export(relative: &str) -> Option<Vec<HashMap<String, String>>> {
    let path = common::real(relative)?;
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    Some(
        reader
            .records()
            .map(|r| {
                header
                    .iter()
                    .cloned()
                    .zip(r.unwrap().iter().map(str::to_string))
                    .collect()
            })
            .collect(),
    )
}

fn word(c: Comparison) -> &'static str {
    match c {
        Comparison::Higher => "Higher",
        Comparison::Lower => "Lower",
        Comparison::Similar => "Similar",
        _ => "Not compared",
    }
}

/// For every GP row compared with England: how many published verdicts SPC for
/// proportions at 99.8%, interval overlap at 95% and at 99.8% reproduce.
struct Agreement {
    compared: usize,
    spc_99_8: usize,
    overlap_95: usize,
    overlap_99_8: usize,
}

fn agreement(rows: &[HashMap<String, String>]) -> Agreement {
    // England's value in each period (prevalence has no better or worse).
    let england: HashMap<&str, f64> = rows
        .iter()
        .filter(|r| r["Area Code"] == "E92000001" && r["Category"].is_empty())
        .map(|r| {
            (
                r["Time period"].as_str(),
                r["Value"].parse::<f64>().unwrap() / 100.0,
            )
        })
        .collect();
    let mut a = Agreement {
        compared: 0,
        spc_99_8: 0,
        overlap_95: 0,
        overlap_99_8: 0,
    };
    for row in rows.iter().filter(|r| r["Area Type"] == "GPs") {
        let published = row["Compared to England value or percentiles"].as_str();
        let Some(&p0) = england.get(row["Time period"].as_str()) else {
            continue;
        };
        if !matches!(published, "Higher" | "Lower" | "Similar") {
            continue;
        }
        a.compared += 1;
        let p = row["Value"].parse::<f64>().unwrap() / 100.0;
        let (count, n): (f64, f64) = (
            row["Count"].parse().unwrap(),
            row["Denominator"].parse().unwrap(),
        );
        let none = Polarity::NoJudgement;
        a.spc_99_8 +=
            usize::from(word(compare_spc_proportion(p, n, p0, SPC_Z_99_8, none)) == published);
        let e = ci::proportion(count, n).unwrap();
        a.overlap_95 += usize::from(word(compare(e.ci_95, p0, none)) == published);
        a.overlap_99_8 += usize::from(word(compare(e.ci_99_8, p0, none)) == published);
    }
    a
}

#[test]
fn dementia_prevalence_verdicts_are_fingertips_own_by_spc_for_proportions() {
    let Some(rows) = export("fingertips-dementia-prevalence/dementia_qof_prev.csv") else {
        return;
    };
    let a = agreement(&rows);
    println!(
        "dementia QOF prevalence, {} practice-years compared with England: SPC for proportions at 99.8% agrees with {}, interval overlap at 95% with {}, at 99.8% with {}",
        a.compared, a.spc_99_8, a.overlap_95, a.overlap_99_8
    );
    assert_eq!(a.compared, 196);
    assert_eq!(
        a.spc_99_8, a.compared,
        "SPC for proportions at 99.8% is Fingertips' method here"
    );
    // The rule used elsewhere disagrees: the method matters.
    assert!(a.overlap_95 < a.compared);
}

#[test]
fn learning_disability_prevalence_verdicts_are_fingertips_own_too() {
    // The interval-overlap rules do not reproduce these; SPC for proportions at 99.8%
    // around England's value for all persons (the rows with no category: the export
    // also holds England by deprivation decile) reproduces every one.
    let Some(rows) = export("fingertips-learning-disability-prevalence/ld_qof_prev.csv") else {
        return;
    };
    let a = agreement(&rows);
    println!(
        "learning disability QOF prevalence, {} practice-years compared with England: SPC for proportions at 99.8% agrees with {}, interval overlap at 95% with {}, at 99.8% with {}",
        a.compared, a.spc_99_8, a.overlap_95, a.overlap_99_8
    );
    assert_eq!(a.compared, 126);
    assert_eq!(a.spc_99_8, a.compared);
    assert!(a.overlap_95 < a.compared && a.overlap_99_8 < a.compared);
}

#[test]
fn ae_under_5s_verdicts_are_interval_overlap_at_95() {
    // A&E attendances (0 to 4 years) is a crude rate per 1,000 (attendances can
    // outnumber children) where lower is better: Fingertips compares it by interval
    // overlap at 95%, with England and with the practice's PCN. With the export's own
    // intervals that rule reproduces every verdict. The export's counts are rounded to
    // the nearest 5 (hospital episode statistics' disclosure rule; every GP count is a
    // multiple of 5) while its intervals come from the unrounded counts, so intervals
    // recomputed from the rounded counts (Byar's) agree with fewer.
    let Some(rows) = export("fingertips-ae-attendances-0-4/ed_under5.csv") else {
        return;
    };
    let value = |r: &HashMap<String, String>, column: &str| r[column].parse::<f64>().ok();
    let england = rows
        .iter()
        .filter(|r| r["Area Code"] == "E92000001" && r["Category"].is_empty())
        .find(|r| r["Sex"] == "Persons" && r["Time period"] == "2021/22")
        .and_then(|r| value(r, "Value"))
        .unwrap();
    let pcn: HashMap<&str, f64> = rows
        .iter()
        .filter(|r| r["Area Type"].starts_with("PCNs"))
        .filter_map(|r| Some((r["Area Code"].as_str(), value(r, "Value")?)))
        .collect();
    let word = |c: Comparison| match c {
        Comparison::Better => "Better",
        Comparison::Worse => "Worse",
        Comparison::Similar => "Similar",
        _ => "Not compared",
    };
    // (compared, agree with the export's intervals, agree with ours)
    let mut with_england = (0, 0, 0);
    let mut with_pcn = (0, 0, 0);
    for row in rows.iter().filter(|r| r["Area Type"] == "GPs") {
        let (Some(count), Some(n), Some(lower), Some(upper)) = (
            value(row, "Count"),
            value(row, "Denominator"),
            value(row, "Lower CI 95.0 limit"),
            value(row, "Upper CI 95.0 limit"),
        ) else {
            continue;
        };
        assert_eq!(count % 5.0, 0.0, "{}: count {count}", row["Area Code"]);
        let published_interval = atlas_core::stats::Interval { lower, upper };
        let (ours, _) = ci::rate(count, n, 1000.0).unwrap();
        let tally = |tally: &mut (usize, usize, usize), published: &str, comparator: f64| {
            if matches!(published, "Better" | "Worse" | "Similar") {
                let verdict = |interval| word(compare(interval, comparator, Polarity::LowIsGood));
                tally.0 += 1;
                tally.1 += usize::from(verdict(published_interval) == published);
                tally.2 += usize::from(verdict(ours.ci_95) == published);
            }
        };
        tally(
            &mut with_england,
            &row["Compared to England value or percentiles"],
            england,
        );
        if let Some(&p) = pcn.get(row["Parent Code"].as_str()) {
            tally(
                &mut with_pcn,
                &row["Compared to PCNs (v. 27/10/23) value or percentiles"],
                p,
            );
        }
    }
    println!(
        "A&E attendances (0 to 4 years), 2021/22, interval overlap at 95%: against England {} verdicts, {} reproduced with the export's intervals, {} with Byar's from its rounded counts; against the practice's PCN {}, {} and {}",
        with_england.0, with_england.1, with_england.2, with_pcn.0, with_pcn.1, with_pcn.2
    );
    assert_eq!(with_england.0, 6342);
    assert_eq!(with_england.1, with_england.0);
    assert_eq!(with_pcn.0, 5915);
    assert_eq!(with_pcn.1, with_pcn.0);
    // Rounding moves few verdicts: at least 98% still agree.
    assert!(with_england.2 * 100 >= with_england.0 * 98);
    assert!(with_pcn.2 * 100 >= with_pcn.0 * 98);
}

/// Each series' published "Recent Trend" against ours from its counts, as
/// (published, reproduced).
fn trend_agreement(rows: &[HashMap<String, String>]) -> (usize, usize) {
    use atlas_core::stats::trend::{recent_trend_of_proportion, CountPoint, Trend};
    // One series per area, sex and category, in period order (the export repeats
    // England's rows, once as an area and once as its own parent).
    type Key<'a> = (&'a str, &'a str, &'a str, &'a str);
    let mut series: HashMap<Key, Vec<(&str, f64, f64)>> = HashMap::new();
    let mut published: HashMap<Key, &str> = HashMap::new();
    for r in rows {
        let key = (
            r["Area Code"].as_str(),
            r["Sex"].as_str(),
            r["Category Type"].as_str(),
            r["Category"].as_str(),
        );
        let points = series.entry(key).or_default();
        let period = r["Time period Sortable"].as_str();
        if points.iter().any(|p| p.0 == period) {
            continue;
        }
        if let (Ok(count), Ok(n)) = (r["Count"].parse(), r["Denominator"].parse()) {
            points.push((period, count, n));
        }
        if !r["Recent Trend"].is_empty() {
            published.insert(key, r["Recent Trend"].as_str());
        }
    }
    let (mut total, mut agree) = (0, 0);
    for (key, marker) in published {
        let mut points = series.remove(&key).unwrap_or_default();
        points.sort_by_key(|p| p.0);
        let counts: Vec<CountPoint> = points
            .iter()
            .map(|&(_, count, denominator)| CountPoint { count, denominator })
            .collect();
        let ours = match recent_trend_of_proportion(&counts, Polarity::NoJudgement) {
            Ok(t) => match t.trend {
                Trend::Increasing => "Increasing",
                Trend::Decreasing => "Decreasing",
                Trend::NoSignificantChange => "No significant change",
                Trend::CannotBeCalculated => "Cannot be calculated",
            },
            Err(_) => "Cannot be calculated",
        };
        total += 1;
        if ours == marker {
            agree += 1;
        } else {
            println!("{key:?}: published {marker}, ours {ours}");
        }
    }
    (total, agree)
}

#[test]
fn recent_trends_are_fingertips_own_from_the_counts() {
    for (file, expected) in [
        ("fingertips-dementia-prevalence/dementia_qof_prev.csv", 15),
        (
            "fingertips-learning-disability-prevalence/ld_qof_prev.csv",
            25,
        ),
        ("fingertips-ae-attendances-0-4/ed_under5.csv", 33),
    ] {
        let Some(rows) = export(file) else {
            return;
        };
        let (total, agree) = trend_agreement(&rows);
        println!("{file}: {agree} of {total} published recent-trend markers reproduced");
        assert_eq!(total, expected, "{file}");
        assert_eq!(agree, total, "{file}");
    }
}

/// The export read as the Data page reads it: its indicator, with what the export's own
/// verdicts settled, and the report's note.
fn read_export(relative: &str) -> Option<atlas_core::ingest::ReadFile> {
    let path = common::real(relative)?;
    let bytes = std::fs::read(&path).unwrap();
    Some(atlas_core::ingest::read_file(
        path.file_name().unwrap().to_str().unwrap(),
        bytes.as_slice(),
    ))
}

#[test]
fn reading_an_export_keeps_fingertips_verdicts_and_settles_the_method_from_them() {
    use atlas_core::model::Unit;
    use atlas_core::stats::benchmark::ComparisonMethod;
    for (file, id, unit, polarity, method, verdicts) in [
        (
            "fingertips-dementia-prevalence/dementia_qof_prev.csv",
            "fingertips_247",
            Unit::Proportion,
            Polarity::NoJudgement,
            ComparisonMethod::Spc99_8,
            196,
        ),
        (
            "fingertips-learning-disability-prevalence/ld_qof_prev.csv",
            "fingertips_200",
            Unit::Proportion,
            Polarity::NoJudgement,
            ComparisonMethod::Spc99_8,
            126,
        ),
        (
            "fingertips-ae-attendances-0-4/ed_under5.csv",
            "fingertips_93930",
            Unit::Rate { per: 1000.0 },
            Polarity::LowIsGood,
            ComparisonMethod::Overlap95,
            // 6,342 practices and 1,191 PCNs.
            6342 + 1191,
        ),
    ] {
        let Some(read) = read_export(file) else {
            return;
        };
        let indicator = read
            .extract
            .indicators
            .iter()
            .find(|i| i.id == id)
            .unwrap_or_else(|| panic!("{file}: {:?}", read.extract.indicators));
        assert_eq!(indicator.unit, unit, "{file}");
        assert_eq!(indicator.polarity, polarity, "{file}");
        assert_eq!(indicator.comparison, method, "{file}");
        let kept = read
            .extract
            .published_verdicts
            .iter()
            .filter(|v| v.indicator_id == indicator.id)
            .count();
        let note = read
            .report
            .problems
            .iter()
            .find(|p| {
                p.reason
                    .contains("reproduces most of its published verdicts")
            })
            .unwrap();
        println!("{file}: {kept} verdicts kept; {}", note.reason);
        assert_eq!(kept, verdicts, "{file}");
    }
}

#[test]
fn the_scorecard_sets_fingertips_verdict_beside_ours() {
    // The dementia export with the 14 practices it covers: each practice's cell against
    // England carries Fingertips' published verdict, and ours (SPC for proportions at
    // 99.8%, settled from the export) agrees with every one.
    let Some(export) = read_export("fingertips-dementia-prevalence/dementia_qof_prev.csv") else {
        return;
    };
    let codes: Vec<String> = export
        .extract
        .published_verdicts
        .iter()
        .map(|v| v.area_code.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(codes.len(), 14);
    let mut practices = String::from("practice_code,practice_name,pcn_code,pcn_name,list_size\n");
    for code in &codes {
        practices.push_str(&format!("{code},Practice {code},U00001,One PCN,5000\n"));
    }
    let practices = atlas_core::ingest::read_file("practices.csv", practices.as_bytes());
    let (workspace, _) = atlas_core::ingest::combine(vec![practices, export]);
    let card = atlas_core::scoring::scorecard(&workspace);
    let k = card
        .indicators
        .iter()
        .position(|i| i.id == "fingertips_247")
        .expect("on the scorecard");
    let mut agreeing = 0;
    for area in &card.practices {
        let cell = &area.cells[k];
        let published = cell
            .published
            .as_deref()
            .unwrap_or_else(|| panic!("{}", area.area_code));
        assert!(published.starts_with("Fingertips: "), "{published}");
        assert!(cell.england.is_some(), "{}", area.area_code);
        agreeing += usize::from(published.ends_with("(ours agrees)"));
    }
    println!(
        "{agreeing} of {} practices: ours agrees with Fingertips in 2022/23",
        card.practices.len()
    );
    assert_eq!(agreeing, 14);
    let csv = atlas_core::scoring::scorecard_table(&card, atlas_core::scoring::AreaLevel::Practice)
        .to_csv();
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .contains("Publisher's verdict against England"));
    assert!(csv.contains("(ours agrees)"));
}

#[test]
fn a_practice_profile_gives_fingertips_recent_trend() {
    // Each of the 14 practices' profile rows for dementia prevalence carries the recent
    // trend, and it is the export's own "Recent Trend" marker for every one.
    let Some(export) = read_export("fingertips-dementia-prevalence/dementia_qof_prev.csv") else {
        return;
    };
    let rows = export_rows("fingertips-dementia-prevalence/dementia_qof_prev.csv");
    let published: HashMap<String, String> = rows
        .iter()
        .filter(|r| r["Area Type"] == "GPs" && !r["Recent Trend"].is_empty())
        .map(|r| (r["Area Code"].clone(), r["Recent Trend"].clone()))
        .collect();
    assert_eq!(published.len(), 14);
    let mut practices = String::from("practice_code,practice_name,pcn_code,pcn_name,list_size\n");
    for code in published.keys() {
        practices.push_str(&format!("{code},Practice {code},U00001,One PCN,5000\n"));
    }
    let practices = atlas_core::ingest::read_file("practices.csv", practices.as_bytes());
    let (workspace, _) = atlas_core::ingest::combine(vec![practices, export]);
    for (code, marker) in &published {
        let profile = atlas_core::profile::practice_profile(&workspace, code);
        let row = profile
            .iter()
            .find(|r| r.indicator_id == "fingertips_247")
            .unwrap();
        assert_eq!(&row.trend, marker, "{code}");
    }
}

fn export_rows(relative: &str) -> Vec<HashMap<String, String>> {
    export(relative).unwrap()
}
