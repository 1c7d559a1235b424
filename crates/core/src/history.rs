//! The real payments history, 2014/15 to 2022/23, summarised year by year. No scenario is
//! applied: these are the published figures.

use crate::data::History;
use crate::model::metrics::deprivation_groups;

/// One year of the history.
#[derive(Debug, Clone, PartialEq)]
pub struct YearSummary {
    /// "2014/15" …
    pub year: String,
    pub practices: usize,
    /// Registered patients, all practices.
    pub registered: f64,
    /// Average registered list of practices with patients.
    pub average_list: f64,
    /// Total NHS payments, pence.
    pub total_pence: i64,
    /// £ per registered patient by IMD quintile (1 = least deprived first).
    pub per_registered_by_quintile: [f64; 5],
    /// £ per weighted patient by IMD quintile, over practices with a published weighted list.
    pub per_weighted_by_quintile: [f64; 5],
    /// GP at Hand's (E85124) registered list that year.
    pub gp_at_hand: Option<f64>,
}

/// Summarises every year. Practices are put in IMD quintiles of equal registered population
/// within each year, by their newest published IMD score; practices with no score are left out
/// of the quintiles (but counted in the totals).
pub fn summarise(history: &History) -> Vec<YearSummary> {
    let imd: std::collections::HashMap<&str, f64> =
        history.imd.iter().map(|(c, v)| (c.as_str(), *v)).collect();
    history
        .years
        .iter()
        .map(|y| {
            let registered: Vec<f64> = y
                .registered_centi
                .iter()
                .map(|r| *r as f64 / 100.0)
                .collect();
            let with_patients = registered.iter().filter(|r| **r > 0.0).count();
            let total_registered: f64 = registered.iter().sum();
            let scored: Vec<usize> = (0..y.practices.len())
                .filter(|&i| imd.contains_key(y.practices[i].as_str()) && registered[i] > 0.0)
                .collect();
            let scores: Vec<f64> = scored
                .iter()
                .map(|&i| imd[y.practices[i].as_str()])
                .collect();
            let lists: Vec<f64> = scored.iter().map(|&i| registered[i]).collect();
            let (quintile, _) = deprivation_groups(&scores, &lists, 5);
            let mut money = [0_i64; 5];
            let mut patients = [0.0; 5];
            let mut weighted_money = [0_i64; 5];
            let mut weighted = [0.0; 5];
            for (k, &i) in scored.iter().enumerate() {
                let q = quintile[k];
                money[q] += y.total_pence[i];
                patients[q] += registered[i];
                if let Some(w) = y.weighted_centi[i].filter(|w| *w > 0) {
                    weighted_money[q] += y.total_pence[i];
                    weighted[q] += w as f64 / 100.0;
                }
            }
            let per = |pence: i64, n: f64| {
                if n > 0.0 {
                    pence as f64 / 100.0 / n
                } else {
                    0.0
                }
            };
            YearSummary {
                year: y.year.clone(),
                practices: y.practices.len(),
                registered: total_registered,
                average_list: if with_patients > 0 {
                    total_registered / with_patients as f64
                } else {
                    0.0
                },
                total_pence: y.total_pence.iter().sum(),
                per_registered_by_quintile: std::array::from_fn(|q| per(money[q], patients[q])),
                per_weighted_by_quintile: std::array::from_fn(|q| {
                    per(weighted_money[q], weighted[q])
                }),
                gp_at_hand: y
                    .practices
                    .iter()
                    .position(|c| c == "E85124")
                    .map(|i| registered[i]),
            }
        })
        .collect()
}
