//! The exact output objects of `report.getTotal` / `getTable` / `getGraphs` (§8.3): header and
//! data joined with the delimiter, every table row ending in `;`, the delimiter and `;` inside a
//! value replaced by a space, the header-less objects, and a table's page with its totalCount.
//! Only shapes; the figures come from `dashboard_reports`.

use crate::api_value::ApiValue;
use crate::dashboard_params::Pager;
use crate::dashboard_reports::{GraphOut, TableOut, TotalOut};

/// A value with the delimiter and `;` each replaced by a space.
pub fn sanitise(value: &str, delimiter: &str) -> String {
    let cleaned = if delimiter.is_empty() {
        value.to_string()
    } else {
        value.replace(delimiter, " ")
    };
    cleaned.replace(';', " ")
}

fn joined(values: &[String], delimiter: &str) -> String {
    values
        .iter()
        .map(|v| sanitise(v, delimiter))
        .collect::<Vec<_>>()
        .join(delimiter)
}

pub fn total_object(total: TotalOut, delimiter: &str) -> ApiValue {
    match total {
        TotalOut::Headerless => ApiValue::Object("KalturaReportTotal", Vec::new()),
        TotalOut::Values(header, values) => ApiValue::Object(
            "KalturaReportTotal",
            vec![
                ("header", ApiValue::text(header.join(delimiter))),
                ("data", ApiValue::text(joined(&values, delimiter))),
            ],
        ),
    }
}

/// One page of a table; `totalCount` counts every row.
pub fn table_object(table: TableOut, pager: Pager, delimiter: &str) -> ApiValue {
    let TableOut::Rows(header, rows) = table else {
        return ApiValue::Object("KalturaReportTable", Vec::new());
    };
    let total_count = rows.len();
    let skip = pager.size.saturating_mul(pager.index.saturating_sub(1));
    let mut data = String::new();
    for row in rows.iter().skip(skip).take(pager.size) {
        data.push_str(&joined(row, delimiter));
        data.push(';');
    }
    ApiValue::Object(
        "KalturaReportTable",
        vec![
            ("header", ApiValue::text(header.join(delimiter))),
            ("data", ApiValue::Text(data)),
            (
                "totalCount",
                ApiValue::Int(i64::try_from(total_count).unwrap_or(i64::MAX)),
            ),
        ],
    )
}

pub fn graphs_array(graphs: Vec<GraphOut>, delimiter: &str) -> ApiValue {
    ApiValue::Array(
        graphs
            .into_iter()
            .map(|g| {
                let mut data = String::new();
                for (x, y) in &g.points {
                    data.push_str(&sanitise(x, delimiter));
                    data.push_str(delimiter);
                    data.push_str(&sanitise(y, delimiter));
                    data.push(';');
                }
                ApiValue::Object(
                    "KalturaReportGraph",
                    vec![("id", ApiValue::text(g.id)), ("data", ApiValue::Text(data))],
                )
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_the_reference_example() {
        let table = TableOut::Rows(
            &[
                "device",
                "unique_vod_viewers",
                "unique_combined_live_viewers",
            ],
            vec![
                vec!["Computer".into(), "2".into(), "9".into()],
                vec!["Mobile|Tablet;x".into(), "0".into(), "3".into()],
            ],
        );
        assert_eq!(
            table_object(table, Pager { size: 5, index: 1 }, "|").to_json(),
            r#"{"header":"device|unique_vod_viewers|unique_combined_live_viewers","data":"Computer|2|9;Mobile Tablet x|0|3;","totalCount":2,"objectType":"KalturaReportTable"}"#
        );
        assert_eq!(
            table_object(TableOut::Headerless, Pager { size: 5, index: 1 }, "|").to_json(),
            r#"{"objectType":"KalturaReportTable"}"#
        );
    }

    #[test]
    fn pages_keep_the_total_count() {
        let rows: Vec<Vec<String>> = (0..5).map(|i| vec![i.to_string()]).collect();
        let page = table_object(
            TableOut::Rows(&["n"], rows),
            Pager { size: 2, index: 3 },
            ",",
        );
        assert_eq!(
            page.to_json(),
            r#"{"header":"n","data":"4;","totalCount":5,"objectType":"KalturaReportTable"}"#
        );
    }
}
