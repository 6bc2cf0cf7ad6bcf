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

/// Runs stages for one route (or for none, at DNS), emitting started/passed/failed events.
#[derive(Clone)]
pub(crate) struct StageRunner {
    pub route: Option<Route>,
    pub sink: EventSink,
    pub timeout: Duration,
}

impl StageRunner {
    pub async fn run<T>(
        &self,
        stage: Stage,
        work: impl Future<Output = Result<Passed<T>, StepError>>,
    ) -> Result<T, CheckFailure> {
        self.emit(stage, StageStatus::Started, 0, None, None);
        let start = Instant::now();
        let result = match tokio::time::timeout(self.timeout, work).await {
            Ok(result) => result,
            Err(_) => Err(StepError::new(
                FailureKind::Timeout,
                timeout_detail(stage, self.timeout, self.route.as_ref()),
            )),
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
    let secs = timeout.as_secs_f32();
    let port = route.map_or(String::new(), |r| format!(" {}", r.port));
    match stage {
        Stage::Resolve => format!("The DNS lookup did not finish within {secs} s."),
        Stage::Connect => format!(
            "No connection within {secs} s: something is dropping traffic to port{port} \
             (cloud hosts and some networks block outgoing mail ports)."
        ),
        Stage::Greeting => {
            format!("The server accepted the connection but sent no greeting within {secs} s.")
        }
        Stage::Ehlo => format!("The server did not answer EHLO within {secs} s."),
        Stage::Tls => format!("The TLS handshake did not complete within {secs} s."),
        Stage::Auth => format!("The server did not answer the login within {secs} s."),
        Stage::Send => format!("The server did not accept the message within {secs} s."),
    }
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
            let mut detail = format!("Connected to {}", describe_addr(addr));
            for (addr, error) in failed {
                detail.push_str(&format!(
                    "; {} failed: {}",
                    describe_addr(addr),
                    error.detail
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
    runner
        .run(Stage::Greeting, async {
            let reply = conn.read_reply().await?;
            if reply.code != 220 {
                return Err(StepError::reply(reply));
            }
            Ok(Passed::new(()).reply(reply))
        })
        .await?;
    runner
        .run(Stage::Ehlo, async {
            let reply = conn.ehlo(&plan.ehlo_name).await?;
            let detail = format!("Server offers: {}", conn.capabilities.join(", "));
            Ok(Passed::new(()).reply(reply).detail(detail))
        })
        .await?;
    if plan.route.tls == TlsMode::Starttls {
        conn = runner
            .run(Stage::Tls, async {
                if !conn.supports("STARTTLS") {
                    return Err(StepError::new(
                        FailureKind::Unsupported,
                        "The server does not offer STARTTLS; refusing to send the password unencrypted.",
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
                .ok_or_else(|| StepError::new(FailureKind::Dns, "No addresses to connect to."))?;
            let mut error: StepError = error;
            if !failed.is_empty() {
                let others: Vec<String> = failed
                    .iter()
                    .map(|(a, e)| format!("{}: {}", describe_addr(*a), e.detail))
                    .collect();
                error.detail = format!("{} (also tried {})", error.detail, others.join("; "));
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
