//! Two measures across areas: the least-squares line, R² and Pearson's correlation
//! with its 95% confidence interval by Fisher's z transformation.
//!
//! ```text
//! Sxx = Σ(x − x̄)²,  Syy = Σ(y − ȳ)²,  Sxy = Σ(x − x̄)(y − ȳ)
//! slope b = Sxy / Sxx,  intercept a = ȳ − b·x̄
//! r = Sxy / √(Sxx·Syy),  R² = r²  (the share of the variance of y the line accounts for)
//! z = atanh r,  z ± 1.959964 / √(n − 3),  interval = tanh of each end
//! ```
//!
//! Source: Fisher R.A. (1921) "On the probable error of a coefficient of correlation",
//! Metron 1:3–32; as R's `cor.test` (method "pearson") and `lm` compute them.

use super::{finite, ConfidenceLevel, Interval, StatsError};

/// The fewest pairs a correlation is given for: Fisher's interval needs n − 3 > 0, and
/// below ten pairs a line through the points says little.
pub const FEWEST_PAIRS: usize = 10;

/// Two measures across areas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Correlation {
    /// How many pairs.
    pub n: usize,
    /// Pearson's correlation coefficient r, from −1 to 1.
    pub r: f64,
    /// Its 95% confidence interval (Fisher's z).
    pub r_interval: Interval,
    /// r², the share of the variance of y the line accounts for.
    pub r_squared: f64,
    /// The least-squares line of y on x: y = intercept + slope · x.
    pub slope: f64,
    /// See [`Correlation::slope`].
    pub intercept: f64,
}

/// The least-squares line and correlation of `pairs` (x, y). Needs at least
/// [`FEWEST_PAIRS`] pairs, every value finite, and some spread in both x and y.
pub fn correlate(pairs: &[(f64, f64)]) -> Result<Correlation, StatsError> {
    if pairs.len() < FEWEST_PAIRS {
        return Err(StatsError::TooFewValues {
            needed: FEWEST_PAIRS,
            got: pairs.len(),
        });
    }
    for &(x, y) in pairs {
        finite("x", x)?;
        finite("y", y)?;
    }
    let n = pairs.len() as f64;
    let mean_x = pairs.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = pairs.iter().map(|p| p.1).sum::<f64>() / n;
    let (sxx, syy, sxy) = pairs
        .iter()
        .fold((0.0, 0.0, 0.0), |(sxx, syy, sxy), &(x, y)| {
            let (dx, dy) = (x - mean_x, y - mean_y);
            (sxx + dx * dx, syy + dy * dy, sxy + dx * dy)
        });
    if sxx <= 0.0 || syy <= 0.0 {
        return Err(StatsError::Invalid(
            "every area has the same value of one of the two measures, so they cannot be correlated".into(),
        ));
    }
    // Rounding can take |r| a hair past 1 when the points are on a line.
    let r = (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0);
    let slope = sxy / sxx;
    let half = ConfidenceLevel::P95.z() / (n - 3.0).sqrt();
    let z = r.atanh();
    let r_interval = Interval {
        lower: (z - half).tanh(),
        upper: (z + half).tanh(),
    };
    Ok(Correlation {
        n: pairs.len(),
        r,
        r_interval,
        r_squared: r * r,
        slope,
        intercept: mean_y - slope * mean_x,
    })
}

/// How strong a correlation is, in words, by the size of r (Evans 1996's bands: below
/// 0.2 very weak, 0.2–0.39 weak, 0.4–0.59 moderate, 0.6–0.79 strong, 0.8 and over
/// very strong).
pub fn strength_words(r: f64) -> &'static str {
    match r.abs() {
        a if a < 0.2 => "very weak",
        a if a < 0.4 => "weak",
        a if a < 0.6 => "moderate",
        a if a < 0.8 => "strong",
        _ => "very strong",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // R's `mtcars`: miles per gallon and weight (1000 lb) of 32 cars.
    const MPG: [f64; 32] = [
        21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4,
        10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26.0, 30.4, 15.8, 19.7,
        15.0, 21.4,
    ];
    const WT: [f64; 32] = [
        2.620, 2.875, 2.320, 3.215, 3.440, 3.460, 3.570, 3.190, 3.150, 3.440, 3.440, 4.070, 3.730,
        3.780, 5.250, 5.424, 5.345, 2.200, 1.615, 1.835, 2.465, 3.520, 3.435, 3.840, 3.845, 1.935,
        2.140, 1.513, 3.170, 2.770, 3.570, 2.780,
    ];

    #[test]
    fn matches_r_on_mtcars() {
        // R 4: cor.test(mtcars$wt, mtcars$mpg): cor -0.8676594, 95 percent confidence
        // interval -0.9338264 -0.7440872; lm(mpg ~ wt): (Intercept) 37.2851, wt -5.3445,
        // Multiple R-squared 0.7528.
        let pairs: Vec<(f64, f64)> = WT.iter().copied().zip(MPG).collect();
        let c = correlate(&pairs).unwrap();
        assert_eq!(c.n, 32);
        assert!((c.r - -0.8676594).abs() < 1e-7, "{}", c.r);
        assert!((c.r_interval.lower - -0.9338264).abs() < 1e-6);
        assert!((c.r_interval.upper - -0.7440872).abs() < 1e-6);
        assert!((c.intercept - 37.2851).abs() < 1e-4);
        assert!((c.slope - -5.3445).abs() < 1e-4);
        assert!((c.r_squared - 0.7528).abs() < 1e-4);
        assert_eq!(strength_words(c.r), "very strong");
    }

    #[test]
    fn anscombe_first_set() {
        // Anscombe (1973), set I: r 0.816, line y = 3.00 + 0.500x, R² 0.67.
        let x = [10.0, 8.0, 13.0, 9.0, 11.0, 14.0, 6.0, 4.0, 12.0, 7.0, 5.0];
        let y = [
            8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68,
        ];
        let pairs: Vec<(f64, f64)> = x.iter().copied().zip(y).collect();
        let c = correlate(&pairs).unwrap();
        assert!((c.r - 0.816).abs() < 5e-4);
        assert!((c.intercept - 3.00).abs() < 5e-3);
        assert!((c.slope - 0.500).abs() < 5e-4);
        assert!((c.r_squared - 0.67).abs() < 5e-3);
        // Swapping the measures keeps r and turns the line.
        let swapped: Vec<(f64, f64)> = pairs.iter().map(|&(x, y)| (y, x)).collect();
        let s = correlate(&swapped).unwrap();
        assert!((s.r - c.r).abs() < 1e-12);
        assert!((s.slope * c.slope - c.r_squared).abs() < 1e-12);
    }

    #[test]
    fn a_straight_line_and_bad_input() {
        let line: Vec<(f64, f64)> = (0..12).map(|i| (i as f64, 5.0 - 2.0 * i as f64)).collect();
        let c = correlate(&line).unwrap();
        assert_eq!(c.r, -1.0);
        assert_eq!((c.r_interval.lower, c.r_interval.upper), (-1.0, -1.0));
        assert!((c.slope + 2.0).abs() < 1e-12 && (c.intercept - 5.0).abs() < 1e-12);
        assert_eq!(
            correlate(&line[..9]),
            Err(StatsError::TooFewValues { needed: 10, got: 9 })
        );
        let flat: Vec<(f64, f64)> = (0..12).map(|i| (i as f64, 3.0)).collect();
        assert!(matches!(correlate(&flat), Err(StatsError::Invalid(_))));
        let mut nan = line.clone();
        nan[3].1 = f64::NAN;
        assert_eq!(correlate(&nan), Err(StatsError::NotFinite { name: "y" }));
    }
}
