//! The claims of the guided tours' steps, checked against the model's outcome for each step, so
//! that no sentence the page shows states a figure the model does not give.

use crate::model::{Model, Outcome};
use crate::scenario::tours::Claim;
use crate::scenario::Scenario;

/// The number in a figure as the text writes it: `£171` is 171, `2,681` is 2681, `10%` is 10.
fn number(shown: &str) -> Option<f64> {
    shown
        .trim_start_matches('£')
        .trim_end_matches(['%', 'm'])
        .trim_end_matches("bn")
        .replace(',', "")
        .parse()
        .ok()
}

/// Whether `claim` holds for `scenario`, whose outcome under `model` is `o`; the error says
/// what the model gives instead.
pub fn check(claim: &Claim, model: &Model, scenario: &Scenario, o: &Outcome) -> Result<(), String> {
    let fifth = |i: usize| {
        o.by_imd_quintile
            .get(i)
            .ok_or_else(|| "the outcome has no deprivation fifths".to_string())
    };
    match *claim {
        Claim::Setting { key, value, shown } => {
            let v = scenario
                .number(key)
                .ok_or_else(|| format!("'{key}' is not a numeric setting"))?;
            if (v - value).abs() > 1e-9 {
                return Err(format!("'{key}' is {v}, not {value}"));
            }
            // The figure shown is the setting in the text's own unit (23,997; 10%; £20bn).
            if let Some(n) = number(shown) {
                let matches = [value, value * 100.0]
                    .iter()
                    .any(|candidate| (candidate - n).abs() < 1e-6);
                if !matches {
                    return Err(format!("'{shown}' does not show '{key}' = {value}"));
                }
            }
            Ok(())
        }
        Claim::BaselinePerWeighted { fifth: f, shown } => {
            let v = fifth(f.saturating_sub(1))?.baseline_per_weighted();
            match number(shown) {
                Some(n) if (v.round() - n).abs() < 0.5 => Ok(()),
                _ => Err(format!(
                    "fifth {f} gets £{v:.2} per weighted patient, not about {shown}"
                )),
            }
        }
        Claim::MoneyMovesToMostDeprived => {
            let (least, most) = (fifth(0)?.change_pct(), fifth(4)?.change_pct());
            if least < 0.0 && most > 0.0 {
                Ok(())
            } else {
                Err(format!(
                    "the least deprived fifth changes by {least:+.2}% and the most deprived by {most:+.2}%"
                ))
            }
        }
        Claim::ShareChangingUnder5Pct { low, high, .. } => {
            let with_patients: Vec<_> = o
                .practices
                .iter()
                .filter(|r| r.registered_scenario > 0.0)
                .collect();
            let under = with_patients
                .iter()
                .filter(|r| r.change_pct().abs() < 5.0)
                .count();
            let share = under as f64 / with_patients.len().max(1) as f64;
            if (low..=high).contains(&share) {
                Ok(())
            } else {
                Err(format!(
                    "{:.1}% of practices change by less than 5%",
                    share * 100.0
                ))
            }
        }
        Claim::PracticesChangingOver5Pct { count, .. } => {
            let over = o.winners_losers[0].practices + o.winners_losers[4].practices;
            if over == count {
                Ok(())
            } else {
                Err(format!(
                    "{over} practices change by more than 5%, not {count}"
                ))
            }
        }
        Claim::Networks { count, .. } => match &o.networks {
            Some(n) if n.networks.len() == count => Ok(()),
            Some(n) => Err(format!("{} networks, not {count}", n.networks.len())),
            None => Err("the step shows no networks".to_string()),
        },
        Claim::HostListBefore { shown } => {
            let df = o
                .digital_first
                .as_ref()
                .ok_or_else(|| "the digital-first story is off".to_string())?;
            let before = df.before.map(|b| b.registered);
            let list = o.practices.get(df.host).map(|r| r.registered_scenario);
            match (before, list, number(shown)) {
                (Some(v), Some(l), Some(n))
                    if (v - n).abs() < 0.5 && (v + df.joiners - l).abs() < 1e-6 =>
                {
                    Ok(())
                }
                _ => Err(format!(
                    "the host starts from {before:?} patients and holds {list:?}, not {shown} plus the joiners"
                )),
            }
        }
        Claim::NoPracticeChanges => {
            match o.practices.iter().filter(|r| r.change_pence() != 0).count() {
                0 => Ok(()),
                moved => Err(format!("{moved} practices' payments change")),
            }
        }
        Claim::QofRetiredMillions { millions, .. } | Claim::QofRespentMillions { millions, .. } => {
            let q = o
                .qof_successor
                .ok_or_else(|| "the step retires no QOF money".to_string())?;
            let pence = if matches!(claim, Claim::QofRetiredMillions { .. }) {
                q.retired_pence
            } else {
                q.respent_pence
            };
            let got = (pence as f64 / 1e8).round() as i64;
            if got == millions {
                Ok(())
            } else {
                Err(format!("£{got}m, not £{millions}m"))
            }
        }
        Claim::LessExtraEachYearThan { query } => {
            let other = Scenario::from_query(query).map_err(|e| e.to_string())?;
            let other = model.run(&other).map_err(|e| e.to_string())?;
            let (mine, theirs) = match (&o.envelope, &other.envelope) {
                (Some(a), Some(b)) => (a, b),
                _ => return Err("both scenarios need a spending path".to_string()),
            };
            let pairs: Vec<(f64, f64)> = mine
                .iter()
                .zip(theirs)
                .filter(|(a, _)| a.extra_needed_bn > 0.0)
                .map(|(a, b)| (a.extra_needed_bn, b.extra_needed_bn))
                .collect();
            // Until the paths meet each year needs less; once both are on target, the same.
            let meet = pairs
                .iter()
                .position(|(a, b)| (a - b).abs() < 1e-9)
                .unwrap_or(pairs.len());
            let before = &pairs[..meet];
            let after = &pairs[meet..];
            if !before.is_empty()
                && before.iter().all(|(a, b)| a < b)
                && after.iter().all(|(a, b)| (a - b).abs() < 1e-9)
            {
                Ok(())
            } else {
                Err(format!(
                    "the extra money needed each year is not smaller than under {query}"
                ))
            }
        }
    }
}
