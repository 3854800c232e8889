//! Remembers the window's size, position and maximised state between runs in a small JSON file
//! written atomically. Moves and resizes are noted in memory; the file is written once the window
//! has been still for a moment, and when it closes, so a crash or a kill loses at most that
//! moment. A missing or unreadable file, or a size that makes no sense, is ignored: the window
//! then opens at its configured default. It does not track monitors being unplugged.

use crate::app_paths::AppPaths;
use crate::mutex::lock;
use roomlens::atomic_file::write_atomically;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tauri::{PhysicalPosition, PhysicalSize, Runtime, WebviewWindow, Window};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
struct Geometry {
    x: i32,
    y: i32,
    width: u32,
    height: u32,
    maximized: bool,
}

const MIN_SIDE: u32 = 400;
const MAX_SIDE: u32 = 16_384;

fn plausible(g: &Geometry) -> bool {
    (MIN_SIDE..=MAX_SIDE).contains(&g.width)
        && (MIN_SIDE..=MAX_SIDE).contains(&g.height)
        && g.x.unsigned_abs() < 32_768
        && g.y.unsigned_abs() < 32_768
}

pub fn restore<R: Runtime>(window: &WebviewWindow<R>, paths: &AppPaths) {
    let Ok(bytes) = std::fs::read(paths.window_file()) else {
        return;
    };
    let Ok(geometry) = serde_json::from_slice::<Geometry>(&bytes) else {
        return;
    };
    if !plausible(&geometry) {
        return;
    }
    let _ = window.set_size(PhysicalSize::new(geometry.width, geometry.height));
    let _ = window.set_position(PhysicalPosition::new(geometry.x, geometry.y));
    if geometry.maximized {
        let _ = window.maximize();
    }
}

/// How long the window must stay still before its geometry is written.
const SETTLE: Duration = Duration::from_millis(500);

/// The window's latest geometry, kept between its moves and resizes and the next write.
#[derive(Default)]
pub struct WindowMemory {
    latest: Mutex<Option<Geometry>>,
    changes: AtomicU64,
}

impl WindowMemory {
    /// Notes where the window is now and writes it to `path` once the window stays still. While it
    /// is maximised, the size and position it had before are kept, so un-maximising next time
    /// returns to them.
    pub fn note<R: Runtime>(window: &Window<R>, memory: &Arc<WindowMemory>, path: PathBuf) {
        let maximized = window.is_maximized().unwrap_or(false);
        {
            let mut latest = lock(&memory.latest);
            match latest.as_mut() {
                Some(geometry) if maximized => geometry.maximized = true,
                _ => {
                    let (Ok(position), Ok(size)) = (window.outer_position(), window.inner_size())
                    else {
                        return;
                    };
                    let geometry = Geometry {
                        x: position.x,
                        y: position.y,
                        width: size.width,
                        height: size.height,
                        maximized,
                    };
                    if !plausible(&geometry) {
                        return;
                    }
                    *latest = Some(geometry);
                }
            }
        }
        let change = memory.changes.fetch_add(1, Ordering::SeqCst) + 1;
        let memory = Arc::clone(memory);
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(SETTLE).await;
            if memory.changes.load(Ordering::SeqCst) == change {
                memory.save(&path);
            }
        });
    }

    /// Writes the noted geometry, if any, to `path`.
    pub fn save(&self, path: &Path) {
        let Some(geometry) = *lock(&self.latest) else {
            return;
        };
        if let Ok(bytes) = serde_json::to_vec_pretty(&geometry) {
            let _ = write_atomically(path, &bytes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: i32, y: i32, width: u32, height: u32) -> Geometry {
        Geometry {
            x,
            y,
            width,
            height,
            maximized: false,
        }
    }

    #[test]
    fn only_sensible_geometry_is_kept() {
        assert!(plausible(&at(60, 50, 1000, 700)));
        assert!(
            plausible(&at(-1920, 0, 1200, 800)),
            "a window on a monitor left of the main one"
        );
        assert!(!plausible(&at(0, 0, 10, 700)), "too narrow to use");
        assert!(
            !plausible(&at(0, 0, 1000, 100_000)),
            "taller than any screen"
        );
        assert!(
            !plausible(&at(i32::MIN, 0, 1000, 700)),
            "far off every screen"
        );
    }

    #[test]
    fn saved_geometry_is_written_atomically_as_json() {
        let dir = std::env::temp_dir().join(format!("roomlens-window-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("window.json");
        let memory = WindowMemory::default();
        memory.save(&path);
        assert!(!path.exists(), "nothing noted, nothing written");
        *lock(&memory.latest) = Some(at(60, 50, 1000, 700));
        memory.save(&path);
        let read: Geometry = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(read, at(60, 50, 1000, 700));
    }
}
