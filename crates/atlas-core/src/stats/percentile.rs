//! Percentiles as Excel's `PERCENTILE.INC` computes them.

use super::{finite, StatsError};

/// The `p`-th percentile (0 ≤ p ≤ 1) of `values`, by Excel's `PERCENTILE.INC`
/// (Hyndman & Fan type 7, R's default `quantile(type = 7)`):
///
/// ```text
/// sort x₁ ≤ … ≤ xₙ;  h = (n − 1)·p;  percentile = x₍⌊h⌋₊₁₎ + (h − ⌊h⌋)·(x₍⌊h⌋₊₂₎ − x₍⌊h⌋₊₁₎)
/// ```
///
/// Source: Microsoft support, "PERCENTILE.INC function"; Hyndman R.J. & Fan Y. (1996)
/// "Sample quantiles in statistical packages", Am Stat 50:361–365, definition 7.
/// Needs at least one value; every value finite.
pub fn percentile_inc(values: &[f64], p: f64) -> Result<f64, StatsError> {
    let p = finite("p", p)?;
    if !(0.0..=1.0).contains(&p) {
        return Err(StatsError::OutOfRange {
            name: "p",
            range: "between 0 and 1",
            value: p,
        });
    }
    if values.is_empty() {
        return Err(StatsError::EmptyGroup);
    }
    let mut sorted = Vec::with_capacity(values.len());
    for &v in values {
        sorted.push(finite("value", v)?);
    }
    sorted.sort_by(f64::total_cmp);
    let h = (sorted.len() - 1) as f64 * p;
    let low = h.floor() as usize;
    let high = (low + 1).min(sorted.len() - 1);
    Ok(sorted[low] + (h - h.floor()) * (sorted[high] - sorted[low]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_excel() {
        // Excel: =PERCENTILE.INC({1,2,3,4}, 0.3) = 1.9  (h = 3·0.3 = 0.9: 1 + 0.9·1).
        let v = [4.0, 1.0, 3.0, 2.0];
        assert!((percentile_inc(&v, 0.3).unwrap() - 1.9).abs() < 1e-12);
        // Ends and median: 1, 4, 2.5.
        assert_eq!(percentile_inc(&v, 0.0).unwrap(), 1.0);
        assert_eq!(percentile_inc(&v, 1.0).unwrap(), 4.0);
        assert_eq!(percentile_inc(&v, 0.5).unwrap(), 2.5);
        // Excel: =PERCENTILE.INC({15,20,35,40,50}, 0.4) = 29  (h = 1.6: 20 + 0.6·15).
        let w = [15.0, 20.0, 35.0, 40.0, 50.0];
        assert!((percentile_inc(&w, 0.4).unwrap() - 29.0).abs() < 1e-12);
        assert_eq!(percentile_inc(&[7.0], 0.9).unwrap(), 7.0);
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(percentile_inc(&[], 0.5).is_err());
        assert!(percentile_inc(&[1.0], 1.5).is_err());
        assert!(percentile_inc(&[1.0], f64::NAN).is_err());
        assert!(percentile_inc(&[1.0, f64::INFINITY], 0.5).is_err());
    }
}
