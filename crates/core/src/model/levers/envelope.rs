//! New money and the primary care share: a year-by-year path of the NHS budget and general
//! practice's part of it, against a target share.

use crate::scenario::EnvelopeSettings;

/// One year of the path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnvelopeYear {
    /// The first calendar year of the financial year: 2022 is 2022/23.
    pub year: u32,
    /// NHS budget, £bn.
    pub nhs_bn: f64,
    /// Spending on general practice, £bn.
    pub gp_bn: f64,
    /// General practice's share of the NHS budget.
    pub share: f64,
    /// The target path's share that year (0 with no target).
    pub target_share: f64,
    /// Extra £bn general practice would need that year to be on the target path.
    pub extra_needed_bn: f64,
}

/// The path from 2022/23 to 2035/36.
/// `gp_base_bn` is general practice's spending in 2022/23, £bn (from the data).
pub fn path(e: &EnvelopeSettings, gp_base_bn: f64) -> Vec<EnvelopeYear> {
    let start = 2022;
    let share0 = if e.nhs_base_bn > 0.0 {
        gp_base_bn / e.nhs_base_bn
    } else {
        0.0
    };
    (start..=2035)
        .map(|year| {
            let t = (year - start) as f64;
            let extra = e.extra_bn * (t / 5.0).min(1.0);
            let nhs = e.nhs_base_bn * (1.0 + e.growth).powf(t) + extra;
            let new_money = (nhs - e.nhs_base_bn).max(0.0);
            let gp = gp_base_bn + e.gp_share_of_new * new_money;
            let target = if e.target_share > 0.0 && e.target_year > start {
                let span = (e.target_year - start) as f64;
                let progress = (t / span).min(1.0);
                let progress = if e.front_loaded {
                    1.0 - (1.0 - progress).powi(2)
                } else {
                    progress
                };
                share0 + (e.target_share - share0) * progress
            } else {
                0.0
            };
            let share = if nhs > 0.0 { gp / nhs } else { 0.0 };
            EnvelopeYear {
                year,
                nhs_bn: nhs,
                gp_bn: gp,
                share,
                target_share: target,
                extra_needed_bn: if target > 0.0 {
                    (target * nhs - gp).max(0.0)
                } else {
                    0.0
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GP_BASE_BN: f64 = 10.8;

    fn envelope() -> EnvelopeSettings {
        EnvelopeSettings {
            nhs_base_bn: 180.0,
            growth: 0.0,
            extra_bn: 20.0,
            gp_share_of_new: 0.1,
            target_share: 0.08,
            target_year: 2029,
            front_loaded: false,
        }
    }

    #[test]
    fn the_extra_money_phases_in_over_five_years() {
        let p = path(&envelope(), GP_BASE_BN);
        assert_eq!(p.first().map(|y| y.year), Some(2022));
        assert_eq!(p.last().map(|y| y.year), Some(2035));
        assert!((p[0].share - 0.06).abs() < 1e-12);
        assert!((p[5].nhs_bn - 200.0).abs() < 1e-9);
        assert!((p[5].gp_bn - 12.8).abs() < 1e-9);
        assert!(
            (p[9].nhs_bn - 200.0).abs() < 1e-9,
            "no growth beyond the extra"
        );
    }

    #[test]
    fn the_target_path_reaches_the_target_in_its_year_and_prices_the_gap() {
        let p = path(&envelope(), GP_BASE_BN);
        let y2029 = p.iter().find(|y| y.year == 2029).unwrap();
        assert!((y2029.target_share - 0.08).abs() < 1e-12);
        assert!((y2029.extra_needed_bn - (0.08 * 200.0 - 12.8)).abs() < 1e-9);
        let front = path(
            &EnvelopeSettings {
                front_loaded: true,
                ..envelope()
            },
            GP_BASE_BN,
        );
        assert!(front[2].target_share > p[2].target_share);
        assert!(p.iter().all(|y| y.extra_needed_bn >= 0.0));
    }
}
