//! Lists absorbed from closed or merged practices between 2021/22 and 2022/23.
//!
//! The list-turnover index needs each practice's share of new registrants. With no published
//! per-practice new-registration figure, the model takes it from list growth since 2021/22; but a
//! practice that took over a closed or merged practice's patients grew without registering new
//! patients. This module finds those take-overs in the two payments files, so that the absorbed
//! patients can be added to the absorber's 2021/22 ("before") list.
//!
//! The rule ([`match_closures`]), with every list in hundredths of a patient:
//!
//! 1. A **closure** is a practice in the 2021/22 file whose list fell by at least
//!    [`MIN_LOST_CENTI`] (100 patients) and to less than half of its 2021/22 list: it is missing
//!    from the 2022/23 file or its 2022/23 list is under half its 2021/22 list. Its **lost list**
//!    is its 2021/22 list minus its 2022/23 list (0 when missing). Closures are taken largest
//!    lost list first (then by code).
//! 2. A **candidate absorber** is any 2022/23 practice that is not itself a closure. Its
//!    **growth** is its 2022/23 list minus its 2021/22 list (its whole 2022/23 list when it has
//!    no 2021/22 row, such as a new code formed by a merger).
//! 3. The candidates are looked for in three rings, the first ring with a fitting candidate
//!    deciding: the closure's 2021/22 **postcode**, then its 2021/22 **PCN** (not "Unknown or no
//!    PCN"), then its **sub-ICB** (the 2021/22 CCG code, which the 2022/23 file's sub-ICB codes
//!    keep). In the postcode and PCN rings a candidate fits when its growth is at least half of
//!    everything matched to it including this closure (one practice may absorb several, and some
//!    patients leave at a merger). In the wider sub-ICB ring it fits only when the growth not yet
//!    explained by earlier matches is at least 80% of this closure's lost list.
//! 4. Among fitting candidates the one whose unexplained growth is nearest the lost list is the
//!    absorber. If the next nearest is within 1% of the lost list of it, the match is
//!    **ambiguous** and the closure is left unmatched (its patients stay counted as growth).
//! 5. A closure with no fitting candidate in any ring is left **unmatched**.

use std::collections::HashMap;

/// A closure must have lost at least 100 patients (hundredths of a patient).
pub const MIN_LOST_CENTI: i64 = 10_000;

/// One practice's row in a payments file, as the matching needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    pub code: String,
    /// Normalised ("SW6 7SX").
    pub postcode: String,
    /// PCN code; empty, or starting "Unknown", when the practice is in no PCN.
    pub pcn: String,
    /// Sub-ICB (2022/23) or CCG (2021/22) code.
    pub sub_icb: String,
    /// Registered patients, hundredths.
    pub registered: i64,
}

/// How a closure was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchRule {
    Postcode,
    Pcn,
    SubIcb,
    /// Two candidates fitted about equally well.
    Ambiguous,
    /// No candidate fitted.
    Unmatched,
}

impl MatchRule {
    pub fn label(self) -> &'static str {
        match self {
            MatchRule::Postcode => "same postcode",
            MatchRule::Pcn => "same PCN",
            MatchRule::SubIcb => "same sub-ICB",
            MatchRule::Ambiguous => "ambiguous",
            MatchRule::Unmatched => "unmatched",
        }
    }
}

/// A 2021/22 practice that closed or merged, and where its patients went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub code: String,
    /// Its 2021/22 postcode and PCN.
    pub postcode: String,
    pub pcn: String,
    /// 2021/22 list minus 2022/23 list, hundredths.
    pub lost: i64,
    pub rule: MatchRule,
    /// The 2022/23 practice that took the patients, when matched.
    pub absorber: Option<String>,
}

fn no_pcn(pcn: &str) -> bool {
    pcn.is_empty() || pcn.starts_with("Unknown")
}

/// Whether candidate `a` is in closure `c`'s ring `rule`.
fn same_place(rule: MatchRule, c: &ListRow, a: &ListRow) -> bool {
    match rule {
        MatchRule::Postcode => !c.postcode.is_empty() && c.postcode == a.postcode,
        MatchRule::Pcn => !no_pcn(&c.pcn) && c.pcn == a.pcn,
        MatchRule::SubIcb => !c.sub_icb.is_empty() && c.sub_icb == a.sub_icb,
        MatchRule::Ambiguous | MatchRule::Unmatched => false,
    }
}

/// Matches the closures between `before` (2021/22) and `now` (2022/23) to their absorbers; see
/// the module's documentation for the rule. Returns the closures in the order they were matched.
pub fn match_closures(before: &[ListRow], now: &[ListRow]) -> Vec<Closure> {
    let now_list: HashMap<&str, i64> = now
        .iter()
        .map(|r| (r.code.as_str(), r.registered))
        .collect();
    let before_list: HashMap<&str, i64> = before
        .iter()
        .map(|r| (r.code.as_str(), r.registered))
        .collect();

    let mut closures: Vec<(&ListRow, i64)> = before
        .iter()
        .filter_map(|r| {
            let after = now_list.get(r.code.as_str()).copied().unwrap_or(0);
            let lost = r.registered - after;
            (lost >= MIN_LOST_CENTI && 2 * after < r.registered).then_some((r, lost))
        })
        .collect();
    closures.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.code.cmp(&b.0.code)));
    let closed: std::collections::HashSet<&str> =
        closures.iter().map(|(r, _)| r.code.as_str()).collect();

    // Candidates: (row, growth), with what has been matched to each so far.
    let candidates: Vec<(&ListRow, i64)> = now
        .iter()
        .filter(|r| !closed.contains(r.code.as_str()))
        .map(|r| {
            let growth = r.registered - before_list.get(r.code.as_str()).copied().unwrap_or(0);
            (r, growth)
        })
        .collect();
    let mut matched = vec![0_i64; candidates.len()];

    let mut out = Vec::with_capacity(closures.len());
    for (closure, lost) in closures {
        let mut result = (MatchRule::Unmatched, None);
        for rule in [MatchRule::Postcode, MatchRule::Pcn, MatchRule::SubIcb] {
            let mut fits: Vec<(i64, usize)> = candidates
                .iter()
                .enumerate()
                .filter(|(_, (a, _))| same_place(rule, closure, a))
                .filter(|&(i, &(_, growth))| match rule {
                    // Unexplained growth at least 80% of the lost list.
                    MatchRule::SubIcb => 5 * (growth - matched[i]) >= 4 * lost,
                    // Growth at least half of everything matched including this closure.
                    _ => 2 * growth >= matched[i] + lost,
                })
                .map(|(i, &(_, growth))| ((growth - matched[i] - lost).abs(), i))
                .collect();
            if fits.is_empty() {
                continue;
            }
            fits.sort_by(|a, b| {
                a.0.cmp(&b.0)
                    .then(candidates[a.1].0.code.cmp(&candidates[b.1].0.code))
            });
            if fits.len() > 1 && 100 * (fits[1].0 - fits[0].0) < lost {
                result = (MatchRule::Ambiguous, None);
            } else {
                let i = fits[0].1;
                matched[i] += lost;
                result = (rule, Some(candidates[i].0.code.clone()));
            }
            break;
        }
        out.push(Closure {
            code: closure.code.clone(),
            postcode: closure.postcode.clone(),
            pcn: closure.pcn.clone(),
            lost,
            rule: result.0,
            absorber: result.1,
        });
    }
    out
}

/// The lists absorbed by each practice (hundredths), from the matched closures.
pub fn absorbed_by_practice(closures: &[Closure]) -> HashMap<String, i64> {
    let mut out: HashMap<String, i64> = HashMap::new();
    for c in closures {
        if let Some(a) = &c.absorber {
            *out.entry(a.clone()).or_default() += c.lost;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, postcode: &str, pcn: &str, sub_icb: &str, patients: i64) -> ListRow {
        ListRow {
            code: code.into(),
            postcode: postcode.into(),
            pcn: pcn.into(),
            sub_icb: sub_icb.into(),
            registered: patients * 100,
        }
    }

    fn only(closures: &[Closure]) -> &Closure {
        assert_eq!(closures.len(), 1, "{closures:?}");
        &closures[0]
    }

    #[test]
    fn a_closure_is_matched_by_postcode_before_a_better_fit_in_its_pcn() {
        let before = [
            row("C1", "AB1 2CD", "U1", "S1", 4_000),
            row("A1", "AB1 2CD", "U1", "S1", 6_000),
            row("A2", "XY9 9ZZ", "U1", "S1", 6_000),
        ];
        // A1 (same postcode) grew by 2,500, A2 (same PCN) by exactly 4,000: the postcode wins
        // because 2,500 is at least half the 4,000 lost.
        let now = [
            row("A1", "AB1 2CD", "U1", "S1", 8_500),
            row("A2", "XY9 9ZZ", "U1", "S1", 10_000),
        ];
        let c = match_closures(&before, &now);
        let c = only(&c);
        assert_eq!(c.lost, 400_000);
        assert_eq!(c.rule, MatchRule::Postcode);
        assert_eq!(c.absorber.as_deref(), Some("A1"));
    }

    #[test]
    fn a_closure_is_matched_in_its_pcn_to_the_practice_that_grew_by_about_its_list() {
        let before = [
            row("C1", "AB1 2CD", "U1", "S1", 5_000),
            row("A1", "EF1 1AA", "U1", "S1", 6_000),
            row("A2", "EF2 2AA", "U1", "S1", 6_000),
            row("A3", "EF3 3AA", "U2", "S1", 6_000),
        ];
        let now = [
            row("A1", "EF1 1AA", "U1", "S1", 6_100),
            row("A2", "EF2 2AA", "U1", "S1", 10_800),
            // Grew by exactly the closed list but in another PCN: the PCN ring decides first.
            row("A3", "EF3 3AA", "U2", "S1", 11_000),
        ];
        let c = match_closures(&before, &now);
        let c = only(&c);
        assert_eq!(
            (c.rule, c.absorber.as_deref()),
            (MatchRule::Pcn, Some("A2"))
        );
    }

    #[test]
    fn a_new_code_formed_by_merger_absorbs_both_lists() {
        let before = [
            row("C1", "AB1 2CD", "U1", "S1", 5_000),
            row("C2", "AB3 4CD", "U1", "S1", 3_000),
        ];
        // N1 has no 2021/22 row: its growth is its whole list.
        let now = [row("N1", "AB1 2CD", "U1", "S1", 7_800)];
        let c = match_closures(&before, &now);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].code.as_str(), c[0].rule), ("C1", MatchRule::Postcode));
        assert_eq!((c[1].code.as_str(), c[1].rule), ("C2", MatchRule::Pcn));
        assert_eq!(absorbed_by_practice(&c).get("N1"), Some(&800_000));
    }

    #[test]
    fn two_candidates_that_fit_equally_well_leave_the_closure_unmatched() {
        let before = [
            row("C1", "AB1 2CD", "U1", "S1", 4_000),
            row("A1", "EF1 1AA", "U1", "S1", 6_000),
            row("A2", "EF2 2AA", "U1", "S1", 6_000),
        ];
        // A1 grew by 3,990 and A2 by 4,020: their distances from 4,000 (10 and 20) differ by
        // less than 1% of it (40).
        let now = [
            row("A1", "EF1 1AA", "U1", "S1", 9_990),
            row("A2", "EF2 2AA", "U1", "S1", 10_020),
        ];
        let closures = match_closures(&before, &now);
        let c = only(&closures);
        assert_eq!(
            (c.rule, c.absorber.as_deref()),
            (MatchRule::Ambiguous, None)
        );
        assert!(absorbed_by_practice(&closures).is_empty());

        // Far enough apart, the nearer one is taken.
        let now = [
            row("A1", "EF1 1AA", "U1", "S1", 9_990),
            row("A2", "EF2 2AA", "U1", "S1", 10_500),
        ];
        let c = match_closures(&before, &now);
        assert_eq!(only(&c).absorber.as_deref(), Some("A1"));
    }

    #[test]
    fn a_closure_no_practice_grew_enough_to_absorb_stays_unmatched() {
        let before = [
            row("C1", "AB1 2CD", "U1", "S1", 8_000),
            row("A1", "EF1 1AA", "U1", "S1", 6_000),
            row("A2", "EF2 2AA", "U2", "S1", 6_000),
        ];
        // A1 (same PCN) grew by 3,000 (under half of 8,000); A2 (same sub-ICB) by 6,000 (under
        // 80% of 8,000).
        let now = [
            row("A1", "EF1 1AA", "U1", "S1", 9_000),
            row("A2", "EF2 2AA", "U2", "S1", 12_000),
        ];
        let c = match_closures(&before, &now);
        assert_eq!(only(&c).rule, MatchRule::Unmatched);

        // With 6,400 (80%) the sub-ICB ring takes it.
        let now = [
            row("A1", "EF1 1AA", "U1", "S1", 9_000),
            row("A2", "EF2 2AA", "U2", "S1", 12_400),
        ];
        let c = match_closures(&before, &now);
        assert_eq!(
            (only(&c).rule, only(&c).absorber.as_deref()),
            (MatchRule::SubIcb, Some("A2"))
        );
    }

    #[test]
    fn a_practice_that_only_shrank_or_lost_little_is_no_closure() {
        let before = [
            // Lost 40%: not under half.
            row("P1", "AB1 2CD", "U1", "S1", 5_000),
            // Gone, but only 99 patients.
            row("P2", "AB1 2CD", "U1", "S1", 99),
            row("A1", "AB1 2CD", "U1", "S1", 5_000),
        ];
        let now = [
            row("P1", "AB1 2CD", "U1", "S1", 3_000),
            row("A1", "AB1 2CD", "U1", "S1", 7_000),
        ];
        assert!(match_closures(&before, &now).is_empty());
    }

    #[test]
    fn no_pcn_is_no_ring() {
        let before = [
            row("C1", "AB1 2CD", "Unknown or no PCN", "S1", 4_000),
            row("A1", "EF1 1AA", "Unknown or no PCN", "S2", 6_000),
        ];
        let now = [row("A1", "EF1 1AA", "Unknown or no PCN", "S2", 10_000)];
        assert_eq!(
            only(&match_closures(&before, &now)).rule,
            MatchRule::Unmatched
        );
    }
}
