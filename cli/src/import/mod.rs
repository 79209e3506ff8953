//! `pins import`: bulk pin creation from a CSV, paced, resumable, with a
//! summary of what failed and why.

pub mod pacing;
pub mod progress;
pub mod rows;
pub mod run;
pub mod state;
pub mod summary;

pub use run::run;
