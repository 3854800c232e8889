//! The request parameter map as Kaltura's front controller builds it (docs/kaltura-wire-format.md
//! §2.3): path pairs, query string, form or JSON body, merged body < query < path, with `a:b` keys
//! (and PHP `a[b]` keys) turned into nested trees. It does not interpret any parameter.

/// A parameter value: text, or a tree of named children in arrival order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Param {
    Text(String),
    Tree(Vec<(String, Param)>),
}

/// The merged parameters of one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    root: Vec<(String, Param)>,
}

impl Params {
    /// Parameters made of a tree's children (a multirequest's sub-request).
    pub fn from_tree(children: Vec<(String, Param)>) -> Params {
        Params { root: children }
    }

    /// A top-level text parameter.
    pub fn text(&self, key: &str) -> Option<&str> {
        match lookup(&self.root, key)? {
            Param::Text(s) => Some(s),
            Param::Tree(_) => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Param> {
        lookup(&self.root, key)
    }

    pub fn contains(&self, key: &str) -> bool {
        lookup(&self.root, key).is_some()
    }

    /// Adds `value` at a `a:b:c` (or `a[b][c]`) key; an existing value at that place is replaced.
    pub fn insert_flat(&mut self, key: &str, value: String) {
        let path = split_key(key);
        insert_path(&mut self.root, &path, Param::Text(value));
    }

    /// Adds a whole subtree at a top-level key (its own keys are split on `:` too).
    fn insert_param(&mut self, key: &str, value: Param) {
        let path = split_key(key);
        insert_path(&mut self.root, &path, value);
    }

    /// Merges `higher` over `self`: trees merge key by key, anything else is replaced.
    pub fn merge_over(&mut self, higher: Params) {
        merge_lists(&mut self.root, higher.root);
    }

    /// Parameters from a query string or form body (`+` is a space; a repeated key: last wins).
    pub fn from_urlencoded(text: &str) -> Params {
        let mut p = Params::default();
        for (k, v) in parse_urlencoded(text) {
            p.insert_flat(&k, v);
        }
        p
    }

    /// Parameters from `/key/value/key/value` path segments (a repeated key: first wins; a key
    /// without a value gets an empty value).
    pub fn from_path_pairs(path: &str) -> Params {
        let mut p = Params::default();
        let segments: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| percent_decode(s, false))
            .collect();
        let mut seen: Vec<&str> = Vec::new();
        for pair in segments.chunks(2) {
            let Some(key) = pair.first() else { continue };
            if seen.contains(&key.as_str()) {
                continue;
            }
            seen.push(key);
            p.insert_flat(key, pair.get(1).cloned().unwrap_or_default());
        }
        p
    }

    /// Parameters from a JSON body: only a trimmed body that starts with `{`, ends with `}` and
    /// decodes as a JSON object counts; anything else gives no parameters.
    pub fn from_json_body(body: &[u8]) -> Params {
        let text = String::from_utf8_lossy(body);
        let trimmed = text.trim();
        if !(trimmed.starts_with('{') && trimmed.ends_with('}')) {
            return Params::default();
        }
        let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(trimmed)
        else {
            return Params::default();
        };
        let mut p = Params::default();
        for (k, v) in map {
            if let Some(param) = json_to_param(v) {
                p.insert_param(&k, param);
            }
        }
        p
    }
}

fn json_to_param(v: serde_json::Value) -> Option<Param> {
    use serde_json::Value;
    match v {
        Value::Null => None,
        Value::Bool(true) => Some(Param::Text("1".into())),
        Value::Bool(false) => Some(Param::Text(String::new())),
        Value::Number(n) => Some(Param::Text(n.to_string())),
        Value::String(s) => Some(Param::Text(s)),
        Value::Array(items) => Some(Param::Tree(
            items
                .into_iter()
                .enumerate()
                .filter_map(|(i, v)| json_to_param(v).map(|p| (i.to_string(), p)))
                .collect(),
        )),
        Value::Object(map) => {
            let mut children = Vec::new();
            for (k, v) in map {
                if let Some(p) = json_to_param(v) {
                    insert_path(&mut children, &split_key(&k), p);
                }
            }
            Some(Param::Tree(children))
        }
    }
}

fn lookup<'a>(list: &'a [(String, Param)], key: &str) -> Option<&'a Param> {
    list.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// `a:b:c` and `a[b][c]` both give `["a", "b", "c"]`.
fn split_key(key: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for colon_part in key.split(':') {
        match colon_part.find('[') {
            Some(open) if colon_part.ends_with(']') && open > 0 => {
                parts.push(colon_part[..open].to_string());
                let inner = &colon_part[open + 1..colon_part.len() - 1];
                parts.extend(inner.split("][").map(str::to_string));
            }
            _ => parts.push(colon_part.to_string()),
        }
    }
    parts
}

fn insert_path(list: &mut Vec<(String, Param)>, path: &[String], value: Param) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let pos = list.iter().position(|(k, _)| k == first);
    if rest.is_empty() {
        match pos {
            Some(i) => {
                if let Some(slot) = list.get_mut(i) {
                    slot.1 = value;
                }
            }
            None => list.push((first.clone(), value)),
        }
        return;
    }
    let i = match pos {
        Some(i) => i,
        None => {
            list.push((first.clone(), Param::Tree(Vec::new())));
            list.len() - 1
        }
    };
    if let Some(slot) = list.get_mut(i) {
        if let Param::Text(_) = slot.1 {
            slot.1 = Param::Tree(Vec::new());
        }
        if let Param::Tree(children) = &mut slot.1 {
            insert_path(children, rest, value);
        }
    }
}

fn merge_lists(low: &mut Vec<(String, Param)>, high: Vec<(String, Param)>) {
    for (k, v) in high {
        match low.iter_mut().find(|(lk, _)| *lk == k) {
            Some(slot) => match (&mut slot.1, v) {
                (Param::Tree(low_children), Param::Tree(high_children)) => {
                    merge_lists(low_children, high_children)
                }
                (place, v) => *place = v,
            },
            None => low.push((k, v)),
        }
    }
}

/// `key=value&…` pairs, `+` as space, `%XX` decoded; a piece without `=` has an empty value.
pub fn parse_urlencoded(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|piece| !piece.is_empty())
        .map(|piece| {
            let (k, v) = piece.split_once('=').unwrap_or((piece, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect()
}

/// Percent-decoding; invalid escapes stay as they are; invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'+' if plus_is_space => out.push(b' '),
            b'%' => {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// PHP `urlencode`: letters, digits and `-_.` stay, a space becomes `+`, the rest `%XX`.
pub fn form_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(char::from(b)),
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_pairs_first_wins() {
        let p = Params::from_path_pairs("/service/report/action/getCsv/id/6000/id/6001/ks");
        assert_eq!(p.text("service"), Some("report"));
        assert_eq!(p.text("id"), Some("6000"));
        assert_eq!(p.text("ks"), Some(""));
    }

    #[test]
    fn query_last_wins_and_decodes() {
        let p = Params::from_urlencoded("a=1&a=2&b=x+y%2Fz&c");
        assert_eq!(p.text("a"), Some("2"));
        assert_eq!(p.text("b"), Some("x y/z"));
        assert_eq!(p.text("c"), Some(""));
    }

    #[test]
    fn colon_brackets_and_json_nest_the_same_way() {
        let a = Params::from_urlencoded("f:objectType=X&f:fromDate=1");
        let b = Params::from_urlencoded("f[objectType]=X&f[fromDate]=1");
        let c = Params::from_json_body(br#"{"f":{"objectType":"X","fromDate":1}}"#);
        let d = Params::from_json_body(br#"{"f:objectType":"X","f:fromDate":"1"}"#);
        for p in [&a, &b, &c, &d] {
            let Some(Param::Tree(children)) = p.get("f") else {
                panic!("no tree")
            };
            let mut children = children.clone();
            children.sort();
            assert_eq!(
                children,
                vec![
                    ("fromDate".to_string(), Param::Text("1".into())),
                    ("objectType".to_string(), Param::Text("X".into()))
                ]
            );
        }
    }

    #[test]
    fn json_must_be_an_object_in_braces() {
        assert_eq!(
            Params::from_json_body(b"  {\"a\":\"1\"} ").text("a"),
            Some("1")
        );
        assert_eq!(Params::from_json_body(b"[1]"), Params::default());
        assert_eq!(Params::from_json_body(b"{broken}"), Params::default());
        assert_eq!(
            Params::from_json_body(br#"{"n":null,"t":true,"f":false,"x":1.5}"#).text("t"),
            Some("1")
        );
    }

    #[test]
    fn merge_is_recursive_and_higher_wins() {
        let mut low = Params::from_urlencoded("a=1&t:x=1&t:y=1");
        low.merge_over(Params::from_urlencoded("a=2&t:y=2&t:z=2"));
        assert_eq!(low.text("a"), Some("2"));
        assert_eq!(low, {
            let mut e = Params::default();
            e.insert_flat("a", "2".into());
            e.insert_flat("t:x", "1".into());
            e.insert_flat("t:y", "2".into());
            e.insert_flat("t:z", "2".into());
            e
        });
    }

    #[test]
    fn form_encoding_is_php_urlencode() {
        assert_eq!(form_encode("a b/c~"), "a+b%2Fc%7E");
        assert_eq!(percent_decode("%zz%41", false), "%zzA");
    }
}
