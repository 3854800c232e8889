//! The paper a report is laid out on: A4, or US Letter where that is the local paper. It only
//! knows sizes and which regions use Letter; it does not read the system's locale itself.

/// Width and height in PDF points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PaperSize {
    pub width: f32,
    pub height: f32,
}

/// The page size of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// 210 × 297 mm.
    #[default]
    A4,
    /// 8.5 × 11 inches.
    Letter,
}

/// Regions (ISO 3166 codes) whose usual paper is US Letter.
const LETTER_REGIONS: &[&str] = &[
    "US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "PR", "SV", "NI", "BZ",
];

impl Paper {
    /// The usual paper of a locale such as `en-US`, `en_CA.UTF-8` or `fr-FR`: Letter in the
    /// Americas that use it, A4 everywhere else and when the locale names no region.
    pub fn for_locale(locale: &str) -> Paper {
        let name = locale.split(['.', '@']).next().unwrap_or("");
        let region = name.split(['-', '_']).skip(1).find(|part| part.len() == 2);
        match region {
            Some(region)
                if LETTER_REGIONS
                    .iter()
                    .any(|r| r.eq_ignore_ascii_case(region)) =>
            {
                Paper::Letter
            }
            _ => Paper::A4,
        }
    }

    pub(crate) fn size(self) -> PaperSize {
        match self {
            Paper::A4 => PaperSize {
                width: 595.276,
                height: 841.89,
            },
            Paper::Letter => PaperSize {
                width: 612.0,
                height: 792.0,
            },
        }
    }

    /// Its name as a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "US Letter",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_where_it_is_the_local_paper_and_a4_elsewhere() {
        assert_eq!(Paper::for_locale("en-US"), Paper::Letter);
        assert_eq!(Paper::for_locale("en_CA.UTF-8"), Paper::Letter);
        assert_eq!(Paper::for_locale("es-MX"), Paper::Letter);
        assert_eq!(Paper::for_locale("en-GB"), Paper::A4);
        assert_eq!(Paper::for_locale("fr_FR.UTF-8@euro"), Paper::A4);
        assert_eq!(Paper::for_locale("zh-Hans-CN"), Paper::A4);
        assert_eq!(Paper::for_locale("C"), Paper::A4);
        assert_eq!(Paper::for_locale(""), Paper::A4);
    }
}
