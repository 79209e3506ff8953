//! A poll's result, from the core to WIT.

use super::wit;
use crate::NewPins;

impl From<NewPins> for wit::NewPins {
    fn from(n: NewPins) -> Self {
        Self {
            pins: n.pins.into_iter().map(Into::into).collect(),
            cursor: n.cursor,
            complete: n.complete,
        }
    }
}
