//! Settings for an app that sends through the local relay: any stack's plain SMTP settings,
//! pointed at the relay on loopback, logging in with the account's relay password.

use super::{SecretMode, Snippet};
use crate::accounts::AccountRecord;
use crate::secret::Secret;
use zeroize::Zeroizing;

/// The snippet for the relay at `listen`; the relay password is written only when given.
pub fn relay_snippet(record: &AccountRecord, listen: &str, password: Option<&Secret>) -> Snippet {
    let (host, port) = listen.rsplit_once(':').unwrap_or((listen, "2525"));
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let shown = match password {
        Some(password) => password.expose().to_string(),
        None => format!(
            "(the relay password: smtp-setup password --relay --account {})",
            record.address
        ),
    };
    let text = format!(
        "SMTP host: {host}\n\
         SMTP port: {port}\n\
         Security: none (STARTTLS and SSL off: the relay is on this machine only)\n\
         Username: {}\n\
         Password: {shown}\n\
         From: {}\n",
        record.address, record.address
    );
    Snippet {
        target: "relay",
        name: "Any app, through the local relay (smtp-setup relay)",
        file: "your app's mail settings",
        mode: if password.is_some() {
            SecretMode::Inline
        } else {
            SecretMode::Reference
        },
        text: Zeroizing::new(text),
        secret_note: crate::t!("export-relay-note"),
        warning: password.map(|_| crate::t!("export-relay-warning")),
    }
}
