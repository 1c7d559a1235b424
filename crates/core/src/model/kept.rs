//! The last thing the model built from a few of a scenario's settings, kept for the next run:
//! a slider that is not about those settings leaves it alone, so the next run reuses it.

use std::sync::{Arc, Mutex};

/// The last value built and the key it was built from. A clone of the model starts empty.
#[derive(Debug)]
pub(in crate::model) struct Kept<K, V>(Mutex<Option<(K, Arc<V>)>>);

impl<K, V> Default for Kept<K, V> {
    fn default() -> Self {
        Kept(Mutex::new(None))
    }
}

impl<K, V> Clone for Kept<K, V> {
    fn clone(&self) -> Self {
        Kept::default()
    }
}

impl<K: PartialEq, V> Kept<K, V> {
    /// The value kept for `key`, or the one `build` makes (then kept in its place). A poisoned
    /// lock only means nothing is kept.
    pub(in crate::model) fn get_or_build<E>(
        &self,
        key: K,
        build: impl FnOnce() -> Result<V, E>,
    ) -> Result<Arc<V>, E> {
        if let Ok(kept) = self.0.lock() {
            if let Some((k, value)) = kept.as_ref() {
                if *k == key {
                    return Ok(Arc::clone(value));
                }
            }
        }
        let value = Arc::new(build()?);
        if let Ok(mut kept) = self.0.lock() {
            *kept = Some((key, Arc::clone(&value)));
        }
        Ok(value)
    }

    /// As [`Kept::get_or_build`], for a value whose building cannot fail.
    pub(in crate::model) fn get_or_make(&self, key: K, make: impl FnOnce() -> V) -> Arc<V> {
        self.get_or_build(key, || Ok::<V, std::convert::Infallible>(make()))
            .unwrap_or_else(|never| match never {})
    }
}
