//! Remembers the window's size, position and maximised state between runs in a small JSON file
//! written atomically. A missing or unreadable file, or a size that makes no sense, is ignored:
//! the window then opens at its configured default. It does not track monitors being unplugged.

use crate::state::AppPaths;
use roomlens::atomic_file::write_atomically;
use serde::{Deserialize, Serialize};
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
        && g.x.abs() < 32_768
        && g.y.abs() < 32_768
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

pub fn save<R: Runtime>(window: &Window<R>, paths: &AppPaths) {
    let maximized = window.is_maximized().unwrap_or(false);
    let (Ok(position), Ok(size)) = (window.outer_position(), window.inner_size()) else {
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
    if let Ok(bytes) = serde_json::to_vec_pretty(&geometry) {
        let _ = write_atomically(&paths.window_file(), &bytes);
    }
}
