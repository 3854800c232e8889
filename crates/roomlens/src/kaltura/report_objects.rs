//! The reply objects of `report.getTotal`, `getTable` and `getGraphs` (docs/kaltura-wire-format.md
//! §8.3): a header and data joined by the delimiter Roomlens asks for (`|`), table rows each
//! ending in `;`, a table with no header when there is no data, graphs as `x|y;` pairs. Numbers
//! are read as PHP writes them; an empty value counts as zero. It does not compute any figure.

use crate::error::{Error, ErrorCode};
use serde_json::Value;

/// The delimiter Roomlens sends in `responseOptions`, as Kaltura's own front end does.
pub const DELIMITER: char = '|';

/// `KalturaReportTotal`: one value per header.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportTotal {
    pub fields: Vec<(String, String)>,
}

/// `KalturaReportTable`: the header, the rows (each as long as the header), and Kaltura's count
/// of all rows (for paging).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReportTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub total_count: u64,
}

/// One `KalturaReportGraph`: a metric and its (bucket, value) points.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportGraph {
    pub id: String,
    pub points: Vec<(String, f64)>,
}

/// A number as PHP writes it; empty is zero, anything unreadable is `None`.
pub fn php_number(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return Some(0.0);
    }
    text.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn bad(what: &str, detail: impl Into<String>) -> Error {
    Error::new(
        ErrorCode::BadResponse,
        format!("Kaltura sent {what} Roomlens could not read. Try again; if it keeps happening, contact Kaltura support."),
    )
    .with_detail(detail.into())
}

fn text_field<'v>(value: &'v Value, name: &str) -> Option<&'v str> {
    value.get(name).and_then(Value::as_str)
}

impl ReportTotal {
    pub fn parse(value: &Value) -> Result<Self, Error> {
        let header = text_field(value, "header").unwrap_or("");
        let data = text_field(value, "data").unwrap_or("");
        if header.is_empty() {
            return Ok(ReportTotal::default());
        }
        let names: Vec<&str> = header.split(DELIMITER).collect();
        let values: Vec<&str> = data.split(DELIMITER).collect();
        if !data.is_empty() && values.len() != names.len() {
            return Err(bad(
                "report totals",
                format!("{} headers, {} values", names.len(), values.len()),
            ));
        }
        Ok(ReportTotal {
            fields: names
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let value = values.get(i).copied().unwrap_or("");
                    (name.trim().to_ascii_lowercase(), value.to_owned())
                })
                .collect(),
        })
    }

    /// The number under `header` (lower case); 0 when absent or empty, as Kaltura's page reads it.
    pub fn number(&self, header: &str) -> f64 {
        self.fields
            .iter()
            .find(|(name, _)| name == header)
            .and_then(|(_, value)| php_number(value))
            .unwrap_or(0.0)
    }
}

impl ReportTable {
    pub fn parse(value: &Value) -> Result<Self, Error> {
        Self::parse_delimited(value, DELIMITER)
    }

    /// As [`ReportTable::parse`], for a table asked for with another `delimiter` (one not in the
    /// user ID it filters by, since Kaltura splits filter lists on the same delimiter).
    pub fn parse_delimited(value: &Value, delimiter: char) -> Result<Self, Error> {
        let Some(header) = text_field(value, "header").filter(|h| !h.is_empty()) else {
            // A report with no data and no header: `{"objectType":"KalturaReportTable"}`.
            return Ok(ReportTable::default());
        };
        let header: Vec<String> = header
            .split(delimiter)
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        let data = text_field(value, "data").unwrap_or("");
        let mut rows = Vec::new();
        for line in data.split(';') {
            if line.is_empty() {
                continue;
            }
            let cells: Vec<String> = line.split(delimiter).map(str::to_owned).collect();
            if cells.len() != header.len() {
                return Err(bad(
                    "a report table",
                    format!("{} headers, a row of {} values", header.len(), cells.len()),
                ));
            }
            rows.push(cells);
        }
        let total_count = value
            .get("totalCount")
            .and_then(|v| {
                v.as_u64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            })
            .unwrap_or(rows.len() as u64);
        Ok(ReportTable {
            header,
            rows,
            total_count,
        })
    }

    /// The position of the column `header` (lower case).
    pub fn column(&self, header: &str) -> Option<usize> {
        self.header.iter().position(|h| h == header)
    }

    /// The text of `row` in the column `header`; "" when either is missing.
    pub fn text<'t>(&'t self, row: &'t [String], header: &str) -> &'t str {
        self.column(header)
            .and_then(|c| row.get(c))
            .map_or("", String::as_str)
    }

    /// The number of `row` in the column `header`; 0 when missing or empty.
    pub fn number(&self, row: &[String], header: &str) -> f64 {
        php_number(self.text(row, header)).unwrap_or(0.0)
    }

    /// Another page's rows added to these (same header; a page with none adds nothing).
    pub fn extend(&mut self, page: ReportTable) {
        if self.header.is_empty() {
            *self = page;
        } else if page.header == self.header {
            self.rows.extend(page.rows);
        }
    }
}

impl ReportGraph {
    /// `getGraphs`' array.
    pub fn parse_all(value: &Value) -> Result<Vec<Self>, Error> {
        let Some(items) = value.as_array() else {
            return Err(bad("report graphs", "getGraphs did not answer an array"));
        };
        Ok(items
            .iter()
            .map(|item| ReportGraph {
                id: text_field(item, "id").unwrap_or("").to_ascii_lowercase(),
                points: text_field(item, "data")
                    .unwrap_or("")
                    .split(';')
                    .filter(|pair| !pair.is_empty())
                    .map(|pair| {
                        let (x, y) = pair.split_once(DELIMITER).unwrap_or((pair, ""));
                        (x.to_owned(), php_number(y).unwrap_or(0.0))
                    })
                    .collect(),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn totals_as_kaltura_writes_them() {
        let total = ReportTotal::parse(&json!({"header":"unique_vod_viewers|unique_combined_live_viewers|unique_vod_live_viewers","data":"3|12|14","objectType":"KalturaReportTotal"})).unwrap();
        assert_eq!(total.number("unique_combined_live_viewers"), 12.0);
        assert_eq!(total.number("absent"), 0.0);
        let ratio = ReportTotal::parse(
            &json!({"header":"A|b","data":"0.61234567890123|","objectType":"KalturaReportTotal"}),
        )
        .unwrap();
        assert_eq!(ratio.number("a"), 0.61234567890123);
        assert_eq!(ratio.number("b"), 0.0, "an empty value counts as zero");
        assert!(ReportTotal::parse(&json!({"header":"a|b","data":"1|2|3"})).is_err());
        assert_eq!(
            ReportTotal::parse(&json!({"objectType":"KalturaReportTotal"})).unwrap(),
            ReportTotal::default()
        );
    }

    #[test]
    fn tables_rows_end_in_semicolons_and_may_have_no_header() {
        let table = ReportTable::parse(&json!({"header":"device|unique_vod_viewers|unique_combined_live_viewers","data":"Computer|2|9;Mobile Tablet x|0|3;","totalCount":2,"objectType":"KalturaReportTable"})).unwrap();
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.text(&table.rows[1], "device"), "Mobile Tablet x");
        assert_eq!(
            table.number(&table.rows[0], "unique_combined_live_viewers"),
            9.0
        );
        assert_eq!(table.total_count, 2);
        let empty = ReportTable::parse(&json!({"objectType":"KalturaReportTable"})).unwrap();
        assert!(empty.rows.is_empty() && empty.header.is_empty());
        let no_rows =
            ReportTable::parse(&json!({"header":"position|x","data":"","totalCount":0})).unwrap();
        assert!(no_rows.rows.is_empty());
        assert!(ReportTable::parse(&json!({"header":"a|b","data":"1;"})).is_err());
    }

    #[test]
    fn graphs_are_bucket_value_pairs() {
        let graphs = ReportGraph::parse_all(&json!([{"id":"count_plays","data":"20240101|5;20240102|0;","objectType":"KalturaReportGraph"}])).unwrap();
        assert_eq!(graphs[0].id, "count_plays");
        assert_eq!(
            graphs[0].points,
            vec![("20240101".to_owned(), 5.0), ("20240102".to_owned(), 0.0)]
        );
        assert!(ReportGraph::parse_all(&json!({})).is_err());
    }

    #[test]
    fn php_numbers() {
        assert_eq!(php_number("1.0E+25"), Some(1e25));
        assert_eq!(php_number(""), Some(0.0));
        assert_eq!(php_number("abc"), None);
        assert_eq!(php_number("NAN"), None);
    }
}
