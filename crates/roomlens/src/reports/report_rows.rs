//! A report's rows wherever they are: held in memory whole (`Report`), or kept in the library and
//! read a piece at a time (`library::KeptReport`), as the table, the cards, the charts and the
//! exports walk them. Walking in pieces is what keeps a large kept report out of memory. It says
//! nothing about what the rows mean and computes no figure.

use super::kind::ReportKind;
use super::rows::Report;
use crate::cancel::CancelToken;
use crate::error::Error;

/// Which columns a walk needs: `None` for all of them, or positions in `table_view::columns`
/// order (the report's known columns, then its extra ones). Rows read for a walk that needs only
/// some columns have the others empty; a report in memory gives every column regardless.
pub type WantedColumns<'a> = Option<&'a [usize]>;

/// The rows of one report, to be walked in order or picked by position.
pub trait ReportRows: Send + Sync {
    fn kind(&self) -> ReportKind;
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn extra_columns(&self) -> &[String];
    /// The report itself when it is held in memory whole.
    fn held(&self) -> Option<&Report>;
    /// Calls `each(position of the piece's first row, piece)` over pieces that cover every row
    /// in report order; stops at `each`'s first error, or with `Cancelled`.
    fn for_each_piece(
        &self,
        wanted: WantedColumns<'_>,
        cancel: &CancelToken,
        each: &mut dyn FnMut(usize, &Report) -> Result<(), Error>,
    ) -> Result<(), Error>;
    /// The rows at `positions` (each below `len()`), in the order given, with every column.
    fn rows_at(&self, positions: &[usize]) -> Result<Report, Error>;
}

impl ReportRows for Report {
    fn kind(&self) -> ReportKind {
        Report::kind(self)
    }

    fn len(&self) -> usize {
        Report::len(self)
    }

    fn extra_columns(&self) -> &[String] {
        Report::extra_columns(self)
    }

    fn held(&self) -> Option<&Report> {
        Some(self)
    }

    fn for_each_piece(
        &self,
        _wanted: WantedColumns<'_>,
        cancel: &CancelToken,
        each: &mut dyn FnMut(usize, &Report) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if cancel.is_cancelled() {
            return Err(Error::cancelled());
        }
        each(0, self)
    }

    fn rows_at(&self, positions: &[usize]) -> Result<Report, Error> {
        Ok(self.select(positions))
    }
}

/// Runs `work` over the whole report: the one held in memory, or its pieces put together. For
/// the reports of one row per session (Room data, Breakout rooms), which stay small; an Attendees
/// report is walked piece by piece instead.
pub fn with_whole<T>(
    rows: &dyn ReportRows,
    cancel: &CancelToken,
    work: impl FnOnce(&Report) -> Result<T, Error>,
) -> Result<T, Error> {
    if let Some(report) = rows.held() {
        return work(report);
    }
    let mut whole = Report::empty(rows.kind());
    rows.for_each_piece(None, cancel, &mut |_, piece| {
        whole.append(piece);
        Ok(())
    })?;
    whole.set_extra_columns(rows.extra_columns().to_vec());
    work(&whole)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::AttendeeRow;

    fn attendees(ids: &[&str]) -> Report {
        Report::Attendees {
            rows: ids
                .iter()
                .map(|id| AttendeeRow {
                    user_id: (*id).into(),
                    ..AttendeeRow::default()
                })
                .collect(),
            extra_columns: vec!["Team".into()],
        }
    }

    fn user_ids(report: &Report) -> Vec<String> {
        match report {
            Report::Attendees { rows, .. } => rows.iter().map(|r| r.user_id.to_string()).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn a_held_report_is_one_piece_and_picks_rows_in_the_order_asked() {
        let report = attendees(&["a", "b", "c"]);
        let mut pieces = Vec::new();
        report
            .for_each_piece(None, &CancelToken::new(), &mut |start, piece| {
                pieces.push((start, piece.len()));
                Ok(())
            })
            .unwrap();
        assert_eq!(pieces, vec![(0, 3)]);
        let picked = report.rows_at(&[2, 0]).unwrap();
        assert_eq!(user_ids(&picked), vec!["c", "a"]);
        assert_eq!(picked.extra_columns(), ["Team".to_owned()]);
    }

    #[test]
    fn a_cancelled_walk_stops() {
        let cancel = CancelToken::new();
        cancel.cancel();
        let walked = attendees(&["a"]).for_each_piece(None, &cancel, &mut |_, _| Ok(()));
        assert!(walked.is_err());
    }
}
