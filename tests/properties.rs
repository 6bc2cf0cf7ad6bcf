//! Any input is survivable: property tests over everything that reads text from outside —
//! pasted errors, server replies (as bytes off the wire), addresses, app passwords, server
//! arguments, OAuth client files, keychain entries and the account index file. None of them
//! may panic, and what they return keeps its promises (one redacted line of evidence, a
//! reply code in range, inert text free of control characters), and the relay answers any
//! bytes an app sends with reply lines.
//!
//! `SMTP_SETUP_FUZZ_CASES` sets the number of cases per property (1,000 by default here);
//! `scripts/fuzz` runs them with 100,000 each in a release build.

use proptest::prelude::*;
use smtp_setup::accounts::IndexFile;
use smtp_setup::address::{EmailAddress, HeaderText};
use smtp_setup::app_password::AppPassword;
use smtp_setup::diagnosis::{Diagnosis, Evidence, diagnose};
use smtp_setup::oauth::{Grant, OAuthClient, OAuthError};
use smtp_setup::secret::Secret;
use smtp_setup::smtp::reply::{MAX_LINE, Reply, ReplyAssembler};
use smtp_setup::smtp::{CheckFailure, FailureKind, Route, Stage, TlsMode, parse_server};
use smtp_setup::untrusted::{inert, is_unsafe};

fn cases() -> u32 {
    std::env::var("SMTP_SETUP_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        // A failure is shrunk, but not for long: the first counterexample is what matters.
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    }
}

/// Text built from the pieces the parsers look for, in every script people paste in:
/// reply codes, enhanced codes, challenges, AUTH lines, client prefixes, quotes, escapes,
/// multi-byte arrows and box drawing, Hangul, control characters, and any char at all.
fn pasted_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        "[0-9. -]{1,6}",
        Just("535".to_string()),
        Just("-5.7.8 ".to_string()),
        Just("534 5.7.9 ".to_string()),
        Just("334 ".to_string()),
        Just("eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIn0=".to_string()),
        Just("AUTH PLAIN ".to_string()),
        Just("auth xoauth2 ".to_string()),
        Just("AHVzZXIAcGFzcw==".to_string()),
        Just("→ ".to_string()),
        Just("└── ".to_string()),
        Just("C: ".to_string()),
        Just("send: '".to_string()),
        Just("b'".to_string()),
        Just("\\n".to_string()),
        Just("\\".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("’“".to_string()),
        Just("비밀번호 오류 ".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("Username and Password not accepted".to_string()),
        Just("certificate has expired".to_string()),
        Just("(535, ".to_string()),
        Just("Error: Invalid login: ".to_string()),
    ];
    prop::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat())
}

fn assert_sound(diagnosis: &Diagnosis) {
    assert!(!diagnosis.title.is_empty());
    assert!(!diagnosis.steps.is_empty());
    if let Some(evidence) = &diagnosis.evidence {
        assert!(evidence.chars().count() <= 500, "{evidence:?}");
        assert!(!evidence.contains('\n'), "{evidence:?}");
    }
}

/// Splits bytes as the connection reads them: up to and including each `\n`, at most
/// `MAX_LINE` bytes at a time.
fn wire_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let end = rest
            .iter()
            .take(MAX_LINE)
            .position(|b| *b == b'\n')
            .map_or(rest.len().min(MAX_LINE), |at| at + 1);
        let (line, tail) = rest.split_at(end);
        lines.push(line);
        rest = tail;
    }
    lines
}

proptest! {
    #![proptest_config(config())]

    /// Any address the parser accepts and any secret render for every stack, and the secret
    /// appears only inline; any filter text is survivable.
    #[test]
    fn every_export_takes_any_address_and_secret(
        address in "[a-z0-9.'+_-]{1,20}@[a-z0-9-]{1,12}\\.[a-z]{2,6}",
        secret in any::<String>(),
        filter in any::<String>(),
        port in any::<u16>(),
        implicit in any::<bool>(),
    ) {
        if let Ok(address) = EmailAddress::parse(&address) {
            let record = smtp_setup::accounts::AccountRecord {
                address,
                display_name: None,
                provider: "gmail".into(),
                server: "smtp.gmail.com".into(),
                port,
                tls: if implicit { TlsMode::Implicit } else { TlsMode::Starttls },
                auth: smtp_setup::accounts::AuthMethod::AppPassword,
                created: std::time::SystemTime::UNIX_EPOCH,
                last_verified: None,
                last_test: None,
                signed_in: None,
                oauth_testing: None,
            };
            let secret = Secret::new(secret);
            for target in smtp_setup::export::TARGETS {
                let _ = target.matches(&filter);
                for mode in target.modes {
                    let snippet = smtp_setup::export::render(
                        target, &record, *mode, "smtp-setup", Some(&secret),
                    ).unwrap();
                    prop_assert!(!snippet.text.is_empty());
                }
            }
        }
    }

    #[test]
    fn diagnose_takes_any_pasted_text(text in pasted_text()) {
        assert_sound(&diagnose(Evidence::Text(&text)));
    }

    #[test]
    fn diagnose_takes_any_unicode(text in any::<String>()) {
        assert_sound(&diagnose(Evidence::Text(&text)));
    }

    #[test]
    fn login_payloads_never_reach_the_evidence(
        before in pasted_text(),
        after in pasted_text(),
        token in "[A-Za-z0-9+/]{16,40}={0,2}",
        mechanism in prop::sample::select(vec!["PLAIN", "LOGIN", "XOAUTH2", "plain"]),
    ) {
        let text = format!("{before}\nC: AUTH {mechanism} {token}\n{after}");
        let diagnosis = diagnose(Evidence::Text(&text));
        let evidence = diagnosis.evidence.unwrap_or_default();
        prop_assert!(!evidence.contains(&token), "{evidence:?}");
    }

    #[test]
    fn replies_off_the_wire_take_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..6000)) {
        let mut assembler = ReplyAssembler::default();
        for line in wire_lines(&bytes) {
            let (text, result) = assembler.push(line);
            prop_assert!(!text.contains('\n'));
            match result {
                Ok(Some(reply)) => {
                    prop_assert!((200..=599).contains(&reply.code));
                    prop_assert!(reply.lines.iter().all(|l| !l.contains('\n')));
                    let _ = reply.to_string();
                    assembler = ReplyAssembler::default();
                }
                Ok(None) => {}
                Err(_) => assembler = ReplyAssembler::default(),
            }
        }
    }

    #[test]
    fn reply_lines_and_failures_take_any_text(
        lines in prop::collection::vec(pasted_text(), 1..6),
        detail in pasted_text(),
    ) {
        let reply = Reply::parse(&lines);
        if let Some(reply) = &reply {
            prop_assert!((200..=599).contains(&reply.code));
        }
        for kind in [FailureKind::Reply, FailureKind::TlsHandshake, FailureKind::Timeout] {
            let failure = CheckFailure {
                stage: Stage::Auth,
                route: Some(Route { host: "smtp.gmail.com".into(), port: 587, tls: TlsMode::Starttls }),
                kind,
                reply: reply.clone(),
                detail: detail.clone(),
            };
            assert_sound(&diagnose(Evidence::Failure(&failure)));
        }
        let google = OAuthError::Google { code: detail.clone(), description: lines.first().cloned() };
        assert_sound(&diagnose(Evidence::OAuth(&google)));
        assert_sound(&diagnose(Evidence::OAuth(&OAuthError::Network(detail))));
    }

    #[test]
    fn inert_text_has_no_control_and_keeps_the_rest(text in any::<String>()) {
        let shown = inert(&text);
        prop_assert!(!shown.chars().any(|c| c != '\n' && is_unsafe(c)));
        if !text.chars().any(|c| c != '\n' && is_unsafe(c)) {
            prop_assert_eq!(shown.as_ref(), text.as_str());
        }
    }

    #[test]
    fn typed_fields_take_any_text(text in pasted_text(), other in any::<String>()) {
        for input in [&text, &other] {
            if let Ok(address) = EmailAddress::parse(input) {
                prop_assert!(!address.as_str().chars().any(|c| c.is_control() || c.is_whitespace()));
            }
            let _ = HeaderText::parse("subject", input);
            let _ = AppPassword::parse(input);
            if let Ok((host, _)) = parse_server(input) {
                prop_assert!(!host.is_empty());
            }
        }
    }

    #[test]
    fn files_and_keychain_entries_take_any_text(text in pasted_text(), json in json_like()) {
        for input in [&text, &json] {
            let _ = OAuthClient::from_json(input);
            let _ = Grant::from_keychain(&Secret::new(input.to_string()));
        }
    }
}

/// JSON-shaped text, so the client file and keychain parsers get past their first byte.
fn json_like() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        Just("\"x\"".to_string()),
        Just("null".to_string()),
        Just("1".to_string()),
        Just("{}".to_string()),
        Just("\"http://0.0.0.0/token\"".to_string()),
        "\"[^\"\\\\]{0,12}\"",
    ];
    let key = prop::sample::select(vec![
        "installed",
        "web",
        "client_id",
        "client_secret",
        "token_uri",
        "auth_uri",
        "refresh_token",
        "token_url",
        "auth_url",
    ]);
    prop::collection::vec((key, value), 0..6).prop_map(|fields| {
        let body: Vec<String> = fields.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        format!("{{\"installed\":{{{}}}}}", body.join(","))
    })
}

proptest! {
    // A file per case: fewer cases, as the index is read from disk.
    #![proptest_config(ProptestConfig { cases: cases().min(2000), ..config() })]

    #[test]
    fn the_account_index_file_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400), text in pasted_text()) {
        let dir = tempfile::tempdir().unwrap();
        let file = IndexFile::in_dir(dir.path().to_path_buf());
        for contents in [bytes, format!("[[account]]\naddress = \"{text}\"\n").into_bytes()] {
            std::fs::write(file.path(), &contents).unwrap();
            let _ = file.load();
        }
    }
}

/// One relay for every case, on its own runtime: apps' bytes go to it over TCP. Its Gmail is
/// a closed port, so anything that gets as far as a message ends in a prompt refusal.
fn relay_address() -> std::net::SocketAddr {
    use smtp_setup::relay::{RelayAccount, RelayConfig, UpstreamLogin};
    use std::sync::OnceLock;
    static RELAY: OnceLock<std::net::SocketAddr> = OnceLock::new();
    *RELAY.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let user = EmailAddress::parse("fuzz@gmail.com").unwrap();
                let mut options = smtp_setup::smtp::CheckOptions::new(
                    "localhost",
                    vec![(1, smtp_setup::smtp::TlsMode::Starttls)],
                    &[],
                )
                .unwrap();
                options.stage_timeout = std::time::Duration::from_secs(2);
                let handle = smtp_setup::relay::start(
                    RelayConfig {
                        listen: "127.0.0.1:0".parse().unwrap(),
                        require_login: true,
                        accounts: vec![RelayAccount {
                            address: user.clone(),
                            options,
                            login: UpstreamLogin::Password(
                                smtp_setup::smtp::Credential::Password {
                                    user,
                                    password: smtp_setup::secret::Secret::new("x".into()),
                                },
                            ),
                            relay_password: Some(smtp_setup::secret::Secret::new(
                                "relay-pass".into(),
                            )),
                        }],
                        ledger: None,
                        name: "fuzz.relay".into(),
                    },
                    std::sync::Arc::new(|_| {}),
                )
                .await
                .unwrap();
                tx.send(handle.address).unwrap();
                std::future::pending::<()>().await;
                drop(handle);
            });
        });
        rx.recv().unwrap()
    })
}

/// What an app might send: commands, broken commands, logins (one of them right), data.
fn smtp_session() -> impl Strategy<Value = Vec<u8>> {
    use base64::Engine;
    let plain = |user: &str, password: &str| {
        base64::engine::general_purpose::STANDARD.encode(format!("\0{user}\0{password}"))
    };
    let right = format!("AUTH PLAIN {}", plain("fuzz@gmail.com", "relay-pass"));
    let piece = prop_oneof![
        Just(b"EHLO app.example".to_vec()),
        Just(b"HELO x".to_vec()),
        Just(right.into_bytes()),
        Just(b"AUTH LOGIN".to_vec()),
        Just(b"AUTH PLAIN".to_vec()),
        Just(b"AUTH CRAM-MD5".to_vec()),
        Just(
            b"MAIL FROM:<fuzz@gmail.com> SIZE=99999999999999999999 BODY=8BITMIME SMTPUTF8".to_vec()
        ),
        Just(b"MAIL FROM:<>".to_vec()),
        Just(b"RCPT TO:<a@b.example>".to_vec()),
        Just(b"DATA".to_vec()),
        Just(b".".to_vec()),
        Just(b"RSET".to_vec()),
        Just(b"BDAT 10 LAST".to_vec()),
        Just(vec![b'A'; 5000]),
        "[A-Z]{1,8} [ -~]{0,40}".prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..300),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| {
        let mut out = pieces.join(&b"\r\n"[..]);
        out.extend_from_slice(b"\r\n.\r\nQUIT\r\n");
        out
    })
}

proptest! {
    // A TCP connection per case: fewer cases.
    #![proptest_config(ProptestConfig { cases: cases().min(5000), ..config() })]

    /// Any bytes an app sends get SMTP replies (never a panic, never anything but reply
    /// lines) and the connection ends: by QUIT, a closed line, or a refused login.
    #[test]
    fn the_relay_takes_any_bytes_from_an_app(session in smtp_session()) {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(relay_address()).unwrap();
        stream.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
        // Written from a thread: a relay answering as it reads cannot block us both.
        let mut writer = stream.try_clone().unwrap();
        let sending = std::thread::spawn(move || {
            let _ = writer.write_all(&session);
            let _ = writer.shutdown(std::net::Shutdown::Write);
        });
        let mut answer = Vec::new();
        let read = stream.read_to_end(&mut answer);
        sending.join().unwrap();
        prop_assert!(read.is_ok(), "the relay neither answered to the end nor closed: {read:?}");
        let text = String::from_utf8_lossy(&answer);
        prop_assert!(text.starts_with("220 "), "{text}");
        for line in text.split("\r\n").filter(|l| !l.is_empty()) {
            let code = line.get(..3).and_then(|c| c.parse::<u16>().ok());
            prop_assert!(code.is_some_and(|c| (200..600).contains(&c)), "not a reply line: {line:?}");
        }
    }
}
