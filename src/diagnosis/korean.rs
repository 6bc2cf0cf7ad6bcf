//! Korean wrappers of the usual errors, each with its English original.
//!
//! A Korean paste is read as its English original would be: the symptom keeps the English text
//! of every Korean wrapper it contains beside the pasted text, and the one rule table reads
//! both. So a Korean wrapper leads to the same cause as its English counterpart, and the SMTP
//! reply inside (Gmail answers in English) decides first, as it does for English text. A
//! wrapper whose English original says nothing by itself (PHPMailer's "Could not
//! authenticate", .NET's "Failure sending mail") stays unknown in Korean too.
//!
//! Every row is a text found in a real source, named in `source`. Korean spacing varies
//! (people retype errors, terminals wrap them), so `key` is matched with all whitespace
//! removed on both sides.

/// One Korean message and what it stands for.
#[derive(Debug)]
#[cfg_attr(
    not(test),
    expect(
        dead_code,
        reason = "`text` and `source` are the record of each row, checked by its tests"
    )
)]
pub(super) struct Wrapper {
    /// The message as its source has it, normalized (lowercase, single spaces).
    pub(super) text: &'static str,
    /// The part of `text` looked for: long enough to be this message only.
    pub(super) key: &'static str,
    /// The English original of `text`, normalized: what the rules read in its place.
    pub(super) english: &'static str,
    /// Where the Korean text was found.
    pub(super) source: &'static str,
}

const fn row(
    text: &'static str,
    key: &'static str,
    english: &'static str,
    source: &'static str,
) -> Wrapper {
    Wrapper {
        text,
        key,
        english,
        source,
    }
}

pub(super) const WRAPPERS: &[Wrapper] = &[
    // ---- Windows Sockets messages on Korean Windows (FormatMessage), as Python prints them
    // after `[WinError N]`, .NET after `SocketException:` and Java and Rust in their own way.
    // WSAECONNREFUSED (10061).
    row(
        "대상 컴퓨터에서 연결을 거부했으므로 연결하지 못했습니다",
        "연결을 거부했으므로",
        "no connection could be made because the target machine actively refused it.",
        "https://github.com/SJang1/korea-covid-19-remaining-vaccine-macro/issues/370; \
         Korean blog post on Django's password-reset mail (find_string id 23448976584)",
    ),
    // WSAETIMEDOUT (10060).
    row(
        "연결된 구성원으로부터 응답이 없어 연결하지 못했거나, 호스트로부터 응답이 없어 연결이 끊어졌습니다",
        "응답이 없어 연결하지 못했거나",
        "a connection attempt failed because the connected party did not properly respond \
         after a period of time, or established connection failed because connected host has \
         failed to respond.",
        "https://github.com/SJang1/korea-covid-19-remaining-vaccine-macro/issues/84; \
         stjeong/docs.ko-kr consuming-odata-feeds-from-a-workflow.md",
    ),
    // WSAECONNRESET (10054).
    row(
        "현재 연결은 원격 호스트에 의해 강제로 끊겼습니다",
        "원격 호스트에 의해 강제로 끊겼습니다",
        "an existing connection was forcibly closed by the remote host.",
        "https://github.com/idealo/image-super-resolution/issues/38",
    ),
    // WSAENETUNREACH (10051).
    row(
        "연결할 수 없는 네트워크에서 소켓 작업을 시도했습니다",
        "연결할 수 없는 네트워크",
        "a socket operation was attempted to an unreachable network.",
        "Prisma on Korean Windows, `(os error 10051)` (find_string id 5789122427)",
    ),
    // WSAEHOSTUNREACH (10065).
    row(
        "연결할 수 없는 호스트로 소켓 작업을 시도했습니다",
        "연결할 수 없는 호스트",
        "a socket operation was attempted to an unreachable host.",
        "Python `OSError('[WinError 10065] …')` (find_string id 57934638588)",
    ),
    // WSAHOST_NOT_FOUND (11001).
    row(
        "알려진 호스트가 없습니다",
        "알려진 호스트가 없습니다",
        "no such host is known.",
        ".NET SocketException (find_string id 23963263638); java.net.UnknownHostException \
         (find_string id 38449988314)",
    ),
    // WSAECONNABORTED (10053): this machine's own software, not the server.
    row(
        "현재 연결은 사용자의 호스트 시스템의 소프트웨어의 의해 중단되었습니다",
        "호스트 시스템의 소프트웨어의 의해 중단되었습니다",
        "an established connection was aborted by the software in your host machine.",
        "Python `ConnectionAbortedError: [WinError 10053]` (find_string id 34571783122)",
    ),
    // ---- .NET Framework's Korean resources (System.dll), as SmtpClient and WebRequest throw
    // them.
    // SmtpException for a 530 or 5.7.x refusal: "The SMTP server requires a secure connection
    // or the client was not authenticated. The server response was: {reply}".
    row(
        "smtp 서버에 보안 연결이 필요하거나 클라이언트가 인증되지 않았습니다. 서버 응답:",
        "보안 연결이 필요하거나 클라이언트가 인증되지 않았습니다",
        "the smtp server requires a secure connection or the client was not authenticated. \
         the server response was:",
        "zelanko/sql-docs.ko-kr docs/reporting-services/subscriptions/\
         monitor-reporting-services-subscriptions.md (Reporting Services log)",
    ),
    // SmtpException: "Failure sending mail."
    row(
        "메일을 보내지 못했습니다.",
        "메일을 보내지 못했습니다",
        "failure sending mail.",
        "Microsoft's Korean ASP.NET Web Pages troubleshooting guide, quoting the \
         SmtpClient errors (find_string id 31931562834)",
    ),
    // SmtpFailedRecipientException: "Mailbox unavailable. The server response was: {reply}".
    row(
        "사서함을 사용할 수 없습니다. 서버 응답:",
        "사서함을 사용할 수 없습니다. 서버 응답",
        "mailbox unavailable. the server response was:",
        "Microsoft's Korean ASP.NET Web Pages troubleshooting guide (find_string id \
         31931562834)",
    ),
    // WebException, ConnectFailure: "Unable to connect to the remote server".
    row(
        "원격 서버에 연결할 수 없습니다.",
        "원격 서버에 연결할 수 없습니다",
        "unable to connect to the remote server",
        "stjeong/docs.ko-kr consuming-odata-feeds-from-a-workflow.md (`System.Net.WebException: \
         원격 서버에 연결할 수 없습니다. ---> System.Net.Sockets.SocketException: …`); \
         PowerShell's Invoke-WebRequest (find_string id 17151429476)",
    ),
    // WebException, Timeout: "The operation has timed out."
    row(
        "작업 시간을 초과했습니다.",
        "작업 시간을 초과했습니다",
        "the operation has timed out.",
        "a Korean watchdog log, `\"wstat\": \"Timeout\", \"err\": \"작업 시간을 초과했습니다.\"` \
         (find_string id 61138747838); a Delphi client retrying on it (find_string id \
         54847304041)",
    ),
    // ---- glibc's Korean strerror and gai_strerror texts (po/ko.po), as Python, curl and Java
    // print them on a Korean Linux: `[Errno 111] 연결이 거부됨`.
    row(
        "연결이 거부됨",
        "연결이 거부됨",
        "connection refused",
        "glibc po/ko.po (Debian libc-l10n 2.36, libc.mo); pasted: `URLError: <urlopen error \
         [Errno 111] 연결이 거부됨>` (find_string id 23377667022), `curl: (7) Failed to \
         connect to HOST_NAME port 9200: 연결이 거부됨` (find_string id 8856911574)",
    ),
    row(
        "연결 시간 초과",
        "연결 시간 초과",
        "connection timed out",
        "glibc po/ko.po (Debian libc-l10n 2.36, libc.mo)",
    ),
    row(
        "네트워크가 접근 불가능합니다",
        "네트워크가 접근 불가능합니다",
        "network is unreachable",
        "glibc po/ko.po (Debian libc-l10n 2.36, libc.mo)",
    ),
    row(
        "호스트로 갈 루트가 없음",
        "호스트로 갈 루트가 없음",
        "no route to host",
        "glibc po/ko.po (Debian libc-l10n 2.36, libc.mo)",
    ),
    row(
        "상대편이 연결을 끊음",
        "상대편이 연결을 끊음",
        "connection reset by peer",
        "glibc po/ko.po (Debian libc-l10n 2.36, libc.mo)",
    ),
    row(
        "이름 혹은 서비스를 알 수 없습니다",
        "이름 혹은 서비스를 알 수 없습니다",
        "name or service not known",
        "glibc po/ko.po (Debian libc-l10n 2.36, libc.mo); pasted: `java.net.\
         UnknownHostException: 149-MFT2-KJW: 이름 혹은 서비스를 알 수 없습니다` (find_string \
         id 45104813081), `sudo: … 호스트를 해석할 수 없습니다: 이름 혹은 서비스를 알 수 \
         없습니다` (find_string id 7118047173)",
    ),
    row(
        "name resolution에서 일시적인 실패",
        "name resolution에서 일시적인 실패",
        "temporary failure in name resolution",
        "glibc po/ko.po (Debian libc-l10n 2.36, libc.mo)",
    ),
    row(
        "호스트이름과 대응되는 주소가 없음",
        "호스트이름과 대응되는 주소가 없음",
        "no address associated with hostname",
        "glibc po/ko.po (Debian libc-l10n 2.36, libc.mo)",
    ),
    // ---- PHPMailer's Korean language pack, every SMTP message (English originals from
    // PHPMailer::setLanguage's defaults in src/PHPMailer.php).
    row(
        "smtp 오류: 인증할 수 없습니다.",
        "smtp 오류: 인증할 수 없습니다",
        "smtp error: could not authenticate.",
        "PHPMailer/PHPMailer language/phpmailer.lang-ko.php ($PHPMAILER_LANG['authenticate'])",
    ),
    row(
        "smtp 오류: smtp 호스트에 접속할 수 없습니다.",
        "smtp 호스트에 접속할 수 없습니다",
        "smtp error: could not connect to smtp host.",
        "PHPMailer/PHPMailer language/phpmailer.lang-ko.php ($PHPMAILER_LANG['connect_host'])",
    ),
    row(
        "smtp 오류: 데이터가 받아들여지지 않았습니다.",
        "smtp 오류: 데이터가 받아들여지지 않았습니다",
        "smtp error: data not accepted.",
        "PHPMailer/PHPMailer language/phpmailer.lang-ko.php \
         ($PHPMAILER_LANG['data_not_accepted'])",
    ),
    row(
        "smtp 연결을 실패하였습니다.",
        "smtp 연결을 실패하였습니다",
        "smtp connect() failed.",
        "PHPMailer/PHPMailer language/phpmailer.lang-ko.php \
         ($PHPMAILER_LANG['smtp_connect_failed'])",
    ),
    row(
        "smtp 오류: 다음 수신자에서 오류가 발생했습니다:",
        "smtp 오류: 다음 수신자에서 오류가 발생했습니다",
        "smtp error: the following recipients failed:",
        "PHPMailer/PHPMailer language/phpmailer.lang-ko.php \
         ($PHPMAILER_LANG['recipients_failed'])",
    ),
    row(
        "다음 from 주소에서 오류가 발생했습니다:",
        "다음 from 주소에서 오류가 발생했습니다",
        "the following from address failed:",
        "PHPMailer/PHPMailer language/phpmailer.lang-ko.php ($PHPMAILER_LANG['from_failed'])",
    ),
    row(
        "smtp 서버 오류:",
        "smtp 서버 오류:",
        "smtp server error:",
        "PHPMailer/PHPMailer language/phpmailer.lang-ko.php ($PHPMAILER_LANG['smtp_error'])",
    ),
    // ---- Google's own Korean pages, as people paste them: the sign-in refusal for an OAuth
    // app in testing ("… has not completed the Google verification process").
    row(
        "액세스 차단됨: always plan은(는) google 인증 절차를 완료하지 않았습니다",
        "google 인증 절차를 완료하지 않았습니다",
        "has not completed the google verification process",
        "Google's sign-in page in Korean, pasted with `403 오류: access_denied` (find_string \
         id 29376125286; also id 56041444967)",
    ),
];

/// The text without any whitespace: how Korean keys are compared.
pub(super) fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The wrappers whose key `compact_text` (a normalized text, compacted) contains.
pub(super) fn wrappers_in(compact_text: &str) -> Vec<&'static Wrapper> {
    WRAPPERS
        .iter()
        .filter(|wrapper| compact_text.contains(&compact(wrapper.key)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::rules::classify;
    use super::super::symptom::{Symptom, normalize};
    use super::super::{Cause, Evidence, diagnose};
    use super::*;

    #[test]
    fn rows_are_normalized_keyed_and_sourced() {
        for wrapper in WRAPPERS {
            assert_eq!(normalize(wrapper.text), wrapper.text);
            assert_eq!(normalize(wrapper.key), wrapper.key);
            assert_eq!(normalize(wrapper.english), wrapper.english);
            assert!(
                compact(wrapper.text).contains(&compact(wrapper.key)),
                "{} is not in {}",
                wrapper.key,
                wrapper.text
            );
            assert!(
                wrapper.key.chars().count() >= 6 && !wrapper.source.is_empty(),
                "{wrapper:?}"
            );
            assert!(
                wrapper.key.chars().any(|c| ('가'..='힣').contains(&c)),
                "{wrapper:?}"
            );
        }
    }

    #[test]
    fn keys_are_distinct_and_do_not_contain_each_other() {
        for (i, a) in WRAPPERS.iter().enumerate() {
            for b in &WRAPPERS[i + 1..] {
                let (a, b) = (compact(a.key), compact(b.key));
                assert!(!a.contains(&b) && !b.contains(&a), "{a} / {b}");
            }
        }
    }

    /// The point of the table: a Korean text means what its English original means.
    #[test]
    fn each_korean_text_diagnoses_as_its_english_original() {
        for wrapper in WRAPPERS {
            let korean = classify(&Symptom::from_text(wrapper.text)).map(|m| m.cause);
            let english = classify(&Symptom::from_text(wrapper.english)).map(|m| m.cause);
            assert_eq!(korean, english, "{}", wrapper.text);
        }
    }

    #[test]
    fn the_reply_inside_decides_first() {
        let cause = |text: &str| classify(&Symptom::from_text(text)).map(|m| m.cause);
        assert_eq!(
            cause(
                "SMTP 오류: SMTP 호스트에 접속할 수 없습니다. 연결 시간 초과\n\
                 535 5.7.8 Username and Password not accepted."
            ),
            Some(Cause::BadCredentials)
        );
        assert_eq!(cause("SMTP 오류: 인증할 수 없습니다."), None);
    }

    /// A long paste is cut to the line the cause was read from, found by its Korean words.
    #[test]
    fn evidence_starts_at_the_korean_line() {
        let noise = "DEBUG opening smtp.gmail.com\n".repeat(30);
        let text = format!(
            "{noise}ConnectionRefusedError: [WinError 10061] 대상 컴퓨터에서 연결을 거부했으므로 \
             연결하지 못했습니다"
        );
        let diagnosis = diagnose(Evidence::Text(&text));
        assert_eq!(diagnosis.cause, Cause::ConnectionRefused);
        let evidence = diagnosis.evidence.unwrap();
        assert!(
            evidence.starts_with("ConnectionRefusedError: [WinError 10061] 대상 컴퓨터에서"),
            "{evidence}"
        );
    }

    #[test]
    fn spacing_does_not_matter() {
        let found = wrappers_in(&compact(&normalize(
            "대상컴퓨터에서 연결을\n거부했으므로 연결하지 못했습니다",
        )));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].key, "연결을 거부했으므로");
    }
}
