//! smtp-setup's engine: Gmail provider facts, secrets, the staged SMTP check and test send,
//! error diagnosis. No UI code lives here: the CLI and the GUI both drive this library.

// Lets the GUI module name the engine as its users do (`smtp_setup::...`).
extern crate self as smtp_setup;

pub mod accounts;
pub mod address;
pub mod app_password;
pub mod diagnosis;
pub mod export;
pub mod i18n;
pub mod keychain;
pub mod mail_host;
pub mod oauth;
pub mod preferences;
pub mod provider;
pub mod relay;
pub mod secret;
pub mod settings;
pub mod smtp;
pub mod tls;
pub mod untrusted;
pub mod when;

/// The desktop window (feature `gui`); the engine modules above never import egui.
#[cfg(feature = "gui")]
pub mod gui;
