//! Shared pieces of the command-line tests: the real `roomlens` binary run with a private
//! settings folder, temporary folders, and the Kaltura simulator running in this test process.

// Each test file uses only part of this module.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary folder removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Self {
        let mut r = [0u8; 8];
        getrandom::fill(&mut r).unwrap();
        let dir = std::env::temp_dir().join(format!(
            "roomlens-cli-{label}-{:016x}",
            u64::from_le_bytes(r)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// File names in the folder, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `roomlens` binary with a settings folder of its own and no secret in the environment.
pub fn roomlens(config_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_roomlens"));
    cmd.env("ROOMLENS_CONFIG_DIR", config_dir)
        .env_remove("ROOMLENS_ADMIN_SECRET");
    cmd
}

/// Runs the command with `stdin` piped in (empty when `None`) and returns what it did.
pub fn run(cmd: &mut Command, stdin: Option<&str>) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts the exit code, showing the program's output when it differs.
pub fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        stdout(out),
        stderr(out)
    );
}

/// The Kaltura simulator, served from this test process on its own runtime while the `roomlens`
/// binary runs as a child process.
pub struct Sim {
    runtime: tokio::runtime::Runtime,
    pub handle: kaltura_sim::SimHandle,
}

impl Sim {
    pub fn start(config: kaltura_sim::SimConfig) -> Sim {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let handle = runtime.block_on(kaltura_sim::start(config)).unwrap();
        Sim { runtime, handle }
    }

    pub fn url(&self) -> String {
        self.handle.url()
    }

    /// `roomlens <args> --partner-id <primary> --service-url <this simulator>`, with the primary
    /// partner's secret in the environment.
    pub fn roomlens<S: AsRef<std::ffi::OsStr>>(&self, config_dir: &Path, args: &[S]) -> Command {
        let mut cmd = roomlens(config_dir);
        cmd.env("ROOMLENS_ADMIN_SECRET", self.handle.admin_secret())
            .args(args)
            .arg("--partner-id")
            .arg(self.handle.partner_id().to_string())
            .arg("--service-url")
            .arg(self.url());
        cmd
    }

    pub fn shutdown(self) {
        let Sim { runtime, handle } = self;
        runtime.block_on(handle.shutdown());
    }
}
