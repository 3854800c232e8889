//! Splitting a multirequest (§8.1) into its sub-requests: numbered from 0 or 1, in order, up to
//! the first number lacking `service` or `action`, each with the top-level `ks`, `partnerId` and
//! `clientTag` copied in when it has none of its own. Running them and assembling the array is
//! `dispatch`'s job; `{N:result:…}` references are not resolved.

use crate::params::{Param, Params};

/// Copied from the top level into every sub-request that lacks them.
const INHERITED: &[&str] = &["ks", "partnerId", "clientTag"];

/// Whether this request is `service=multirequest` (any case).
pub fn is_multirequest(params: &Params) -> bool {
    params
        .text("service")
        .is_some_and(|s| s.eq_ignore_ascii_case("multirequest"))
}

/// The sub-requests in order.
pub fn sub_requests(params: &Params) -> Vec<Params> {
    let start = if complete(params.get("0")) { 0 } else { 1 };
    let mut out = Vec::new();
    let mut index = start;
    while let Some(Param::Tree(children)) = params.get(&index.to_string()) {
        let mut sub = Params::from_tree(children.clone());
        if sub.text("service").is_none_or(str::is_empty)
            || sub.text("action").is_none_or(str::is_empty)
        {
            break;
        }
        for key in INHERITED {
            if !sub.contains(key) {
                if let Some(value) = params.text(key) {
                    sub.insert_flat(key, value.to_string());
                }
            }
        }
        out.push(sub);
        index += 1;
    }
    out
}

fn complete(p: Option<&Param>) -> bool {
    let Some(Param::Tree(children)) = p else {
        return false;
    };
    let has = |name: &str| {
        children
            .iter()
            .any(|(k, v)| k == name && matches!(v, Param::Text(t) if !t.is_empty()))
    };
    has("service") && has("action")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_inheritance_and_the_first_gap() {
        let p = Params::from_json_body(
            br#"{"service":"multirequest","ks":"K","clientTag":"t","1":{"service":"report","action":"getTotal"},"2":{"service":"baseentry","action":"get","ks":"own"},"3":{"service":"x"},"4":{"service":"a","action":"b"}}"#,
        );
        assert!(is_multirequest(&p));
        let subs = sub_requests(&p);
        assert_eq!(subs.len(), 2);
        assert_eq!(subs[0].text("ks"), Some("K"));
        assert_eq!(subs[0].text("clientTag"), Some("t"));
        assert_eq!(subs[1].text("ks"), Some("own"));
        let zero = Params::from_urlencoded(
            "service=multirequest&0:service=session&0:action=start&1:service=report&1:action=getTable",
        );
        assert_eq!(sub_requests(&zero).len(), 2);
    }
}
