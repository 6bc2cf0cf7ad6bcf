//! The desktop window. It only draws and forwards clicks: all work is done by the engine.

use eframe::egui;

pub const APP_TITLE: &str = "smtp-setup — Gmail SMTP setup";

/// Opens the window and runs until it is closed.
pub fn run() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(APP_TITLE)
            .with_inner_size([720.0, 520.0])
            .with_min_inner_size([480.0, 360.0]),
        ..Default::default()
    };
    eframe::run_native(APP_TITLE, options, Box::new(|_cc| Ok(Box::new(SetupApp))))
}

#[derive(Default)]
pub struct SetupApp;

impl eframe::App for SetupApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Gmail SMTP setup");
            ui.label("The setup wizard is coming. Meanwhile, the command line can check and test a credential:");
            ui.code("smtp-setup check --user you@gmail.com --password-stdin");
        });
    }
}
