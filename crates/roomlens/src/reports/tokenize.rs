//! Splitting decoded text into CSV records with `csv-core`, with hard limits on record size and
//! field count so that a hostile file costs bounded memory, and with the physical line each
//! record starts on. It does not decode bytes, check field counts against a header, or read values.

use std::io::{self, Read};

/// Longest record kept, in bytes. Longer records are skipped (and reported by the caller).
pub(crate) const MAX_RECORD_BYTES: usize = 1 << 20;
/// Most fields a record may have.
pub(crate) const MAX_FIELDS: usize = 4096;

const INPUT_CHUNK: usize = 64 * 1024;

/// What the tokenizer found next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    /// A record, now in `Tokenizer::record`. `line` is where it starts, `lines` how many it spans.
    Record { line: u64, lines: u64 },
    /// A record longer than `MAX_RECORD_BYTES`; its content was discarded.
    TooLong { line: u64, lines: u64 },
    /// A record with more than `MAX_FIELDS` fields; its content was discarded.
    TooManyFields { line: u64, lines: u64 },
}

pub(crate) struct Tokenizer<R> {
    core: csv_core::Reader,
    input: R,
    chunk: Vec<u8>,
    chunk_pos: usize,
    chunk_len: usize,
    eof: bool,
    out: Vec<u8>,
    ends: Vec<usize>,
    record_bytes: usize,
    record_fields: usize,
}

impl<R: Read> Tokenizer<R> {
    /// `first_line` is the physical line number of the first byte of `input`.
    pub fn new(input: R, delimiter: u8, quoting: bool, first_line: u64) -> Self {
        let mut core = csv_core::ReaderBuilder::new()
            .delimiter(delimiter)
            .quoting(quoting)
            .build();
        core.set_line(first_line);
        Tokenizer {
            core,
            input,
            chunk: vec![0; INPUT_CHUNK],
            chunk_pos: 0,
            chunk_len: 0,
            eof: false,
            out: vec![0; MAX_RECORD_BYTES],
            ends: vec![0; MAX_FIELDS],
            record_bytes: 0,
            record_fields: 0,
        }
    }

    /// The bytes of the last record and the end offset of each of its fields.
    pub fn record(&self) -> (&[u8], &[usize]) {
        (
            self.out.get(..self.record_bytes).unwrap_or_default(),
            self.ends.get(..self.record_fields).unwrap_or_default(),
        )
    }

    fn refill(&mut self) -> io::Result<()> {
        if self.chunk_pos < self.chunk_len || self.eof {
            return Ok(());
        }
        self.chunk_pos = 0;
        self.chunk_len = loop {
            match self.input.read(&mut self.chunk) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other?,
            }
        };
        if self.chunk_len == 0 {
            self.eof = true;
        }
        Ok(())
    }

    /// The next record, or `None` at the end of the text.
    pub fn next_token(&mut self) -> io::Result<Option<Token>> {
        let mut bytes = 0usize;
        let mut fields = 0usize;
        let mut too_long = false;
        let mut too_many = false;
        let mut newlines = 0u64;
        loop {
            self.refill()?;
            let input = self
                .chunk
                .get(self.chunk_pos..self.chunk_len)
                .unwrap_or_default();
            let out_from = if too_long { 0 } else { bytes };
            let ends_from = if too_many { 0 } else { fields };
            let out = self.out.get_mut(out_from..).unwrap_or_default();
            let ends = self.ends.get_mut(ends_from..).unwrap_or_default();
            let (result, nin, nout, nend) = self.core.read_record(input, out, ends);
            let ended_on_lf = nin > 0 && input.get(nin - 1) == Some(&b'\n');
            newlines += out
                .get(..nout)
                .unwrap_or_default()
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.chunk_pos += nin;
            if !too_long {
                bytes += nout;
            }
            if !too_many {
                fields += nend;
            }
            match result {
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => too_long = true,
                csv_core::ReadRecordResult::OutputEndsFull => too_many = true,
                csv_core::ReadRecordResult::Record => {
                    let end_line = self.core.line() - u64::from(ended_on_lf);
                    let line = end_line.saturating_sub(newlines);
                    let lines = newlines + 1;
                    self.record_bytes = if too_long { 0 } else { bytes };
                    self.record_fields = if too_long || too_many { 0 } else { fields };
                    return Ok(Some(if too_long {
                        Token::TooLong { line, lines }
                    } else if too_many {
                        Token::TooManyFields { line, lines }
                    } else {
                        Token::Record { line, lines }
                    }));
                }
                csv_core::ReadRecordResult::End => return Ok(None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &[u8], quoting: bool) -> Vec<(Token, Vec<String>)> {
        let mut t = Tokenizer::new(text, b',', quoting, 1);
        let mut found = Vec::new();
        while let Some(token) = t.next_token().unwrap() {
            let (bytes, ends) = t.record();
            let mut start = 0;
            let fields = ends
                .iter()
                .map(|&end| {
                    let f = String::from_utf8_lossy(&bytes[start..end]).into_owned();
                    start = end;
                    f
                })
                .collect();
            found.push((token, fields));
        }
        found
    }

    #[test]
    fn lines_are_physical_and_skip_blank_lines() {
        let found = all(b"a,b\n\n\nc,\"d\ne\"\r\nf,g", true);
        assert_eq!(
            found[0],
            (
                Token::Record { line: 1, lines: 1 },
                vec!["a".into(), "b".into()]
            )
        );
        assert_eq!(
            found[1],
            (
                Token::Record { line: 4, lines: 2 },
                vec!["c".into(), "d\ne".into()]
            )
        );
        assert_eq!(
            found[2],
            (
                Token::Record { line: 6, lines: 1 },
                vec!["f".into(), "g".into()]
            )
        );
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn quotes_are_literal_when_quoting_is_off() {
        let found = all(b"\"a,b\n", false);
        assert_eq!(found[0].1, vec!["\"a".to_owned(), "b".to_owned()]);
    }

    #[test]
    fn oversized_records_are_skipped_with_their_lines() {
        let mut text = b"a,b\n\"".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 10));
        text.extend_from_slice(b"\ny\",z\nc,d\n");
        let found = all(&text, true);
        assert_eq!(found[1].0, Token::TooLong { line: 2, lines: 2 });
        assert_eq!(
            found[2],
            (
                Token::Record { line: 4, lines: 1 },
                vec!["c".into(), "d".into()]
            )
        );
    }

    #[test]
    fn too_many_fields_are_skipped() {
        let mut text = b"a\n".to_vec();
        text.extend(std::iter::repeat_n(b',', MAX_FIELDS + 1));
        text.extend_from_slice(b"\nb\n");
        let found = all(&text, true);
        assert_eq!(found[1].0, Token::TooManyFields { line: 2, lines: 1 });
        assert_eq!(found[2].1, vec!["b".to_owned()]);
    }
}
