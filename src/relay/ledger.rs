//! What the relay sent, per account, in a small append-only file beside the account list
//! (`relay.log`): one line per message, so the account screen and `accounts list` can show
//! the last 24 hours against Gmail's daily limit and the last refusal, whichever process
//! ran the relay. Lines hold a time, the account, the outcome, the cause id and Gmail's
//! reply; never a message, a recipient or a secret.

use crate::diagnosis::Cause;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const LEDGER_FILE: &str = "relay.log";
/// Past this size the file is rewritten with the last two days only.
const PRUNE_AT: u64 = 2 << 20;
const DAY: Duration = Duration::from_secs(24 * 3600);

/// Serializes this process's appends and prunes (lines from other processes are each one
/// short `O_APPEND` write, which the kernel keeps whole).
static WRITING: Mutex<()> = Mutex::new(());

#[derive(Clone, Debug)]
pub struct Ledger {
    path: PathBuf,
}

/// One refusal as the account screen shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastFailure {
    pub time: SystemTime,
    pub reply: String,
    pub cause: Option<Cause>,
}

/// The account's relay history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Messages Gmail accepted through the relay in the last 24 hours.
    pub sent_24h: u32,
    pub last_failure: Option<LastFailure>,
}

impl Ledger {
    pub fn in_dir(dir: &Path) -> Ledger {
        Ledger {
            path: dir.join(LEDGER_FILE),
        }
    }

    /// Appends one message's outcome; a file that cannot be written costs only the count.
    pub fn record(&self, account: &str, sent: bool, cause: Option<Cause>, reply: &str) {
        let _guard = WRITING.lock().unwrap_or_else(|e| e.into_inner());
        let now = unix(SystemTime::now());
        let reply: String = reply
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(300)
            .collect();
        let line = format!(
            "{now}\t{account}\t{}\t{}\t{reply}\n",
            if sent { "sent" } else { "refused" },
            cause.map_or("-", Cause::id)
        );
        if let Some(dir) = self.path.parent() {
            let _ = fs::create_dir_all(dir);
        }
        if let Ok(mut file) = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
        {
            let _ = file.write_all(line.as_bytes());
            if file.metadata().is_ok_and(|m| m.len() > PRUNE_AT) {
                self.prune();
            }
        }
    }

    /// The last 24 hours of `account` (case-insensitive).
    pub fn summary(&self, account: &str) -> Summary {
        let Ok(text) = fs::read_to_string(&self.path) else {
            return Summary::default();
        };
        summarize(&text, account, SystemTime::now())
    }

    fn prune(&self) {
        let Ok(text) = fs::read_to_string(&self.path) else {
            return;
        };
        let keep_from = unix(SystemTime::now()).saturating_sub(2 * DAY.as_secs());
        let kept: String = text
            .lines()
            .filter(|l| parse(l).is_some_and(|e| e.time >= keep_from))
            .map(|l| format!("{l}\n"))
            .collect();
        let temporary = self.path.with_extension("log.tmp");
        if fs::write(&temporary, kept).is_ok() {
            let _ = fs::rename(&temporary, &self.path);
        }
    }
}

struct Entry<'a> {
    time: u64,
    account: &'a str,
    sent: bool,
    cause: Option<Cause>,
    reply: &'a str,
}

fn parse(line: &str) -> Option<Entry<'_>> {
    let mut fields = line.splitn(5, '\t');
    Some(Entry {
        time: fields.next()?.parse().ok()?,
        account: fields.next()?,
        sent: fields.next()? == "sent",
        cause: Cause::from_id(fields.next()?),
        reply: fields.next().unwrap_or(""),
    })
}

fn summarize(text: &str, account: &str, now: SystemTime) -> Summary {
    let since = unix(now).saturating_sub(DAY.as_secs());
    let mut summary = Summary::default();
    for entry in text.lines().filter_map(parse) {
        if !entry.account.eq_ignore_ascii_case(account) {
            continue;
        }
        if entry.sent && entry.time >= since {
            summary.sent_24h += 1;
        } else if !entry.sent {
            summary.last_failure = Some(LastFailure {
                time: UNIX_EPOCH + Duration::from_secs(entry.time),
                reply: entry.reply.to_string(),
                cause: entry.cause,
            });
        }
    }
    summary
}

fn unix(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_last_day_and_keeps_the_last_refusal() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000_000);
        let text = "\
1000000\tjane@gmail.com\tsent\t-\t250 2.0.0 OK
913599\tjane@gmail.com\tsent\t-\t250 2.0.0 OK
999999\tJANE@gmail.com\tsent\t-\t250 2.0.0 OK
999990\tjane@gmail.com\trefused\tsending_limit\t550 5.4.5 Daily user sending limit exceeded.
999999\tother@gmail.com\tsent\t-\t250 2.0.0 OK
garbage line
";
        let summary = summarize(text, "jane@gmail.com", now);
        assert_eq!(
            summary.sent_24h, 2,
            "one is older than 24 h, one is another account's"
        );
        let failure = summary.last_failure.unwrap();
        assert!(failure.reply.starts_with("550 5.4.5"));
    }
}
