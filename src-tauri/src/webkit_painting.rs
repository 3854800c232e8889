//! How WebKitGTK paints on Linux: its web process paints the page's tiles with its CPU painting
//! worker only (`WEBKIT_SKIA_GPU_PAINTING_THREADS=0`), without the GPU painting worker, which keeps
//! a GL context and Skia's GPU caches of its own (about 37 MiB here, see BENCHMARKS.md). Roomlens's
//! page is light, so CPU painting is plenty. Compositing stays on the GPU; a value the person has set
//! wins; other platforms are untouched. It changes nothing else in the environment.

/// The variable WebKitGTK reads in its web process, which inherits the app's environment.
const GPU_PAINTING_THREADS: &str = "WEBKIT_SKIA_GPU_PAINTING_THREADS";

/// The value Roomlens sets when the person has not set one: no GPU painting worker.
const NO_GPU_PAINTING_WORKER: &str = "0";

/// What to set `GPU_PAINTING_THREADS` to, given its current value: nothing if it is already set.
fn value_to_set(current: Option<std::ffi::OsString>) -> Option<&'static str> {
    match current {
        Some(_) => None,
        None => Some(NO_GPU_PAINTING_WORKER),
    }
}

/// Sets the painting workers for the web process about to be started. Call before Tauri starts
/// (and before any other thread exists): changing the environment is only sound then.
pub fn configure() {
    if cfg!(target_os = "linux") {
        if let Some(value) = value_to_set(std::env::var_os(GPU_PAINTING_THREADS)) {
            std::env::set_var(GPU_PAINTING_THREADS, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_out_the_gpu_painting_worker_unless_the_person_chose_otherwise() {
        assert_eq!(value_to_set(None), Some("0"));
        assert_eq!(value_to_set(Some("2".into())), None);
        assert_eq!(value_to_set(Some("".into())), None);
    }
}
