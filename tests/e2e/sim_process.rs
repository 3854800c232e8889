//! A `kaltura-sim` binary started as its own process, as an administrator's real Kaltura would be
//! outside the app: it prints its URL, partner ID and admin secret, which the scenarios type into
//! the window. It is killed when dropped. It does not check anything the app does.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub struct SimProcess {
    child: Child,
    pub url: String,
    pub partner_id: i64,
    pub admin_secret: String,
}

impl SimProcess {
    pub fn start(binary: &Path, latency_ms: u64) -> SimProcess {
        let mut child = Command::new(binary)
            .args(["--latency-ms", &latency_ms.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start kaltura-sim at {}: {e}", binary.display()));
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let mut value = |key: &str| {
            let line = lines.next().expect("kaltura-sim ended early").unwrap();
            line.strip_prefix(&format!("{key}="))
                .unwrap_or_else(|| panic!("kaltura-sim printed {line:?}, not {key}="))
                .to_owned()
        };
        let url = value("url");
        let partner_id = value("partner_id").parse().unwrap();
        let admin_secret = value("admin_secret");
        SimProcess {
            child,
            url,
            partner_id,
            admin_secret,
        }
    }
}

impl Drop for SimProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
