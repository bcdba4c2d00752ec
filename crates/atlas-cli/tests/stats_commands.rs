//! Runs the built `pcatlas` binary on the CSV files in `tests/data` and checks the
//! output columns against the contract in README.md.
//!
//! Expected numbers were computed independently in Python with SciPy from the
//! published formulas (see the unit tests in atlas-core for each derivation).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin_text: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pcatlas"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pcatlas starts");
    // The binary may exit before reading its input (bad arguments): a broken pipe
    // here is expected then, and the exit status tells the story.
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(stdin_text.as_bytes());
    }
    let out = child.wait_with_output().expect("pcatlas finishes");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

fn data(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read_to_string(path).expect("test data file")
}

/// Output as header + rows of cells.
struct Csv {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Csv {
    fn parse(text: &str) -> Csv {
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .map(|r| r.expect("row").iter().map(str::to_string).collect())
            .collect();
        Csv { headers, rows }
    }

    fn get(&self, row: usize, column: &str) -> &str {
        let i = self
            .headers
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column {column} in {:?}", self.headers));
        &self.rows[row][i]
    }

    fn num(&self, row: usize, column: &str) -> f64 {
        let cell = self.get(row, column);
        cell.parse()
            .unwrap_or_else(|_| panic!("row {row} {column} = '{cell}' is not a number"))
    }
}

fn ok(args: &[&str], file: &str) -> Csv {
    let r = run(args, &data(file));
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    Csv::parse(&r.stdout)
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs().max(1e-9),
        "{actual} vs {expected}"
    );
}

fn headers(csv: &Csv, expected: &[&str]) {
    assert_eq!(csv.headers, expected);
}

const EST: [&str; 5] = ["value", "lower_95", "upper_95", "lower_99_8", "upper_99_8"];

fn with_estimate(input: &[&str], extra: &[&str]) -> Vec<String> {
    input
        .iter()
        .chain(EST.iter())
        .chain(extra.iter())
        .map(|s| s.to_string())
        .collect()
}

#[test]
fn ci_proportion() {
    let out = ok(
        &["ci", "proportion", "--multiplier", "100"],
        "proportion.csv",
    );
    let expected = with_estimate(&["area", "Numerator", "Denominator", "comment"], &["note"]);
    assert_eq!(out.headers, expected);
    assert_eq!(out.rows.len(), 9);
    // Wilson 60/100 × 100 (SciPy): 50.20025867910618 … 73.61863661004433.
    assert_eq!(out.get(0, "comment"), "ordinary");
    close(out.num(0, "value"), 60.0);
    close(out.num(0, "lower_95"), 50.200_258_679_106_18);
    close(out.num(0, "upper_95"), 69.059_871_356_754_11);
    close(out.num(0, "lower_99_8"), 44.637_944_644_356_55);
    close(out.num(0, "upper_99_8"), 73.618_636_610_044_33);
    assert_eq!(out.get(0, "note"), "");
    close(out.num(1, "upper_95"), 7.134_759_913_335_871);
    assert_eq!(out.get(1, "lower_95"), "0");
    // Every bad row keeps its place, empty new columns and a reason.
    for (row, words) in [
        (2, "denominator must be greater than zero"),
        (3, "denominator must be greater than zero"),
        (4, "above denominator"),
        (5, "not a number"),
        (6, "not a finite number"),
        (7, "not a finite number"),
        (8, "missing"),
    ] {
        for column in EST {
            assert_eq!(out.get(row, column), "", "row {row} {column}");
        }
        assert!(
            out.get(row, "note").contains(words),
            "row {row}: {}",
            out.get(row, "note")
        );
    }
}

#[test]
fn ci_proportion_defaults_to_a_fraction() {
    let r = run(&["ci", "proportion"], "numerator,denominator\n1,4\n");
    assert_eq!(r.code, 0);
    let out = Csv::parse(&r.stdout);
    assert_eq!(out.get(0, "value"), "0.25");
}

#[test]
fn ci_rate() {
    let out = ok(&["ci", "rate"], "rate.csv");
    headers(
        &out,
        &with_estimate(&["area", "numerator", "denominator"], &["method", "note"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    // 5/1000 per 100,000: exact chi-squared limits (SciPy chi2.ppf) × 100.
    close(out.num(0, "value"), 500.0);
    assert_eq!(out.get(0, "method"), "Exact");
    assert!((out.num(0, "lower_95") - 162.348_639_011_842_07).abs() < 1e-6);
    assert!((out.num(0, "upper_95") - 1_166.833_207_932_267).abs() < 1e-6);
    // 100/50,000: Byar's limits × 2.
    assert_eq!(out.get(1, "method"), "Byars");
    close(out.num(1, "lower_95"), 162.724_210_981_055_76);
    close(out.num(1, "upper_95"), 243.255_875_158_413);
    // 0 events: lower 0, upper χ²(0.975; 2)/2 = 3.6888794541139354 per 1000.
    assert_eq!(out.get(2, "lower_95"), "0");
    assert!((out.num(2, "upper_95") - 368.887_945_411_393_54).abs() < 1e-6);
    assert!(out.get(3, "note").contains("zero or more"));
    assert!(out.get(4, "note").contains("greater than zero"));
    assert_eq!(out.get(4, "method"), "");
}

#[test]
fn ci_mean() {
    let out = ok(&["ci", "mean"], "mean.csv");
    headers(
        &out,
        &[
            "group",
            "n",
            "mean",
            "sd",
            "lower_95",
            "upper_95",
            "lower_99_8",
            "upper_99_8",
            "note",
        ],
    );
    let groups: Vec<&str> = (0..out.rows.len()).map(|r| out.get(r, "group")).collect();
    assert_eq!(groups, ["a", "b", "c", "d", "e"]);
    // a = [1,2,3,4,5,10] (SciPy t.ppf): mean 4.1667, sd 3.1885, 95% 0.8205 – 7.5128.
    assert_eq!(out.get(0, "n"), "6");
    close(out.num(0, "mean"), 4.166_666_666_666_667);
    close(out.num(0, "sd"), 3.188_521_078_284_831_7);
    assert!((out.num(0, "lower_95") - 0.820_519_008_554_99).abs() < 1e-8);
    assert!((out.num(0, "upper_99_8") - 11.838_192_681_208_664).abs() < 1e-8);
    assert!(out.get(0, "note").contains("blank"));
    assert!(out.get(1, "note").contains("at least 2"));
    assert!(out.get(2, "note").contains("empty group"));
    assert!(out.get(3, "note").contains("not a number"));
    assert_eq!(out.get(3, "mean"), "");
}

#[test]
fn ci_dsr() {
    let out = ok(&["ci", "dsr"], "dsr.csv");
    headers(
        &out,
        &[
            "area",
            "total_count",
            "value",
            "lower_95",
            "upper_95",
            "lower_99_8",
            "upper_99_8",
            "note",
        ],
    );
    // Dobson with ESP 2013 (NumPy): 256.70679892566307, 95% 222.71045028079433 –
    // 294.3988053006965, 99.8% 204.74077507633476 – 317.16376434857324.
    for row in [0, 1] {
        assert_eq!(out.get(row, "total_count"), "207");
        close(out.num(row, "value"), 256.706_798_925_663_07);
        close(out.num(row, "lower_95"), 222.710_450_280_794_33);
        close(out.num(row, "upper_95"), 294.398_805_300_696_5);
        close(out.num(row, "lower_99_8"), 204.740_775_076_334_76);
        close(out.num(row, "upper_99_8"), 317.163_764_348_573_24);
    }
    assert_eq!(out.get(1, "area"), "Labelled");
    assert_eq!(out.get(2, "total_count"), "5");
    assert_eq!(out.get(2, "value"), "");
    assert!(out.get(2, "note").contains("below 10"));
    assert!(out.get(3, "note").contains("missing age bands: 90+"));
    assert!(out.get(4, "note").contains("greater than zero"));
    assert!(out.get(5, "note").contains("age_band 'old'"));
}

#[test]
fn ci_dsr_multiplier() {
    let out = ok(&["ci", "dsr", "--multiplier", "1000"], "dsr.csv");
    close(out.num(0, "value"), 2.567_067_989_256_630_7);
}

#[test]
fn compare_against_the_pooled_benchmark() {
    // Benchmark = (60 + 20 + 40)/300 = 0.4: North's interval lies above it, South's
    // below, East's contains it.
    let out = ok(&["compare", "--polarity", "high"], "compare.csv");
    headers(
        &out,
        &with_estimate(
            &["area", "numerator", "denominator"],
            &["compared_95", "compared_99_8", "note"],
        )
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>(),
    );
    let words = |out: &Csv, row| {
        (
            out.get(row, "compared_95").to_string(),
            out.get(row, "compared_99_8").to_string(),
        )
    };
    assert_eq!(words(&out, 0), ("better".into(), "better".into()));
    assert_eq!(words(&out, 1), ("worse".into(), "worse".into()));
    assert_eq!(words(&out, 2), ("similar".into(), "similar".into()));
    assert!(out.get(3, "note").contains("not a number"));
    let low = ok(&["compare", "--polarity", "low"], "compare.csv");
    assert_eq!(words(&low, 0), ("worse".into(), "worse".into()));
    let none = ok(&["compare", "--polarity", "none"], "compare.csv");
    assert_eq!(words(&none, 0), ("higher".into(), "higher".into()));
    assert_eq!(words(&none, 1), ("lower".into(), "lower".into()));
}

#[test]
fn compare_levels_can_differ() {
    // Benchmark 0.5: 60/100 has 95% interval 0.502–0.691 (above 0.5: better) but 99.8%
    // interval 0.446–0.736 (contains 0.5: similar).
    let out = ok(
        &["compare", "--polarity", "high", "--benchmark", "0.5"],
        "compare.csv",
    );
    assert_eq!(out.get(0, "compared_95"), "better");
    assert_eq!(out.get(0, "compared_99_8"), "similar");
}

#[test]
fn compare_never_an_area_against_itself() {
    let r = run(
        &["compare", "--polarity", "high"],
        "area,numerator,denominator\nOnly,60,100\nOnly,20,100\n",
    );
    let out = Csv::parse(&r.stdout);
    assert_eq!(out.get(0, "compared_95"), "");
    assert!(out.get(0, "note").contains("own value"));
    let r = run(
        &[
            "compare",
            "--polarity",
            "high",
            "--benchmark-area",
            "England",
        ],
        "area,numerator,denominator\nEngland,400,1000\nA,60,100\n",
    );
    let out = Csv::parse(&r.stdout);
    assert_eq!(out.get(0, "compared_95"), "");
    assert_eq!(out.get(1, "compared_95"), "better");
}

#[test]
fn funnel_proportion() {
    let out = ok(&["funnel", "proportion"], "funnel_proportion.csv");
    headers(
        &out,
        &[
            "area",
            "numerator",
            "denominator",
            "value",
            "baseline",
            "lower_95",
            "upper_95",
            "lower_99_8",
            "upper_99_8",
            "significance",
            "note",
        ],
    );
    // θ = 500/1260; limits θ ∓ z√(θ(1−θ)/n) (SciPy), significance by PHE's order.
    close(out.num(0, "baseline"), 0.396_825_396_825_396_8);
    close(out.num(0, "lower_95"), 0.300_936_274_352_273_16);
    close(out.num(0, "upper_95"), 0.492_714_519_298_520_45);
    close(out.num(0, "lower_99_8"), 0.245_639_116_662_158_85);
    close(out.num(0, "upper_99_8"), 0.548_011_676_988_634_7);
    let labels: Vec<&str> = (0..10).map(|r| out.get(r, "significance")).collect();
    assert_eq!(
        labels,
        [
            "Low (0.025)",
            "Not significant",
            "Not significant",
            "Low (0.001)",
            "High (0.025)",
            "Not significant",
            "Low (0.001)",
            "High (0.001)",
            "Not significant",
            "Not significant",
        ]
    );
    assert!(out.get(10, "note").contains("greater than zero"));
    assert!(out.get(11, "note").contains("above denominator"));
    assert_eq!(out.get(11, "significance"), "");
}

#[test]
fn funnel_proportion_multiplier_baseline_and_overdispersion() {
    let out = ok(
        &[
            "funnel",
            "proportion",
            "--multiplier",
            "100",
            "--baseline",
            "40",
        ],
        "funnel_proportion.csv",
    );
    close(out.num(0, "value"), 30.0);
    close(out.num(0, "baseline"), 40.0);
    // 40 ∓ 100·1.959964·√(0.24/100).
    close(
        out.num(0, "lower_95"),
        40.0 - 100.0 * 1.959_963_984_540_054 * (0.24f64 / 100.0).sqrt(),
    );
    // Overdispersion (NumPy, Spiegelhalter): at n = 100 the 95% limits widen to
    // 0.197217632928983 – 0.5964331607218106 and A is no longer significant.
    let od = ok(
        &["funnel", "proportion", "--overdispersion"],
        "funnel_proportion.csv",
    );
    close(od.num(0, "lower_95"), 0.197_217_632_928_983);
    close(od.num(0, "upper_95"), 0.596_433_160_721_810_6);
    assert_eq!(od.get(0, "significance"), "Not significant");
}

#[test]
fn funnel_ratio() {
    let out = ok(&["funnel", "ratio"], "funnel_ratio.csv");
    headers(
        &out,
        &[
            "area",
            "observed",
            "expected",
            "value",
            "lower_95",
            "upper_95",
            "lower_99_8",
            "upper_99_8",
            "significance",
            "note",
        ],
    );
    // E = 20 (SciPy gammainc + brentq): 0.5623829046344383 – 1.4853161867530627,
    // 0.36212067185206637 – 1.782514335404383; 30/20 = 1.5 is High (0.025).
    close(out.num(2, "value"), 1.5);
    assert!((out.num(2, "lower_95") - 0.562_382_904_634_438_3).abs() < 1e-9);
    assert!((out.num(2, "upper_95") - 1.485_316_186_753_062_7).abs() < 1e-9);
    assert!((out.num(2, "upper_99_8") - 1.782_514_335_404_383).abs() < 1e-9);
    assert_eq!(out.get(2, "significance"), "High (0.025)");
    // PHE's poisson_funnel: 200 observed is on the 95% upper limit at E = 173.2409.
    assert!((out.num(0, "upper_95") - 200.0 / 173.240_862_411_216_54).abs() < 1e-6);
    assert_eq!(out.get(1, "lower_95"), "0");
    assert_eq!(out.get(3, "significance"), "Low (0.025)");
    assert!(out
        .get(4, "note")
        .contains("expected must be greater than zero"));
    assert!(out.get(5, "note").contains("observed must be zero or more"));
    let od = ok(&["funnel", "ratio", "--overdispersion"], "funnel_ratio.csv");
    assert!(od.num(2, "upper_95") > out.num(2, "upper_95"));
}

#[test]
fn spc() {
    let out = ok(&["spc", "--target", "12"], "spc.csv");
    headers(
        &out,
        &[
            "period",
            "value",
            "mean",
            "lpl",
            "upl",
            "near_lpl",
            "near_upl",
            "point_type",
            "rule",
            "variation",
            "assurance",
            "note",
        ],
    );
    // Valid values: 10,11 ×7 and 30 (the 'oops' row is skipped): mean 177/15 = 11.8,
    // MR̄ = (13·1 + 19)/14; UPL = 11.8 + 2.66·32/14 = 17.88 (NumPy).
    close(out.num(0, "mean"), 11.8);
    close(out.num(0, "upl"), 17.88);
    close(out.num(0, "lpl"), 5.72);
    close(
        out.num(0, "near_upl"),
        11.8 + 2.0 * 2.66 / 3.0 * 32.0 / 14.0,
    );
    assert_eq!(out.get(0, "point_type"), "special_cause_concern");
    assert_eq!(out.get(0, "rule"), "run");
    assert_eq!(out.get(14, "value"), "oops");
    assert_eq!(out.get(14, "mean"), "");
    assert!(out.get(14, "note").contains("not a number"));
    assert_eq!(out.get(15, "point_type"), "special_cause_improvement");
    assert_eq!(out.get(15, "rule"), "beyond_limits");
    for row in [0, 15] {
        assert_eq!(out.get(row, "variation"), "improvement_high");
        assert_eq!(out.get(row, "assurance"), "hit_and_miss");
    }
    let decrease = ok(
        &["spc", "--improvement", "decrease", "--target", "20"],
        "spc.csv",
    );
    assert_eq!(decrease.get(15, "point_type"), "special_cause_concern");
    assert_eq!(decrease.get(15, "variation"), "concern_high");
    assert_eq!(decrease.get(15, "assurance"), "pass");
    let neutral = ok(&["spc", "--improvement", "neutral"], "spc.csv");
    assert_eq!(neutral.get(15, "point_type"), "special_cause_neutral_high");
    assert_eq!(neutral.get(0, "point_type"), "special_cause_neutral_low");
    assert_eq!(neutral.get(0, "variation"), "neutral_high");
    assert_eq!(neutral.get(0, "assurance"), "");
    // Screening the moving range of 19: MR̄ = 1, UPL = 11.8 + 2.66 = 14.46.
    let screened = ok(&["spc", "--screen-outliers"], "spc.csv");
    close(screened.num(0, "upl"), 14.46);
}

#[test]
fn spc_run_chart_below_15_points() {
    let r = run(
        &["spc"],
        "period,value\n1,1\n2,2\n3,3\n4,4\n5,5\n6,6\n7,7\n8,3\n",
    );
    assert_eq!(r.code, 0);
    let out = Csv::parse(&r.stdout);
    assert_eq!(out.get(0, "upl"), "");
    assert!(out.get(0, "note").contains("run chart"));
    // 1..7 strictly rising: a trend, every point flagged.
    for row in 0..7 {
        assert_eq!(out.get(row, "rule"), "trend", "row {row}");
    }
    assert_eq!(out.get(7, "rule"), "");
    // A trend of 8 is not reached.
    let r = run(
        &["spc", "--trend", "8"],
        "period,value\n1,1\n2,2\n3,3\n4,4\n5,5\n6,6\n7,7\n8,3\n",
    );
    assert_eq!(Csv::parse(&r.stdout).get(0, "rule"), "");
}

#[test]
fn spc_rebase() {
    let mut input = String::from("period,value\n");
    for i in 0..10 {
        input.push_str(&format!("p{i},{}\n", if i < 5 { 10 } else { 20 }));
    }
    let out = Csv::parse(&run(&["spc", "--rebase", "p5"], &input).stdout);
    close(out.num(0, "mean"), 10.0);
    close(out.num(9, "mean"), 20.0);
    assert_eq!(run(&["spc", "--rebase", "p99"], &input).code, 2);
}

#[test]
fn trend() {
    // Sorted by period; NumPy weighted fit: slope 1.6921, χ² 9.8556 > 9.5495.
    let out = ok(&["trend", "--polarity", "high"], "trend.csv");
    headers(&out, &["trend", "trend_polarity", "note"]);
    assert_eq!(out.rows.len(), 1);
    assert_eq!(out.get(0, "trend"), "increasing");
    assert_eq!(out.get(0, "trend_polarity"), "getting_better");
    let low = ok(&["trend", "--polarity", "low"], "trend.csv");
    assert_eq!(low.get(0, "trend_polarity"), "getting_worse");
    let none = ok(&["trend", "--polarity", "none"], "trend.csv");
    assert_eq!(none.get(0, "trend_polarity"), "");
    let r = run(
        &["trend", "--polarity", "high"],
        "period,value,lower_95,upper_95\n2020,1,0,2\n2021,2,1,3\n",
    );
    let short = Csv::parse(&r.stdout);
    assert_eq!(short.get(0, "trend"), "cannot_be_calculated");
    assert!(short.get(0, "note").contains("at least 5"));
    let flat = run(
        &["trend", "--polarity", "high"],
        "period,value,lower_95,upper_95\n1,10,9,11\n2,11,10,12\n3,10,9,11\n4,11,10,12\n5,10,9,11\n",
    );
    assert_eq!(
        Csv::parse(&flat.stdout).get(0, "trend"),
        "no_significant_change"
    );
}

#[test]
fn trend_of_counts() {
    // Fingertips' dementia export, A81001 (published "Decreasing") and A81016
    // (published "No significant change", though its intervals alone say decreasing),
    // given out of order: the chi-squared test for trend on the counts decides.
    let a81001 = "period,numerator,denominator\n2022/23,22,3996\n2018/19,61,4117\n2019/20,49,4111\n2020/21,29,4098\n2021/22,26,4045\n";
    let out = Csv::parse(&run(&["trend", "--polarity", "high", "--counts"], a81001).stdout);
    headers(&out, &["trend", "trend_polarity", "note"]);
    assert_eq!(out.get(0, "trend"), "decreasing");
    assert_eq!(out.get(0, "trend_polarity"), "getting_worse");
    let a81016 = "period,numerator,denominator\n2018/19,73,10203\n2019/20,76,10504\n2020/21,64,10411\n2021/22,62,10969\n2022/23,51,11601\n";
    let out = Csv::parse(&run(&["trend", "--polarity", "none", "--counts"], a81016).stdout);
    assert_eq!(out.get(0, "trend"), "no_significant_change");
    // A count of zero has no log-odds: said, not guessed.
    let zero = a81016.replace(",51,", ",0,");
    let out = Csv::parse(&run(&["trend", "--polarity", "none", "--counts"], &zero).stdout);
    assert_eq!(out.get(0, "trend"), "cannot_be_calculated");
    assert!(
        out.get(0, "note").contains("log-odds"),
        "{}",
        out.get(0, "note")
    );
    // Without the count columns: a usage error naming them.
    let r = run(
        &["trend", "--polarity", "none", "--counts"],
        "period,value,lower_95,upper_95\n2020,1,0,2\n",
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("numerator"), "{}", r.stderr);
}

#[test]
fn percentile() {
    // Excel =PERCENTILE.INC({15,20,35,40,50}, 0.4) = 29; 'n/a' is left out.
    let out = ok(&["percentile", "--p", "0.4"], "percentile.csv");
    headers(&out, &["p", "percentile"]);
    assert_eq!(out.get(0, "p"), "0.4");
    close(out.num(0, "percentile"), 29.0);
}

#[test]
fn bad_arguments_and_unreadable_input_exit_2() {
    let cases: [(&[&str], &str); 13] = [
        (
            &["compare", "--polarity", "high", "--benchmark", "40"],
            "area,numerator,denominator\nA,1,2\n",
        ),
        (&["ci", "proportion"], "value\n1\n"),
        (&["ci", "proportion"], ""),
        (
            &["ci", "proportion", "--multiplier", "0"],
            "numerator,denominator\n1,2\n",
        ),
        (
            &["ci", "rate", "--multiplier", "abc"],
            "numerator,denominator\n1,2\n",
        ),
        (&["compare"], "area,numerator,denominator\nA,1,2\n"),
        (
            &["compare", "--polarity", "up"],
            "area,numerator,denominator\nA,1,2\n",
        ),
        (
            &["funnel", "proportion", "--baseline", "2"],
            "area,numerator,denominator\nA,1,2\n",
        ),
        (&["spc", "--run", "5"], "period,value\n1,2\n"),
        (&["spc", "--improvement", "up"], "period,value\n1,2\n"),
        (&["percentile", "--p", "1.5"], "value\n1\n"),
        (&["trend", "--polarity", "high"], "period,value\n1,2\n"),
        (&["ci", "mean"], "group,value\na,1,extra\n"),
    ];
    for (args, input) in cases {
        let r = run(args, input);
        assert_eq!(
            r.code, 2,
            "{args:?} should exit 2, got {} ({})",
            r.code, r.stdout
        );
        assert!(!r.stderr.is_empty(), "{args:?} should explain on stderr");
    }
}

#[test]
fn summary_still_works() {
    let r = run(&["summary"], "");
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("practices:"));
}

#[test]
fn compare_method_chooses_the_columns_it_fills() {
    // Fingertips' own vectors (SpcForProportionsComparerTest): England at 12.838%, low
    // is good; 10.978% of 1,339 is better at 95% and similar at 99.8% by SPC.
    let input = "area,numerator,denominator\n5PY,147,1339\n";
    let column = |stdout: &str, name: &str| -> String {
        let mut lines = stdout.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let row: Vec<&str> = lines.next().unwrap().split(',').collect();
        row[header.iter().position(|h| *h == name).unwrap()].to_string()
    };
    let compared = |method: &str| {
        let r = run(
            &[
                "compare",
                "--polarity",
                "low",
                "--benchmark",
                "0.128379546895717",
                "--method",
                method,
            ],
            input,
        );
        assert_eq!(r.code, 0, "{method}: {}", r.stderr);
        (
            column(&r.stdout, "compared_95"),
            column(&r.stdout, "compared_99_8"),
        )
    };
    assert_eq!(compared("spc-95"), ("better".to_string(), String::new()));
    assert_eq!(compared("spc-99.8"), (String::new(), "similar".to_string()));
    let (o95, o998) = compared("overlap-both");
    assert!(!o95.is_empty() && !o998.is_empty());
    assert_eq!(compared("overlap-95"), (o95.clone(), String::new()));
    assert_eq!(compared("overlap-99.8"), (String::new(), o998.clone()));
    // Without --method: exactly as before, both intervals.
    let plain = run(
        &[
            "compare",
            "--polarity",
            "low",
            "--benchmark",
            "0.128379546895717",
        ],
        input,
    );
    assert_eq!(
        (
            column(&plain.stdout, "compared_95"),
            column(&plain.stdout, "compared_99_8")
        ),
        (o95, o998)
    );
    // An unknown method is refused with status 2.
    let bad = run(
        &["compare", "--polarity", "low", "--method", "spc-90"],
        input,
    );
    assert_eq!(bad.code, 2);
}

#[test]
fn sii_and_rii_as_phe_sii() {
    // PHEindicatormethods' own test data (testdata_SII.xlsx, area1): its phe_sii gives
    // SII 6.934616 (3.127595 to 10.758687) and RII 1.088818 (1.038369 to 1.141299);
    // the limits are simulated, so they agree to about 2%.
    let out = ok(&["sii", "--rii"], "sii_phe_area1.csv");
    headers(
        &out,
        &[
            "sii",
            "lower_95",
            "upper_95",
            "rii",
            "rii_lower_95",
            "rii_upper_95",
        ],
    );
    assert!((out.num(0, "sii") - 6.934616473668819).abs() < 1e-9);
    assert!((out.num(0, "rii") - 1.0888180804446217).abs() < 1e-9);
    for (column, expected, tolerance) in [
        ("lower_95", 3.127594617650817, 0.1),
        ("upper_95", 10.7586873680794, 0.1),
        ("rii_lower_95", 1.0383690591642838, 0.002),
        ("rii_upper_95", 1.1412993360251238, 0.002),
    ] {
        let got = out.num(0, column);
        assert!(
            (got - expected).abs() < tolerance,
            "{column}: {got} against {expected}"
        );
    }
    // Without --rii, only the SII; the same input gives the same interval.
    let again = ok(&["sii"], "sii_phe_area1.csv");
    headers(&again, &["sii", "lower_95", "upper_95"]);
    assert_eq!(again.get(0, "lower_95"), out.get(0, "lower_95"));
    // Fewer than five quantiles: a message and exit status 2.
    let few = run(
        &["sii"],
        "quantile,population,value,lower_95,upper_95\n1,10,1,0,2\n2,10,1,0,2\n",
    );
    assert_eq!(few.code, 2);
    assert!(
        few.stderr
            .contains("2 quantiles given; the SII needs between 5 and 100"),
        "{}",
        few.stderr
    );
}
