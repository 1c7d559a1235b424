//! Finding a practice (by name, code or postcode) or an area (PCN, sub-ICB location, ICB, or
//! the council or constituency a surgery is in) by what a person types.

use crate::data::Dataset;
use crate::model::{Group, Outcome};

/// What a search result points at: an index into the dataset's list of its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Practice(usize),
    Pcn(usize),
    SubIcb(usize),
    Icb(usize),
    /// A local authority (May 2024): the practices whose surgery is in it.
    LocalAuthority(usize),
    /// A Westminster constituency (July 2024): the practices whose surgery is in it.
    Constituency(usize),
}

impl Target {
    /// What kind of thing it is, in words.
    pub fn kind(self) -> &'static str {
        match self {
            Target::Practice(_) => "Practice",
            Target::Pcn(_) => "Primary care network",
            Target::SubIcb(_) => "Sub-ICB location",
            Target::Icb(_) => "Integrated care board",
            Target::LocalAuthority(_) => "Council",
            Target::Constituency(_) => "Constituency",
        }
    }

    /// The area whose code is `code` (any kind but a practice), if any.
    pub fn area_by_code(d: &Dataset, code: &str) -> Option<Target> {
        let code = code.trim();
        let find = |list: &[crate::data::Area]| {
            list.iter().position(|a| a.code.eq_ignore_ascii_case(code))
        };
        find(&d.local_authorities)
            .map(Target::LocalAuthority)
            .or_else(|| find(&d.constituencies).map(Target::Constituency))
            .or_else(|| find(&d.pcns).map(Target::Pcn))
            .or_else(|| find(&d.sub_icbs).map(Target::SubIcb))
            .or_else(|| {
                d.icbs
                    .iter()
                    .position(|a| a.code.eq_ignore_ascii_case(code))
                    .map(Target::Icb)
            })
    }

    /// The area's code; `None` for a practice or an index out of range.
    pub fn code(self, d: &Dataset) -> Option<&str> {
        match self {
            Target::Practice(_) => None,
            Target::Pcn(i) => d.pcns.get(i).map(|a| a.code.as_str()),
            Target::SubIcb(i) => d.sub_icbs.get(i).map(|a| a.code.as_str()),
            Target::Icb(i) => d.icbs.get(i).map(|a| a.code.as_str()),
            Target::LocalAuthority(i) => d.local_authorities.get(i).map(|a| a.code.as_str()),
            Target::Constituency(i) => d.constituencies.get(i).map(|a| a.code.as_str()),
        }
    }

    /// The practices in the area (for a practice, itself), in the dataset's order.
    pub fn members(self, d: &Dataset) -> Vec<usize> {
        let of = |f: &dyn Fn(&crate::data::Practice) -> bool| -> Vec<usize> {
            (0..d.practices.len())
                .filter(|&p| f(&d.practices[p]))
                .collect()
        };
        match self {
            Target::Practice(p) => (p < d.practices.len()).then_some(p).into_iter().collect(),
            Target::Pcn(i) => of(&|p| p.pcn == Some(i)),
            Target::SubIcb(i) => of(&|p| p.sub_icb == i),
            Target::Icb(i) => of(&|p| p.icb == i),
            Target::LocalAuthority(i) => of(&|p| p.local_authority == Some(i)),
            Target::Constituency(i) => of(&|p| p.constituency == Some(i)),
        }
    }

    /// The area's totals in an outcome; `None` for a practice or an area the outcome lacks.
    pub fn group(self, o: &Outcome) -> Option<&Group> {
        match self {
            Target::Practice(_) => None,
            Target::Pcn(i) => o.by_pcn.get(i),
            Target::SubIcb(i) => o.by_sub_icb.get(i),
            Target::Icb(i) => o.by_icb.get(i),
            Target::LocalAuthority(i) => o.by_local_authority.get(i),
            Target::Constituency(i) => o.by_constituency.get(i),
        }
    }
}

/// One searchable item.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What the result list shows: a practice's name and code, or an area's name.
    pub label: String,
    /// What kind of thing it is, with its postcode or code.
    pub detail: String,
    /// Everything a search matches, lower case.
    haystack: String,
    /// The code, lower case, for exact matches.
    code: String,
    pub target: Target,
}

impl Entry {
    fn area(target: Target, code: &str, name: &str) -> Entry {
        Entry {
            label: name.to_string(),
            detail: format!("{} {code}", target.kind()),
            haystack: format!("{name} {code}").to_lowercase(),
            code: code.to_lowercase(),
            target,
        }
    }
}

/// Everything that can be found, built once per dataset: practices, then PCNs, sub-ICB
/// locations, ICBs, councils and constituencies.
pub fn index(d: &Dataset) -> Vec<Entry> {
    let mut entries = Vec::with_capacity(
        d.practices.len()
            + d.pcns.len()
            + d.sub_icbs.len()
            + d.icbs.len()
            + d.local_authorities.len()
            + d.constituencies.len(),
    );
    entries.extend(d.practices.iter().enumerate().map(|(i, p)| Entry {
        label: p.title(),
        detail: if p.postcode.is_empty() {
            Target::Practice(i).kind().to_string()
        } else {
            format!("{}, {}", Target::Practice(i).kind(), p.postcode)
        },
        haystack: format!("{} {} {}", p.name, p.code, p.postcode).to_lowercase(),
        code: p.code.to_lowercase(),
        target: Target::Practice(i),
    }));
    fn named(a: &crate::data::Area) -> (&str, &str) {
        (a.code.as_str(), a.name.as_str())
    }
    let icbs = d.icbs.iter().map(|a| (a.code.as_str(), a.name.as_str()));
    entries.extend(areas(Target::Pcn, d.pcns.iter().map(named)));
    entries.extend(areas(Target::SubIcb, d.sub_icbs.iter().map(named)));
    entries.extend(areas(Target::Icb, icbs));
    entries.extend(areas(
        Target::LocalAuthority,
        d.local_authorities.iter().map(named),
    ));
    entries.extend(areas(
        Target::Constituency,
        d.constituencies.iter().map(named),
    ));
    entries
}

/// Entries for a list of areas given as (code, name), and what a position in it points at.
fn areas<'a>(
    target: fn(usize) -> Target,
    list: impl Iterator<Item = (&'a str, &'a str)> + 'a,
) -> impl Iterator<Item = Entry> + 'a {
    list.enumerate()
        .map(move |(i, (code, name))| Entry::area(target(i), code, name))
}

/// Up to `limit` entries matching every word of `query` (case aside), exact codes first. Stops
/// looking once it has four times `limit` matches.
pub fn search<'a>(entries: &'a [Entry], query: &str, limit: usize) -> Vec<&'a Entry> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let words: Vec<&str> = q.split_whitespace().collect();
    let enough = limit.saturating_mul(4);
    let mut exact = Vec::new();
    let mut rest = Vec::new();
    for e in entries {
        if words.iter().all(|w| e.haystack.contains(w)) {
            if e.code == q {
                exact.push(e);
            } else {
                rest.push(e);
            }
            if exact.len() + rest.len() >= enough {
                break;
            }
        }
    }
    exact.into_iter().chain(rest).take(limit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::{dataset, outcome};

    fn entries() -> Vec<Entry> {
        index(dataset())
    }

    #[test]
    fn every_practice_and_area_is_indexed_once() {
        let d = dataset();
        let e = entries();
        assert_eq!(
            e.len(),
            d.practices.len()
                + d.pcns.len()
                + d.sub_icbs.len()
                + d.icbs.len()
                + d.local_authorities.len()
                + d.constituencies.len()
        );
        assert_eq!(
            e.iter()
                .filter(|e| matches!(e.target, Target::Icb(_)))
                .count(),
            42
        );
    }

    #[test]
    fn a_practice_code_finds_the_practice_first() {
        let d = dataset();
        let e = entries();
        let found = search(&e, "E85124", 8);
        let first = found.first().expect("E85124 is found");
        let Target::Practice(i) = first.target else {
            panic!("a practice code finds a practice")
        };
        assert_eq!(d.practices[i].code, "E85124");
        assert!(first.label.contains("GP AT HAND"), "{}", first.label);
        assert!(first.label.ends_with("(E85124)"));
        assert!(first.detail.starts_with("Practice, "));
        // Case and spaces around it do not matter.
        assert_eq!(search(&e, "  e85124 ", 8).first(), found.first());
    }

    #[test]
    fn a_name_fragment_finds_the_practice() {
        let e = entries();
        let found = search(&e, "at hand", 8);
        assert!(found.iter().any(|e| e.label.ends_with("(E85124)")));
        // Every word must match, in any order.
        let found = search(&e, "hand gp", 8);
        assert!(found.iter().any(|e| e.label.contains("E85124")));
    }

    #[test]
    fn an_icb_name_finds_the_icb() {
        let d = dataset();
        let e = entries();
        let found = search(&e, "north west london integrated care board", 8);
        let icb = found
            .iter()
            .find_map(|e| match e.target {
                Target::Icb(i) => Some(i),
                _ => None,
            })
            .expect("the ICB is among the results");
        assert!(d.icbs[icb].name.contains("North West London"));
        // Its code finds it first, and its detail says what it is.
        let by_code = search(&e, &d.icbs[icb].code, 8);
        let first = by_code.first().expect("found by code");
        assert_eq!(first.target, Target::Icb(icb));
        assert_eq!(
            first.detail,
            format!("Integrated care board {}", d.icbs[icb].code)
        );
    }

    #[test]
    fn a_constituency_or_council_name_finds_it_and_its_practices() {
        let d = dataset();
        let e = entries();
        let found = search(&e, "stockton north", 8);
        let seat = found
            .iter()
            .find_map(|e| match e.target {
                Target::Constituency(i) => Some(i),
                _ => None,
            })
            .expect("the constituency is among the results");
        assert_eq!(d.constituencies[seat].name, "Stockton North");
        let first = search(&e, &d.constituencies[seat].code, 8);
        assert_eq!(
            first[0].detail,
            format!("Constituency {}", d.constituencies[seat].code)
        );
        let found = search(&e, "stockton-on-tees", 8);
        let council = found
            .iter()
            .find_map(|e| match e.target {
                Target::LocalAuthority(i) => Some(i),
                _ => None,
            })
            .expect("the council is among the results");
        // The council's practices include the constituency's, and every one is located in it.
        let in_council = Target::LocalAuthority(council).members(d);
        let in_seat = Target::Constituency(seat).members(d);
        assert!(!in_seat.is_empty() && in_seat.len() < in_council.len());
        assert!(in_seat.iter().all(|p| in_council.contains(p)));
        assert_eq!(
            Target::area_by_code(d, &d.constituencies[seat].code.to_lowercase()),
            Some(Target::Constituency(seat))
        );
        assert_eq!(
            Target::Constituency(seat).code(d),
            Some(d.constituencies[seat].code.as_str())
        );
        // The group holds exactly the members' money.
        let o = outcome("preset=age-only");
        let g = Target::Constituency(seat).group(&o).unwrap();
        assert_eq!(g.practices, in_seat.len());
        assert_eq!(
            g.scenario_pence,
            in_seat
                .iter()
                .map(|&p| o.practices[p].total_scenario_pence)
                .sum::<i64>()
        );
    }

    #[test]
    fn results_are_limited() {
        let e = entries();
        assert_eq!(search(&e, "surgery", 8).len(), 8);
        assert!(search(&e, "surgery", 0).is_empty());
        assert!(search(&e, "surgery", usize::MAX).len() > 8);
    }

    #[test]
    fn empty_or_odd_input_finds_nothing_and_never_panics() {
        let e = entries();
        for q in [
            "", "   ", "\t\n", "zzzzqqqq", "🦀", "%&?=", "é", "\u{0}", "a\u{301}",
        ] {
            let found = search(&e, q, 8);
            assert!(found.len() <= 8, "{q:?}");
        }
        assert!(search(&e, "", 8).is_empty());
        assert!(search(&e, "zzzzqqqq", 8).is_empty());
        assert!(search(&[], "E85124", 8).is_empty());
        let long = "x".repeat(10_000);
        assert!(search(&e, &long, 8).is_empty());
    }

    #[test]
    fn an_area_target_gives_its_group() {
        let o = outcome("preset=age-only");
        let g = Target::Icb(0).group(&o).expect("the first ICB has a group");
        assert_eq!(g.code, o.by_icb[0].code);
        assert_eq!(Target::Icb(0).kind(), "Integrated care board");
        assert!(Target::Practice(0).group(&o).is_none());
        assert!(Target::Pcn(usize::MAX).group(&o).is_none());
    }
}
