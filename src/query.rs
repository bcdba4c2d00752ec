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
    let view = atlas_pages::Query::from_pairs([(key, value)]);
    show_view(navigate, query, path, &[key], &view);
}

/// The query string as the page layer reads it.
pub fn page_query(params: &ParamsMap) -> atlas_pages::Query {
    atlas_pages::Query::from_pairs(
        params
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string())),
    )
}

/// Navigates to `path` showing `view` (a page's typed query, written with
/// `to_query`): the page's `keys` are replaced by the view's, any other value (such as
/// `demo`) is kept; the history entry is replaced and the scroll position kept.
pub fn show_view(
    navigate: &impl Fn(&str, NavigateOptions),
    query: &Memo<ParamsMap>,
    path: &str,
    keys: &[&str],
    view: &atlas_pages::Query,
) {
    let mut params = query.get_untracked();
    for key in keys {
        params.remove(key);
    }
    for (key, value) in &view.0 {
        params.replace(key.clone(), value.clone());
    }
    navigate(
        &format!("{path}{}", params.to_query_string()),
        NavigateOptions {
            replace: true,
            scroll: false,
            ..NavigateOptions::default()
        },
    );
}
