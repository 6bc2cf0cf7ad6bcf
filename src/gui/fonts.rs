//! Hangul in the window. egui's bundled fonts have no Hangul, so the system's Korean font is
//! added after them as a fallback for every family: Latin text keeps egui's look, and any
//! Hangul (a Korean page, a Korean name in a subject) draws instead of empty boxes. Found by
//! `fontdb`, which reads fontconfig's directories on Linux and the system font folders on
//! Windows and macOS; nothing is bundled (a Hangul subset would add megabytes to the binary,
//! while every desktop that can show Korean has one of these fonts).

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// Korean fonts in the order they are preferred: Noto Sans CJK KR and Nanum on Linux
/// (Debian's fonts-noto-cjk, fonts-nanum), Malgun Gothic on Windows, Apple SD Gothic Neo on
/// macOS, then older families.
pub const HANGUL_FAMILIES: &[&str] = &[
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "Source Han Sans K",
    "Source Han Sans KR",
    "NanumGothic",
    "NanumBarunGothic",
    "Malgun Gothic",
    "Apple SD Gothic Neo",
    "AppleGothic",
    "UnDotum",
    "Baekmuk Gulim",
];

/// A Korean font read from the system.
pub struct HangulFont {
    pub family: String,
    data: Arc<Vec<u8>>,
    index: u32,
}

impl std::fmt::Debug for HangulFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HangulFont({}, {} bytes)", self.family, self.data.len())
    }
}

/// The most preferred Korean font the system has, read into memory; `None` when there is
/// none (the window then works, but Korean text shows as boxes).
pub fn find_hangul() -> Option<HangulFont> {
    let mut fonts = fontdb::Database::new();
    fonts.load_system_fonts();
    HANGUL_FAMILIES.iter().find_map(|family| {
        let query = fontdb::Query {
            families: &[fontdb::Family::Name(family)],
            ..Default::default()
        };
        let face = fonts.face(fonts.query(&query)?)?;
        let data = match &face.source {
            fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => {
                std::fs::read(path).ok()?
            }
            fontdb::Source::Binary(data) => data.as_ref().as_ref().to_vec(),
        };
        Some(HangulFont {
            family: family.to_string(),
            data: Arc::new(data),
            index: face.index,
        })
    })
}

/// egui's fonts, with `hangul` after them in every family.
pub fn definitions(hangul: Option<&HangulFont>) -> FontDefinitions {
    let mut definitions = FontDefinitions::default();
    if let Some(font) = hangul {
        let name = "hangul".to_string();
        let blob: egui::epaint::text::Blob = font.data.clone();
        definitions.font_data.insert(
            name.clone(),
            Arc::new(FontData::from_blob(blob, font.index)),
        );
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            definitions
                .families
                .entry(family)
                .or_default()
                .push(name.clone());
        }
    }
    definitions
}
