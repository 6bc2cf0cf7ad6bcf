//! How the window looks, in one place: colours that follow the light or dark theme, spacing,
//! and the widgets every page repeats (a status line, a Google page's button with its address,
//! copyable text with its confirmation). Pages never name a colour of their own.

use super::Env;
use super::link::Opened;
use super::text::{T, tr};
use egui::{Color32, RichText, Ui};
use smtp_setup::provider::GooglePage;
use std::time::Duration;

/// Space between the parts of a page.
pub const GAP: f32 = 8.0;
/// Space before a new section of a page.
pub const SECTION: f32 = 16.0;
/// Padding around the content column.
pub const PAD: f32 = 20.0;
/// Widest the content column gets: lines stay readable in a maximised window.
pub const COLUMN: f32 = 560.0;
/// Widest the step indicator gets: the six steps fit on one line in the default window.
pub const STEPS: f32 = 700.0;
/// How long a "Copied" confirmation stays.
const COPIED_FOR: Duration = Duration::from_secs(2);

/// What a status line says about something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Success,
    Warning,
    Error,
    /// Neither good nor bad: cancelled, not needed, waiting.
    Neutral,
}

impl Tone {
    pub fn color(self, ui: &Ui) -> Color32 {
        let visuals = ui.visuals();
        match self {
            // Green that reads on both themes: darker on light, lighter on dark.
            Tone::Success if visuals.dark_mode => Color32::from_rgb(0x5f, 0xc9, 0x7e),
            Tone::Success => Color32::from_rgb(0x1e, 0x7e, 0x34),
            Tone::Warning => visuals.warn_fg_color,
            Tone::Error => visuals.error_fg_color,
            Tone::Neutral => visuals.weak_text_color(),
        }
    }

    fn mark(self) -> &'static str {
        match self {
            Tone::Success => "✔",
            Tone::Warning => "⚠",
            Tone::Error => "✖",
            Tone::Neutral => "•",
        }
    }
}

/// The accent of the one primary action: a blue that reads on both themes, white text.
fn accent(ui: &Ui) -> (Color32, Color32) {
    if ui.visuals().dark_mode {
        (Color32::from_rgb(0x2f, 0x6f, 0xdb), Color32::WHITE)
    } else {
        (Color32::from_rgb(0x1a, 0x62, 0xd6), Color32::WHITE)
    }
}

/// Lays `add` out in a column of at most [`COLUMN`] points, centred, with padding: a setup
/// assistant's page, however wide the window.
pub fn column<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    column_of(ui, COLUMN, add)
}

/// A centred column of at most `max` points (the step indicator's is wider than a page's).
pub fn column_of<R>(ui: &mut Ui, max: f32, add: impl FnOnce(&mut Ui) -> R) -> R {
    let width = (ui.available_width() - 2.0 * PAD).clamp(200.0, max);
    let side = ((ui.available_width() - width) / 2.0).max(0.0);
    ui.horizontal_top(|ui| {
        ui.add_space(side);
        ui.vertical(|ui| {
            ui.set_width(width);
            add(ui)
        })
        .inner
    })
    .inner
}

/// A page's title: the strongest text on it.
pub fn title(ui: &mut Ui, text: &str) {
    ui.label(
        RichText::new(text)
            .size(22.0)
            .strong()
            .color(ui.visuals().strong_text_color()),
    );
}

/// The page's one primary action: accent-filled, the last button in the footer.
pub fn primary_button(ui: &mut Ui, label: &str, enabled: bool) -> egui::Response {
    let (fill, text) = accent(ui);
    let button = egui::Button::new(RichText::new(label).strong().color(text))
        .fill(fill)
        .min_size(egui::vec2(96.0, 30.0));
    ui.add_enabled(enabled, button)
}

/// A secondary action of the footer, the same height as the primary.
pub fn secondary_button(ui: &mut Ui, label: &str, enabled: bool) -> egui::Response {
    ui.add_enabled(
        enabled,
        egui::Button::new(label).min_size(egui::vec2(0.0, 30.0)),
    )
}

/// A destructive action: red, and always behind a confirmation.
pub fn danger_button(ui: &mut Ui, label: &str) -> egui::Response {
    ui.button(RichText::new(label).color(Tone::Error.color(ui)))
}

/// A small rounded label in the tone's colour: an account's status.
pub fn chip(ui: &mut Ui, tone: Tone, text: &str) -> egui::Response {
    let color = tone.color(ui);
    egui::Frame::NONE
        .fill(color.gamma_multiply(0.15))
        .stroke(egui::Stroke::new(1.0, color.gamma_multiply(0.6)))
        .corner_radius(10.0)
        .inner_margin(egui::Margin::symmetric(8, 2))
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!("{} {text}", tone.mark()))
                    .color(color)
                    .strong(),
            )
        })
        .inner
}

/// A card: one account, or one result.
pub fn card<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::Frame::group(ui.style())
        .corner_radius(8.0)
        .inner_margin(egui::Margin::same(12))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui)
        })
        .inner
}

/// A line that says how something went, its mark and text in the tone's colour.
pub fn status(ui: &mut Ui, tone: Tone, text: &str) {
    let color = tone.color(ui);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tone.mark()).color(color).strong());
        ui.label(RichText::new(text).color(color).strong());
    });
}

/// Text in a tone, for a short note.
pub fn toned(ui: &Ui, tone: Tone, text: &str) -> RichText {
    RichText::new(text).color(tone.color(ui))
}

/// A button that opens a Google page, with the outcome and the address (and Copy) under it.
pub fn page_button(ui: &mut Ui, env: &mut Env, page: &GooglePage) {
    // The address in the window's language: Google shows its page in that language too.
    let url = page.url();
    if ui.button(page.label()).clicked() {
        env.open(ui.ctx(), &url);
    }
    ui.horizontal_wrapped(|ui| {
        let said = match env.links.state_of(&url) {
            Some(Opened::InBrowser) => tr(T::OpenedInBrowser),
            Some(Opened::Opening) => tr(T::Opening),
            Some(Opened::NoBrowser) => tr(T::NoBrowser),
            Some(Opened::NotTried) | None => tr(T::LinkIs),
        };
        ui.label(RichText::new(said).weak());
        copyable(ui, &url);
    });
}

/// A screen's bar at the top: its content in the centred column, padded alike on every screen.
pub fn top_bar<R>(ui: &mut Ui, id: &'static str, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::Panel::top(id).show(ui, |ui| padded(ui, add)).inner
}

/// A screen's bar at the bottom (its back and primary actions), padded like the top one.
pub fn bottom_bar<R>(ui: &mut Ui, id: &'static str, add: impl FnOnce(&mut Ui) -> R) -> R {
    egui::Panel::bottom(id).show(ui, |ui| padded(ui, add)).inner
}

fn padded<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.add_space(GAP);
    let inner = column(ui, add);
    ui.add_space(GAP);
    inner
}

/// The rest of a screen: the centred column, scrolling when it is longer than the window.
/// `id_salt` keeps each page's scroll position apart.
pub fn scrolling_page<R>(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    add: impl FnOnce(&mut Ui) -> R,
) -> R {
    egui::CentralPanel::default()
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt(id_salt)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.add_space(GAP);
                    column(ui, add)
                })
                .inner
        })
        .inner
}

/// "Test from your server": the one-line check to run where the app runs, and how to get the
/// command line there.
pub fn server_check(ui: &mut Ui, record: &smtp_setup::accounts::AccountRecord) {
    ui.label(RichText::new(tr(T::ServerCheckHeading)).strong());
    ui.label(tr(T::ServerCheckIntro));
    ui.horizontal_wrapped(|ui| copyable(ui, &smtp_setup::export::server_check(record)));
    ui.label(RichText::new(smtp_setup::export::server_install()).weak());
}

/// A small light/dark switch: on X11 the window cannot learn the desktop's theme, so the
/// person chooses (for this run).
pub fn theme_switch(ui: &mut Ui) {
    let (label, to) = match ui.ctx().theme() {
        egui::Theme::Dark => (T::LightTheme, egui::Theme::Light),
        egui::Theme::Light => (T::DarkTheme, egui::Theme::Dark),
    };
    let button = ui.add(egui::Button::new(RichText::new(tr(label)).weak()).frame(false));
    if button.clicked() {
        ui.ctx().set_theme(to);
    }
    language_menu(ui);
}

/// The language menu, beside the theme switch: each language by its own name. Texts made from
/// now on are in the chosen language; the window remembers it (see `SetupApp`).
fn language_menu(ui: &mut Ui) {
    let current = smtp_setup::i18n::current();
    egui::ComboBox::from_id_salt("language")
        .selected_text(RichText::new(format!("🌐 {}", current.native_name())).weak())
        .show_ui(ui, |ui| {
            for lang in smtp_setup::i18n::Lang::ALL {
                let chosen = ui.selectable_label(lang == current, lang.native_name());
                if chosen.clicked() && lang != current {
                    smtp_setup::i18n::set(lang);
                    ui.ctx().request_repaint();
                }
            }
        })
        .response
        .on_hover_text(tr(T::Language));
}

/// Looks that are set once for the whole window: scroll bars always drawn where a page is
/// longer than the window, so what lies below the fold is visibly there.
pub fn setup(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| style.spacing.scroll = egui::style::ScrollStyle::solid());
    // egui's light theme draws an unselected radio button and an unchecked box in a grey that
    // nearly vanishes on its background: a visible outline.
    ctx.style_mut_of(egui::Theme::Light, |style| {
        style.visuals.widgets.inactive.bg_stroke =
            egui::Stroke::new(1.0, egui::Color32::from_gray(120));
    });
}

/// Selectable monospace text with a Copy button that confirms the copy.
pub fn copyable(ui: &mut Ui, text: &str) {
    ui.add(egui::Label::new(RichText::new(text).monospace()).selectable(true));
    copy_button(ui, tr(T::Copy), text);
}

/// A button that copies `text` and says "Copied" beside it for a moment.
pub fn copy_button(ui: &mut Ui, label: &str, text: &str) {
    let response = ui.small_button(label);
    let id = response.id.with("copied");
    let now = ui.input(|i| i.time);
    if response.clicked() {
        ui.ctx().copy_text(text.to_string());
        ui.data_mut(|d| d.insert_temp(id, now));
    }
    copied_note(ui, id, now);
}

/// "Copied ✔" for a moment after the copy recorded under `id`.
pub fn copied_note(ui: &mut Ui, id: egui::Id, now: f64) {
    let copied_at: Option<f64> = ui.data(|d| d.get_temp(id));
    if let Some(at) = copied_at {
        let left = COPIED_FOR.as_secs_f64() - (now - at);
        if left > 0.0 {
            ui.label(toned(ui, Tone::Success, tr(T::Copied)));
            ui.ctx()
                .request_repaint_after(Duration::from_secs_f64(left));
        }
    }
}
