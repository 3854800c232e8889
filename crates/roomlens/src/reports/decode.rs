//! Turning a report file's bytes into a stream of UTF-8 text for the CSV tokenizer: byte-order
//! marks, UTF-16 (LE/BE, with a BOM or recognisably ASCII without one), Windows-1252 (what Excel on
//! Windows saves as "CSV": no BOM, not UTF-8, no UTF-8 sequence at all in its first 64 KiB) and old
//! Mac line endings (CR only). The first bytes are kept aside so the header can be examined. It
//! does not split lines into fields and does not judge whether the text is a report.

use std::io::{self, Cursor, Read};

/// How many decoded bytes are kept aside for finding the header.
pub(crate) const HEAD_BYTES: usize = 64 * 1024;

/// A byte that never occurs in UTF-8; it stands in for text that could not be decoded so that
/// the row holding it is reported when its UTF-8 is checked.
const UNDECODABLE: u8 = 0xFF;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceEncoding {
    Utf8 { bom: bool },
    Utf16 { big_endian: bool, bom: bool },
    Windows1252,
}

/// Decoded text: `head` is its beginning (at most `HEAD_BYTES`), `rest` continues right after.
pub(crate) struct TextSource<'a> {
    pub head: Vec<u8>,
    pub rest: Box<dyn Read + 'a>,
    pub encoding: SourceEncoding,
    /// The input held no bytes at all (not even a BOM).
    pub was_empty: bool,
    /// `head` holds the whole text.
    pub head_is_all: bool,
}

fn read_up_to(input: &mut dyn Read, limit: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(limit.min(HEAD_BYTES));
    input.take(limit as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Little- or big-endian UTF-16 without a BOM (`Some(big_endian)`), recognised by a first line
/// of ASCII text with every other byte 0. Header lines are ASCII, so this is reliable.
fn utf16_without_bom(raw: &[u8]) -> Option<bool> {
    let first_line = |big_endian: bool| {
        raw.as_chunks::<2>()
            .0
            .iter()
            .map(|&[a, b]| if big_endian { [b, a] } else { [a, b] })
            .take(64)
            .take_while(|[low, _]| *low != b'\n')
            .collect::<Vec<[u8; 2]>>()
    };
    [false, true].into_iter().find(|&big_endian| {
        let line = first_line(big_endian);
        line.len() >= 2
            && line
                .iter()
                .all(|[low, high]| *high == 0 && *low != 0 && low.is_ascii())
    })
}

/// Text that is not UTF-8 (an invalid byte before the last few, which may be a character cut by
/// the 64 KiB limit) and holds no valid multi-byte UTF-8 sequence at all: a legacy 8-bit file.
/// A UTF-8 file with a few broken bytes still has its other accents as valid sequences.
fn is_windows_1252(raw: &[u8]) -> bool {
    let mut invalid_early = false;
    let mut multibyte = false;
    let mut offset = 0usize;
    for chunk in raw.utf8_chunks() {
        multibyte |= !chunk.valid().is_ascii();
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() && offset + 4 < raw.len() {
            invalid_early = true;
        }
        offset += chunk.invalid().len();
    }
    invalid_early && !multibyte
}

/// Characters of bytes 0x80–0x9F in Windows-1252; `None` for the five bytes it leaves undefined.
const WINDOWS_1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

fn windows_1252_char(byte: u8) -> Option<char> {
    match byte {
        0x80..=0x9F => WINDOWS_1252_HIGH
            .get(usize::from(byte - 0x80))
            .copied()
            .flatten(),
        _ => Some(char::from(byte)),
    }
}

/// Windows-1252 to UTF-8, streaming. Undefined bytes come out as `UNDECODABLE`.
struct Windows1252Decoder<R> {
    inner: R,
    out: Vec<u8>,
    out_pos: usize,
}

impl<R: Read> Read for Windows1252Decoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_pos >= self.out.len() {
            let mut chunk = [0u8; 16 * 1024];
            let n = loop {
                match self.inner.read(&mut chunk) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other?,
                }
            };
            self.out.clear();
            self.out_pos = 0;
            let mut char_buf = [0u8; 4];
            for &byte in chunk.get(..n).unwrap_or_default() {
                match windows_1252_char(byte) {
                    Some(c) => self
                        .out
                        .extend_from_slice(c.encode_utf8(&mut char_buf).as_bytes()),
                    None => self.out.push(UNDECODABLE),
                }
            }
        }
        let available = self.out.get(self.out_pos..).unwrap_or_default();
        let n = available.len().min(buf.len());
        buf.get_mut(..n)
            .unwrap_or_default()
            .copy_from_slice(available.get(..n).unwrap_or_default());
        self.out_pos += n;
        Ok(n)
    }
}

/// Opens `input` as text.
pub(crate) fn open<'a, R: Read + 'a>(mut input: R) -> io::Result<TextSource<'a>> {
    let raw = read_up_to(&mut input, HEAD_BYTES)?;
    let was_empty = raw.is_empty();
    let (encoding, skip) = match raw.as_slice() {
        [0xEF, 0xBB, 0xBF, ..] => (SourceEncoding::Utf8 { bom: true }, 3),
        [0xFF, 0xFE, ..] => (
            SourceEncoding::Utf16 {
                big_endian: false,
                bom: true,
            },
            2,
        ),
        [0xFE, 0xFF, ..] => (
            SourceEncoding::Utf16 {
                big_endian: true,
                bom: true,
            },
            2,
        ),
        _ => match utf16_without_bom(&raw) {
            Some(big_endian) => (
                SourceEncoding::Utf16 {
                    big_endian,
                    bom: false,
                },
                0,
            ),
            None if is_windows_1252(&raw) => (SourceEncoding::Windows1252, 0),
            None => (SourceEncoding::Utf8 { bom: false }, 0),
        },
    };
    let start = raw.get(skip..).unwrap_or_default().to_vec();
    let joined = Cursor::new(start).chain(input);
    let mut text: Box<dyn Read + 'a> = match encoding {
        SourceEncoding::Utf8 { .. } => Box::new(joined),
        SourceEncoding::Utf16 { big_endian, .. } => Box::new(Utf16Decoder::new(joined, big_endian)),
        SourceEncoding::Windows1252 => Box::new(Windows1252Decoder {
            inner: joined,
            out: Vec::new(),
            out_pos: 0,
        }),
    };
    let mut head = read_up_to(&mut text, HEAD_BYTES)?;
    let head_is_all = head.len() < HEAD_BYTES;
    let cr_only = head.contains(&b'\r') && !head.contains(&b'\n');
    if cr_only {
        head.iter_mut()
            .filter(|b| **b == b'\r')
            .for_each(|b| *b = b'\n');
        text = Box::new(CrToLf { inner: text });
    }
    Ok(TextSource {
        head,
        rest: text,
        encoding,
        was_empty,
        head_is_all,
    })
}

/// Turns every CR into LF, for files whose only line breaks are CR.
struct CrToLf<R> {
    inner: R,
}

impl<R: Read> Read for CrToLf<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(filled) = buf.get_mut(..n) {
            filled
                .iter_mut()
                .filter(|b| **b == b'\r')
                .for_each(|b| *b = b'\n');
        }
        Ok(n)
    }
}

/// UTF-16 to UTF-8, streaming. Unpaired surrogates and a dangling odd byte come out as
/// `UNDECODABLE` so the row that holds them is reported, not silently altered.
struct Utf16Decoder<R> {
    inner: R,
    big_endian: bool,
    pending: Vec<u8>,
    out: Vec<u8>,
    out_pos: usize,
    eof: bool,
}

impl<R: Read> Utf16Decoder<R> {
    fn new(inner: R, big_endian: bool) -> Self {
        Utf16Decoder {
            inner,
            big_endian,
            pending: Vec::new(),
            out: Vec::new(),
            out_pos: 0,
            eof: false,
        }
    }

    fn decode_pending(&mut self) {
        let whole = self.pending.len() & !1;
        let mut units: Vec<u16> = self
            .pending
            .get(..whole)
            .unwrap_or_default()
            .as_chunks::<2>()
            .0
            .iter()
            .map(|&pair| {
                if self.big_endian {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            })
            .collect();
        let mut keep = self.pending.split_off(whole);
        // A high surrogate at the very end may be completed by the next chunk.
        if !self.eof && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
            units.pop();
            let tail = self.pending.split_off(whole - 2);
            keep = [tail, keep].concat();
        }
        let mut char_buf = [0u8; 4];
        for decoded in char::decode_utf16(units) {
            match decoded {
                Ok(c) => self
                    .out
                    .extend_from_slice(c.encode_utf8(&mut char_buf).as_bytes()),
                Err(_) => self.out.push(UNDECODABLE),
            }
        }
        if self.eof && !keep.is_empty() {
            self.out.push(UNDECODABLE);
            keep.clear();
        }
        self.pending = keep;
    }
}

impl<R: Read> Read for Utf16Decoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_pos < self.out.len() {
                let available = self.out.get(self.out_pos..).unwrap_or_default();
                let n = available.len().min(buf.len());
                buf.get_mut(..n)
                    .unwrap_or_default()
                    .copy_from_slice(available.get(..n).unwrap_or_default());
                self.out_pos += n;
                return Ok(n);
            }
            if self.eof {
                return Ok(0);
            }
            self.out.clear();
            self.out_pos = 0;
            let mut chunk = [0u8; 16 * 1024];
            let n = loop {
                match self.inner.read(&mut chunk) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other?,
                }
            };
            if n == 0 {
                self.eof = true;
            }
            self.pending
                .extend_from_slice(chunk.get(..n).unwrap_or_default());
            self.decode_pending();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8]) -> (Vec<u8>, SourceEncoding) {
        let mut src = open(bytes).unwrap();
        let mut all = src.head.clone();
        src.rest.read_to_end(&mut all).unwrap();
        (all, src.encoding)
    }

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if big_endian {
                &[0xFE, 0xFF]
            } else {
                &[0xFF, 0xFE]
            });
        }
        for u in text.encode_utf16() {
            out.extend_from_slice(&if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn utf8_bom_is_removed() {
        assert_eq!(
            decode_all(b"\xEF\xBB\xBFa,b\n"),
            (b"a,b\n".to_vec(), SourceEncoding::Utf8 { bom: true })
        );
        assert_eq!(
            decode_all(b"a,b\n"),
            (b"a,b\n".to_vec(), SourceEncoding::Utf8 { bom: false })
        );
    }

    #[test]
    fn utf16_in_both_byte_orders_with_and_without_bom() {
        let text = "user_id,user_name\nu1,Zoë 😀\n";
        for big_endian in [false, true] {
            for bom in [true, false] {
                let (decoded, encoding) = decode_all(&utf16(text, big_endian, bom));
                assert_eq!(String::from_utf8(decoded).unwrap(), text);
                assert_eq!(encoding, SourceEncoding::Utf16 { big_endian, bom });
            }
        }
    }

    #[test]
    fn utf16_surrogate_pairs_split_across_chunks_survive() {
        let text = format!("h\n{}😀x\n", "a".repeat(16 * 1024 - 3));
        let (decoded, _) = decode_all(&utf16(&text, false, true));
        assert_eq!(String::from_utf8(decoded).unwrap(), text);
    }

    #[test]
    fn broken_utf16_is_marked_not_dropped() {
        let mut bytes = utf16("ab\n", false, true);
        bytes.extend_from_slice(&0xDC00u16.to_le_bytes());
        bytes.push(b'x');
        let (decoded, _) = decode_all(&bytes);
        assert_eq!(decoded, b"ab\n\xFF\xFF");
    }

    #[test]
    fn windows_1252_files_are_recognised_and_decoded() {
        let (decoded, encoding) = decode_all(b"user_name\nM\xFCller \x80 \x93x\x94\n");
        assert_eq!(encoding, SourceEncoding::Windows1252);
        assert_eq!(
            String::from_utf8(decoded).unwrap(),
            "user_name\nMüller € “x”\n"
        );
        let (decoded, _) = decode_all(b"name\nbad \x81 byte\n");
        assert_eq!(decoded, b"name\nbad \xFF byte\n");
    }

    #[test]
    fn utf8_with_a_broken_byte_stays_utf8() {
        let mut mixed = "name\nZoë\n".as_bytes().to_vec();
        mixed.extend_from_slice(b"M\xFCller\n");
        assert_eq!(
            decode_all(&mixed),
            (mixed.clone(), SourceEncoding::Utf8 { bom: false })
        );
    }

    #[test]
    fn cr_only_line_breaks_become_lf() {
        let mut src = open(&b"a,b\rc,d\r"[..]).unwrap();
        let mut all = src.head.clone();
        src.rest.read_to_end(&mut all).unwrap();
        assert_eq!(all, b"a,b\nc,d\n");
        assert_eq!(
            open(&b"a,b\r\nc,d\r\n"[..]).unwrap().head,
            b"a,b\r\nc,d\r\n"
        );
    }

    #[test]
    fn empty_input_is_flagged() {
        assert!(open(&b""[..]).unwrap().was_empty);
        let bom_only = open(&b"\xEF\xBB\xBF"[..]).unwrap();
        assert!(!bom_only.was_empty);
        assert!(bom_only.head.is_empty());
    }
}
