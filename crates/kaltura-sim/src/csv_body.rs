//! Kaltura's custom-report CSV bytes (docs/kaltura-wire-format.md §6): UTF-8 BOM, the header row,
//! then one line per row with every `,` inside a value replaced by a space, no quoting, `\n` line
//! ends. Only formatting; which rows and columns go in is decided by the caller.

use std::io::{self, Write};

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A value as it appears in the CSV: each `,` becomes a space.
pub fn csv_value(value: &str) -> String {
    value.replace(',', " ")
}

/// Writes BOM, header line and one line per row.
pub fn write_csv<W: Write>(out: &mut W, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    out.write_all(BOM)?;
    write_header(out, header)?;
    for row in rows {
        write_row(out, row)?;
    }
    Ok(())
}

/// The header line; header names are not sanitised.
pub fn write_header<W: Write>(out: &mut W, header: &[&str]) -> io::Result<()> {
    out.write_all(header.join(",").as_bytes())?;
    out.write_all(b"\n")
}

pub fn write_row<W: Write>(out: &mut W, row: &[String]) -> io::Result<()> {
    for (i, value) in row.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        for (j, piece) in value.split(',').enumerate() {
            if j > 0 {
                out.write_all(b" ")?;
            }
            out.write_all(piece.as_bytes())?;
        }
    }
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_exact() {
        let mut out = Vec::new();
        let rows = vec![
            vec![
                "Smith, John".to_string(),
                "=HYPERLINK(\"a\",\"b\")".to_string(),
            ],
            vec![String::new(), "x".to_string()],
        ];
        write_csv(&mut out, &["a", "b"], &rows).unwrap();
        assert_eq!(
            out,
            b"\xEF\xBB\xBFa,b\nSmith  John,=HYPERLINK(\"a\" \"b\")\n,x\n"
        );
        let mut empty = Vec::new();
        write_csv(&mut empty, &["a", "b"], &[]).unwrap();
        assert_eq!(empty, b"\xEF\xBB\xBFa,b\n");
        assert_eq!(csv_value("+SUM(1,2)"), "+SUM(1 2)");
    }
}
