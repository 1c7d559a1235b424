//! The committed start-up dataset and its model, decoded once, for the unit tests.

use crate::data::Dataset;
use crate::model::{Model, Outcome};
use crate::scenario::Scenario;
use std::sync::OnceLock;

/// The dataset the app loads at start-up, with the practices' names attached.
pub fn dataset() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| {
        Dataset::from_files(
            include_bytes!("../../../public/data/england-2022-23.bin"),
            include_bytes!("../../../public/data/england-2022-23-names.bin"),
        )
        .expect("the committed dataset decodes")
    })
}

pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::new(dataset()))
}

/// The outcome of a scenario given as a query string (`preset=age-only`, `` for the baseline).
pub fn outcome(query: &str) -> Outcome {
    let scenario = Scenario::from_query(query).expect("the query is a valid scenario");
    model().run(&scenario).expect("the scenario runs")
}
