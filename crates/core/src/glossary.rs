//! The glossary: every term of general practice funding the page uses, declared once with a
//! plain-English definition and, where one exists, its source. The page links a term's first use
//! in a control's help or a tour step to its entry (`#glossary-<id>`), with [`link_terms`].

use crate::scenario::Source;

/// One term.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// The entry's anchor is `glossary-<id>`.
    pub id: &'static str,
    pub term: &'static str,
    /// The forms a text may use, each matched as whole words: with a lower-case letter, in any
    /// case; in capitals alone (an abbreviation), exactly.
    pub forms: &'static [&'static str],
    pub definition: &'static str,
    pub source: Option<Source>,
}

impl Entry {
    /// The anchor of its entry on the page.
    pub fn anchor(&self) -> String {
        format!("glossary-{}", self.id)
    }
}

// The sources the parameter table cites too, declared there once.
use crate::scenario::params::{ALLOCATIONS_2022, CONTRACT_2019, PAYMENTS, TEN_YEAR_PLAN};

const IOD_2019: Source = Source {
    publisher: "Ministry of Housing, Communities and Local Government",
    title: "English indices of deprivation 2019",
    year: Some(2019),
};

/// Every term, in alphabetical order.
pub const GLOSSARY: &[Entry] = &[
    Entry {
        id: "additional-needs",
        term: "Additional needs",
        forms: &["additional needs", "additional-needs"],
        definition: "The part of a practice's weighted list that allows for its patients' illness and early death beyond what their age and sex predict. The published formula takes it from health surveys and mortality; here it is estimated from the deprivation of the practice's patients.",
        source: Some(ALLOCATIONS_2022),
    },
    Entry {
        id: "arrs",
        term: "ARRS (Additional Roles Reimbursement Scheme)",
        forms: &["ARRS", "Additional Roles Reimbursement Scheme"],
        definition: "The part of a primary care network's money that repays it for employing staff other than GPs, such as pharmacists, physiotherapists and social prescribing link workers, up to a cap for each network.",
        source: Some(CONTRACT_2019),
    },
    Entry {
        id: "capitation",
        term: "Capitation",
        forms: &["capitation"],
        definition: "Paying for care by the number of people a provider looks after rather than by the work it does: a practice's core money is a sum per (weighted) patient on its list.",
        source: None,
    },
    Entry {
        id: "carr-hill",
        term: "Carr-Hill formula",
        forms: &["Carr-Hill"],
        definition: "The formula, named after the researcher who led its design and used since 2004, that turns a practice's registered list into its weighted list: by its patients' age and sex, the turnover of its list, their additional needs, the practice's rurality and the cost of staff in its area (the market forces factor).",
        source: Some(ALLOCATIONS_2022),
    },
    Entry {
        id: "ccg",
        term: "CCG (clinical commissioning group)",
        forms: &["CCG", "CCGs", "clinical commissioning group"],
        definition: "The local NHS bodies that bought care for their areas from 2013 until integrated care boards took over on 1 July 2022; their areas live on as sub-ICB locations.",
        source: None,
    },
    Entry {
        id: "deprivation-fifth",
        term: "Deprivation fifth",
        forms: &["deprived fifth", "deprivation fifth", "deprived fifths"],
        definition: "Practices ranked by the IMD score of their patients and split into five groups of equal registered population; the most deprived fifth is the fifth of patients in the practices of highest score.",
        source: None,
    },
    Entry {
        id: "digital-first",
        term: "Digital-first practice",
        forms: &["digital-first"],
        definition: "A practice that sees patients mainly by phone, video or app and registers people far from its surgery, such as GP at Hand, hosted by a practice in Hammersmith and Fulham.",
        source: None,
    },
    Entry {
        id: "global-sum",
        term: "Global Sum",
        forms: &["Global Sum"],
        definition: "The core payment to practices on the national (GMS) contract for their essential services: one price per weighted patient, paid quarterly.",
        source: Some(PAYMENTS),
    },
    Entry {
        id: "icb",
        term: "ICB (integrated care board)",
        forms: &["ICB", "ICBs", "integrated care board", "integrated care boards"],
        definition: "The NHS body that plans and pays for health care in its area, general practice included; 42 cover England since 1 July 2022.",
        source: None,
    },
    Entry {
        id: "imd",
        term: "IMD (Index of Multiple Deprivation)",
        forms: &["IMD", "Index of Multiple Deprivation"],
        definition: "The official measure of how deprived each small area of England is, combining income, employment, health, education, crime, barriers to housing and services, and living environment. A practice's score is that of its patients' areas.",
        source: Some(IOD_2019),
    },
    Entry {
        id: "integrated-health-organisation",
        term: "Integrated health organisation",
        forms: &["integrated health organisation"],
        definition: "A single NHS body, such as an acute trust, that holds the budget for a whole population's care, general practice included, and contracts with or employs the practices.",
        source: Some(TEN_YEAR_PLAN),
    },
    Entry {
        id: "new-registrants",
        term: "List turnover (new registrants)",
        forms: &["list turnover", "new registrants", "new registrant", "new-registrant"],
        definition: "Patients who have newly joined a practice bring more work in their first year, so the Carr-Hill formula counts them for more.",
        source: Some(ALLOCATIONS_2022),
    },
    Entry {
        id: "market-forces-factor",
        term: "Market forces factor",
        forms: &["market forces factor", "market forces"],
        definition: "The part of the Carr-Hill formula that allows for the higher cost of staff in some areas, London above all.",
        source: Some(ALLOCATIONS_2022),
    },
    Entry {
        id: "mpig",
        term: "MPIG (Minimum Practice Income Guarantee)",
        forms: &["MPIG", "Minimum Practice Income Guarantee"],
        definition: "A top-up, the correction factor, paid from 2004 to practices that would have been paid less under the Global Sum than before it; it has been phased out since 2014/15.",
        source: Some(PAYMENTS),
    },
    Entry {
        id: "ods-code",
        term: "ODS code",
        forms: &["ODS code"],
        definition: "The code the NHS's Organisation Data Service gives each organisation: E85124 is a practice, QK1 an integrated care board.",
        source: None,
    },
    Entry {
        id: "pcn",
        term: "PCN (primary care network)",
        forms: &["PCN", "PCNs", "primary care network", "primary care networks"],
        definition: "A group of neighbouring practices, usually serving 30,000 to 50,000 people, paid under the network contract since 2019 for shared staff and services on top of the practices' own money.",
        source: Some(CONTRACT_2019),
    },
    Entry {
        id: "pms",
        term: "PMS (Personal Medical Services)",
        forms: &["PMS"],
        definition: "A locally agreed contract for general practice, the alternative to the national (GMS) contract. What PMS practices were paid beyond what GMS would have paid them (the PMS balance) has been moved back towards GMS rates since 2014.",
        source: Some(PAYMENTS),
    },
    Entry {
        id: "qof",
        term: "QOF (Quality and Outcomes Framework)",
        forms: &["QOF", "Quality and Outcomes Framework"],
        definition: "The GP contract's pay for performance: practices earn points for indicators of care (such as blood pressure checked and controlled), each point worth a sum adjusted for the size of the list and how common the condition is there.",
        source: Some(PAYMENTS),
    },
    Entry {
        id: "rurality",
        term: "Rurality",
        forms: &["rurality"],
        definition: "The part of the Carr-Hill formula that allows for the extra cost of looking after patients spread over a wide area.",
        source: Some(ALLOCATIONS_2022),
    },
    Entry {
        id: "weighted-patient",
        term: "Weighted patient",
        forms: &["weighted patients", "weighted patient", "weighted lists", "weighted list"],
        definition: "A registered patient counted by the work the Carr-Hill formula expects them to bring: an older patient, a newly registered one or one in a rural or costly area counts for more than one. A practice's weighted list is the sum, and the Global Sum is paid per weighted patient. Per-head figures on this page divide by the published 2022/23 weighted list.",
        source: Some(ALLOCATIONS_2022),
    },
];

/// The entry with this id.
pub fn entry(id: &str) -> Option<&'static Entry> {
    GLOSSARY.iter().find(|e| e.id == id)
}

/// A piece of a text: plain, or a term's use linked to its entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Piece<'a> {
    Text(&'a str),
    Term(&'a str, &'static Entry),
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Where `form` first occurs in `text` at or after byte `from` as whole words: with a lower-case
/// letter in any case, otherwise exactly. `lower` is `text` in ASCII lower case (the same byte
/// offsets), made once by the caller rather than once per form.
fn find_form(text: &str, lower: &str, form: &str, from: usize) -> Option<usize> {
    let exact = !form.chars().any(|c| c.is_lowercase());
    let folded;
    let (hay, needle) = if exact {
        (text, form)
    } else if form.bytes().any(|b| b.is_ascii_uppercase()) {
        folded = form.to_ascii_lowercase();
        (lower, folded.as_str())
    } else {
        (lower, form)
    };
    let mut start = from;
    while let Some(i) = hay.get(start..)?.find(needle) {
        let at = start + i;
        let end = at + needle.len();
        if !is_word(text[..at].chars().next_back()) && !is_word(text[end..].chars().next()) {
            return Some(at);
        }
        // On by one character, not past the whole match: a use that overlaps a rejected one
        // is still found, so the answer is the first use at or after `from`, whatever `from`.
        start = at + needle.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Splits `text` into plain pieces and the first use of each glossary term, left to right; at
/// one place the longest form wins.
pub fn link_terms(text: &str) -> Vec<Piece<'_>> {
    let lower = text.to_ascii_lowercase();
    // Each form's next use at or after `pos`, found once and looked for again only when `pos`
    // has passed it: the texts are read once per form, not once per term linked.
    let mut next: Vec<Vec<Option<usize>>> = GLOSSARY
        .iter()
        .map(|e| {
            e.forms
                .iter()
                .map(|f| find_form(text, &lower, f, 0))
                .collect()
        })
        .collect();
    let mut used = vec![false; GLOSSARY.len()];
    let mut pieces = Vec::new();
    let mut pos = 0;
    loop {
        let mut best: Option<(usize, usize, usize)> = None;
        for (i, e) in GLOSSARY.iter().enumerate() {
            if used[i] {
                continue;
            }
            for (j, f) in e.forms.iter().enumerate() {
                let found = match next[i][j] {
                    Some(at) if at < pos => {
                        let again = find_form(text, &lower, f, pos);
                        next[i][j] = again;
                        again
                    }
                    found => found,
                };
                if let Some(at) = found {
                    let better = best.is_none_or(|(b_at, b_len, _)| {
                        at < b_at || (at == b_at && f.len() > b_len)
                    });
                    if better {
                        best = Some((at, f.len(), i));
                    }
                }
            }
        }
        let Some((at, len, i)) = best else {
            break;
        };
        if at > pos {
            pieces.push(Piece::Text(&text[pos..at]));
        }
        pieces.push(Piece::Term(&text[at..at + len], &GLOSSARY[i]));
        used[i] = true;
        pos = at + len;
    }
    if pos < text.len() {
        pieces.push(Piece::Text(&text[pos..]));
    }
    pieces
}

/// The terms a text uses.
pub fn terms_in(text: &str) -> Vec<&'static Entry> {
    link_terms(text)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Term(_, e) => Some(e),
            Piece::Text(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::tours::TOURS;
    use crate::scenario::{Section, PARAMETERS};

    /// Every text of the page that links terms: the controls' labels and help, the sections'
    /// help, and the tours' steps.
    fn page_texts() -> Vec<&'static str> {
        let mut texts: Vec<&'static str> =
            PARAMETERS.iter().flat_map(|p| [p.label, p.help]).collect();
        texts.extend(Section::ALL.iter().flat_map(|s| [s.title(), s.help()]));
        texts.extend(
            TOURS
                .iter()
                .flat_map(|t| t.steps.iter().flat_map(|s| [s.title, s.text])),
        );
        texts
    }

    /// Abbreviations in the controls that name who published a figure (not a term of funding),
    /// an example ICB code (QRV), and the two every reader knows.
    const NOT_TERMS: &[&str] = &[
        "NHS", "GP", "BMA", "BMJ", "HSJ", "NAO", "RCGP", "PCC", "LMC", "MORI", "IT", "ONS", "OHID",
        "ODS", "QRV",
    ];

    #[test]
    fn every_abbreviation_in_the_controls_has_an_entry() {
        let mut missing = Vec::new();
        for p in PARAMETERS {
            let text = format!("{} {}", p.label, p.help);
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                let caps = word.trim_end_matches('s');
                let abbreviation = caps.len() >= 2 && caps.chars().all(|c| c.is_ascii_uppercase());
                if abbreviation && !NOT_TERMS.contains(&caps) {
                    let found = GLOSSARY
                        .iter()
                        .any(|e| e.forms.contains(&word) || e.forms.contains(&caps));
                    if !found && !missing.contains(&word.to_string()) {
                        missing.push(word.to_string());
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no glossary entry for {missing:?}");
    }

    #[test]
    fn the_named_terms_have_entries() {
        for term in [
            "weighted patient",
            "Global Sum",
            "MPIG",
            "QOF",
            "PCN",
            "ARRS",
            "Carr-Hill",
            "IMD",
            "capitation",
            "integrated health organisation",
        ] {
            assert_eq!(terms_in(term).len(), 1, "{term}");
        }
    }

    #[test]
    fn every_entry_is_used_on_the_page() {
        let texts = page_texts();
        for e in GLOSSARY {
            assert!(
                texts.iter().any(|t| terms_in(t).contains(&e)),
                "the entry {} is used nowhere",
                e.id
            );
        }
        // And the entries are in alphabetical order, with unique anchors.
        let terms: Vec<String> = GLOSSARY.iter().map(|e| e.term.to_lowercase()).collect();
        let mut sorted = terms.clone();
        sorted.sort();
        assert_eq!(terms, sorted);
        let mut ids: Vec<&str> = GLOSSARY.iter().map(|e| e.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), GLOSSARY.len());
    }

    #[test]
    fn a_term_is_linked_at_its_first_use_as_whole_words() {
        let text = "Global Sum, MPIG and PMS balance; the Global Sum again. PMSX is not PMS.";
        let pieces = link_terms(text);
        assert_eq!(
            pieces,
            vec![
                Piece::Term("Global Sum", entry("global-sum").unwrap()),
                Piece::Text(", "),
                Piece::Term("MPIG", entry("mpig").unwrap()),
                Piece::Text(" and "),
                Piece::Term("PMS", entry("pms").unwrap()),
                Piece::Text(" balance; the Global Sum again. PMSX is not PMS."),
            ]
        );
        // The pieces put back together are the text.
        let joined: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) | Piece::Term(t, _) => *t,
            })
            .collect();
        assert_eq!(joined, text);
        // The longest form at a place wins, and a phrase matches in any case.
        assert_eq!(
            link_terms("Money per weighted patients"),
            vec![
                Piece::Text("Money per "),
                Piece::Term("weighted patients", entry("weighted-patient").unwrap()),
            ]
        );
        assert_eq!(
            terms_in("the Most Deprived Fifth"),
            vec![entry("deprivation-fifth").unwrap()]
        );
        assert_eq!(link_terms(""), vec![]);
    }
}
