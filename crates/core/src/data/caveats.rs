//! What a reader of the dataset should know: sources, licences and every caveat, with the
//! counts taken from the build report so the text always matches the data.

use super::{BuildReport, Dataset};

/// One source file and what it contributes.
pub struct Source {
    pub what: &'static str,
    pub publisher: &'static str,
}

/// The publishers whose data the dataset is built from.
pub const SOURCES: &[Source] = &[
    Source {
        what: "NHS Payments to General Practice, England, 2014/15 to 2022/23 (practice level)",
        publisher: "NHS Digital / NHS England",
    },
    Source {
        what: "Patients Registered at a GP Practice, December 2025 (age and sex; practice to PCN, sub-ICB and ICB mapping)",
        publisher: "NHS England",
    },
    Source {
        what: "Deprivation score (IMD 2019) of each practice's registered population, indicator 93553",
        publisher: "OHID Fingertips, from the English Indices of Deprivation 2019 (MHCLG)",
    },
    Source {
        what: "Practice weighted populations for ICB allocations, 2022/23 and 2023/24",
        publisher: "NHS England",
    },
    Source {
        what: "Practice locations: postcodes placed with Code-Point Open",
        publisher: "Ordnance Survey",
    },
    Source {
        what: "ICB boundaries, July 2022",
        publisher: "Office for National Statistics",
    },
];

fn join<'a>(report: &'a BuildReport, field: &str) -> Option<&'a super::JoinReport> {
    report.joins.iter().find(|j| j.field == field)
}

/// Every caveat of the dataset, in plain words.
pub fn caveats(dataset: &Dataset) -> Vec<String> {
    let r = &dataset.report;
    let n = dataset.practices.len();
    let mut out = vec![
        format!(
            "The baseline is {}: all {} practices in the payments file, including {} with no registered patients (they keep their payments but have no per-patient figures).",
            dataset.year,
            crate::format::count(n as u64),
            dataset.practices.iter().filter(|p| p.registered_centi == 0).count()
        ),
        "The payments files are lightly cleaned copies of NHS Digital's files (published by the Health Equity Evidence Centre); the values are as published. In the 2022/23 file, the columns headed 'CCG Code', 'Sub ICB NAME', 'Code' and 'CCG NAME' hold the sub-ICB code and name and the PCN code and name, and are read as such.".to_string(),
    ];
    if let Some(j) = join(r, "age-sex profile") {
        out.push(format!(
            "Age and sex come from December 2025 registrations, not 2022/23: each practice's profile is rescaled to its 2022/23 list. {} practices have no December 2025 profile and are given their sub-ICB's combined profile.",
            j.imputed
        ));
    }
    if let Some(j) = join(r, "IMD 2019 score") {
        out.push(format!(
            "Deprivation is the IMD 2019 score of each practice's registered population. {} practices have no IMD 2019 score and use their IMD 2015 score or their sub-ICB's mean. Sources in order: {}.",
            j.imputed, j.how
        ));
    }
    if let Some(j) = join(r, "ICB") {
        out.push(format!(
            "ICBs come from the December 2025 practice mapping; for {} practices not in it, from the practice's sub-ICB through a CCG-to-ICB lookup. Surrey Heartlands and Sussex took new ONS codes in 2023; the map uses their 2022 codes.",
            j.imputed
        ));
    }
    if let Some(j) = join(r, "location") {
        out.push(format!(
            "Locations are postcode centroids; {} practices' postcodes could not be placed and are left off the map.",
            j.missing
        ));
    }
    if let Some(j) = join(r, "NHS England allocation weighted populations") {
        out.push(format!(
            "NHS England's allocation weighted populations for a network budget's need formula are for 2023/24, rounded to 0.1 patient; {} practices are not in that file.",
            j.missing
        ));
    }
    if let Some(j) = join(
        r,
        "NHS England primary medical care need-weighted list, 2022/23",
    ) {
        out.push(format!(
            "The whole formula 'pmc' uses NHS England's primary medical care need-weighted list of the 2022/23 allocations, rounded to 0.1 patient; {} practices are not in that file.",
            j.missing
        ));
    }
    if let Some(j) = join(r, "registered patients 2021/22") {
        out.push(format!(
            "List growth uses the 2021/22 payments file; {} practices were not listed that year.",
            j.missing
        ));
    }
    if let Some(j) = join(r, "lists absorbed from closed practices") {
        out.push(format!(
            "No per-practice count of new registrations was found, so each practice's share of new registrants (for the list-turnover index) is estimated from its list growth since 2021/22, with the patients of closed or merged practices counted as already registered at the practice matched as taking them over (same postcode, then same PCN, then same sub-ICB, preferring the practice whose list grew by about the closed list). {} Net growth leaves out patients who joined and left again, so it understates turnover where many do, as at GP at Hand.",
            j.how
        ));
    }
    out.push("The map's ICB boundaries are heavily simplified, good for colouring areas but not for placing a practice in one.".to_string());
    out.push("Some earlier years publish registered and weighted lists as averages with many decimal places; the history keeps them to 0.01 patient. Money is kept to the penny throughout.".to_string());
    out
}
