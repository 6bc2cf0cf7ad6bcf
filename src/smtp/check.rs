//! The whole check: DNS, every candidate route in parallel, AUTH on the first route that is
//! ready, and (for a test send) MAIL/RCPT/DATA, with a verdict for each route.

use super::auth::authenticate;
use super::connection::{Connection, StepError, connector};
use super::event::{CheckFailure, FailureKind, Route, Stage, TlsMode};
use super::reply::Reply;
use super::route::{Passed, RoutePlan, StageRunner, open};
use super::{Credential, EventSink, ignore_events};
use crate::address::{EmailAddress, HeaderText};
use crate::test_message;
use crate::tls::{TlsSetupError, client_config};
use serde::Serialize;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// Default bound for each stage.
pub const DEFAULT_STAGE_TIMEOUT: Duration = Duration::from_secs(10);
/// Bound for the follow-up probe that tells a stalled greeting from a wrong TLS mode.
const WRONG_MODE_PROBE_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Clone)]
pub struct CheckOptions {
    pub host: String,
    /// (port, TLS mode) pairs, tried in parallel; the first listed wins a tie.
    pub candidates: Vec<(u16, TlsMode)>,
    pub stage_timeout: Duration,
    /// The name sent with EHLO: a real host name, never "localhost" (Gmail answers 421).
    pub ehlo_name: String,
    tls: Arc<rustls::ClientConfig>,
}

impl CheckOptions {
    /// Options for `host`, trusting the system roots plus each CA file in `extra_ca`.
    pub fn new(
        host: &str,
        candidates: Vec<(u16, TlsMode)>,
        extra_ca: &[PathBuf],
    ) -> Result<CheckOptions, TlsSetupError> {
        Ok(CheckOptions {
            host: host
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_string(),
            candidates,
            stage_timeout: DEFAULT_STAGE_TIMEOUT,
            ehlo_name: default_ehlo_name(),
            tls: client_config(extra_ca)?,
        })
    }
}

/// This machine's host name, unless it is one that Gmail refuses in EHLO.
pub fn default_ehlo_name() -> String {
    let name = hostname::get()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let usable = !name.is_empty()
        && !name.starts_with("localhost")
        && name.parse::<IpAddr>().is_err()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if usable {
        name
    } else {
        "smtp-setup-client".to_string()
    }
}

/// A test message to send after AUTH.
#[derive(Clone, Debug)]
pub struct TestSend {
    pub to: EmailAddress,
    pub subject: Option<HeaderText>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Success {
    pub route: Route,
    pub auth_reply: Reply,
    /// The server's reply to the message (Gmail: `250 2.0.0 OK ...`).
    pub send_reply: Option<Reply>,
    pub message_id: Option<String>,
    pub recipient: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "snake_case", tag = "result")]
pub enum RouteOutcome {
    /// This route carried the check.
    Used,
    /// Reached AUTH-ready, but another route was used.
    Worked,
    Failed {
        failure: CheckFailure,
    },
    /// Still running when the check ended.
    Unfinished,
}

#[derive(Clone, Debug, Serialize)]
pub struct RouteSummary {
    pub route: Route,
    #[serde(flatten)]
    pub outcome: RouteOutcome,
}

#[derive(Clone, Debug)]
pub struct CheckReport {
    pub outcome: Result<Success, CheckFailure>,
    pub routes: Vec<RouteSummary>,
    pub elapsed_ms: u64,
}

/// Runs the staged check (and the test send when `send` is given), reporting to `sink`.
pub async fn run_check(
    options: &CheckOptions,
    credential: &Credential,
    send: Option<&TestSend>,
    sink: EventSink,
) -> CheckReport {
    let start = Instant::now();
    let mut routes = Vec::new();
    let outcome = check_inner(options, credential, send, &sink, &mut routes, start).await;
    CheckReport {
        outcome,
        routes,
        elapsed_ms: start.elapsed().as_millis() as u64,
    }
}

async fn check_inner(
    options: &CheckOptions,
    credential: &Credential,
    send: Option<&TestSend>,
    sink: &EventSink,
    summaries: &mut Vec<RouteSummary>,
    start: Instant,
) -> Result<Success, CheckFailure> {
    let dns = StageRunner {
        route: None,
        sink: sink.clone(),
        timeout: options.stage_timeout,
    };
    let ips = dns.run(Stage::Resolve, resolve(&options.host)).await?;
    let plans: Vec<RoutePlan> = options
        .candidates
        .iter()
        .map(|&(port, tls)| {
            let route = Route {
                host: options.host.clone(),
                port,
                tls,
            };
            RoutePlan {
                addrs: ips.iter().map(|ip| SocketAddr::new(*ip, port)).collect(),
                connector: connector(options.tls.clone()),
                ehlo_name: options.ehlo_name.clone(),
                runner: StageRunner {
                    route: Some(route.clone()),
                    sink: sink.clone(),
                    timeout: options.stage_timeout,
                },
                route,
            }
        })
        .collect();

    let mut running = JoinSet::new();
    for (index, plan) in plans.iter().cloned().enumerate() {
        running.spawn(async move { (index, open(&plan).await) });
    }
    let mut outcomes: Vec<Option<RouteOutcome>> = vec![None; plans.len()];
    let mut failures: Vec<(usize, CheckFailure)> = Vec::new();
    let mut winner: Option<(usize, Connection)> = None;
    while let Some(joined) = running.join_next().await {
        let Ok((index, result)) = joined else {
            continue;
        };
        match result {
            Ok(conn) => {
                winner = Some((index, conn));
                break;
            }
            Err(failure) => {
                outcomes[index] = Some(RouteOutcome::Failed {
                    failure: failure.clone(),
                });
                failures.push((index, failure));
            }
        }
    }

    let result = match winner {
        Some((index, mut conn)) => {
            outcomes[index] = Some(RouteOutcome::Used);
            let outcome = use_route(&plans[index], &mut conn, credential, send, start).await;
            quit(&mut conn).await;
            outcome
        }
        None => {
            let failure = most_telling(failures);
            Err(probe_wrong_mode(failure, &plans, options).await)
        }
    };

    // Routes that finished meanwhile get their verdict; the rest are stopped.
    while let Some(joined) = running.try_join_next() {
        if let Ok((index, result)) = joined {
            outcomes[index] = Some(match result {
                Ok(_) => RouteOutcome::Worked,
                Err(failure) => RouteOutcome::Failed { failure },
            });
        }
    }
    running.abort_all();
    summaries.extend(
        plans
            .iter()
            .zip(outcomes)
            .map(|(plan, outcome)| RouteSummary {
                route: plan.route.clone(),
                outcome: outcome.unwrap_or(RouteOutcome::Unfinished),
            }),
    );
    result
}

async fn resolve(host: &str) -> Result<Passed<Vec<IpAddr>>, StepError> {
    let addrs = tokio::net::lookup_host((host, 0))
        .await
        .map_err(|e| StepError::new(FailureKind::Dns, format!("Cannot resolve {host}: {e}.")))?;
    let mut ips: Vec<IpAddr> = Vec::new();
    for addr in addrs {
        if !ips.contains(&addr.ip()) {
            ips.push(addr.ip());
        }
    }
    if ips.is_empty() {
        return Err(StepError::new(
            FailureKind::Dns,
            format!("{host} has no addresses."),
        ));
    }
    let list: Vec<String> = ips.iter().map(IpAddr::to_string).collect();
    Ok(Passed::new(ips).detail(format!("{host} is {}", list.join(", "))))
}

/// AUTH on the chosen route, then the test message if asked.
async fn use_route(
    plan: &RoutePlan,
    conn: &mut Connection,
    credential: &Credential,
    send: Option<&TestSend>,
    start: Instant,
) -> Result<Success, CheckFailure> {
    let runner = &plan.runner;
    let auth_reply = runner
        .run(Stage::Auth, async {
            let reply = authenticate(conn, credential).await?;
            Ok(Passed::new(reply.clone())
                .reply(reply)
                .detail(format!("Signed in as {}", credential.user())))
        })
        .await?;
    let mut success = Success {
        route: plan.route.clone(),
        auth_reply,
        send_reply: None,
        message_id: None,
        recipient: None,
    };
    let Some(send) = send else { return Ok(success) };
    let ready_ms = start.elapsed().as_millis() as u64;
    let from = credential.user();
    let (reply, message_id) = runner
        .run(Stage::Send, async {
            let message =
                test_message::build(from, &send.to, send.subject.as_ref(), &plan.route, ready_ms)
                    .map_err(|e| {
                    StepError::new(
                        FailureKind::Protocol,
                        format!("Cannot build the test message: {e}"),
                    )
                })?;
            expect(conn.command(&format!("MAIL FROM:<{from}>")).await?, 250)?;
            expect(conn.command(&format!("RCPT TO:<{}>", send.to)).await?, 250)?;
            expect(conn.command("DATA").await?, 354)?;
            let reply = expect(
                conn.send_data(&test_message::dot_stuffed(&message.formatted))
                    .await?,
                250,
            )?;
            let detail = format!("Message {} accepted for {}", message.message_id, send.to);
            Ok(Passed::new((reply.clone(), message.message_id))
                .reply(reply)
                .detail(detail))
        })
        .await?;
    success.send_reply = Some(reply);
    success.message_id = Some(message_id);
    success.recipient = Some(send.to.to_string());
    Ok(success)
}

fn expect(reply: Reply, code: u16) -> Result<Reply, StepError> {
    if reply.code == code {
        Ok(reply)
    } else {
        Err(StepError::reply(reply))
    }
}

/// Says goodbye; a server that does not answer QUIT promptly changes nothing.
async fn quit(conn: &mut Connection) {
    let _ = tokio::time::timeout(Duration::from_secs(2), conn.command("QUIT")).await;
}

/// The failure that explains most: the one that got furthest, the first candidate on a tie.
fn most_telling(failures: Vec<(usize, CheckFailure)>) -> CheckFailure {
    failures
        .into_iter()
        .min_by_key(|(index, failure)| (std::cmp::Reverse(failure.stage), *index))
        .map(|(_, failure)| failure)
        .expect("at least one route was tried")
}

/// A STARTTLS route that got no greeting may be an implicit-TLS port: try a TLS handshake
/// there, briefly, and say so if it answers.
async fn probe_wrong_mode(
    mut failure: CheckFailure,
    plans: &[RoutePlan],
    options: &CheckOptions,
) -> CheckFailure {
    let Some(route) = failure.route.clone() else {
        return failure;
    };
    if failure.stage != Stage::Greeting
        || failure.kind != FailureKind::Timeout
        || route.tls != TlsMode::Starttls
    {
        return failure;
    }
    let Some(plan) = plans.iter().find(|p| p.route == route) else {
        return failure;
    };
    let mut probe = plan.clone();
    probe.route.tls = TlsMode::Implicit;
    probe.runner = StageRunner {
        route: Some(probe.route.clone()),
        sink: ignore_events(),
        timeout: options.stage_timeout.min(WRONG_MODE_PROBE_TIMEOUT),
    };
    if let Ok(mut conn) = open(&probe).await {
        quit(&mut conn).await;
        failure.kind = FailureKind::WrongTlsMode;
        failure.detail = format!(
            "Port {} speaks implicit TLS (TLS from the first byte), so it never greets a STARTTLS \
             client: use implicit TLS on this port, or STARTTLS on port 587.",
            route.port
        );
    }
    failure
}
