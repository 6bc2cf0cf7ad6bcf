//! Opening one route (host, port, TLS mode) up to the point where AUTH can start:
//! connect, greeting, EHLO and TLS, each a bounded stage with its own events.

use super::EventSink;
use super::connection::{Connection, StepError, Stream, classify_io, handshake};
use super::event::{
    CheckEvent, CheckFailure, FailureKind, Route, Stage, StageEvent, StageStatus, TlsMode,
};
use super::reply::Reply;
use std::future::Future;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::net::TcpStream;
use tokio::task::JoinSet;
use tokio_rustls::TlsConnector;

/// RFC 8305's "connection attempt delay": start the next address if this one is slow.
const NEXT_ATTEMPT_DELAY: Duration = Duration::from_millis(250);
/// How long a STARTTLS route waits for the greeting before it also probes for implicit TLS
/// (Gmail greets within a few hundred milliseconds).
const PROBE_DELAY: Duration = Duration::from_secs(1);
/// The least time the probe gets for its handshake, past the greeting's bound if need be.
const PROBE_GRACE: Duration = Duration::from_secs(1);

/// What a stage reports when it passes.
pub(crate) struct Passed<T> {
    pub value: T,
    pub reply: Option<Reply>,
    pub detail: Option<String>,
}

impl<T> Passed<T> {
    pub fn new(value: T) -> Passed<T> {
        Passed {
            value,
            reply: None,
            detail: None,
        }
    }
    pub fn reply(mut self, reply: Reply) -> Passed<T> {
        self.reply = Some(reply);
        self
    }
    pub fn detail(mut self, detail: impl Into<String>) -> Passed<T> {
        self.detail = Some(detail.into());
        self
    }
}

/// How long stages may take: each at most `stage`, and all of them together (every route, the
/// probe and QUIT included) until `deadline`, which is `whole` after the check started.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    pub stage: Duration,
    pub whole: Duration,
    pub deadline: Instant,
}

impl Limits {
    pub fn starting_now(stage: Duration, whole: Duration) -> Limits {
        Limits {
            stage,
            whole,
            deadline: Instant::now() + whole,
        }
    }

    /// The time the next stage may take, and whether the whole-run deadline is what limits it.
    fn next_stage(&self) -> (Duration, bool) {
        let left = self.deadline.saturating_duration_since(Instant::now());
        (self.stage.min(left), left < self.stage)
    }

    /// Time left until the deadline.
    pub fn left(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }
}

/// Runs stages for one route (or for none, at DNS), emitting started/passed/failed events.
#[derive(Clone)]
pub(crate) struct StageRunner {
    pub route: Option<Route>,
    pub sink: EventSink,
    pub limits: Limits,
}

impl StageRunner {
    pub async fn run<T>(
        &self,
        stage: Stage,
        work: impl Future<Output = Result<Passed<T>, StepError>>,
    ) -> Result<T, CheckFailure> {
        self.run_extended(stage, Duration::ZERO, work).await
    }

    /// Like `run`, for work that handles the stage bound itself and may take up to `extra`
    /// longer to say why it was exceeded (the wrong-mode probe beside the greeting).
    pub async fn run_extended<T>(
        &self,
        stage: Stage,
        extra: Duration,
        work: impl Future<Output = Result<Passed<T>, StepError>>,
    ) -> Result<T, CheckFailure> {
        self.emit(stage, StageStatus::Started, 0, None, None);
        let start = Instant::now();
        let (bound, by_deadline) = self.limits.next_stage();
        let outer = (bound + extra).min(self.limits.left());
        let result = match tokio::time::timeout(outer, work).await {
            Ok(result) => result,
            Err(_) => Err(self.timeout(stage, by_deadline || outer < bound + extra)),
        };
        let elapsed = start.elapsed().as_millis() as u64;
        match result {
            Ok(passed) => {
                self.emit(
                    stage,
                    StageStatus::Passed,
                    elapsed,
                    passed.reply,
                    passed.detail,
                );
                Ok(passed.value)
            }
            Err(error) => {
                self.emit(
                    stage,
                    StageStatus::Failed,
                    elapsed,
                    error.reply.clone(),
                    Some(error.detail.clone()),
                );
                Err(CheckFailure {
                    stage,
                    route: self.route.clone(),
                    kind: error.kind,
                    reply: error.reply,
                    detail: error.detail,
                })
            }
        }
    }

    /// The bound of the stage about to run (for work that enforces it itself).
    pub fn stage_bound(&self) -> Duration {
        self.limits.next_stage().0
    }

    /// The timeout failure of `stage`: its own bound, or the whole run's.
    pub fn timeout(&self, stage: Stage, by_deadline: bool) -> StepError {
        let detail = if by_deadline {
            crate::t!(
                "smtp-deadline-reached",
                secs = self.limits.whole.as_secs_f32().to_string()
            )
        } else {
            timeout_detail(stage, self.limits.stage, self.route.as_ref())
        };
        StepError::new(FailureKind::Timeout, detail)
    }

    fn emit(
        &self,
        stage: Stage,
        status: StageStatus,
        elapsed_ms: u64,
        reply: Option<Reply>,
        detail: Option<String>,
    ) {
        (self.sink)(CheckEvent::Stage(StageEvent {
            route: self.route.clone(),
            stage,
            status,
            elapsed_ms,
            reply,
            detail,
        }));
    }
}

fn timeout_detail(stage: Stage, timeout: Duration, route: Option<&Route>) -> String {
    let secs = timeout.as_secs_f32().to_string();
    let id = match stage {
        Stage::Resolve => "smtp-timeout-resolve",
        Stage::Connect => {
            return match route {
                Some(route) => crate::t!(
                    "smtp-timeout-connect-port",
                    secs = secs.as_str(),
                    port = route.port
                ),
                None => crate::t!("smtp-timeout-connect", secs = secs.as_str()),
            };
        }
        Stage::Greeting => "smtp-timeout-greeting",
        Stage::Ehlo => "smtp-timeout-ehlo",
        Stage::Tls => "smtp-timeout-tls",
        Stage::Auth => "smtp-timeout-auth",
        Stage::Send => "smtp-timeout-send",
    };
    crate::t!(id, secs = secs.as_str())
}

/// Everything needed to open one route.
#[derive(Clone)]
pub(crate) struct RoutePlan {
    pub route: Route,
    pub addrs: Vec<SocketAddr>,
    pub connector: TlsConnector,
    pub ehlo_name: String,
    pub runner: StageRunner,
}

/// Connects and brings the route to "ready for AUTH": TLS up and capabilities known.
pub(crate) async fn open(plan: &RoutePlan) -> Result<Connection, CheckFailure> {
    let runner = &plan.runner;
    let host = plan.route.host.as_str();
    let tcp = runner
        .run(Stage::Connect, async {
            let (tcp, addr, failed) = connect_any(&plan.addrs).await?;
            let mut detail = crate::t!("smtp-connected-to", address = describe_addr(addr));
            for (addr, error) in failed {
                detail.push_str(&crate::t!(
                    "smtp-connect-also-failed",
                    address = describe_addr(addr),
                    detail = error.detail
                ));
            }
            Ok(Passed::new(tcp).detail(detail))
        })
        .await?;
    let sink = runner.sink.clone();
    let mut conn = match plan.route.tls {
        TlsMode::Implicit => {
            runner
                .run(Stage::Tls, async {
                    let tls = handshake(&plan.connector, host, tcp).await?;
                    let conn =
                        Connection::new(Stream::Tls(Box::new(tls)), plan.route.clone(), sink);
                    let detail = conn.tls_summary().unwrap_or_default();
                    Ok(Passed::new(conn).detail(detail))
                })
                .await?
        }
        TlsMode::Starttls => Connection::new(Stream::Plain(tcp), plan.route.clone(), sink),
    };
    // A STARTTLS route that hears no greeting may have reached an implicit-TLS port: a probe
    // beside the wait tells the two apart, so the verdict still comes within the bound.
    let probe_grace = match plan.route.tls {
        TlsMode::Starttls => PROBE_GRACE,
        TlsMode::Implicit => Duration::ZERO,
    };
    runner
        .run_extended(Stage::Greeting, probe_grace, async {
            let reply = match plan.route.tls {
                TlsMode::Implicit => conn.read_reply().await?,
                TlsMode::Starttls => {
                    greeting_or_wrong_mode(plan, &mut conn, runner.stage_bound()).await?
                }
            };
            if reply.code != 220 {
                return Err(StepError::reply(reply));
            }
            Ok(Passed::new(()).reply(reply))
        })
        .await?;
    runner
        .run(Stage::Ehlo, async {
            let reply = conn.ehlo(&plan.ehlo_name).await?;
            let detail = crate::t!(
                "smtp-server-offers",
                capabilities = conn.capabilities.join(", ")
            );
            Ok(Passed::new(()).reply(reply).detail(detail))
        })
        .await?;
    if plan.route.tls == TlsMode::Starttls {
        conn = runner
            .run(Stage::Tls, async {
                if !conn.supports("STARTTLS") {
                    return Err(StepError::new(
                        FailureKind::Unsupported,
                        crate::t!("smtp-no-starttls"),
                    ));
                }
                let reply = conn.command("STARTTLS").await?;
                if reply.code != 220 {
                    return Err(StepError::reply(reply));
                }
                let mut tls = conn.upgrade_tls(&plan.connector, host).await?;
                tls.ehlo(&plan.ehlo_name).await?;
                let detail = tls.tls_summary().unwrap_or_default();
                Ok(Passed::new(tls).reply(reply).detail(detail))
            })
            .await?;
    }
    Ok(conn)
}

/// Waits for the greeting on a STARTTLS route. If none has come after a moment, a second
/// connection tries a TLS handshake: a port that completes one speaks implicit TLS and will
/// never greet a STARTTLS client. The verdict comes by the bound, or by the bound plus at
/// most [`PROBE_GRACE`] when the bound is too short for the probe.
async fn greeting_or_wrong_mode(
    plan: &RoutePlan,
    conn: &mut Connection,
    bound: Duration,
) -> Result<Reply, StepError> {
    let runner = &plan.runner;
    let by_deadline = bound < runner.limits.stage;
    let delay = PROBE_DELAY.min(bound / 3);
    // The probe gets at least PROBE_GRACE for its handshake; past the bound only when the
    // bound itself leaves it less (a TLS server answers a ClientHello in milliseconds).
    let grace = PROBE_GRACE.saturating_sub(bound.saturating_sub(delay));
    let budget = bound.saturating_sub(delay) + grace;
    let (addrs, connector, host) = (
        plan.addrs.clone(),
        plan.connector.clone(),
        plan.route.host.clone(),
    );
    let mut probe = AbortOnDrop(tokio::spawn(async move {
        tokio::time::sleep(delay).await;
        let handshake = async {
            let (tcp, _, _) = connect_any(&addrs).await.ok()?;
            handshake(&connector, &host, tcp).await.ok()
        };
        matches!(tokio::time::timeout(budget, handshake).await, Ok(Some(_)))
    }));
    let wrong_mode = || {
        StepError::new(
            FailureKind::WrongTlsMode,
            crate::t!("smtp-wrong-mode-implicit", port = plan.route.port),
        )
    };
    let greeting = tokio::time::timeout(bound, conn.read_reply());
    tokio::pin!(greeting);
    tokio::select! {
        read = &mut greeting => match read {
            Ok(reply) => reply,
            // The bound passed: the probe may still be finishing its handshake.
            Err(_) => match tokio::time::timeout(grace, &mut probe.0).await {
                Ok(Ok(true)) => Err(wrong_mode()),
                _ => Err(runner.timeout(Stage::Greeting, by_deadline)),
            },
        },
        confirmed = &mut probe.0 => match confirmed {
            Ok(true) => Err(wrong_mode()),
            // Not implicit TLS: keep waiting for the greeting until the bound.
            _ => match greeting.await {
                Ok(reply) => reply,
                Err(_) => Err(runner.timeout(Stage::Greeting, by_deadline)),
            },
        },
    }
}

/// A spawned task that is stopped when its owner is dropped.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// How far a failure got on its route, counting stages in the order the route runs them
/// (implicit TLS does TLS before the greeting, STARTTLS after EHLO).
pub(crate) fn progress(stage: Stage, tls: Option<TlsMode>) -> u8 {
    let order: &[Stage] = match tls {
        Some(TlsMode::Implicit) => &[
            Stage::Resolve,
            Stage::Connect,
            Stage::Tls,
            Stage::Greeting,
            Stage::Ehlo,
            Stage::Auth,
            Stage::Send,
        ],
        _ => &[
            Stage::Resolve,
            Stage::Connect,
            Stage::Greeting,
            Stage::Ehlo,
            Stage::Tls,
            Stage::Auth,
            Stage::Send,
        ],
    };
    order.iter().position(|s| *s == stage).unwrap_or(0) as u8
}

/// Happy eyeballs (RFC 8305): IPv6 and IPv4 addresses interleaved, the next attempt started
/// when one fails or after a short delay; the first connection wins, the rest are dropped.
async fn connect_any(
    addrs: &[SocketAddr],
) -> Result<(TcpStream, SocketAddr, Vec<(SocketAddr, StepError)>), StepError> {
    let ordered = interleave_families(addrs);
    let mut pending = ordered.into_iter();
    let mut attempts = JoinSet::new();
    let mut failed = Vec::new();
    loop {
        if let Some(addr) = pending.next() {
            attempts.spawn(async move { (addr, TcpStream::connect(addr).await) });
        } else if attempts.is_empty() {
            // Report the last address's error: usually IPv4, the one that matters.
            let (_, error) = failed
                .pop()
                .ok_or_else(|| StepError::new(FailureKind::Dns, crate::t!("smtp-no-addresses")))?;
            let mut error: StepError = error;
            if !failed.is_empty() {
                let others: Vec<String> = failed
                    .iter()
                    .map(|(a, e)| format!("{}: {}", describe_addr(*a), e.detail))
                    .collect();
                error.detail = crate::t!(
                    "smtp-also-tried",
                    detail = error.detail.as_str(),
                    others = others.join("; ")
                );
            }
            return Err(error);
        }
        let delay = tokio::time::sleep(NEXT_ATTEMPT_DELAY);
        tokio::select! {
            Some(joined) = attempts.join_next() => {
                if let Ok((addr, result)) = joined {
                    match result {
                        Ok(tcp) => {
                            let _ = tcp.set_nodelay(true);
                            return Ok((tcp, addr, failed));
                        }
                        Err(error) => failed.push((addr, classify_io(error))),
                    }
                }
            }
            _ = delay, if pending.len() > 0 => {}
        }
    }
}

fn interleave_families(addrs: &[SocketAddr]) -> Vec<SocketAddr> {
    let (v6, v4): (Vec<SocketAddr>, Vec<SocketAddr>) = addrs.iter().partition(|a| a.is_ipv6());
    let mut ordered = Vec::with_capacity(addrs.len());
    let (mut v6, mut v4) = (v6.into_iter(), v4.into_iter());
    loop {
        match (v6.next(), v4.next()) {
            (None, None) => return ordered,
            (a, b) => ordered.extend(a.into_iter().chain(b)),
        }
    }
}

fn describe_addr(addr: SocketAddr) -> String {
    let family = if addr.is_ipv6() { "IPv6" } else { "IPv4" };
    format!("{addr} ({family})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaves_ipv6_first() {
        let addrs: Vec<SocketAddr> = ["1.1.1.1:1", "2.2.2.2:1", "[::1]:1", "[::2]:1"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let ordered: Vec<String> = interleave_families(&addrs)
            .iter()
            .map(|a| a.to_string())
            .collect();
        assert_eq!(ordered, ["[::1]:1", "1.1.1.1:1", "[::2]:1", "2.2.2.2:1"]);
    }
}
