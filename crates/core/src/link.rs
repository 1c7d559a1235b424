//! The page's address: the scenario's query string, the selected practice, presentation mode
//! and embedded charts, read and written without a browser.

use crate::data::Dataset;
use crate::scenario::{Query, Scenario, ScenarioError};

/// The query string for a scenario and a selected practice code.
pub fn query_for(scenario: &Scenario, practice: Option<&str>) -> String {
    let mut query = scenario.to_query();
    if let Some(code) = practice {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str("practice=");
        query.push_str(code);
    }
    query
}

/// Reads the view from a query string: the scenario (bad settings fall back to their defaults
/// and are reported), and the practice, if its code is in the dataset.
pub fn read_query(query: &str, dataset: &Dataset) -> (Scenario, Option<usize>, Vec<String>) {
    let Query {
        scenario,
        view,
        errors,
    } = Query::parse(query);
    let mut messages: Vec<String> = errors.iter().map(ScenarioError::to_string).collect();
    let mut practice = None;
    if let Some(code) = view.practice {
        let code = code.trim().to_uppercase();
        match dataset.practice_index(&code) {
            Some(i) => practice = Some(i),
            None => messages.push(format!("'practice' names no practice with code '{code}'")),
        }
    }
    (scenario, practice, messages)
}

/// Whether the query asks for presentation mode (`present=1`).
pub fn presenting(query: &str) -> bool {
    Query::parse(query).view.present.as_deref() == Some("1")
}

/// The chart an embed link names, if any (`embed=deprivation`).
pub fn embedded_chart(query: &str) -> Option<String> {
    Query::parse(query)
        .view
        .embed
        .map(|id| id.trim().to_string())
}

/// The names charts can be embedded by: the map and every chart of the explorer.
pub fn embeddable(id: &str) -> bool {
    id == "map" || crate::series::CHART_IDS.iter().any(|c| c.as_str() == id)
}

/// The query without its `embed=` part (or empty parts): the view an embedded chart shows.
pub fn without_embed(query: &str) -> String {
    query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("embed="))
        .collect::<Vec<_>>()
        .join("&")
}

/// The link from an embedded chart back to the full explorer showing the same view.
pub fn back_link(query: &str) -> String {
    let view = without_embed(query);
    if view.is_empty() {
        "./".to_string()
    } else {
        format!("./?{view}")
    }
}

/// The iframe that embeds chart `id` of the view in `query`, from the app at `base` (its
/// origin and path).
pub fn embed_snippet(base: &str, query: &str, id: &str, title: &str) -> String {
    let view = without_embed(query);
    let separator = if view.is_empty() { "" } else { "&" };
    let title = title.replace('"', "&quot;");
    format!(
        "<iframe src=\"{base}?{view}{separator}embed={id}\" title=\"{title}\" width=\"100%\" height=\"520\" style=\"border:0\" loading=\"lazy\"></iframe>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data::dataset;

    #[test]
    fn a_practice_in_the_link_is_found_by_its_code() {
        let d = dataset();
        let (s, practice, messages) = read_query("preset=age-only&practice=e85124", d);
        assert!(messages.is_empty(), "{messages:?}");
        let i = practice.expect("E85124 is in the dataset");
        assert_eq!(d.practices[i].code, "E85124");
        assert_eq!(s, Scenario::from_query("preset=age-only").expect("valid"));
        // And written back, the same view.
        let query = query_for(&s, Some("E85124"));
        assert!(query.ends_with("&practice=E85124"), "{query}");
        let (again, practice_again, _) = read_query(&query, d);
        assert_eq!((again, practice_again), (s, Some(i)));
        assert_eq!(
            query_for(&Scenario::default(), Some("E85124")),
            "practice=E85124"
        );
        assert_eq!(query_for(&Scenario::default(), None), "");
    }

    #[test]
    fn an_unknown_practice_or_setting_is_reported_not_fatal() {
        let (s, practice, messages) = read_query("?practice=ZZZ999&ns=banana", dataset());
        assert_eq!(practice, None);
        assert!(
            messages.iter().any(|m| m.contains("'ZZZ999'")),
            "{messages:?}"
        );
        assert!(messages.len() >= 2, "{messages:?}");
        assert!(s.is_default());
        for odd in ["", "&&&", "practice=", "=", "🦀=🦀", "practice=%%%"] {
            let _ = read_query(odd, dataset());
        }
    }

    #[test]
    fn embed_links_keep_the_view_and_name_the_chart() {
        assert_eq!(
            embedded_chart("?v=1&embed=deprivation"),
            Some("deprivation".into())
        );
        assert_eq!(embedded_chart("v=1&ns=0"), None);
        assert!(embeddable("map") && embeddable("deprivation") && !embeddable("nope"));
        assert_eq!(without_embed("v=1&&embed=map&ns=0"), "v=1&ns=0");
        assert_eq!(back_link("embed=map"), "./");
        assert_eq!(back_link("v=1&embed=map"), "./?v=1");
        assert_eq!(
            embed_snippet("https://x.org/", "v=1&embed=icbs", "map", "A \"map\""),
            "<iframe src=\"https://x.org/?v=1&embed=map\" title=\"A &quot;map&quot;\" width=\"100%\" height=\"520\" style=\"border:0\" loading=\"lazy\"></iframe>"
        );
        assert!(embed_snippet("/", "", "map", "t").contains("src=\"/?embed=map\""));
        assert!(presenting("v=1&present=1") && !presenting("present=0"));
    }
}
