//! How WebKitGTK draws the page on Linux. With no GPU render node (`/dev/dri/renderD*`: virtual
//! machines, remote desktops, CI) its GPU compositing would run on Mesa's software GL, costing 114 MiB
//! and scrolling the table at 13 frames a second instead of 60 (BENCHMARKS.md), so Roomlens sets
//! `WEBKIT_DISABLE_COMPOSITING_MODE=1` there. With a render node, or a value the person set, WebKit's
//! own choice stays. Other platforms are untouched.

use std::ffi::OsString;
use std::path::Path;

/// The variable WebKitGTK reads in the app and in its web process, which inherits the environment.
pub const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

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

/// Roomlens's own choice when the person has made none: compositing off without a GPU.
fn choice(gpu: bool) -> Option<&'static str> {
    (!gpu).then_some("1")
}

/// The value of `DISABLE_COMPOSITING` WebKit gets on this machine, given the one the person set:
/// theirs if any, else Roomlens's choice (Linux only). The end-to-end suite checks it against the
/// running web process.
pub fn effective_value(current: Option<OsString>) -> Option<OsString> {
    current.or_else(|| {
        if !cfg!(target_os = "linux") {
            return None;
        }
        choice(has_render_node(Path::new(DRM_DEVICES))).map(OsString::from)
    })
}

/// Chooses how WebKit draws, before Tauri starts it. Call before any other thread exists:
/// changing the environment is only sound then.
pub fn configure() {
    if std::env::var_os(DISABLE_COMPOSITING).is_none() {
        if let Some(value) = effective_value(None) {
            std::env::set_var(DISABLE_COMPOSITING, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compositing_goes_off_only_without_a_gpu_and_without_the_persons_own_choice() {
        assert_eq!(choice(false), Some("1"));
        assert_eq!(choice(true), None);
        assert_eq!(effective_value(Some("0".into())), Some("0".into()));
        assert_eq!(effective_value(Some("1".into())), Some("1".into()));
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
