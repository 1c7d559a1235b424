//! One module per story lever.

pub mod budget_holder;
pub mod digital_first;
pub mod envelope;
pub mod floor;
pub mod local_discretion;
pub mod london;
pub mod networks;
pub mod qof_successor;
pub mod savings;
pub mod transition;
