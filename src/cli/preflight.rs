//! `smtp-setup preflight ADDRESS`: where the address's mail is handled, before any setup. A
//! custom domain whose MX hosts are Google's is Google Workspace; another provider's is named
//! with its own SMTP facts. One MX lookup, bounded by --timeout.

use super::connect::runtime;
use super::console::{json_pretty, say};
use super::{Failure, exit};
use clap::Args as ClapArgs;
use serde::Serialize;
use smtp_setup::address::EmailAddress;
use smtp_setup::mail_host::{
    DNS_SERVER_ENV, LOOKUP_TIMEOUT, MailHost, MailProvider, MxLookup, mail_host,
};
use smtp_setup::t;
use smtp_setup::untrusted::inert_line;
use std::time::Duration;

/// Longest --timeout: the preflight is a quick look, not a wait.
const MAX_TIMEOUT_SECS: f64 = 60.0;

#[derive(ClapArgs)]
#[command(
    after_help = "Exit codes: 0 Google (personal or Workspace); 1 another mail server or \
no MX records; 2 an invalid address, another provider's, or a domain that does not exist; \
3 could not check (no answer from DNS, no network)."
)]
pub struct PreflightArgs {
    /// The address to look at, such as you@example.com.
    pub address: String,
    /// Print the verdict as a JSON object.
    #[arg(long)]
    pub json: bool,
    /// Name server to ask instead of the system's (IP[:PORT], or "off").
    #[arg(long, value_name = "ADDR", env = DNS_SERVER_ENV)]
    pub dns: Option<String>,
    /// Seconds the whole lookup may take [default: 3].
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<String>,
}

#[derive(Serialize)]
struct Report<'a> {
    address: &'a str,
    domain: &'a str,
    verdict: &'static str,
    mx: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    provider: Option<&'static MailProvider>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    text: String,
    details: Vec<String>,
    timeout_secs: f64,
}

pub fn run(args: PreflightArgs) -> Result<u8, Failure> {
    let address = EmailAddress::parse(&args.address).map_err(|e| Failure::usage(e.to_string()))?;
    let mut lookup = match args.dns.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(server) => MxLookup::parse(server).map_err(|e| Failure::usage(e.to_string()))?,
        None => MxLookup::system(),
    };
    if let Some(timeout) = &args.timeout {
        lookup = lookup.with_timeout(timeout_of(timeout)?);
    }
    let domain = address.domain();
    let host = runtime()?.block_on(mail_host(domain, &lookup));
    let reason = match &host {
        MailHost::Unknown(unchecked) => Some(unchecked.id()),
        _ => None,
    };
    if args.json {
        json_pretty(&Report {
            address: address.as_str(),
            domain,
            verdict: host.verdict(),
            mx: host.mx_hosts(),
            provider: host.provider(),
            reason,
            text: host.headline(domain),
            details: host.details(),
            timeout_secs: lookup.timeout.as_secs_f64(),
        });
    } else {
        print_human(&host, domain);
    }
    Ok(exit_code(&host))
}

fn print_human(host: &MailHost, domain: &str) {
    // What DNS returned is outside text: one inert line each.
    say(&inert_line(&host.headline(domain)));
    if !host.mx_hosts().is_empty() {
        say(&inert_line(&t!(
            "mx-hosts",
            hosts = host.mx_hosts().join(", ")
        )));
    }
    for line in host.details() {
        say(&format!("  {line}"));
    }
    if let Some(provider) = host.provider() {
        say(&format!("  {}", provider.page));
    }
}

fn exit_code(host: &MailHost) -> u8 {
    match host {
        MailHost::PersonalGoogle | MailHost::GoogleWorkspace { .. } => exit::OK,
        MailHost::OtherHost { .. } | MailHost::NoMx => exit::OTHER,
        MailHost::OtherProvider { .. } | MailHost::NoSuchDomain => exit::USAGE,
        MailHost::Unknown(_) => exit::NETWORK,
    }
}

fn timeout_of(text: &str) -> Result<Duration, Failure> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|secs| *secs > 0.0 && *secs <= MAX_TIMEOUT_SECS)
        .map(Duration::from_secs_f64)
        .ok_or_else(|| {
            Failure::usage(format!(
                "--timeout takes seconds, more than 0 and at most {MAX_TIMEOUT_SECS} (default {}), not \"{text}\".",
                LOOKUP_TIMEOUT.as_secs()
            ))
        })
}
