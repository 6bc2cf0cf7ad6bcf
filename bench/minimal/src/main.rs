//! A heading, a text field and a button: what every eframe app pays before its first frame.

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("minimal-eframe")
            .with_inner_size([760.0, 600.0]),
        system_font_fallback: false,
        ..Default::default()
    };
    let mut name = String::new();
    eframe::run_ui_native("minimal-eframe", options, move |ui, _frame| {
        eframe::egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Minimal eframe app");
            ui.text_edit_singleline(&mut name);
            if ui.button("Continue").clicked() {
                name.clear();
            }
        });
    })
}
