//! Test support shared by the integration tests: a fake Gmail SMTP server
//! (STARTTLS and implicit-TLS ports) with test certificates generated at run time.
//!
//! Include it from a test file with `mod support;` and use
//! `support::gmail_server::{GmailServer, ServerConfig, ...}`.
#![allow(dead_code)]

pub mod cli;
pub mod gmail_server;
#[cfg(feature = "gui")]
pub mod gui;
pub mod test_certs;
