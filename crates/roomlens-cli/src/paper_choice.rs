//! Which paper a PDF is laid out on: the one asked for with `--paper`, or the one usual where
//! the locale (LC_ALL, LC_PAPER, LANG, in POSIX's order) says the person is. The rule for a
//! locale is the core's; this only reads the environment.

use crate::args::PaperArg;
use roomlens::report_pdf::Paper;

pub fn paper(asked: Option<PaperArg>) -> Paper {
    match asked {
        Some(PaperArg::A4) => Paper::A4,
        Some(PaperArg::Letter) => Paper::Letter,
        None => ["LC_ALL", "LC_PAPER", "LANG"]
            .iter()
            .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
            .map_or(Paper::A4, |locale| Paper::for_locale(&locale)),
    }
}
