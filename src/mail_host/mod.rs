//! Where a domain's mail is handled, asked of DNS before anyone is sent to Google's pages: a
//! custom domain whose MX hosts are Google's is Google Workspace; one whose mail is elsewhere
//! (Microsoft 365, iCloud, Naver…) cannot use Gmail's SMTP server, and is told what can.
//!
//! The lookup is one MX query (`hickory-resolver`), bounded as a whole by the lookup's timeout
//! and never retried past it. Without a network (CI, this machine, an airplane) it ends at once
//! or at the timeout in `MailHost::Unknown`, which lets the person continue.

pub mod providers;

use crate::i18n::{self, Arg, Lang};
use crate::provider::PERSONAL_DOMAINS;
use hickory_resolver::config::{
    ConnectionConfig, NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts,
};
use hickory_resolver::net::NetError;
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::{Name, RData};
use hickory_resolver::{Resolver, TokioResolver};
pub use providers::{MailProvider, Security, SmtpPort, SmtpSignIn};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// How long the whole lookup may take, connection and answer included.
pub const LOOKUP_TIMEOUT: Duration = Duration::from_secs(3);
/// A name server to ask instead of the system's: `127.0.0.1:5353`, `10.0.0.2` (port 53), or
/// `off` (no lookup).
pub const DNS_SERVER_ENV: &str = "SMTP_SETUP_DNS_SERVER";
const DNS_PORT: u16 = 53;

/// Which name server answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameServer {
    /// The system's (`/etc/resolv.conf` on Unix, the registry on Windows).
    System,
    /// One server, over UDP.
    At(SocketAddr),
    /// No lookup: every custom domain is `Unknown` (the window then shows nothing new).
    Off,
}

/// How the MX lookup is made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MxLookup {
    pub server: NameServer,
    pub timeout: Duration,
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum MxLookupError {
    #[error(
        "\"{0}\" is not a name server address: give an IP address with an optional port, such \
         as 127.0.0.1:5353 or 10.0.0.2, or \"off\"."
    )]
    BadServer(String),
}

impl MxLookup {
    pub fn system() -> MxLookup {
        MxLookup {
            server: NameServer::System,
            timeout: LOOKUP_TIMEOUT,
        }
    }

    pub fn at(server: SocketAddr) -> MxLookup {
        MxLookup {
            server: NameServer::At(server),
            timeout: LOOKUP_TIMEOUT,
        }
    }

    pub fn off() -> MxLookup {
        MxLookup {
            server: NameServer::Off,
            timeout: LOOKUP_TIMEOUT,
        }
    }

    pub fn with_timeout(mut self, timeout: Duration) -> MxLookup {
        self.timeout = timeout;
        self
    }

    /// The system's name servers, or `SMTP_SETUP_DNS_SERVER`'s.
    pub fn from_env() -> Result<MxLookup, MxLookupError> {
        match std::env::var(DNS_SERVER_ENV) {
            Ok(value) if !value.trim().is_empty() => MxLookup::parse(&value),
            _ => Ok(MxLookup::system()),
        }
    }

    /// `off`, `system`, an IP address (port 53) or an address with its port.
    pub fn parse(text: &str) -> Result<MxLookup, MxLookupError> {
        let text = text.trim();
        let server = match text {
            "off" => NameServer::Off,
            "system" => NameServer::System,
            _ => match (text.parse::<SocketAddr>(), text.parse::<IpAddr>()) {
                (Ok(address), _) => NameServer::At(address),
                (_, Ok(ip)) => NameServer::At(SocketAddr::new(ip, DNS_PORT)),
                _ => return Err(MxLookupError::BadServer(text.to_string())),
            },
        };
        Ok(MxLookup {
            server,
            timeout: LOOKUP_TIMEOUT,
        })
    }

    pub fn is_off(&self) -> bool {
        self.server == NameServer::Off
    }
}

/// Where the domain's mail is handled, as far as DNS could tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MailHost {
    /// gmail.com or googlemail.com: known without a lookup.
    PersonalGoogle,
    /// MX hosts are Google's (`mx`: every MX host, most preferred first).
    GoogleWorkspace { mx: Vec<String> },
    /// Another provider's own domain (`mx` empty: known without a lookup) or MX hosts.
    OtherProvider {
        provider: &'static MailProvider,
        mx: Vec<String>,
    },
    /// A mail server that is neither Google's nor a provider known here.
    OtherHost { mx: Vec<String> },
    /// NXDOMAIN: the domain does not exist.
    NoSuchDomain,
    /// The domain exists but has no MX records (or only RFC 7505's "no mail" MX).
    NoMx,
    /// The lookup could not be made or did not answer in time.
    Unknown(Unchecked),
}

/// Why a domain's mail host is not known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unchecked {
    /// No answer within the lookup's timeout.
    TimedOut(Duration),
    /// The system has no usable DNS configuration.
    NoResolver(String),
    /// The resolver failed (network unreachable, server failure, refused).
    Failed(String),
    /// The lookup is turned off (`SMTP_SETUP_DNS_SERVER=off`).
    Off,
}

impl MailHost {
    /// The stable id `--json` prints.
    pub fn verdict(&self) -> &'static str {
        match self {
            MailHost::PersonalGoogle => "personal_google",
            MailHost::GoogleWorkspace { .. } => "google_workspace",
            MailHost::OtherProvider { .. } => "other_provider",
            MailHost::OtherHost { .. } => "other_host",
            MailHost::NoSuchDomain => "no_such_domain",
            MailHost::NoMx => "no_mx",
            MailHost::Unknown(_) => "unknown",
        }
    }

    /// The MX hosts found, most preferred first (as DNS gave them: outside text).
    pub fn mx_hosts(&self) -> &[String] {
        match self {
            MailHost::GoogleWorkspace { mx }
            | MailHost::OtherProvider { mx, .. }
            | MailHost::OtherHost { mx } => mx,
            _ => &[],
        }
    }

    pub fn provider(&self) -> Option<&'static MailProvider> {
        match self {
            MailHost::OtherProvider { provider, .. } => Some(provider),
            _ => None,
        }
    }

    /// Whether Gmail's setup cannot work for the address: its mail is another provider's, or
    /// its domain does not exist.
    pub fn rules_out_google(&self) -> bool {
        matches!(
            self,
            MailHost::OtherProvider { .. } | MailHost::NoSuchDomain
        )
    }

    /// The verdict in one sentence, in `lang`.
    pub fn headline_in(&self, lang: Lang, domain: &str) -> String {
        let text = |id: &str, args: &[(&str, Arg<'_>)]| {
            let mut all = vec![("domain", Arg::from(domain.to_string()))];
            all.extend(args.iter().cloned());
            i18n::text_in(lang, id, &all)
        };
        let first = self.mx_hosts().first().cloned().unwrap_or_default();
        match self {
            MailHost::PersonalGoogle => text("mx-personal-google", &[]),
            MailHost::GoogleWorkspace { .. } => {
                text("mx-google-workspace", &[("host", Arg::from(first))])
            }
            MailHost::OtherProvider { provider, .. } => text(
                "mx-other-provider",
                &[("provider", Arg::from(provider.name))],
            ),
            MailHost::OtherHost { .. } => text("mx-other-host", &[("host", Arg::from(first))]),
            MailHost::NoSuchDomain => text("mx-no-such-domain", &[]),
            MailHost::NoMx => text("mx-no-mx", &[]),
            MailHost::Unknown(reason) => {
                text("mx-unknown", &[("reason", Arg::from(reason.text_in(lang)))])
            }
        }
    }

    /// The verdict in the current language.
    pub fn headline(&self, domain: &str) -> String {
        self.headline_in(i18n::current(), domain)
    }

    /// What else to know: another provider's SMTP server, how it signs in, its steps.
    pub fn details_in(&self, lang: Lang) -> Vec<String> {
        match self.provider() {
            Some(provider) => provider.facts_in(lang),
            None => Vec::new(),
        }
    }

    pub fn details(&self) -> Vec<String> {
        self.details_in(i18n::current())
    }
}

impl Unchecked {
    pub fn id(&self) -> &'static str {
        match self {
            Unchecked::TimedOut(_) => "timed_out",
            Unchecked::NoResolver(_) => "no_resolver",
            Unchecked::Failed(_) => "failed",
            Unchecked::Off => "off",
        }
    }

    pub fn text_in(&self, lang: Lang) -> String {
        match self {
            Unchecked::TimedOut(timeout) => i18n::text_in(
                lang,
                "mx-reason-timed-out",
                &[("seconds", Arg::from(timeout.as_secs_f64()))],
            ),
            Unchecked::NoResolver(error) => i18n::text_in(
                lang,
                "mx-reason-no-resolver",
                &[("error", Arg::from(error.clone()))],
            ),
            Unchecked::Failed(error) => i18n::text_in(
                lang,
                "mx-reason-failed",
                &[("error", Arg::from(error.clone()))],
            ),
            Unchecked::Off => i18n::text_in(lang, "mx-reason-off", &[]),
        }
    }
}

impl MailProvider {
    /// The SMTP server and ports, the way the provider signs in, and its steps, in `lang`.
    pub fn facts_in(&'static self, lang: Lang) -> Vec<String> {
        let ports: Vec<String> = self
            .ports
            .iter()
            .map(|p| {
                let id = match p.security {
                    Security::Starttls => "mx-port-starttls",
                    Security::ImplicitTls => "mx-port-tls",
                };
                i18n::text_in(lang, id, &[("port", Arg::from(p.port.to_string()))])
            })
            .collect();
        let server = i18n::text_in(
            lang,
            "mx-smtp-server",
            &[
                ("host", Arg::from(self.smtp_host)),
                ("ports", Arg::from(ports.join(" / "))),
            ],
        );
        let sign_in = match self.sign_in {
            SmtpSignIn::OAuthOnly => "mx-sign-in-oauth",
            SmtpSignIn::AppPassword => "mx-sign-in-app-password",
        };
        let provider = [("provider", Arg::from(self.name))];
        vec![
            server,
            i18n::text_in(lang, sign_in, &provider),
            i18n::text_in(lang, self.steps_id, &provider),
        ]
    }
}

/// Where `domain`'s mail is handled. gmail.com and the big providers' own domains are known at
/// once; any other domain is one MX lookup, bounded by `lookup.timeout`.
pub async fn mail_host(domain: &str, lookup: &MxLookup) -> MailHost {
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    if PERSONAL_DOMAINS.contains(&domain.as_str()) {
        return MailHost::PersonalGoogle;
    }
    if let Some(provider) = providers::by_address_domain(&domain) {
        return MailHost::OtherProvider {
            provider,
            mx: Vec::new(),
        };
    }
    let resolver = match resolver(lookup) {
        Ok(resolver) => resolver,
        Err(unchecked) => return MailHost::Unknown(unchecked),
    };
    let name = match Name::from_utf8(format!("{domain}.")) {
        Ok(name) => name,
        // Not a name DNS can carry, so no domain of that name exists.
        Err(_) => return MailHost::NoSuchDomain,
    };
    match tokio::time::timeout(lookup.timeout, resolver.mx_lookup(name)).await {
        Err(_) => MailHost::Unknown(Unchecked::TimedOut(lookup.timeout)),
        Ok(Err(error)) => from_error(&error, lookup.timeout),
        Ok(Ok(answer)) => {
            let mut mx: Vec<(u16, String)> = answer
                .answers()
                .iter()
                .filter_map(|record| match &record.data {
                    RData::MX(mx) if !mx.exchange.is_root() => Some((
                        mx.preference,
                        mx.exchange
                            .to_ascii()
                            .trim_end_matches('.')
                            .to_ascii_lowercase(),
                    )),
                    _ => None,
                })
                .collect();
            mx.sort();
            mx.dedup_by(|a, b| a.1 == b.1);
            classify(mx.into_iter().map(|(_, host)| host).collect())
        }
    }
}

/// The verdict for MX hosts sorted by preference: the most preferred host names the
/// provider; a Google host anywhere else in the set means Google behind a gateway.
pub fn classify(mx: Vec<String>) -> MailHost {
    let Some(first) = mx.first() else {
        return MailHost::NoMx;
    };
    if providers::is_google_mx(first) {
        return MailHost::GoogleWorkspace { mx };
    }
    if let Some(provider) = providers::by_mx_host(first) {
        return MailHost::OtherProvider { provider, mx };
    }
    if mx.iter().any(|host| providers::is_google_mx(host)) {
        return MailHost::GoogleWorkspace { mx };
    }
    MailHost::OtherHost { mx }
}

fn from_error(error: &NetError, timeout: Duration) -> MailHost {
    if error.is_nx_domain() {
        MailHost::NoSuchDomain
    } else if error.is_no_records_found() {
        MailHost::NoMx
    } else if matches!(error, NetError::Timeout) {
        MailHost::Unknown(Unchecked::TimedOut(timeout))
    } else {
        MailHost::Unknown(Unchecked::Failed(error.to_string()))
    }
}

fn resolver(lookup: &MxLookup) -> Result<TokioResolver, Unchecked> {
    let mut builder = match &lookup.server {
        NameServer::Off => return Err(Unchecked::Off),
        NameServer::System => {
            Resolver::builder_tokio().map_err(|error| Unchecked::NoResolver(error.to_string()))?
        }
        NameServer::At(address) => {
            let mut udp = ConnectionConfig::udp();
            udp.port = address.port();
            let server = NameServerConfig::new(address.ip(), true, vec![udp]);
            Resolver::builder_with_config(
                ResolverConfig::from_parts(None, Vec::new(), vec![server]),
                TokioRuntimeProvider::default(),
            )
        }
    };
    let options: &mut ResolverOpts = builder.options_mut();
    // One question, asked once: the caller's timeout bounds it, nothing retries past it.
    options.timeout = lookup.timeout;
    options.attempts = 1;
    options.use_hosts_file = ResolveHosts::Never;
    options.cache_size = 0;
    builder
        .build()
        .map_err(|error| Unchecked::NoResolver(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn the_most_preferred_host_decides() {
        assert_eq!(
            classify(hosts(&["aspmx.l.google.com", "alt1.aspmx.l.google.com"])).verdict(),
            "google_workspace"
        );
        assert_eq!(
            classify(hosts(&["smtp.google.com"])).verdict(),
            "google_workspace"
        );
        let outlook = classify(hosts(&["example-org.mail.protection.outlook.com"]));
        assert_eq!(outlook.provider().map(|p| p.id), Some("microsoft_365"));
        assert!(outlook.rules_out_google());
        // A filtering gateway in front of Google is still Google.
        assert_eq!(
            classify(hosts(&["mx.gateway.example", "aspmx.l.google.com"])).verdict(),
            "google_workspace"
        );
        assert_eq!(
            classify(hosts(&["mail.example.net"])).verdict(),
            "other_host"
        );
        assert_eq!(classify(Vec::new()), MailHost::NoMx);
    }

    #[test]
    fn name_server_settings_parse() {
        assert_eq!(
            MxLookup::parse("127.0.0.1:5353").unwrap().server,
            NameServer::At("127.0.0.1:5353".parse().unwrap())
        );
        assert_eq!(
            MxLookup::parse("10.0.0.2").unwrap().server,
            NameServer::At("10.0.0.2:53".parse().unwrap())
        );
        assert!(MxLookup::parse("off").unwrap().is_off());
        assert!(MxLookup::parse("dns.example").is_err());
    }

    #[test]
    fn known_domains_need_no_lookup() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let off = MxLookup::off();
        assert_eq!(
            runtime.block_on(mail_host("Gmail.com", &off)),
            MailHost::PersonalGoogle
        );
        let naver = runtime.block_on(mail_host("naver.com", &off));
        assert_eq!(naver.provider().map(|p| p.id), Some("naver"));
        assert_eq!(
            runtime.block_on(mail_host("example.org", &off)),
            MailHost::Unknown(Unchecked::Off)
        );
    }

    #[test]
    fn every_verdict_reads_in_both_languages() {
        let verdicts = [
            MailHost::PersonalGoogle,
            classify(hosts(&["aspmx.l.google.com"])),
            classify(hosts(&["mx01.mail.icloud.com"])),
            classify(hosts(&["mail.example.net"])),
            MailHost::NoSuchDomain,
            MailHost::NoMx,
            MailHost::Unknown(Unchecked::TimedOut(LOOKUP_TIMEOUT)),
            MailHost::Unknown(Unchecked::Failed("network unreachable".into())),
        ];
        for lang in Lang::ALL {
            for verdict in &verdicts {
                let text = verdict.headline_in(lang, "example.org");
                assert!(text.contains("example.org"), "{lang:?}: {text}");
                assert!(!text.contains("mx-"), "{lang:?}: {text}");
                for line in verdict.details_in(lang) {
                    assert!(!line.starts_with("mx-"), "{lang:?}: {line}");
                }
            }
        }
        let icloud = classify(hosts(&["mx01.mail.icloud.com"]));
        assert!(icloud.details_in(Lang::Ko)[0].contains("smtp.mail.me.com"));
        assert!(icloud.details_in(Lang::En)[0].contains("587 (STARTTLS)"));
    }
}
