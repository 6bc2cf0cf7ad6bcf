//! Times as people read them: "3 min ago", "yesterday", and the exact time on request.

use std::time::{Duration, SystemTime};

/// "just now", "5 min ago", "3 h ago", "2 days ago"; future times read as "just now".
pub fn ago(then: SystemTime, now: SystemTime) -> String {
    let secs = now.duration_since(then).unwrap_or(Duration::ZERO).as_secs();
    match secs {
        0..=59 => "just now".to_string(),
        60..=3599 => format!("{} min ago", secs / 60),
        3600..=86_399 => format!("{} h ago", secs / 3600),
        86_400..=172_799 => "yesterday".to_string(),
        _ => format!("{} days ago", secs / 86_400),
    }
}

/// How long something took: "240 ms" under a second (where "0.2 s" reads like a rounding
/// error and "0.0 s" like a bug), "1.4 s" from there.
pub fn took(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        format!("{:.1} s", ms as f64 / 1000.0)
    }
}

/// Time left, roughly: "about 6 days", "about 20 hours", "less than an hour", "ended".
pub fn left(left: Duration) -> String {
    let secs = left.as_secs();
    match secs {
        0 => "ended".to_string(),
        1..=3599 => "less than an hour".to_string(),
        3600..=7199 => "about 1 hour".to_string(),
        7200..=172_799 => format!("about {} hours", secs / 3600),
        _ => format!("about {} days", secs / 86_400),
    }
}

/// The exact time, UTC, to the second.
pub fn exact(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_reads_roughly() {
        assert_eq!(left(Duration::ZERO), "ended");
        assert_eq!(left(Duration::from_secs(59 * 60)), "less than an hour");
        assert_eq!(left(Duration::from_secs(20 * 3600)), "about 20 hours");
        assert_eq!(left(Duration::from_secs(6 * 86_400 + 5)), "about 6 days");
    }

    #[test]
    fn durations_read_without_zeroes() {
        assert_eq!(took(3), "3 ms");
        assert_eq!(took(999), "999 ms");
        assert_eq!(took(1000), "1.0 s");
        assert_eq!(took(12_345), "12.3 s");
    }

    #[test]
    fn reads_like_people_say_it() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(10_000_000);
        let before = |s| now - Duration::from_secs(s);
        assert_eq!(ago(before(5), now), "just now");
        assert_eq!(ago(before(300), now), "5 min ago");
        assert_eq!(ago(before(7200), now), "2 h ago");
        assert_eq!(ago(before(90_000), now), "yesterday");
        assert_eq!(ago(before(900_000), now), "10 days ago");
        assert_eq!(ago(now + Duration::from_secs(60), now), "just now");
        assert_eq!(exact(SystemTime::UNIX_EPOCH), "1970-01-01T00:00:00Z");
    }
}
