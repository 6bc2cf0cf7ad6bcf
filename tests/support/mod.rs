//! Test support shared by the integration tests: a fake Gmail SMTP server
//! (STARTTLS and implicit-TLS ports) with test certificates generated at run time,
//! and a fake Google OAuth2 server (`oauth_server`) whose tokens it can accept.
//!
//! Include it from a test file with `pub mod support;` (`pub`: each test uses part of it) and use
//! `support::gmail_server::{GmailServer, ServerConfig, ...}`.

pub mod browser;
pub mod cli;
pub mod dns_server;
pub mod gmail_server;
#[cfg(feature = "gui")]
pub mod gui;
pub mod oauth_server;
pub mod spawn;
pub mod test_certs;
pub mod tools;

/// Runs an async engine call (the keychain's, say) from a synchronous test.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}
