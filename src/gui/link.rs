//! Opening Google's pages: in the system browser when there is one, and always showing the
//! address too, because `open` fails where no browser exists (servers, containers).

use super::text::{T, tr};
use egui::{RichText, Ui};
use smtp_setup::provider::GooglePage;

/// How pages are opened: the system browser, or (tests) only remembered.
#[derive(Clone, Debug, Default)]
pub struct Links {
    pub use_browser: bool,
    /// Every address asked for, newest last.
    pub opened: Vec<String>,
    /// The last page asked for, and whether a browser took it.
    last: Option<(String, bool)>,
}

impl Links {
    pub fn new(use_browser: bool) -> Links {
        Links {
            use_browser,
            ..Links::default()
        }
    }

    /// Opens `url` in the browser (when allowed); remembers whether one took it.
    pub fn open(&mut self, url: &str) {
        let opened = self.use_browser && open::that_detached(url).is_ok();
        self.opened.push(url.to_string());
        self.last = Some((url.to_string(), opened));
    }

    /// A button that opens `page`, with the outcome and the address under it.
    pub fn button(&mut self, ui: &mut Ui, page: &GooglePage) {
        if ui.button(page.label).on_hover_text(page.url).clicked() {
            self.open(page.url);
        }
        let shown = self
            .last
            .as_ref()
            .filter(|(url, _)| url == page.url)
            .map(|(_, opened)| *opened);
        ui.horizontal_wrapped(|ui| {
            match shown {
                Some(true) => {
                    ui.label(tr(T::OpenedInBrowser));
                }
                Some(false) if self.use_browser => {
                    ui.label(RichText::new(tr(T::NoBrowser)).strong());
                }
                _ => {
                    ui.label(tr(T::LinkIs));
                }
            }
            copyable(ui, page.url);
        });
    }
}

/// Selectable monospace text with a Copy button next to it.
pub fn copyable(ui: &mut Ui, text: &str) {
    ui.add(egui::Label::new(RichText::new(text).monospace()).selectable(true));
    if ui.small_button(tr(T::Copy)).on_hover_text(text).clicked() {
        ui.ctx().copy_text(text.to_string());
    }
}
