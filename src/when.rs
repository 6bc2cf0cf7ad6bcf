//! Times as people read them: "3 min ago", "yesterday", and the exact time on request, in the
//! language of the moment (`*_in` takes the language, for tests and callers that need one).

use crate::i18n::{self, Arg, Lang};
use std::time::{Duration, SystemTime};

/// "just now", "5 min ago", "3 h ago", "2 days ago"; future times read as "just now".
pub fn ago(then: SystemTime, now: SystemTime) -> String {
    ago_in(i18n::current(), then, now)
}

/// [`ago`] in `lang`.
pub fn ago_in(lang: Lang, then: SystemTime, now: SystemTime) -> String {
    let secs = now.duration_since(then).unwrap_or(Duration::ZERO).as_secs();
    let count = |id, n: u64| i18n::text_in(lang, id, &[("count", Arg::from(n))]);
    match secs {
        0..=59 => i18n::text_in(lang, "when-just-now", &[]),
        60..=3599 => count("when-minutes-ago", secs / 60),
        3600..=86_399 => count("when-hours-ago", secs / 3600),
        86_400..=172_799 => i18n::text_in(lang, "when-yesterday", &[]),
        _ => count("when-days-ago", secs / 86_400),
    }
}

/// How long something took: "240 ms" under a second (where "0.2 s" reads like a rounding
/// error and "0.0 s" like a bug), "1.4 s" from there.
pub fn took(ms: u64) -> String {
    took_in(i18n::current(), ms)
}

/// [`took`] in `lang`.
pub fn took_in(lang: Lang, ms: u64) -> String {
    if ms < 1000 {
        i18n::text_in(lang, "when-took-ms", &[("ms", Arg::from(ms))])
    } else {
        // Formatted here, not by Fluent, so it always has its one decimal ("1.0 s").
        let secs = format!("{:.1}", ms as f64 / 1000.0);
        i18n::text_in(lang, "when-took-seconds", &[("secs", Arg::from(secs))])
    }
}

/// Time left, roughly: "about 6 days", "about 20 hours", "less than an hour", "ended".
pub fn left(left: Duration) -> String {
    left_in(i18n::current(), left)
}

/// [`left`] in `lang`.
pub fn left_in(lang: Lang, left: Duration) -> String {
    let secs = left.as_secs();
    let count = |id, n: u64| i18n::text_in(lang, id, &[("count", Arg::from(n))]);
    match secs {
        0 => i18n::text_in(lang, "when-ended", &[]),
        1..=3599 => i18n::text_in(lang, "when-less-than-an-hour", &[]),
        3600..=7199 => count("when-about-hours", 1),
        7200..=172_799 => count("when-about-hours", secs / 3600),
        _ => count("when-about-days", secs / 86_400),
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

    #[test]
    fn reads_in_korean() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(10_000_000);
        let before = |s| now - Duration::from_secs(s);
        assert_eq!(ago_in(Lang::Ko, before(5), now), "방금 전");
        assert_eq!(ago_in(Lang::Ko, before(180), now), "3분 전");
        assert_eq!(ago_in(Lang::Ko, before(7200), now), "2시간 전");
        assert_eq!(ago_in(Lang::Ko, before(90_000), now), "어제");
        assert_eq!(ago_in(Lang::Ko, before(900_000), now), "10일 전");
        assert_eq!(left_in(Lang::Ko, Duration::from_secs(3600)), "약 1시간");
        assert_eq!(left_in(Lang::Ko, Duration::from_secs(6 * 86_400)), "약 6일");
        assert_eq!(left_in(Lang::Ko, Duration::ZERO), "종료됨");
        assert_eq!(took_in(Lang::Ko, 240), "240ms");
        assert_eq!(took_in(Lang::Ko, 1400), "1.4초");
    }
}
