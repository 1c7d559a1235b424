//! The page: a header, one control and one chart.

mod chart;

use crate::model::example::{split_example_pot, EXAMPLE_POT_PENCE, EXAMPLE_PRACTICES};
use leptos::prelude::*;

/// Default weight of a patient aged 65 or over in the worked example.
const DEFAULT_WEIGHT_65_PLUS: f64 = 1.0;

/// Formats a whole number with thousands separators, e.g. `2,000`.
pub fn format_count(n: u32) -> String {
    group_thousands(&n.to_string())
}

fn group_thousands(digits: &str) -> String {
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Formats pence as pounds with thousands separators, e.g. `£61,290.32`.
pub fn format_pounds(pence: i64) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let pence = pence.unsigned_abs();
    let grouped = group_thousands(&(pence / 100).to_string());
    format!("{sign}£{grouped}.{:02}", pence % 100)
}

#[component]
pub fn App() -> impl IntoView {
    let (weight, set_weight) = signal(DEFAULT_WEIGHT_65_PLUS);
    let shares = Memo::new(move |_| split_example_pot(weight.get()).map_err(|e| e.to_string()));

    let on_input = move |ev: leptos::ev::Event| {
        // A range input only ever reports numbers; anything else is ignored, keeping the last value.
        if let Ok(value) = event_target_value(&ev).parse::<f64>() {
            if value.is_finite() {
                set_weight.set(value);
            }
        }
    };

    let rows = move || {
        shares.get().ok().map(|shares| {
            EXAMPLE_PRACTICES
                .iter()
                .zip(shares)
                .map(|(practice, pence)| {
                    view! {
                        <tr>
                            <th scope="row">{practice.name}</th>
                            <td class="num">{format_count(practice.under_65 + practice.aged_65_plus)}</td>
                            <td class="num">{format_pounds(pence)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <header class="site-header">
            <h1>"GP Funding Explorer"</h1>
            <p class="tagline">
                "How English general practice is funded, and what a reform would change."
            </p>
        </header>
        <main class="content">
            <section class="card" aria-labelledby="example-title">
                <h2 id="example-title">"How weighting older patients moves money"</h2>
                <p>
                    "Two practices of 2,000 patients share a fixed pot of "
                    {format_pounds(EXAMPLE_POT_PENCE)}
                    " by weighted patients. Move the slider to change how much a patient aged 65 or over counts against a younger one. These two practices are illustrative, not real."
                </p>
                <div class="control">
                    <label for="weight-65-plus">
                        "Weight of a patient aged 65 or over (a younger patient counts 1)"
                    </label>
                    <input
                        id="weight-65-plus"
                        type="range"
                        min="0.5"
                        max="6"
                        step="0.1"
                        prop:value=move || weight.get().to_string()
                        on:input=on_input
                    />
                    <output for="weight-65-plus" id="weight-65-plus-value">
                        {move || format!("{:.1}×", weight.get())}
                    </output>
                </div>
                <chart::ShareChart shares=shares />
                <table class="data-table" id="example-table">
                    <caption>"Each practice's share of the pot"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Practice"</th>
                            <th scope="col" class="num">"Patients"</th>
                            <th scope="col" class="num">"Share of the pot (£)"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="error" role="alert">{move || shares.get().err()}</p>
            </section>
        </main>
        <footer class="site-footer">
            <p>
                "Contains public sector information licensed under the Open Government Licence v3.0."
            </p>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    use super::format_pounds;

    #[test]
    fn pounds_are_grouped_in_thousands() {
        assert_eq!(format_pounds(6_129_032), "£61,290.32");
        assert_eq!(format_pounds(5), "£0.05");
        assert_eq!(format_pounds(-123_456_789), "-£1,234,567.89");
        assert_eq!(super::format_count(2_000), "2,000");
        assert_eq!(super::format_count(999), "999");
    }
}
