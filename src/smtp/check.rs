//! The whole check: DNS, every candidate route in parallel, AUTH on the first route that is
//! ready, and (for a test send) MAIL/RCPT/DATA, with a verdict for each route.

use super::auth::authenticate;
use super::connection::{Connection, StepError, connector};
use super::event::{CheckFailure, FailureKind, Route, Stage, TlsMode};
use super::message;
use super::reply::Reply;
use super::route::{Limits, Passed, RoutePlan, StageRunner, open, progress};
use super::{Credential, EventSink};
use crate::address::{EmailAddress, HeaderText};
use crate::tls::{TlsSetupError, client_config};
use serde::Serialize;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// Default bound for each stage.
pub const DEFAULT_STAGE_TIMEOUT: Duration = Duration::from_secs(10);
/// Default bound for a whole check or test send, every route and stage included: the worst
/// case a person or a script waits for a verdict.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);
/// How long a route that is ready waits for the first candidate to be ready too.
const PREFERRED_GRACE: Duration = Duration::from_millis(500);
/// Longest wait for the server to answer QUIT.
const QUIT_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub struct CheckOptions {
    pub host: String,
    /// (port, TLS mode) pairs, tried in parallel; the first listed wins a tie.
    pub candidates: Vec<(u16, TlsMode)>,
    pub stage_timeout: Duration,
    /// Bound for the whole run; no check or send takes longer.
    pub deadline: Duration,
    /// The name sent with EHLO: a real host name, never "localhost" (Gmail answers 421).
    pub ehlo_name: String,
    /// For tests and demos: connect to these addresses instead of resolving the host. The
    /// server's certificate is still verified for the host name.
    pub connect_to: Vec<ConnectTo>,
    tls: Arc<rustls::ClientConfig>,
}

/// Connections to `host:port` go to `to` (as curl's `--connect-to`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectTo {
    pub host: String,
    pub port: u16,
    pub to: SocketAddr,
}

impl CheckOptions {
    /// Options for `host`, trusting the system roots plus each CA file in `extra_ca`.
    pub fn new(
        host: &str,
        candidates: Vec<(u16, TlsMode)>,
        extra_ca: &[PathBuf],
    ) -> Result<CheckOptions, TlsSetupError> {
        Ok(CheckOptions::with_trust(
            host,
            candidates,
            client_config(extra_ca)?,
        ))
    }

    /// Options for `host` with a TLS configuration built before (and shared).
    pub fn with_trust(
        host: &str,
        candidates: Vec<(u16, TlsMode)>,
        tls: Arc<rustls::ClientConfig>,
    ) -> CheckOptions {
        CheckOptions {
            host: host
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_string(),
            candidates,
            stage_timeout: DEFAULT_STAGE_TIMEOUT,
            deadline: DEFAULT_DEADLINE,
            ehlo_name: default_ehlo_name(),
            connect_to: Vec::new(),
            tls,
        }
    }

    /// The addresses `--connect-to` gives for `port` of the host, if any.
    fn mapped(&self, port: u16) -> Option<SocketAddr> {
        self.connect_to
            .iter()
            .find(|c| c.port == port && c.host.eq_ignore_ascii_case(&self.host))
            .map(|c| c.to)
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
    let outcome = check_inner(options, credential, send, &sink, &mut routes, start, None).await;
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
    keep: Option<&mut Option<Connection>>,
) -> Result<Success, CheckFailure> {
    let limits = Limits::starting_now(options.stage_timeout, options.deadline);
    let dns = StageRunner {
        route: None,
        sink: sink.clone(),
        limits,
    };
    let ips = dns.run(Stage::Resolve, resolve(options)).await?;
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
                addrs: match options.mapped(port) {
                    Some(addr) => vec![addr],
                    None => ips.iter().map(|ip| SocketAddr::new(*ip, port)).collect(),
                },
                connector: connector(options.tls.clone()),
                ehlo_name: options.ehlo_name.clone(),
                runner: StageRunner {
                    route: Some(route.clone()),
                    sink: sink.clone(),
                    limits,
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
        let (index, result) = match joined {
            Ok(done) => done,
            // A route's task panicked: a bug, reported as such rather than lost.
            Err(error) if error.is_panic() => {
                failures.push((usize::MAX, internal_failure()));
                continue;
            }
            Err(_) => continue,
        };
        match result {
            // The first candidate (587 STARTTLS for Gmail, which every stack can use) is
            // preferred when it is ready soon after another, so the route saved and shown is
            // the same from one run to the next.
            Ok(conn) if index > 0 && outcomes[0].is_none() => {
                let preferred = tokio::time::timeout(PREFERRED_GRACE.min(limits.left()), async {
                    while let Some(joined) = running.join_next().await {
                        match joined {
                            Ok((0, result)) => return Some(result),
                            Ok((other, Err(failure))) => {
                                outcomes[other] = Some(RouteOutcome::Failed {
                                    failure: failure.clone(),
                                });
                                failures.push((other, failure));
                            }
                            Ok((other, Ok(_))) => outcomes[other] = Some(RouteOutcome::Worked),
                            Err(_) => {}
                        }
                    }
                    None
                })
                .await
                .ok()
                .flatten();
                winner = Some(match preferred {
                    Some(Ok(first)) => {
                        outcomes[index] = Some(RouteOutcome::Worked);
                        (0, first)
                    }
                    Some(Err(failure)) => {
                        outcomes[0] = Some(RouteOutcome::Failed {
                            failure: failure.clone(),
                        });
                        failures.push((0, failure));
                        (index, conn)
                    }
                    None => (index, conn),
                });
                break;
            }
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
            match keep {
                // A session that goes on (the relay's upstream) keeps its connection.
                Some(kept) if outcome.is_ok() => *kept = Some(conn),
                _ => quit(&mut conn, &limits).await,
            }
            outcome
        }
        None => Err(most_telling(failures).unwrap_or_else(internal_failure)),
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

async fn resolve(options: &CheckOptions) -> Result<Passed<Vec<IpAddr>>, StepError> {
    let host = options.host.as_str();
    let mapped: Vec<SocketAddr> = options
        .candidates
        .iter()
        .filter_map(|(port, _)| options.mapped(*port))
        .collect();
    if !mapped.is_empty() {
        let list: Vec<String> = mapped.iter().map(SocketAddr::to_string).collect();
        return Ok(
            Passed::new(mapped.iter().map(SocketAddr::ip).collect()).detail(crate::t!(
                "smtp-resolved-connect-to",
                host = host,
                addresses = list.join(", ")
            )),
        );
    }
    let addrs = tokio::net::lookup_host((host, 0)).await.map_err(|e| {
        StepError::new(
            FailureKind::Dns,
            crate::t!("smtp-cannot-resolve", host = host, error = e.to_string()),
        )
    })?;
    let mut ips: Vec<IpAddr> = Vec::new();
    for addr in addrs {
        if !ips.contains(&addr.ip()) {
            ips.push(addr.ip());
        }
    }
    if ips.is_empty() {
        return Err(StepError::new(
            FailureKind::Dns,
            crate::t!("smtp-no-addresses-for", host = host),
        ));
    }
    let list: Vec<String> = ips.iter().map(IpAddr::to_string).collect();
    Ok(Passed::new(ips).detail(crate::t!(
        "smtp-resolved",
        host = host,
        addresses = list.join(", ")
    )))
}

/// Connects and logs in as a check does (every candidate route, each stage bounded), and
/// keeps the connection for a session that sends more than a test message.
pub(crate) async fn open_logged_in(
    options: &CheckOptions,
    credential: &Credential,
    sink: &EventSink,
) -> Result<(Success, Connection), CheckFailure> {
    let mut kept = None;
    let mut routes = Vec::new();
    let success = check_inner(
        options,
        credential,
        None,
        sink,
        &mut routes,
        Instant::now(),
        Some(&mut kept),
    )
    .await?;
    match kept {
        Some(conn) => Ok((success, conn)),
        None => Err(internal_failure()),
    }
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
            Ok(Passed::new(reply.clone()).reply(reply).detail(crate::t!(
                "smtp-signed-in-as",
                user = credential.user().to_string()
            )))
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
                message::build(from, &send.to, send.subject.as_ref(), &plan.route, ready_ms)
                    .map_err(|e| {
                        StepError::new(
                            FailureKind::Protocol,
                            crate::t!("smtp-cannot-build-message", error = e.to_string()),
                        )
                    })?;
            expect(conn.command(&format!("MAIL FROM:<{from}>")).await?, 250)?;
            expect(conn.command(&format!("RCPT TO:<{}>", send.to)).await?, 250)?;
            expect(conn.command("DATA").await?, 354)?;
            let reply = expect(
                conn.send_data(&message::dot_stuffed(&message.formatted))
                    .await?,
                250,
            )?;
            let detail = crate::t!(
                "smtp-message-accepted",
                id = message.message_id.as_str(),
                to = send.to.to_string()
            );
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
async fn quit(conn: &mut Connection, limits: &Limits) {
    let bound = QUIT_TIMEOUT.min(limits.left());
    let _ = tokio::time::timeout(bound, conn.command("QUIT")).await;
}

/// The failure that explains most: the one that got furthest along its own route (implicit
/// TLS does TLS before the greeting), the first candidate on a tie.
fn most_telling(failures: Vec<(usize, CheckFailure)>) -> Option<CheckFailure> {
    failures
        .into_iter()
        .min_by_key(|(index, failure)| {
            let tls = failure.route.as_ref().map(|r| r.tls);
            (std::cmp::Reverse(progress(failure.stage, tls)), *index)
        })
        .map(|(_, failure)| failure)
}

/// A failure that is smtp-setup's own bug (a panicked task), never a server's or network's.
fn internal_failure() -> CheckFailure {
    CheckFailure {
        stage: Stage::Connect,
        route: None,
        kind: FailureKind::Internal,
        reply: None,
        detail: crate::t!("smtp-internal-error", version = env!("CARGO_PKG_VERSION")),
    }
}
