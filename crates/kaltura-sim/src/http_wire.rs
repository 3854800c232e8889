//! A small HTTP/1.1 server side written by hand so faults are byte-exact: reads requests with
//! Content-Length bodies (chunked uploads are refused with 411), keep-alive, and writes responses
//! whole, cut short with a reset, or truncated. It knows nothing about Kaltura.

use std::io;
#[cfg(feature = "faults")]
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const MAX_HEAD: usize = 64 * 1024;
const MAX_BODY: usize = 32 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The request target as sent: path and optional `?query`.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub keep_alive: bool,
}

impl Request {
    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn path(&self) -> &str {
        self.target
            .split_once('?')
            .map(|(p, _)| p)
            .unwrap_or(&self.target)
    }

    pub fn query(&self) -> &str {
        self.target.split_once('?').map(|(_, q)| q).unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Self {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

/// How a response leaves the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Whole,
    /// Headers and this many body bytes, then a TCP reset.
    #[cfg(feature = "faults")]
    ResetAfter(usize),
    /// Headers (with the full Content-Length) and this many body bytes, then a normal close.
    #[cfg(feature = "faults")]
    TruncateAfter(usize),
    /// Headers only, with the Content-Length of the body (the answer to HEAD).
    HeadersOnly,
}

pub enum Incoming {
    Request(Request),
    /// The peer closed the connection between requests.
    Closed,
    /// A request the server refuses; answer with this status and close.
    Refused(u16),
}

/// One keep-alive connection.
pub struct Connection {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Connection {
    pub fn new(stream: TcpStream) -> Self {
        Connection {
            stream,
            buf: Vec::with_capacity(8192),
        }
    }

    async fn fill(&mut self) -> io::Result<usize> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.stream.read(&mut chunk).await?;
        self.buf.extend_from_slice(chunk.get(..n).unwrap_or(&[]));
        Ok(n)
    }

    pub async fn read_request(&mut self) -> io::Result<Incoming> {
        let head_end = loop {
            if let Some(pos) = find(&self.buf, b"\r\n\r\n") {
                break pos;
            }
            if self.buf.len() > MAX_HEAD {
                return Ok(Incoming::Refused(431));
            }
            if self.fill().await? == 0 {
                return if self.buf.is_empty() {
                    Ok(Incoming::Closed)
                } else {
                    Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "connection closed inside a request head",
                    ))
                };
            }
        };
        let head = String::from_utf8_lossy(self.buf.get(..head_end).unwrap_or(&[])).into_owned();
        self.buf.drain(..head_end + 4);
        let mut lines = head.split("\r\n");
        let request_line = lines.next().unwrap_or("");
        let mut parts = request_line.split(' ');
        let (Some(method), Some(target), Some(version), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Ok(Incoming::Refused(400));
        };
        if !version.starts_with("HTTP/1.") || method.is_empty() || !target.starts_with('/') {
            return Ok(Incoming::Refused(400));
        }
        let mut headers = Vec::new();
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                return Ok(Incoming::Refused(400));
            };
            if name.is_empty() || name.contains(' ') {
                return Ok(Incoming::Refused(400));
            }
            headers.push((name.to_string(), value.trim().to_string()));
        }
        let mut request = Request {
            method: method.to_string(),
            target: target.to_string(),
            headers,
            body: Vec::new(),
            keep_alive: version == "HTTP/1.1",
        };
        if let Some(c) = request.header("connection") {
            let c = c.to_ascii_lowercase();
            if c.contains("close") {
                request.keep_alive = false;
            } else if c.contains("keep-alive") {
                request.keep_alive = true;
            }
        }
        if request.header("transfer-encoding").is_some() {
            return Ok(Incoming::Refused(411));
        }
        let lengths: Vec<&str> = request
            .headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .map(|(_, v)| v.as_str())
            .collect();
        let length = match lengths.as_slice() {
            [] => 0,
            [one] => match one.parse::<usize>() {
                Ok(n) => n,
                Err(_) => return Ok(Incoming::Refused(400)),
            },
            _ => return Ok(Incoming::Refused(400)),
        };
        if length > MAX_BODY {
            return Ok(Incoming::Refused(413));
        }
        if request
            .header("expect")
            .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"))
        {
            self.stream
                .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                .await?;
        }
        while self.buf.len() < length {
            if self.fill().await? == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "connection closed inside a request body",
                ));
            }
        }
        request.body = self.buf.drain(..length).collect();
        Ok(Incoming::Request(request))
    }

    /// Writes a response. Returns false when the connection must not be reused.
    pub async fn write_response(
        &mut self,
        response: &Response,
        delivery: Delivery,
        keep_alive: bool,
    ) -> io::Result<bool> {
        let keep_alive = keep_alive && matches!(delivery, Delivery::Whole | Delivery::HeadersOnly);
        let mut head = format!(
            "HTTP/1.1 {} {}\r\n",
            response.status,
            reason(response.status)
        );
        for (k, v) in &response.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
        head.push_str(&format!("Date: {}\r\n", http_date(unix_now())));
        head.push_str("Server: kaltura-sim\r\n");
        head.push_str("Access-Control-Allow-Origin: *\r\n");
        head.push_str(
            "Access-Control-Expose-Headers: Server, Content-Length, Content-Range, Date, X-Kaltura, X-Kaltura-Session, X-Me\r\n",
        );
        head.push_str("X-Me: kaltura-sim\r\n");
        head.push_str(if keep_alive {
            "Connection: keep-alive\r\n\r\n"
        } else {
            "Connection: close\r\n\r\n"
        });
        self.stream.write_all(head.as_bytes()).await?;
        match delivery {
            Delivery::HeadersOnly => self.stream.flush().await?,
            Delivery::Whole => {
                self.stream.write_all(&response.body).await?;
                self.stream.flush().await?;
            }
            #[cfg(feature = "faults")]
            Delivery::ResetAfter(n) => {
                self.stream
                    .write_all(response.body.get(..n).unwrap_or(&response.body))
                    .await?;
                self.stream.flush().await?;
                tokio::time::sleep(Duration::from_millis(20)).await;
                reset(&self.stream)?;
            }
            #[cfg(feature = "faults")]
            Delivery::TruncateAfter(n) => {
                self.stream
                    .write_all(response.body.get(..n).unwrap_or(&response.body))
                    .await?;
                self.stream.flush().await?;
                self.stream.shutdown().await?;
            }
        }
        Ok(keep_alive)
    }
}

/// Sets SO_LINGER to zero so that closing the socket sends a RST instead of a FIN.
#[allow(deprecated)]
#[cfg(feature = "faults")]
fn reset(stream: &TcpStream) -> io::Result<()> {
    stream.set_linger(Some(Duration::ZERO))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        411 => "Length Required",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// An IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let weekday = WEEKDAYS
        .get(days.rem_euclid(7) as usize)
        .copied()
        .unwrap_or("Thu");
    let month_name = MONTHS.get((month - 1) as usize).copied().unwrap_or("Jan");
    format!(
        "{weekday}, {day:02} {month_name} {year} {:02}:{:02}:{:02} GMT",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates() {
        assert_eq!(http_date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(http_date(1_709_164_800), "Thu, 29 Feb 2024 00:00:00 GMT");
    }
}
