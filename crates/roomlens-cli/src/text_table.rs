//! Plain-text tables on standard output for the rollups and the library list: columns as wide as
//! their widest cell (counted in characters, up to a limit, longer cells cut with "…"), figures
//! aligned right. Output into a closed pipe (`| head`) ends quietly. It formats no figure.

use std::io::Write;

/// The widest a column gets; longer cells are cut.
const MAX_WIDTH: usize = 40;

/// A column: its heading and whether its cells are figures (aligned right).
pub struct TextColumn {
    pub heading: &'static str,
    pub figure: bool,
}

fn cut(cell: &str, width: usize) -> String {
    if cell.chars().count() <= width {
        return cell.to_owned();
    }
    let mut kept: String = cell.chars().take(width.saturating_sub(1)).collect();
    kept.push('…');
    kept
}

/// Prints `rows` under `columns`; stops without an error when standard output is closed.
pub fn print_table(columns: &[TextColumn], rows: &[Vec<String>]) {
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|cell| cell.chars().count())
                .chain(std::iter::once(c.heading.chars().count()))
                .max()
                .unwrap_or(0)
                .min(MAX_WIDTH)
        })
        .collect();
    let line = |cells: Vec<&str>| -> String {
        let mut text = String::new();
        for (i, (cell, column)) in cells.into_iter().zip(columns).enumerate() {
            let width = widths.get(i).copied().unwrap_or(0);
            let cell = cut(cell, width);
            let pad = " ".repeat(width.saturating_sub(cell.chars().count()));
            if i > 0 {
                text.push_str("  ");
            }
            if column.figure {
                text.push_str(&pad);
                text.push_str(&cell);
            } else {
                text.push_str(&cell);
                text.push_str(&pad);
            }
        }
        text.trim_end().to_owned()
    };
    let mut out = std::io::stdout().lock();
    let heading = line(columns.iter().map(|c| c.heading).collect());
    if writeln!(out, "{heading}").is_err() {
        return;
    }
    for row in rows {
        if writeln!(out, "{}", line(row.iter().map(String::as_str).collect())).is_err() {
            return;
        }
    }
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_are_cut_by_characters() {
        assert_eq!(cut("Łukasz Ångström", 40), "Łukasz Ångström");
        assert_eq!(cut("Łukasz Ångström", 6), "Łukas…");
    }
}
