//! Numbers as the charts write them.

/// Formats `value` with `decimals` decimal places and commas between thousands, as
/// every table does ([`atlas_core::words::grouped`]): `47548.0` → `"47,548"`; values
/// that are not finite are written `"–"`.
pub fn thousands(value: f64, decimals: usize) -> String {
    atlas_core::words::grouped(value, decimals)
}

/// The number of decimals needed to tell apart ticks `step` apart (0 for whole steps).
pub fn decimals_for_step(step: f64) -> usize {
    if !step.is_finite() || step <= 0.0 || step >= 1.0 {
        return 0;
    }
    let mut decimals = 0;
    let mut scaled = step;
    while decimals < 6 && (scaled - scaled.round()).abs() > 1e-9 * scaled.abs().max(1.0) {
        scaled *= 10.0;
        decimals += 1;
    }
    decimals
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(47548.0, 0), "47,548");
        assert_eq!(thousands(416470.0, 0), "416,470");
        assert_eq!(thousands(1_000_000.0, 0), "1,000,000");
        assert_eq!(thousands(999.0, 0), "999");
        assert_eq!(thousands(0.0, 0), "0");
        assert_eq!(thousands(-1234.5, 1), "-1,234.5");
        assert_eq!(thousands(-0.2, 0), "0");
        assert_eq!(thousands(12.345, 2), "12.35");
        assert_eq!(thousands(f64::NAN, 0), "–");
    }

    #[test]
    fn decimals_follow_the_step() {
        assert_eq!(decimals_for_step(5000.0), 0);
        assert_eq!(decimals_for_step(0.5), 1);
        assert_eq!(decimals_for_step(0.25), 2);
        assert_eq!(decimals_for_step(0.2), 1);
    }
}
