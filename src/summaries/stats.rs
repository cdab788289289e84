//! The arithmetic of comparing salaries: yearly figures, currency conversion, medians.
//!
//! Kept free of pages and templates so every rule can be tested on plain numbers.

use crate::config::SalaryConfig;
use crate::content::role::{Period, Salary};

/// How many `period`s are paid in a year, from `[salary]` in config.toml.
pub fn periods_per_year(period: Period, config: &SalaryConfig) -> f64 {
    match period {
        Period::Hour => config.hours_per_year,
        Period::Day => config.days_per_year,
        Period::Month => config.months_per_year,
        Period::Year => 1.0,
    }
}

/// An amount paid per `period`, as a yearly amount rounded to a whole unit: yearly pay is
/// never compared to the cent, and whole numbers keep output stable across platforms.
pub fn yearly(amount: f64, period: Period, config: &SalaryConfig) -> f64 {
    (amount * periods_per_year(period, config)).round()
}

/// How an amount in `currency` is turned into the display currency: `Some(rate)` when it
/// can be (1.0 for the display currency itself), `None` when no display currency is set or
/// the currency has no rate.
pub fn rate_for(currency: &str, config: &SalaryConfig) -> Option<f64> {
    let display = config.display_currency.as_deref()?;
    if currency == display {
        return Some(1.0);
    }
    config.rates.get(currency).copied()
}

/// A salary range on the common footing: yearly, in the currency of its comparison group.
#[derive(Debug, Clone, PartialEq)]
pub struct Normalised {
    pub min: f64,
    pub max: f64,
    /// Half way between minimum and maximum.
    pub mid: f64,
    /// The currency of the figures: the display currency when converted, else the role's own.
    pub currency: String,
    /// The rate used when the figures were converted from the role's own currency.
    pub rate: Option<f64>,
}

/// Puts a salary on the common footing: yearly, converted when a rate allows it (amounts
/// already in the display currency count as converted at 1).
pub fn normalise(salary: &Salary, config: &SalaryConfig) -> Normalised {
    let factor = periods_per_year(salary.period, config);
    let rate = rate_for(&salary.currency, config);
    let currency = match (rate, &config.display_currency) {
        (Some(_), Some(display)) => display.clone(),
        _ => salary.currency.clone(),
    };
    let scale = factor * rate.unwrap_or(1.0);
    let min = (salary.min * scale).round();
    let max = (salary.max * scale).round();
    let converted = currency != salary.currency;
    Normalised {
        min,
        max,
        mid: midpoint(min, max),
        currency,
        rate: rate.filter(|_| converted),
    }
}

/// The midpoint of a range, rounded to a whole unit.
pub fn midpoint(min: f64, max: f64) -> f64 {
    ((min + max) / 2.0).round()
}

/// The median of `values` (sorted in place): the middle value of an odd count, the mean of
/// the two middle values of an even count, `None` for no values.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[middle]
    } else {
        (values[middle - 1] + values[middle]) / 2.0
    })
}

/// Number of ranges, lowest minimum, median midpoint and highest maximum of some ranges.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeStats {
    pub count: usize,
    pub lowest_min: f64,
    pub median_mid: f64,
    pub highest_max: f64,
}

/// Statistics of normalised ranges (all in one currency); `None` when there are none.
pub fn range_stats<'a>(ranges: impl IntoIterator<Item = &'a Normalised>) -> Option<RangeStats> {
    let mut lowest_min = f64::INFINITY;
    let mut highest_max = f64::NEG_INFINITY;
    let mut mids = Vec::new();
    for range in ranges {
        lowest_min = lowest_min.min(range.min);
        highest_max = highest_max.max(range.max);
        mids.push(range.mid);
    }
    let count = mids.len();
    let median_mid = median(&mut mids)?;
    Some(RangeStats {
        count,
        lowest_min,
        median_mid,
        highest_max,
    })
}

/// How far `value` lies above (positive) or below (negative) `reference`, in whole percent.
pub fn percent_difference(value: f64, reference: f64) -> Option<i64> {
    (reference > 0.0).then(|| ((value / reference - 1.0) * 100.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn salary(min: f64, max: f64, currency: &str, period: Period) -> Salary {
        Salary {
            min,
            max,
            currency: currency.into(),
            period,
        }
    }

    fn converting() -> SalaryConfig {
        SalaryConfig {
            display_currency: Some("USD".into()),
            rates: BTreeMap::from([("EUR".to_string(), 1.08)]),
            ..SalaryConfig::default()
        }
    }

    #[test]
    fn median_of_an_odd_count_is_the_middle_value() {
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&mut [7.0]), Some(7.0));
    }

    #[test]
    fn median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&mut [10.0, 20.0]), Some(15.0));
    }

    #[test]
    fn median_of_nothing_is_none() {
        assert_eq!(median(&mut []), None);
    }

    #[test]
    fn every_period_is_normalised_to_a_year() {
        let config = SalaryConfig::default();
        assert_eq!(yearly(50.0, Period::Hour, &config), 104_000.0);
        assert_eq!(yearly(400.0, Period::Day, &config), 104_000.0);
        assert_eq!(yearly(5_000.0, Period::Month, &config), 60_000.0);
        assert_eq!(yearly(90_000.0, Period::Year, &config), 90_000.0);
    }

    #[test]
    fn configured_factors_change_normalisation() {
        let config = SalaryConfig {
            hours_per_year: 1_720.0,
            months_per_year: 13.0,
            ..SalaryConfig::default()
        };
        assert_eq!(yearly(50.0, Period::Hour, &config), 86_000.0);
        assert_eq!(yearly(5_000.0, Period::Month, &config), 65_000.0);
    }

    #[test]
    fn conversion_multiplies_by_the_rate_after_normalising() {
        let n = normalise(&salary(4_000.0, 5_000.0, "EUR", Period::Month), &converting());
        assert_eq!((n.min, n.max, n.mid), (51_840.0, 64_800.0, 58_320.0));
        assert_eq!(n.currency, "USD");
        assert_eq!(n.rate, Some(1.08));
    }

    #[test]
    fn the_display_currency_is_not_converted_and_missing_rates_keep_their_currency() {
        let usd = normalise(&salary(100.0, 200.0, "USD", Period::Day), &converting());
        assert_eq!(
            (usd.min, usd.max, usd.currency.as_str(), usd.rate),
            (26_000.0, 52_000.0, "USD", None)
        );
        let gbp = normalise(&salary(50_000.0, 60_000.0, "GBP", Period::Year), &converting());
        assert_eq!((gbp.currency.as_str(), gbp.rate), ("GBP", None));
        let plain = normalise(&salary(50_000.0, 60_000.0, "EUR", Period::Year), &SalaryConfig::default());
        assert_eq!((plain.currency.as_str(), plain.rate, plain.mid), ("EUR", None, 55_000.0));
    }

    #[test]
    fn stats_take_lowest_minimum_median_midpoint_and_highest_maximum() {
        let config = SalaryConfig::default();
        let ranges: Vec<Normalised> = [(10.0, 20.0), (30.0, 50.0), (5.0, 100.0), (40.0, 60.0)]
            .iter()
            .map(|&(min, max)| normalise(&salary(min, max, "USD", Period::Year), &config))
            .collect();
        let stats = range_stats(&ranges).unwrap();
        assert_eq!(
            stats,
            RangeStats {
                count: 4,
                lowest_min: 5.0,
                median_mid: 45.0,
                highest_max: 100.0
            }
        );
        assert!(range_stats(&[]).is_none());
    }

    #[test]
    fn percent_difference_is_rounded_and_signed() {
        assert_eq!(percent_difference(112.0, 100.0), Some(12));
        assert_eq!(percent_difference(90.0, 100.0), Some(-10));
        assert_eq!(percent_difference(1.0, 0.0), None);
    }
}
