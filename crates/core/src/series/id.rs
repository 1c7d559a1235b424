//! The names of the charts: one closed set, spelt as they appear in links (`embed=`) and file
//! names.

use std::fmt;
use std::str::FromStr;

/// Which chart a [`super::ChartSpec`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartId {
    WinnersLosers,
    Deprivation,
    DeprivationQuintile,
    Distribution,
    FundingVsDeprivation,
    Regions,
    Icbs,
    RuralUrban,
    ListSize,
    Councils,
    Constituencies,
    /// The practices of one area (`embed=area`).
    Area,
    NetworkSizes,
    Savings,
    PrimaryCareShare,
    BudgetHolder,
    CoreShift,
    Levers,
    Transition,
    HistoryPerRegistered,
    HistoryPerWeighted,
    HistoryLists,
    HistoryGpAtHand,
    /// A story's empty chart, held while its lever is not in use.
    Story,
}

impl ChartId {
    /// Every chart, the explorer's first in page order.
    pub const ALL: [ChartId; 24] = [
        ChartId::WinnersLosers,
        ChartId::Deprivation,
        ChartId::DeprivationQuintile,
        ChartId::Distribution,
        ChartId::FundingVsDeprivation,
        ChartId::Regions,
        ChartId::Icbs,
        ChartId::RuralUrban,
        ChartId::ListSize,
        ChartId::Councils,
        ChartId::Constituencies,
        ChartId::Area,
        ChartId::NetworkSizes,
        ChartId::Savings,
        ChartId::PrimaryCareShare,
        ChartId::BudgetHolder,
        ChartId::CoreShift,
        ChartId::Levers,
        ChartId::Transition,
        ChartId::HistoryPerRegistered,
        ChartId::HistoryPerWeighted,
        ChartId::HistoryLists,
        ChartId::HistoryGpAtHand,
        ChartId::Story,
    ];

    /// The chart's name in links and file names.
    pub const fn as_str(self) -> &'static str {
        match self {
            ChartId::WinnersLosers => "winners-losers",
            ChartId::Deprivation => "deprivation",
            ChartId::DeprivationQuintile => "deprivation-quintile",
            ChartId::Distribution => "distribution",
            ChartId::FundingVsDeprivation => "funding-vs-deprivation",
            ChartId::Regions => "regions",
            ChartId::Icbs => "icbs",
            ChartId::RuralUrban => "rural-urban",
            ChartId::ListSize => "list-size",
            ChartId::Councils => "councils",
            ChartId::Constituencies => "constituencies",
            ChartId::Area => "area",
            ChartId::NetworkSizes => "network-sizes",
            ChartId::Savings => "savings",
            ChartId::PrimaryCareShare => "primary-care-share",
            ChartId::BudgetHolder => "budget-holder",
            ChartId::CoreShift => "core-shift",
            ChartId::Levers => "levers",
            ChartId::Transition => "transition",
            ChartId::HistoryPerRegistered => "history-per-registered",
            ChartId::HistoryPerWeighted => "history-per-weighted",
            ChartId::HistoryLists => "history-lists",
            ChartId::HistoryGpAtHand => "history-gp-at-hand",
            ChartId::Story => "story",
        }
    }
}

/// A name that is no chart's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownChart(pub String);

impl fmt::Display for UnknownChart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no chart is called '{}'", self.0)
    }
}

impl std::error::Error for UnknownChart {}

impl FromStr for ChartId {
    type Err = UnknownChart;

    fn from_str(s: &str) -> Result<ChartId, UnknownChart> {
        ChartId::ALL
            .into_iter()
            .find(|id| id.as_str() == s)
            .ok_or_else(|| UnknownChart(s.to_string()))
    }
}

impl fmt::Display for ChartId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for ChartId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::ChartId;

    #[test]
    fn every_chart_name_reads_back_as_its_chart() {
        for id in ChartId::ALL {
            assert_eq!(id.as_str().parse::<ChartId>(), Ok(id));
        }
        assert!("nope".parse::<ChartId>().is_err());
    }
}
