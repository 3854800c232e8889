//! How WebKitGTK draws the page on Linux. With no GPU render node (`/dev/dri/renderD*`: virtual
//! machines, remote desktops, CI) its GPU compositing would run on Mesa's software GL, costing 114 MiB
//! and scrolling the table at 13 frames a second instead of 60 (BENCHMARKS.md), so Roomlens sets
//! `WEBKIT_DISABLE_COMPOSITING_MODE=1` there. With a render node, or a value the person set, WebKit's
//! own choice stays. Other platforms are untouched.

use std::ffi::OsString;
use std::path::Path;

/// The variable WebKitGTK reads in the app and in its web process, which inherits the environment.
const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Where Linux lists its DRM devices; render nodes are named `renderD<n>`.
const DRM_DEVICES: &str = "/dev/dri";

/// Whether `devices` holds a GPU render node, which is what Mesa needs to draw on a GPU.
fn has_render_node(devices: &Path) -> bool {
    std::fs::read_dir(devices).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// What to set `DISABLE_COMPOSITING` to, given its current value and whether there is a GPU.
fn value_to_set(current: Option<OsString>, gpu: bool) -> Option<&'static str> {
    match (current, gpu) {
        (Some(_), _) | (None, true) => None,
        (None, false) => Some("1"),
    }
}

/// Chooses how WebKit draws, before Tauri starts it. Call before any other thread exists:
/// changing the environment is only sound then.
pub fn configure() {
    if cfg!(target_os = "linux") {
        let gpu = has_render_node(Path::new(DRM_DEVICES));
        if let Some(value) = value_to_set(std::env::var_os(DISABLE_COMPOSITING), gpu) {
            std::env::set_var(DISABLE_COMPOSITING, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compositing_goes_off_only_without_a_gpu_and_without_the_persons_own_choice() {
        assert_eq!(value_to_set(None, false), Some("1"));
        assert_eq!(value_to_set(None, true), None);
        assert_eq!(value_to_set(Some("0".into()), false), None);
        assert_eq!(value_to_set(Some("1".into()), true), None);
    }

    #[test]
    fn a_render_node_means_a_gpu_and_a_display_node_alone_does_not() {
        let dir = std::env::temp_dir().join(format!("roomlens-dri-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        assert!(!has_render_node(&dir), "an empty folder");
        std::fs::write(dir.join("card0"), b"").unwrap();
        assert!(!has_render_node(&dir), "a display node only");
        std::fs::write(dir.join("renderD128"), b"").unwrap();
        assert!(has_render_node(&dir), "a render node");
        assert!(!has_render_node(&dir.join("missing")), "no folder at all");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
