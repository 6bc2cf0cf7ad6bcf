//! Where to connect and how long to wait: one reading of the command line's flags and of the
//! window's environment variables, into the options a check runs with. Both front ends call
//! the same parsers, so `--timeout 0` and `SMTP_SETUP_TIMEOUT=0` fail with the same words.

use crate::provider::GMAIL_SMTP_HOST;
use crate::smtp::{
    CheckOptions, ConnectTo, DEFAULT_DEADLINE, DEFAULT_STAGE_TIMEOUT, Route, TlsChoice, TlsMode,
};
use crate::tls::{TlsSetupError, client_config};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// The environment variables the window reads (the CLI takes the same as flags).
pub const SERVER_ENV: &str = "SMTP_SETUP_SERVER";
pub const CA_FILE_ENV: &str = "SMTP_SETUP_CA_FILE";
pub const TIMEOUT_ENV: &str = "SMTP_SETUP_TIMEOUT";
pub const DEADLINE_ENV: &str = "SMTP_SETUP_DEADLINE";
pub const CONNECT_TO_ENV: &str = "SMTP_SETUP_CONNECT_TO";

/// Longest stage bound, and longest whole-run deadline, accepted, in seconds.
const MAX_STAGE_SECS: f64 = 600.0;
const MAX_DEADLINE_SECS: f64 = 3600.0;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SettingsError {
    #[error("{}", crate::t!("settings-bad-server", setting = *.setting, value = .value.as_str()))]
    Server {
        setting: &'static str,
        value: String,
    },
    #[error("{}", crate::t!("settings-bad-seconds", setting = *.setting, max = .max.to_string(), value = format!("{:?}", .value)))]
    Seconds {
        setting: &'static str,
        value: String,
        max: f64,
    },
    #[error("{}", crate::t!("settings-bad-connect-to", setting = *.setting, value = .value.as_str()))]
    ConnectTo {
        setting: &'static str,
        value: String,
    },
}

/// The settings of a check, from flags or the environment.
#[derive(Clone, Debug)]
pub struct ConnectSettings {
    /// The server as given; None is Gmail.
    pub server: Option<(String, Option<u16>)>,
    /// The TLS mode as given; None is auto (or a stored account's own mode).
    pub tls: Option<TlsChoice>,
    pub extra_ca: Vec<PathBuf>,
    pub stage_timeout: Duration,
    pub deadline: Duration,
    /// For tests and demos: connect here instead of resolving (certificates still verified).
    pub connect_to: Vec<ConnectTo>,
    /// The TLS client configuration, built once on first use and shared by every check.
    trust: Arc<OnceLock<Result<Arc<rustls::ClientConfig>, TlsSetupError>>>,
}

impl Default for ConnectSettings {
    /// Gmail, auto TLS, the system's trust store, the default bounds.
    fn default() -> ConnectSettings {
        ConnectSettings {
            server: None,
            tls: None,
            extra_ca: Vec::new(),
            stage_timeout: DEFAULT_STAGE_TIMEOUT,
            deadline: DEFAULT_DEADLINE,
            connect_to: Vec::new(),
            trust: Arc::default(),
        }
    }
}

impl ConnectSettings {
    /// The window's settings: `SMTP_SETUP_SERVER` (HOST or HOST:PORT), `SMTP_SETUP_CA_FILE`
    /// (PEM), `SMTP_SETUP_TIMEOUT` and `SMTP_SETUP_DEADLINE` (seconds) and
    /// `SMTP_SETUP_CONNECT_TO` (HOST:PORT:IP:PORT, comma-separated).
    pub fn from_env() -> Result<ConnectSettings, SettingsError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let mut settings = ConnectSettings::default();
        if let Some(server) = var(SERVER_ENV) {
            settings.server = Some(server_setting(SERVER_ENV, &server)?);
        }
        settings.extra_ca = std::env::var_os(CA_FILE_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .into_iter()
            .collect();
        if let Some(secs) = var(TIMEOUT_ENV) {
            settings.stage_timeout = stage_timeout(TIMEOUT_ENV, &secs)?;
        }
        if let Some(secs) = var(DEADLINE_ENV) {
            settings.deadline = deadline(DEADLINE_ENV, &secs)?;
        }
        if let Some(list) = var(CONNECT_TO_ENV) {
            settings.connect_to = list
                .split(',')
                .map(|item| connect_to(CONNECT_TO_ENV, item))
                .collect::<Result<_, _>>()?;
        }
        Ok(settings)
    }

    /// Host and candidate routes: the settings' server and TLS mode, and what they leave open
    /// from `stored` (an account's verified route), else Gmail's 587 and 465 in parallel.
    pub fn routes(&self, stored: Option<&Route>) -> (String, Vec<(u16, TlsMode)>) {
        match (&self.server, stored) {
            (None, Some(route)) if self.tls.is_none() => {
                (route.host.clone(), vec![(route.port, route.tls)])
            }
            (server, _) => {
                let (host, port) = server
                    .clone()
                    .unwrap_or_else(|| (GMAIL_SMTP_HOST.to_string(), None));
                (host, self.tls.unwrap_or(TlsChoice::Auto).candidates(port))
            }
        }
    }

    /// The options of a check on these routes. The first call reads the system's trust store
    /// and the CA files (so call it off a UI thread); later ones share the result.
    pub fn options(&self, stored: Option<&Route>) -> Result<CheckOptions, TlsSetupError> {
        let trust = self
            .trust
            .get_or_init(|| client_config(&self.extra_ca))
            .clone()?;
        let (host, candidates) = self.routes(stored);
        let mut options = CheckOptions::with_trust(&host, candidates, trust);
        options.stage_timeout = self.stage_timeout;
        options.deadline = self.deadline;
        options.connect_to = self.connect_to.clone();
        Ok(options)
    }
}

/// HOST, HOST:PORT, [V6]:PORT or a bare IPv6 address.
pub fn server_setting(
    setting: &'static str,
    text: &str,
) -> Result<(String, Option<u16>), SettingsError> {
    crate::smtp::parse_server(text).map_err(|_| SettingsError::Server {
        setting,
        value: text.trim().to_string(),
    })
}

/// A stage bound in seconds: more than 0, at most 600.
pub fn stage_timeout(setting: &'static str, text: &str) -> Result<Duration, SettingsError> {
    seconds(setting, text, MAX_STAGE_SECS)
}

/// A whole-run deadline in seconds: more than 0, at most 3600.
pub fn deadline(setting: &'static str, text: &str) -> Result<Duration, SettingsError> {
    seconds(setting, text, MAX_DEADLINE_SECS)
}

fn seconds(setting: &'static str, text: &str, max: f64) -> Result<Duration, SettingsError> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|secs| *secs > 0.0 && *secs <= max)
        .map(Duration::from_secs_f64)
        .ok_or_else(|| SettingsError::Seconds {
            setting,
            value: text.to_string(),
            max,
        })
}

/// `HOST:PORT:IP:PORT` (as curl's `--connect-to`): connections to HOST:PORT go to IP:PORT.
pub fn connect_to(setting: &'static str, text: &str) -> Result<ConnectTo, SettingsError> {
    let bad = || SettingsError::ConnectTo {
        setting,
        value: text.trim().to_string(),
    };
    let text = text.trim();
    let (from, to) = text
        .split_once(':')
        .and_then(|(host, rest)| {
            let (port, to) = rest.split_once(':')?;
            Some(((host, port), to))
        })
        .ok_or_else(bad)?;
    let port: u16 = from.1.parse().ok().filter(|p| *p > 0).ok_or_else(bad)?;
    let to: SocketAddr = to.parse().map_err(|_| bad())?;
    if from.0.is_empty() {
        return Err(bad());
    }
    Ok(ConnectTo {
        host: from.0.to_ascii_lowercase(),
        port,
        to,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_and_servers_are_checked_with_the_settings_name() {
        assert_eq!(
            stage_timeout("--timeout", "2.5").unwrap(),
            Duration::from_millis(2500)
        );
        for bad in ["0", "-1", "601", "soon", ""] {
            let error = stage_timeout("--timeout", bad).unwrap_err();
            assert!(error.to_string().starts_with("--timeout"), "{error}");
        }
        assert!(deadline(DEADLINE_ENV, "3600").is_ok());
        assert!(deadline(DEADLINE_ENV, "3601").is_err());
        assert!(server_setting(SERVER_ENV, "a b:25").is_err());
    }

    #[test]
    fn connect_to_maps_a_host_and_port() {
        let mapped = connect_to("--connect-to", "SMTP.gmail.com:587:127.0.0.1:2525").unwrap();
        assert_eq!(mapped.host, "smtp.gmail.com");
        assert_eq!(mapped.port, 587);
        assert_eq!(mapped.to, "127.0.0.1:2525".parse().unwrap());
        assert!(connect_to("--connect-to", "smtp.gmail.com:587:[::1]:25").is_ok());
        for bad in [
            "smtp.gmail.com:587",
            ":587:127.0.0.1:1",
            "h:x:127.0.0.1:1",
            "h:1:name:2",
        ] {
            assert!(connect_to("--connect-to", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn routes_fill_in_from_the_stored_account() {
        let stored = Route {
            host: "smtp.gmail.com".into(),
            port: 465,
            tls: TlsMode::Implicit,
        };
        let settings = ConnectSettings::default();
        assert_eq!(
            settings.routes(None).1,
            [(587, TlsMode::Starttls), (465, TlsMode::Implicit)]
        );
        assert_eq!(settings.routes(Some(&stored)).1, [(465, TlsMode::Implicit)]);
        let forced = ConnectSettings {
            tls: Some(TlsChoice::Starttls),
            ..ConnectSettings::default()
        };
        assert_eq!(forced.routes(Some(&stored)).1, [(587, TlsMode::Starttls)]);
    }
}
