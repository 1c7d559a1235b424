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
        ..
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

/// The area a query selects (`area=CODE`: a council, constituency, PCN, sub-ICB location or
/// ICB), and a message when the code names none.
pub fn read_area(query: &str, dataset: &Dataset) -> (Option<crate::find::Target>, Option<String>) {
    match Query::parse(query).view.area {
        None => (None, None),
        Some(code) => match crate::find::Target::area_by_code(dataset, &code) {
            Some(t) => (Some(t), None),
            None => (
                None,
                Some(format!(
                    "'area' names no council, constituency or NHS area with code '{}'",
                    code.trim()
                )),
            ),
        },
    }
}

/// `query` with the selected area's code added (`area=CODE`), if there is one.
pub fn with_area(mut query: String, area: Option<&str>) -> String {
    if let Some(code) = area {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str("area=");
        query.push_str(code);
    }
    query
}

/// The guided tour and step a link opens on (`story=NAME&step=N`, steps counted from 1, the
/// first when `step` is missing), as indices into [`TOURS`](crate::scenario::tours::TOURS), and a
/// message when the link names a tour or a step that does not exist.
pub fn read_tour(query: &str) -> (Option<(usize, usize)>, Option<String>) {
    use crate::scenario::tours::TOURS;
    let view = Query::parse(query).view;
    let Some(name) = view.story else {
        return (None, None);
    };
    let name = name.trim();
    let Some(t) = TOURS.iter().position(|tour| tour.name == name) else {
        let names: Vec<&str> = TOURS.iter().map(|tour| tour.name).collect();
        return (
            None,
            Some(format!(
                "'story' names no guided tour called '{name}' (the tours: {})",
                names.join(", ")
            )),
        );
    };
    let steps = TOURS[t].steps.len();
    match view.step.as_deref().map(str::trim) {
        None => (Some((t, 0)), None),
        Some(step) => match step.parse::<usize>() {
            Ok(n) if (1..=steps).contains(&n) => (Some((t, n - 1)), None),
            _ => (
                Some((t, 0)),
                Some(format!(
                    "'step' must be a whole number from 1 to {steps} for the tour '{name}', not '{step}': the tour opens at step 1"
                )),
            ),
        },
    }
}

/// `query` with the guided tour and step under way added (`story=NAME&step=N`, N from 1), if
/// there is one.
pub fn with_tour(mut query: String, tour: Option<(usize, usize)>) -> String {
    use crate::scenario::tours::TOURS;
    if let Some((name, step)) = tour.and_then(|(t, s)| TOURS.get(t).map(|tour| (tour.name, s))) {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&format!("story={name}&step={}", step + 1));
    }
    query
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

/// An embedded chart's colours (`theme=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedTheme {
    Light,
    Dark,
    /// Light or dark as the reader's system prefers.
    Auto,
}

impl EmbedTheme {
    /// The theme by its name in links (`light`, `dark`, `auto`).
    pub fn named(name: &str) -> Option<EmbedTheme> {
        match name.trim() {
            "light" => Some(EmbedTheme::Light),
            "dark" => Some(EmbedTheme::Dark),
            "auto" => Some(EmbedTheme::Auto),
            _ => None,
        }
    }

    /// What a link adds for this theme: nothing for the default, light.
    fn query_part(self) -> &'static str {
        match self {
            EmbedTheme::Light => "",
            EmbedTheme::Dark => "&theme=dark",
            EmbedTheme::Auto => "&theme=auto",
        }
    }

    /// The class the page's root element takes.
    pub fn class(self) -> &'static str {
        match self {
            EmbedTheme::Light => "theme-light",
            EmbedTheme::Dark => "theme-dark",
            EmbedTheme::Auto => "theme-auto",
        }
    }
}

/// The colours an embed link asks for: `theme=dark`, `theme=auto`, or light (the default, and
/// what any other value gives).
pub fn embed_theme(query: &str) -> EmbedTheme {
    Query::parse(query)
        .view
        .theme
        .as_deref()
        .and_then(EmbedTheme::named)
        .unwrap_or(EmbedTheme::Light)
}

/// The message an embedded chart posts to the page around it with its height in CSS pixels:
/// `{type: "gpfe-height", height}`.
pub const HEIGHT_MESSAGE: &str = "gpfe-height";

/// The names charts can be embedded by: the map, every chart of the explorer, and one area's
/// practices (`embed=area&area=CODE`).
pub fn embeddable(id: &str) -> bool {
    id == "map" || id == "area" || crate::series::CHART_IDS.iter().any(|c| c.as_str() == id)
}

/// The query without its `embed=` and `theme=` parts (or empty parts): the view an embedded
/// chart shows.
pub fn without_embed(query: &str) -> String {
    query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("embed=") && !p.starts_with("theme="))
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

/// Text safe inside a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The iframe that embeds chart `id` of the view in `query` in colours `theme`, from the app at
/// `base` (its origin and path), titled with the chart's question and its one-sentence description, and
/// the few lines of script that let the host page fit the frame to the chart: they take the
/// height the chart posts ([`HEIGHT_MESSAGE`]), only from the app's `origin`.
pub fn embed_snippet(
    base: &str,
    origin: &str,
    query: &str,
    id: &str,
    theme: EmbedTheme,
    title: &str,
    description: &str,
) -> String {
    let theme = theme.query_part();
    let view = without_embed(query);
    let separator = if view.is_empty() { "" } else { "&" };
    let title = attribute(&format!("{title} {description}"));
    let origin = origin.replace(['\\', '"', '<', '>'], "");
    format!(
        "<iframe src=\"{base}?{view}{separator}embed={id}{theme}\" title=\"{title}\" width=\"100%\" height=\"520\" style=\"border:0\" loading=\"lazy\"></iframe>\n\
<script>\n\
window.addEventListener(\"message\", function (e) {{\n\
  if (e.origin !== \"{origin}\" || !e.data || e.data.type !== \"{HEIGHT_MESSAGE}\") return;\n\
  var h = Math.min(Math.max(Number(e.data.height) || 0, 100), 10000);\n\
  document.querySelectorAll(\"iframe\").forEach(function (f) {{\n\
    if (f.contentWindow === e.source) f.style.height = h + \"px\";\n\
  }});\n\
}});\n\
</script>"
    )
}

/// The `gpfe` command that prints the figures of the view in `query` (the scenario's part of
/// it), quoted for a POSIX shell.
pub fn gpfe_command(query: &str) -> String {
    let q = Query::parse(query);
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let scenario = q.scenario.to_query();
    let mut command = "gpfe summary".to_string();
    if !scenario.is_empty() {
        command.push_str(" --scenario ");
        command.push_str(&quote(&scenario));
    }
    if let Some(b) = q.compare {
        command.push_str(" --compare ");
        command.push_str(&quote(&b.to_query()));
    }
    command
}

/// The scenario a query compares with (B, its `b.` keys), if any.
pub fn read_compare(query: &str) -> Option<Scenario> {
    Query::parse(query).compare
}

/// `query` with the scenario compared with (B) added under its prefix, if there is one.
pub fn with_compare(mut query: String, compare: Option<&Scenario>) -> String {
    if let Some(b) = compare {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&crate::scenario::compare_query(b));
    }
    query
}

/// How to cite a chart: its question, the scenario and the link that shows it, the data and
/// the app's version, and the day it was seen (`date`, as YYYY-MM-DD).
pub fn citation(
    title: &str,
    scenario: &str,
    link: &str,
    data: &str,
    app_version: &str,
    date: &str,
) -> String {
    format!(
        "GP Funding Explorer {app_version}, \"{title}\", scenario: {scenario}. {link} (data: {data}; accessed {date})."
    )
}

/// A short name for the data itself: the year and a fingerprint (64-bit FNV-1a, shown as eight
/// hex digits) of every practice's code, lists and money. Two datasets with the same figures have
/// the same name; a refresh that changes any figure changes it. Links carry it as `data=`.
pub fn data_id(dataset: &Dataset) -> String {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    eat(dataset.year.as_bytes());
    for p in &dataset.practices {
        eat(p.code.as_bytes());
        eat(&p.registered_centi.to_le_bytes());
        eat(&p.weighted_centi.to_le_bytes());
        for pence in &p.funding {
            eat(&pence.to_le_bytes());
        }
    }
    let folded = (hash >> 32) ^ (hash & 0xffff_ffff);
    format!("{}-{folded:08x}", dataset.year.replace('/', "-"))
}

/// `query` with the data's name added (`data=ID`), in place of any already there: the form of a
/// link that is shared.
pub fn with_data(query: &str, id: &str) -> String {
    let mut parts: Vec<&str> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("data="))
        .collect();
    let data = format!("data={id}");
    parts.push(&data);
    parts.join("&")
}

/// Where a link names data other than ours (`ours`, the [`data_id`] of the data here), a
/// sentence saying so plainly; `None` where it names the same data or none.
pub fn data_changed(query: &str, ours: &str) -> Option<String> {
    let theirs = Query::parse(query).view.data?;
    (theirs.trim() != ours).then(|| {
        format!(
            "This link was made with other data ({}) than the data here now ({ours}): the data has changed since, so its figures may differ from those seen when it was shared.",
            theirs.trim()
        )
    })
}

/// The data a chart rests on, as a citation names it.
pub fn data_version(dataset: &Dataset) -> String {
    format!(
        "NHS Payments to General Practice, England, {}, NHS England, {} practices, Open Government Licence v3.0",
        dataset.year,
        crate::format::count(dataset.practices.len() as u64)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_link_opens_on_a_tour_step_and_says_when_it_names_none() {
        use crate::scenario::tours::TOURS;
        let t = TOURS
            .iter()
            .position(|t| t.name == "digital-first")
            .unwrap();
        let steps = TOURS[t].steps.len();
        assert!(steps >= 3);
        assert_eq!(
            read_tour("preset=df-july-2018&present=1&story=digital-first&step=3"),
            (Some((t, 2)), None)
        );
        assert_eq!(read_tour("story=digital-first"), (Some((t, 0)), None));
        assert_eq!(read_tour("v=1&ns=0.5"), (None, None));
        // Written back, the same tour and step come out.
        let q = with_tour("v=1&ns=0.5".to_string(), Some((t, 2)));
        assert_eq!(q, "v=1&ns=0.5&story=digital-first&step=3");
        assert_eq!(read_tour(&q), (Some((t, 2)), None));
        assert_eq!(with_tour(String::new(), None), "");
        // A tour that does not exist, or a step beyond its end: said, and the last good state kept.
        let (tour, message) = read_tour("story=nonsense&step=2");
        assert_eq!(tour, None);
        let message = message.unwrap();
        assert!(
            message.contains("'nonsense'") && message.contains("fairness"),
            "{message}"
        );
        for bad in ["0", "x", "-1", "99"] {
            let (tour, message) = read_tour(&format!("story=digital-first&step={bad}"));
            assert_eq!(tour, Some((t, 0)), "{bad}");
            let message = message.unwrap();
            assert!(message.contains(&format!("from 1 to {steps}")), "{message}");
        }
    }

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
    fn an_area_link_selects_the_area_or_says_it_names_none() {
        use crate::find::Target;
        let d = dataset();
        let seat = d
            .constituencies
            .iter()
            .position(|a| a.name == "Stockton North")
            .unwrap();
        let code = d.constituencies[seat].code.clone();
        let query = with_area("v=1&ns=0".to_string(), Some(&code));
        assert_eq!(query, format!("v=1&ns=0&area={code}"));
        assert_eq!(
            read_area(&query, d),
            (Some(Target::Constituency(seat)), None)
        );
        // The scenario does not see the view key.
        assert!(read_query(&query, d).2.is_empty());
        let (none, message) = read_area("area=E99999999", d);
        assert_eq!(none, None);
        assert_eq!(
            message.as_deref(),
            Some("'area' names no council, constituency or NHS area with code 'E99999999'")
        );
        assert_eq!(read_area("v=1", d), (None, None));
        assert!(embeddable("area"));
    }

    #[test]
    fn a_link_names_its_data_and_another_datas_link_is_told_so() {
        let d = dataset();
        let id = data_id(d);
        assert!(
            id.starts_with("2022-23-") && id.len() == "2022-23-".len() + 8,
            "{id}"
        );
        // The same figures give the same name; any change of a figure another.
        assert_eq!(data_id(&d.clone()), id);
        let mut changed = d.clone();
        changed.practices[0].funding[0] += 1;
        assert_ne!(data_id(&changed), id);
        let shared = with_data("v=1&ns=0&data=old", &id);
        assert_eq!(shared, format!("v=1&ns=0&data={id}"));
        assert_eq!(data_changed(&shared, &data_id(d)), None);
        assert_eq!(data_changed("v=1&ns=0", &data_id(d)), None);
        let message = data_changed(&shared, &data_id(&changed)).unwrap();
        assert!(message.contains(&format!("({id})")), "{message}");
        assert!(message.contains("the data has changed since"), "{message}");
        // The data key is not a setting: the scenario reads the same with or without it.
        assert!(read_query(&shared, d).2.is_empty());
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
        let snippet = embed_snippet(
            "https://x.org/",
            "https://x.org",
            "v=1&embed=icbs&theme=dark",
            "map",
            EmbedTheme::Light,
            "A \"map\"",
            "Under <this>.",
        );
        let (frame, script) = snippet.split_once('\n').expect("a frame, then a script");
        assert_eq!(
            frame,
            "<iframe src=\"https://x.org/?v=1&embed=map\" title=\"A &quot;map&quot; Under &lt;this&gt;.\" width=\"100%\" height=\"520\" style=\"border:0\" loading=\"lazy\"></iframe>"
        );
        assert!(script.starts_with("<script>") && script.ends_with("</script>"));
        assert!(
            script.contains("e.origin !== \"https://x.org\""),
            "{script}"
        );
        assert!(
            script.contains("e.data.type !== \"gpfe-height\""),
            "{script}"
        );
        assert!(
            embed_snippet("/", "", "", "map", EmbedTheme::Light, "t", "d")
                .contains("src=\"/?embed=map\"")
        );
        assert!(
            embed_snippet("/", "", "v=1", "map", EmbedTheme::Dark, "t", "d")
                .contains("src=\"/?v=1&embed=map&theme=dark\"")
        );
        assert_eq!(embed_theme("embed=map&theme=dark"), EmbedTheme::Dark);
        assert_eq!(embed_theme("theme=auto"), EmbedTheme::Auto);
        assert_eq!(embed_theme("theme=light"), EmbedTheme::Light);
        assert_eq!(embed_theme("theme=purple"), EmbedTheme::Light);
        assert_eq!(embed_theme(""), EmbedTheme::Light);
        assert_eq!(back_link("v=1&embed=map&theme=dark"), "./?v=1");
        assert!(presenting("v=1&present=1") && !presenting("present=0"));
    }

    #[test]
    fn the_compared_scenario_is_written_after_the_first() {
        let b = Scenario::from_query("preset=need-index").unwrap();
        let query = with_compare(query_for(&Scenario::default(), Some("A81001")), Some(&b));
        assert!(query.starts_with("practice=A81001&b.v=1&"), "{query}");
        assert_eq!(read_compare(&query), Some(b));
        assert_eq!(with_compare("v=1&lt=0".into(), None), "v=1&lt=0");
        assert_eq!(read_compare("v=1&lt=0"), None);
    }

    #[test]
    fn a_citation_names_the_chart_the_view_the_data_and_the_command() {
        assert_eq!(
            gpfe_command("v=1&dep=0.1&practice=E85124&embed=map"),
            "gpfe summary --scenario 'v=1&dep=0.1'"
        );
        assert_eq!(gpfe_command("practice=E85124"), "gpfe summary");
        assert_eq!(
            gpfe_command("v=1&dep=0.1&b.v=1&b.lt=0"),
            "gpfe summary --scenario 'v=1&dep=0.1' --compare 'v=1&lt=0'"
        );
        assert_eq!(gpfe_command("b.v=1"), "gpfe summary --compare ''");
        let data = data_version(dataset());
        assert_eq!(
            data,
            "NHS Payments to General Practice, England, 2022/23, NHS England, 6,669 practices, Open Government Licence v3.0"
        );
        assert_eq!(
            citation("Who gains?", "A 10% uplift", "https://x.org/?v=1&dep=0.1#chart-deprivation", &data, "0.1.0", "2026-12-01"),
            format!("GP Funding Explorer 0.1.0, \"Who gains?\", scenario: A 10% uplift. https://x.org/?v=1&dep=0.1#chart-deprivation (data: {data}; accessed 2026-12-01).")
        );
    }
}
