//! A page's view as the URL's query string sees it: key–value pairs. Each page's typed
//! query reads itself from a [`Query`] and writes itself back, so that a link
//! reproduces the view and an unknown or malformed value falls back to the default.

/// The query string's pairs, in order; a key's first value wins.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query(pub Vec<(String, String)>);

impl Query {
    /// The pairs given.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Query {
        Query(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }

    /// The value of `key`, if the query has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// `true` unless `key` is `0` (a box that is ticked by default).
    pub fn flag_on_by_default(&self, key: &str) -> bool {
        self.get(key) != Some("0")
    }
}
