//! The allocation engine.
//!
//! Everything here is a pure function: the same inputs always give the same pence.

pub mod example;
pub mod pot;

pub use pot::{share_pot, ShareError};
