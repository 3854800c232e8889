//! Where the Kaltura API lives: the US or EU SaaS region, or a self-hosted server's address.
//! Checks an address an admin typed (https, or plain http only on this computer) and keeps it in
//! one normal form. It does not contact the server; `client` does that.

use crate::error::{Error, ErrorCode};
use reqwest::Url;
use serde::Serialize;
use std::fmt;

pub const US_SERVICE_URL: &str = "https://www.kaltura.com";
pub const EU_SERVICE_URL: &str = "https://api.eu.kaltura.com";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Us,
    Eu,
    Custom,
}

/// A checked Kaltura service URL without a trailing `/`, e.g. `https://www.kaltura.com`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ServiceUrl(String);

impl ServiceUrl {
    pub fn us() -> Self {
        ServiceUrl(US_SERVICE_URL.to_owned())
    }

    pub fn eu() -> Self {
        ServiceUrl(EU_SERVICE_URL.to_owned())
    }

    /// Checks an address typed by a person. An address without a scheme is taken as https; a
    /// trailing `/` or `/api_v3` (often pasted along) is dropped. Plain http is accepted only for
    /// this computer (127.0.0.0/8, ::1, localhost), because the KS would otherwise travel unencrypted.
    pub fn parse(text: &str) -> Result<ServiceUrl, Error> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(invalid("The Kaltura service URL is empty. Enter an address such as https://www.kaltura.com."));
        }
        let with_scheme = if trimmed.contains("://") {
            trimmed.to_owned()
        } else {
            format!("https://{trimmed}")
        };
        let url = Url::parse(&with_scheme).map_err(|e| {
            invalid(format!("\"{trimmed}\" is not a web address. Enter an address such as https://kaltura.example.com."))
                .with_detail(e.to_string())
        })?;
        let host = match url.host_str() {
            Some(host) if !host.is_empty() => host.to_owned(),
            _ => return Err(invalid(format!("\"{trimmed}\" has no server name. Enter an address such as https://kaltura.example.com."))),
        };
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&host) => {}
            "http" => {
                return Err(invalid(
                    "The Kaltura service URL must start with https://. Plain http:// is only allowed for a server on this computer, because your session would otherwise travel unencrypted.",
                ))
            }
            other => {
                return Err(invalid(format!(
                    "The Kaltura service URL must start with https:// (it starts with {other}://)."
                )))
            }
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid("Remove the user name and password from the Kaltura service URL; Roomlens signs in with the partner ID and admin secret."));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid(
                "Remove everything after ? or # from the Kaltura service URL.",
            ));
        }
        let mut path = url.path().trim_end_matches('/').to_owned();
        if let Some(stripped) = path.strip_suffix("/api_v3") {
            path = stripped.trim_end_matches('/').to_owned();
        }
        let mut normal = format!("{}://{}", url.scheme(), host);
        if let Some(port) = url.port() {
            normal.push_str(&format!(":{port}"));
        }
        normal.push_str(&path);
        Ok(ServiceUrl(normal))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn region(&self) -> Region {
        match self.0.as_str() {
            US_SERVICE_URL => Region::Us,
            EU_SERVICE_URL => Region::Eu,
            _ => Region::Custom,
        }
    }

    /// Whether the service runs on this computer (localhost or a loopback address).
    pub fn is_on_this_computer(&self) -> bool {
        Url::parse(&self.0)
            .ok()
            .and_then(|url| url.host_str().map(is_loopback))
            .unwrap_or(false)
    }

    /// `{serviceUrl}/api_v3/service/<service>/action/<action>`.
    pub fn action_url(&self, service: &str, action: &str) -> String {
        format!("{}/api_v3/service/{service}/action/{action}", self.0)
    }

    /// `…/api_v3/service/<service>`: where calls without an action go (`multirequest`).
    pub fn service_endpoint(&self, service: &str) -> String {
        format!("{}/api_v3/service/{service}", self.0)
    }
}

impl fmt::Display for ServiceUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `host` as `Url::host_str` gives it: a name, an IPv4 address, or an IPv6 address in brackets.
fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => bare.eq_ignore_ascii_case("localhost"),
    }
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidServiceUrl, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(text: &str) -> ErrorCode {
        ServiceUrl::parse(text).unwrap_err().code
    }

    #[test]
    fn regions_are_recognised() {
        assert_eq!(ServiceUrl::us().region(), Region::Us);
        assert_eq!(ServiceUrl::eu().region(), Region::Eu);
        assert_eq!(
            ServiceUrl::parse("https://www.kaltura.com/")
                .unwrap()
                .region(),
            Region::Us
        );
        assert_eq!(
            ServiceUrl::parse("https://api.eu.kaltura.com").unwrap(),
            ServiceUrl::eu()
        );
        assert_eq!(
            ServiceUrl::parse("https://kaltura.example.edu")
                .unwrap()
                .region(),
            Region::Custom
        );
    }

    #[test]
    fn normalises_what_people_paste() {
        assert_eq!(
            ServiceUrl::parse("  kaltura.example.edu ")
                .unwrap()
                .as_str(),
            "https://kaltura.example.edu"
        );
        assert_eq!(
            ServiceUrl::parse("https://K.Example.edu:8443/kaltura/api_v3/")
                .unwrap()
                .as_str(),
            "https://k.example.edu:8443/kaltura"
        );
        assert_eq!(
            ServiceUrl::us().action_url("report", "getCsvFromStringParams"),
            "https://www.kaltura.com/api_v3/service/report/action/getCsvFromStringParams"
        );
    }

    #[test]
    fn services_on_this_computer_are_recognised() {
        for local in [
            "http://127.0.0.1:8080",
            "http://localhost",
            "http://[::1]:9/kaltura",
            "https://127.0.0.2",
        ] {
            assert!(
                ServiceUrl::parse(local).unwrap().is_on_this_computer(),
                "{local}"
            );
        }
        for remote in [
            "https://www.kaltura.com",
            "https://api.eu.kaltura.com",
            "https://localhost.example.com:443",
        ] {
            assert!(
                !ServiceUrl::parse(remote).unwrap().is_on_this_computer(),
                "{remote}"
            );
        }
    }

    #[test]
    fn plain_http_only_on_loopback() {
        assert_eq!(
            ServiceUrl::parse("http://127.0.0.1:4000").unwrap().as_str(),
            "http://127.0.0.1:4000"
        );
        assert_eq!(
            ServiceUrl::parse("http://127.8.9.1").unwrap().as_str(),
            "http://127.8.9.1"
        );
        assert_eq!(
            ServiceUrl::parse("http://[::1]:80/x").unwrap().as_str(),
            "http://[::1]/x"
        );
        assert_eq!(
            ServiceUrl::parse("http://LOCALHOST:9").unwrap().as_str(),
            "http://localhost:9"
        );
        assert_eq!(
            code_of("http://kaltura.example.edu"),
            ErrorCode::InvalidServiceUrl
        );
        assert_eq!(code_of("http://128.0.0.1"), ErrorCode::InvalidServiceUrl);
        assert_eq!(
            code_of("http://localhost.example.com"),
            ErrorCode::InvalidServiceUrl
        );
        assert!(ServiceUrl::parse("http://10.0.0.1")
            .unwrap_err()
            .message
            .contains("https://"));
    }

    #[test]
    fn rejects_nonsense_with_a_clear_code() {
        for bad in [
            "",
            "   ",
            "ftp://kaltura.example.edu",
            "https://",
            "https://user:pw@k.example.edu",
            "https://k.example.edu/?ks=1",
            "https://k.example.edu/#x",
            "https://exa mple.com",
        ] {
            assert_eq!(code_of(bad), ErrorCode::InvalidServiceUrl, "{bad}");
        }
    }
}
