//! Saving a chart the person sees as an SVG or PNG file: the system's save dialog for that type
//! first, then the chart drawn and its bytes written atomically, off the main thread. The session
//! dashboard's and the reports' save commands share it; it draws no chart itself.

use super::files::SaveResult;
use crate::blocking_work::off_main_thread;
use crate::native_dialog::SaveAs;
use crate::state::AppState;
use roomlens::atomic_file::write_atomically;
use roomlens::chart_view::{chart_file_bytes, ChartView, ImageFormat};
use roomlens::Error;
use tauri::AppHandle;

/// Asks where to save a chart as `format` (suggesting `suggested`), then makes it with `chart`
/// and writes it. A cancelled dialog writes nothing.
pub(crate) async fn save_chart_file(
    app: &AppHandle,
    state: &AppState,
    suggested: String,
    format: ImageFormat,
    chart: impl FnOnce(&AppState) -> Result<ChartView, Error> + Send + 'static,
) -> Result<SaveResult, Error> {
    let kind = match format {
        ImageFormat::Svg => SaveAs::Svg,
        ImageFormat::Png => SaveAs::Png,
    };
    let Some(path) = state.dialogs.choose_save_path(app, suggested, kind).await? else {
        return Ok(SaveResult::cancelled());
    };
    let shown = path.display().to_string();
    off_main_thread(app, move |state| {
        let bytes = chart_file_bytes(&chart(state)?, format)?;
        write_atomically(&path, &bytes)
    })
    .await?;
    Ok(SaveResult::saved(shown))
}
