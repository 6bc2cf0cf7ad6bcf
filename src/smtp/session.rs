//! A session that stays open after AUTH, for the relay: the app's own MAIL, RCPT and DATA,
//! each bounded in time, with the server's reply returned as it came so the app sees Gmail's
//! code, enhanced code and text. Opening it is a whole check (every route, each stage
//! bounded); what it sends afterwards goes on the route that check chose.

use super::check::{CheckOptions, Success, open_logged_in};
use super::connection::{Connection, StepError};
use super::event::{CheckFailure, Route};
use super::message::dot_stuffed;
use super::reply::Reply;
use super::{Credential, EventSink};
use std::time::{Duration, Instant};

/// How fast DATA is assumed to go at the slowest before its wait ends: 256 KiB/s on top of
/// the stage bound, so a 35 MB message gets about 2.5 minutes and a small one the bound.
const SLOWEST_UPLOAD: u64 = 256 * 1024;

/// A logged-in connection.
pub struct Session {
    conn: Connection,
    route: Route,
    stage_timeout: Duration,
    last_used: Instant,
    closed: bool,
}

/// The connection broke (closed, reset, timed out, or not SMTP) before a reply came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lost {
    pub detail: String,
}

impl From<StepError> for Lost {
    fn from(error: StepError) -> Lost {
        Lost {
            detail: error.detail,
        }
    }
}

impl Session {
    /// Connects and logs in as `check` does; the failure is a check's, ready for diagnosis.
    pub async fn open(
        options: &CheckOptions,
        credential: &Credential,
        sink: &EventSink,
    ) -> Result<(Session, Success), CheckFailure> {
        let (success, conn) = open_logged_in(options, credential, sink).await?;
        Ok((
            Session {
                conn,
                route: success.route.clone(),
                stage_timeout: options.stage_timeout,
                last_used: Instant::now(),
                closed: false,
            },
            success,
        ))
    }

    pub fn route(&self) -> &Route {
        &self.route
    }

    /// An EHLO keyword the server offered (`SIZE`, `8BITMIME`, `SMTPUTF8`…).
    pub fn supports(&self, keyword: &str) -> bool {
        self.conn.supports(keyword)
    }

    /// False once the connection broke or the server said it closes it (421).
    pub fn is_usable(&self) -> bool {
        !self.closed
    }

    /// Whether the session can take the next message: not broken, and the server has not
    /// closed it or spoken out of turn while it was idle.
    pub async fn still_open(&mut self) -> bool {
        if !self.closed && self.conn.spoke_unasked().await {
            self.closed = true;
        }
        !self.closed
    }

    /// How long since the last command.
    pub fn idle_for(&self) -> Duration {
        self.last_used.elapsed()
    }

    /// One command line (no CR or LF inside) and its reply, within the stage bound.
    pub async fn command(&mut self, line: &str) -> Result<Reply, Lost> {
        if line.contains(['\r', '\n']) {
            return Err(Lost {
                detail: crate::t!("smtp-command-has-line-break"),
            });
        }
        let bound = self.stage_timeout;
        let result = tokio::time::timeout(bound, self.conn.command(line)).await;
        self.settle(result, bound)
    }

    /// The message (as the app sent it, dot-unstuffed) after a 354, and the final reply.
    pub async fn data(&mut self, message: &[u8]) -> Result<Reply, Lost> {
        let stuffed = dot_stuffed(message);
        let bound = self.stage_timeout + Duration::from_secs(stuffed.len() as u64 / SLOWEST_UPLOAD);
        let result = tokio::time::timeout(bound, self.conn.send_data(&stuffed)).await;
        self.settle(result, bound)
    }

    fn settle(
        &mut self,
        result: Result<Result<Reply, StepError>, tokio::time::error::Elapsed>,
        bound: Duration,
    ) -> Result<Reply, Lost> {
        self.last_used = Instant::now();
        let outcome = match result {
            Ok(Ok(reply)) => Ok(reply),
            Ok(Err(error)) => Err(Lost::from(error)),
            Err(_) => Err(Lost {
                detail: crate::t!("smtp-no-answer-within", secs = bound.as_secs()),
            }),
        };
        match &outcome {
            Ok(reply) if reply.code == 421 => self.closed = true,
            Ok(_) => {}
            Err(_) => self.closed = true,
        }
        outcome
    }

    /// Says goodbye, waiting at most two seconds.
    pub async fn quit(mut self) {
        if !self.closed {
            let _ = tokio::time::timeout(Duration::from_secs(2), self.conn.command("QUIT")).await;
        }
    }
}
