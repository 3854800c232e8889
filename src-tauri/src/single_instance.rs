//! One Roomlens app at a time per settings folder: the first to start holds a lock file there and
//! listens on a loopback port it writes beside the lock, with a random token; a second start finds
//! the lock taken, asks the first (with that token) to bring its window forward, and exits. It
//! passes no files or arguments between the two, and it is not a security boundary.

use roomlens::accounts::{open_lock_file, settings_unwritable};
use roomlens::atomic_file::write_atomically;
use roomlens::{Error, ErrorCode};
use serde::{Deserialize, Serialize};
use std::fs::{File, TryLockError};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

const LOCK_FILE: &str = "instance.lock";
const ADDRESS_FILE: &str = "instance.json";
/// How long a second start waits for the first to answer.
const KNOCK_TIMEOUT: Duration = Duration::from_secs(2);

/// Where the first app listens, and the token a knock must carry.
#[derive(Serialize, Deserialize)]
struct Address {
    port: u16,
    token: String,
}

/// The outcome of starting.
pub enum Start {
    /// This is the only Roomlens: keep `FirstInstance` alive for as long as the app runs.
    First(FirstInstance),
    /// Another Roomlens is running and was asked to show its window; this one should exit.
    AlreadyRunning,
}

/// The running app's claim: the held lock and the listener for later starts.
pub struct FirstInstance {
    _lock: File,
    listener: TcpListener,
    token: String,
}

/// Claims the settings folder `config_dir` for this app, or knocks on the app that holds it.
pub fn start(config_dir: &Path) -> Result<Start, Error> {
    std::fs::create_dir_all(config_dir).map_err(|e| settings_unwritable(config_dir, &e))?;
    let lock_path = config_dir.join(LOCK_FILE);
    let lock = open_lock_file(&lock_path)?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return match knock(&address_path(config_dir)) {
                Ok(()) => Ok(Start::AlreadyRunning),
                // The other app holds the lock but does not answer (it is starting or stopping):
                // run anyway; the accounts file has its own lock.
                Err(_) => Err(Error::new(
                    ErrorCode::Internal,
                    "Another Roomlens is running but did not answer.",
                )),
            };
        }
        Err(TryLockError::Error(e)) => return Err(settings_unwritable(&lock_path, &e)),
    }
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| settings_unwritable(config_dir, &e))?;
    let port = listener
        .local_addr()
        .map_err(|e| settings_unwritable(config_dir, &e))?
        .port();
    let token = random_token()?;
    let address = Address {
        port,
        token: token.clone(),
    };
    let bytes = serde_json::to_vec(&address)
        .map_err(|e| settings_unwritable(config_dir, &std::io::Error::other(e)))?;
    write_atomically(&address_path(config_dir), &bytes)?;
    Ok(Start::First(FirstInstance {
        _lock: lock,
        listener,
        token,
    }))
}

impl FirstInstance {
    /// Answers later starts on a thread of its own: each knock with the right token runs
    /// `show_window`. Holds the lock until the process ends.
    pub fn serve(self, show_window: impl Fn() + Send + 'static) {
        std::thread::spawn(move || {
            let FirstInstance {
                _lock,
                listener,
                token,
            } = self;
            for stream in listener.incoming().flatten() {
                if carries_token(stream, &token) {
                    show_window();
                }
            }
        });
    }
}

/// Whether the knock on `stream` is one line holding `token`. At most a short line is read, so a
/// stray client can make the app neither wait long nor buffer much.
fn carries_token(stream: TcpStream, token: &str) -> bool {
    let _ = stream.set_read_timeout(Some(KNOCK_TIMEOUT));
    let mut line = String::new();
    let read = BufReader::new(stream.take(128)).read_line(&mut line);
    read.is_ok() && line.trim_end() == token
}

fn knock(address_path: &Path) -> std::io::Result<()> {
    let bytes = std::fs::read(address_path)?;
    let address: Address = serde_json::from_slice(&bytes).map_err(std::io::Error::other)?;
    let to = SocketAddr::from((Ipv4Addr::LOCALHOST, address.port));
    let mut stream = TcpStream::connect_timeout(&to, KNOCK_TIMEOUT)?;
    stream.set_write_timeout(Some(KNOCK_TIMEOUT))?;
    stream.write_all(format!("{}\n", address.token).as_bytes())?;
    stream.flush()
}

fn address_path(config_dir: &Path) -> PathBuf {
    config_dir.join(ADDRESS_FILE)
}

fn random_token() -> Result<String, Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| {
        Error::new(ErrorCode::Internal, "Roomlens could not start.").with_detail(e.to_string())
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn folder(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("roomlens-instance-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_second_start_shows_the_first_window_and_is_told_to_exit() {
        let dir = folder("second");
        let Start::First(first) = start(&dir).unwrap() else {
            panic!("the first start owns the folder");
        };
        let (shown, was_shown) = mpsc::channel();
        first.serve(move || {
            let _ = shown.send(());
        });
        assert!(matches!(start(&dir).unwrap(), Start::AlreadyRunning));
        was_shown
            .recv_timeout(Duration::from_secs(5))
            .expect("the first app was asked to show its window");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_knock_without_the_token_shows_nothing() {
        let dir = folder("token");
        let Start::First(first) = start(&dir).unwrap() else {
            panic!("the first start owns the folder");
        };
        let port = serde_json::from_slice::<Address>(&std::fs::read(address_path(&dir)).unwrap())
            .unwrap()
            .port;
        let (shown, was_shown) = mpsc::channel();
        first.serve(move || {
            let _ = shown.send(());
        });
        let mut stranger = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        stranger.write_all(b"guess\n").unwrap();
        drop(stranger);
        assert!(was_shown.recv_timeout(Duration::from_millis(500)).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_folder_is_free_again_once_the_first_app_is_gone() {
        let dir = folder("free");
        let Start::First(first) = start(&dir).unwrap() else {
            panic!("the first start owns the folder");
        };
        drop(first);
        assert!(matches!(start(&dir).unwrap(), Start::First(_)));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
