//! "Use it in your app": a stored account's settings, ready to paste, for the stacks people run
//! (Django, Laravel, Nodemailer, .NET, msmtp…), each with the verified route mapped to that
//! stack's own TLS switch, the file it goes in, and how the secret gets there:
//! - by reference, where the stack can ask at run time (msmtp's `passwordeval`, git's credential
//!   helper, Python's `keyring` reading the same keychain entry);
//! - through the environment, set by `smtp-setup run` from the keychain and written nowhere;
//! - inline, only when asked for explicitly, with a warning that the file then holds it.
//!
//! Pure: nothing here reads the keychain or a file. The caller passes the secret in for
//! `Inline` and for `environment`.

mod relay;
mod targets;

use crate::accounts::{AccountRecord, AuthMethod};
use crate::secret::Secret;
use crate::smtp::TlsMode;
use serde::Serialize;
use std::fmt;
use zeroize::Zeroizing;

pub use relay::relay_snippet;
pub use targets::TARGETS;

/// How a snippet's secret reaches the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SecretMode {
    /// The app asks for it at run time (a command, the keychain).
    Reference,
    /// From environment variables, set by `smtp-setup run`.
    Environment,
    /// Written into the snippet: only on an explicit choice.
    Inline,
}

impl SecretMode {
    pub fn id(self) -> &'static str {
        match self {
            SecretMode::Reference => "reference",
            SecretMode::Environment => "env",
            SecretMode::Inline => "inline",
        }
    }

    pub fn from_id(id: &str) -> Option<SecretMode> {
        [
            SecretMode::Reference,
            SecretMode::Environment,
            SecretMode::Inline,
        ]
        .into_iter()
        .find(|mode| mode.id() == id)
    }
}

impl fmt::Display for SecretMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One stack a snippet is written for.
#[derive(Debug, Serialize)]
pub struct Target {
    /// The `--format` name.
    pub id: &'static str,
    pub name: &'static str,
    /// Words people search for it by (the window's filter): languages, frameworks.
    #[serde(skip)]
    pub keywords: &'static str,
    /// Where the snippet goes.
    pub file: &'static str,
    /// The secret modes it supports, the default first.
    pub modes: &'static [SecretMode],
    /// The environment it reads (`smtp-setup run --format ID`), when it reads one.
    #[serde(skip)]
    pub env: Option<EnvNames>,
    /// Whether it can sign in with a Google access token (XOAUTH2) instead of a password.
    pub oauth: bool,
    #[serde(skip)]
    render: fn(&Context) -> String,
}

impl Target {
    pub fn by_id(id: &str) -> Option<&'static Target> {
        TARGETS.iter().find(|t| t.id.eq_ignore_ascii_case(id))
    }

    pub fn default_mode(&self) -> SecretMode {
        self.modes[0]
    }

    /// Whether `filter` (any case, words in any order) matches its name, id or keywords.
    pub fn matches(&self, filter: &str) -> bool {
        let haystack = format!("{} {} {}", self.id, self.name, self.keywords).to_lowercase();
        filter
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }
}

/// The environment variable names a stack reads: what `smtp-setup run --format` sets.
#[derive(Clone, Copy, Debug)]
pub struct EnvNames {
    pub host: &'static str,
    pub port: &'static str,
    pub user: &'static str,
    pub password: &'static str,
    pub from: Option<&'static str>,
    /// The stack's TLS switch for the route: names and values.
    pub tls: fn(TlsMode) -> &'static [(&'static str, &'static str)],
    /// Fixed settings it needs besides (Laravel's `MAIL_MAILER=smtp`).
    pub fixed: &'static [(&'static str, &'static str)],
}

/// The neutral names, for stacks that read no names of their own (`--format` omitted).
pub const DEFAULT_ENV: EnvNames = EnvNames {
    host: "SMTP_HOST",
    port: "SMTP_PORT",
    user: "SMTP_USERNAME",
    password: "SMTP_PASSWORD",
    from: Some("SMTP_FROM"),
    tls: |tls| match tls {
        TlsMode::Starttls => &[("SMTP_SECURITY", "starttls")],
        TlsMode::Implicit => &[("SMTP_SECURITY", "tls")],
    },
    fixed: &[],
};

/// What a snippet is made from.
pub struct Context<'a> {
    pub record: &'a AccountRecord,
    pub mode: SecretMode,
    /// The keychain service the secret is under (for `keyring`).
    pub service: &'a str,
    /// The inline secret, for `SecretMode::Inline` only.
    secret: Option<&'a Secret>,
}

impl Context<'_> {
    pub fn host(&self) -> &str {
        &self.record.server
    }

    pub fn port(&self) -> u16 {
        self.record.port
    }

    pub fn user(&self) -> &str {
        self.record.address.as_str()
    }

    pub fn tls(&self) -> TlsMode {
        self.record.tls
    }

    pub fn oauth(&self) -> bool {
        self.record.auth == AuthMethod::OAuth
    }

    /// The command that prints the secret, as a shell word list.
    pub fn password_command(&self) -> String {
        format!("smtp-setup password --account {}", self.user())
    }

    /// The inline secret, quoted for the snippet's language by `quote`.
    fn inline(&self, quote: fn(&str) -> String) -> String {
        quote(self.secret.map_or("", Secret::expose))
    }
}

/// A rendered snippet.
#[derive(Debug, Serialize)]
pub struct Snippet {
    pub target: &'static str,
    pub name: &'static str,
    pub file: &'static str,
    pub mode: SecretMode,
    /// The text to paste. Holds the secret only in `Inline` mode.
    #[serde(serialize_with = "serialize_text")]
    pub text: Zeroizing<String>,
    /// One line on how the secret gets to the app.
    pub secret_note: String,
    /// For `Inline`: where the secret now sits in plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

fn serialize_text<S: serde::Serializer>(text: &Zeroizing<String>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(text)
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("{}", crate::t!("export-unknown-format", format = .0.as_str()))]
    UnknownTarget(String),
    #[error("{}", crate::t!("export-mode-not-supported", target = *.target, mode = mode_words(*.mode), supported = .supported.as_str()))]
    ModeNotSupported {
        target: &'static str,
        mode: SecretMode,
        supported: String,
    },
    #[error("{}", crate::t!("export-needs-app-password", target = *.target, supported = .supported.as_str()))]
    NeedsAppPassword {
        target: &'static str,
        supported: String,
    },
    #[error("{}", crate::t!("export-secret-needed"))]
    SecretNeeded,
}

fn mode_words(mode: SecretMode) -> String {
    crate::t!(match mode {
        SecretMode::Reference => "export-mode-reference",
        SecretMode::Environment => "export-mode-environment",
        SecretMode::Inline => "export-mode-inline",
    })
}

/// The snippet for `target`. `secret` is used (and required) only for `SecretMode::Inline`.
pub fn render(
    target: &'static Target,
    record: &AccountRecord,
    mode: SecretMode,
    service: &str,
    secret: Option<&Secret>,
) -> Result<Snippet, ExportError> {
    if record.auth == AuthMethod::OAuth && !target.oauth {
        return Err(ExportError::NeedsAppPassword {
            target: target.name,
            supported: names(TARGETS.iter().filter(|t| t.oauth)),
        });
    }
    if !target.modes.contains(&mode) {
        return Err(ExportError::ModeNotSupported {
            target: target.name,
            mode,
            supported: target
                .modes
                .iter()
                .map(|m| m.id())
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    if mode == SecretMode::Inline && secret.is_none() {
        return Err(ExportError::SecretNeeded);
    }
    let context = Context {
        record,
        mode,
        service,
        secret: secret.filter(|_| mode == SecretMode::Inline),
    };
    let text = Zeroizing::new((target.render)(&context));
    Ok(Snippet {
        target: target.id,
        name: target.name,
        file: target.file,
        mode,
        text,
        secret_note: secret_note(target, &context),
        warning: (mode == SecretMode::Inline).then(|| {
            crate::t!(
                "export-inline-warning",
                secret = secret_word(record),
                file = target.file,
                address = record.address.to_string()
            )
        }),
    })
}

fn names<'a>(targets: impl Iterator<Item = &'a Target>) -> String {
    targets.map(|t| t.id).collect::<Vec<_>>().join(", ")
}

fn secret_word(record: &AccountRecord) -> String {
    crate::t!(match record.auth {
        AuthMethod::AppPassword => "export-secret-app-password",
        AuthMethod::OAuth => "export-secret-access-token",
    })
}

/// The one line on how the secret gets there.
fn secret_note(target: &Target, c: &Context) -> String {
    let user = c.user();
    match c.mode {
        SecretMode::Reference => crate::t!(
            "export-note-reference",
            secret = secret_word(c.record),
            target = target.name,
            command = match target.id {
                "python" | "django" | "flask" =>
                    format!("keyring.get_password(\"{}\", \"{user}\")", c.service),
                _ => c.password_command(),
            }
        ),
        SecretMode::Environment => {
            let names = target.env.unwrap_or(DEFAULT_ENV);
            crate::t!(
                "export-note-environment",
                user = user,
                format = target.id,
                secret = secret_word(c.record),
                variable = names.password
            )
        }
        SecretMode::Inline => crate::t!("export-note-inline", secret = secret_word(c.record)),
    }
}

/// The one line that checks the account from the server the app runs on, which has no
/// keychain: the password is asked for without echo on a terminal, or taken from
/// `SMTP_SETUP_PASSWORD` in a script, never from an argument.
pub fn server_check(record: &AccountRecord) -> String {
    let tls = match record.tls {
        TlsMode::Starttls => "starttls",
        TlsMode::Implicit => "implicit",
    };
    format!(
        "smtp-setup check --user {} --server {}:{} --tls {tls}",
        record.address, record.server, record.port
    )
}

/// How to get the command line onto a server.
pub fn server_install() -> String {
    crate::t!("export-server-install")
}

/// The environment `smtp-setup run` gives the app: the account's settings under the names
/// `target` reads (the neutral `SMTP_*` names without one), the secret among them.
pub fn environment(
    target: Option<&Target>,
    record: &AccountRecord,
    secret: &Secret,
) -> Vec<(String, Zeroizing<String>)> {
    let names = target.and_then(|t| t.env).unwrap_or(DEFAULT_ENV);
    let mut vars = vec![
        (names.host.to_string(), record.server.clone()),
        (names.port.to_string(), record.port.to_string()),
        (names.user.to_string(), record.address.to_string()),
    ];
    if let Some(from) = names.from {
        vars.push((from.to_string(), record.address.to_string()));
    }
    for (name, value) in (names.tls)(record.tls).iter().chain(names.fixed) {
        vars.push((name.to_string(), value.to_string()));
    }
    let mut vars: Vec<(String, Zeroizing<String>)> = vars
        .into_iter()
        .map(|(name, value)| (name, Zeroizing::new(value)))
        .collect();
    vars.push((
        names.password.to_string(),
        Zeroizing::new(secret.expose().to_string()),
    ));
    vars
}

#[cfg(test)]
mod tests;
