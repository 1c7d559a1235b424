//! One module per story lever.

pub mod digital_first;
pub mod networks;
