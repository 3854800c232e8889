//! A result object of the API actions that return objects (entries, lists, report totals and
//! tables, multirequest arrays) and its two serialized forms: JSON as PHP's `json_encode` writes it
//! (fields in order, `objectType` after them, null fields left out) and Kaltura's XML. Builds no
//! particular object; the actions do.

use crate::api_error::ApiError;
use crate::php_json::{json_string, xml_text};

/// One value of a result.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiValue {
    Text(String),
    Int(i64),
    /// A Kaltura object: its class name and its non-null fields in declaration order.
    Object(&'static str, Vec<(&'static str, ApiValue)>),
    Array(Vec<ApiValue>),
    /// An API error in a multirequest slot.
    Error(ApiError),
}

impl ApiValue {
    pub fn text(s: impl Into<String>) -> Self {
        ApiValue::Text(s.into())
    }

    /// The JSON form (format=1).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match self {
            ApiValue::Text(s) => out.push_str(&json_string(s)),
            ApiValue::Int(n) => out.push_str(&n.to_string()),
            ApiValue::Object(class, fields) => {
                out.push('{');
                for (name, value) in fields {
                    out.push_str(&json_string(name));
                    out.push(':');
                    value.write_json(out);
                    out.push(',');
                }
                out.push_str("\"objectType\":");
                out.push_str(&json_string(class));
                out.push('}');
            }
            ApiValue::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            ApiValue::Error(e) => out.push_str(&e.to_json()),
        }
    }

    /// The inside of `<result>` in the XML form (format=2).
    pub fn to_xml(&self) -> String {
        let mut out = String::new();
        self.write_xml(&mut out);
        out
    }

    fn write_xml(&self, out: &mut String) {
        match self {
            ApiValue::Text(s) => out.push_str(&xml_text(s)),
            ApiValue::Int(n) => out.push_str(&n.to_string()),
            ApiValue::Object(class, fields) => {
                out.push_str("<objectType>");
                out.push_str(class);
                out.push_str("</objectType>");
                for (name, value) in fields {
                    out.push('<');
                    out.push_str(name);
                    out.push('>');
                    value.write_xml(out);
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
            }
            ApiValue::Array(items) => {
                for item in items {
                    out.push_str("<item>");
                    item.write_xml(out);
                    out.push_str("</item>");
                }
            }
            ApiValue::Error(e) => out.push_str(&e.to_xml_element()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_puts_object_type_last_and_escapes_like_php() {
        let v = ApiValue::Array(vec![
            ApiValue::Object(
                "KalturaReportTotal",
                vec![
                    ("header", ApiValue::text("a|b")),
                    ("data", ApiValue::text("1/2")),
                ],
            ),
            ApiValue::Object("KalturaReportTable", vec![]),
            ApiValue::Int(3),
        ]);
        assert_eq!(
            v.to_json(),
            r#"[{"header":"a|b","data":"1\/2","objectType":"KalturaReportTotal"},{"objectType":"KalturaReportTable"},3]"#
        );
        assert_eq!(
            v.to_xml(),
            "<item><objectType>KalturaReportTotal</objectType><header>a|b</header><data>1/2</data></item><item><objectType>KalturaReportTable</objectType></item><item>3</item>"
        );
    }
}
