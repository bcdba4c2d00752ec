//! A page's view in the URL's query string: read one value, or set one and navigate,
//! keeping the others, so that a link reproduces the view.

use leptos::prelude::*;
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

/// The value of `key` in the query string (tracked: a Memo reading it re-runs when the
/// URL changes).
pub fn query_value(query: &Memo<ParamsMap>, key: &str) -> Option<String> {
    query.read().get(key)
}

/// Navigates to `path` with `key` set to `value` and the other query values kept,
/// replacing the history entry and keeping the scroll position.
pub fn set_query(
    navigate: &impl Fn(&str, NavigateOptions),
    query: &Memo<ParamsMap>,
    path: &str,
    key: &str,
    value: String,
) {
    let mut params = query.get_untracked();
    params.replace(key.to_string(), value);
    navigate(
        &format!("{path}{}", params.to_query_string()),
        NavigateOptions {
            replace: true,
            scroll: false,
            ..NavigateOptions::default()
        },
    );
}
