//! One module per story lever.

pub mod digital_first;
pub mod envelope;
pub mod networks;
pub mod savings;
