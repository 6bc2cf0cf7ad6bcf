//! The engine's own texts (locales/*/engine.ftl) come out in Korean with their placeholders
//! filled, and in English as the engine always wrote them.

use super::*;

fn ko(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    text_in(Lang::Ko, id, args)
}

fn en(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    text_in(Lang::En, id, args)
}

#[test]
fn stage_names_and_timeouts_in_korean() {
    assert_eq!(ko("stage-connect", &[]), "연결");
    assert_eq!(ko("stage-send", &[]), "전송");
    assert_eq!(ko("tls-mode-implicit", &[]), "암시적 TLS");
    assert_eq!(
        ko("smtp-timeout-ehlo", &[("secs", Arg::from("10"))]),
        "서버가 10초 안에 EHLO에 응답하지 않았습니다."
    );
    assert_eq!(
        en(
            "smtp-timeout-connect-port",
            &[("secs", Arg::from("10")), ("port", Arg::from(587u16))]
        ),
        "No connection within 10 s: something is dropping traffic to port 587 (cloud hosts and \
         some networks block outgoing mail ports)."
    );
    let refused = ko(
        "relay-refused-for",
        &[
            ("stage", Arg::from("AUTH")),
            ("account", Arg::from("jane@gmail.com")),
            ("by", Arg::from("gmail")),
            ("reply", Arg::from("535 5.7.8 BadCredentials")),
        ],
    );
    assert_eq!(
        refused,
        "jane@gmail.com의 AUTH 단계에서 Gmail이 거부함: 535 5.7.8 BadCredentials"
    );
}

#[test]
fn errors_a_person_reads_in_korean() {
    assert_eq!(
        ko("address-domain", &[("domain", Arg::from("gmail"))]),
        "\"gmail\"은(는) 올바른 도메인이 아닙니다. gmail.com이나 example.org 같은 형태여야 합니다."
    );
    assert_eq!(
        ko("app-password-wrong-length", &[("found", Arg::from(12))]),
        "앱 비밀번호는 16자인데 12자가 입력되었습니다. Google 앱 비밀번호 페이지에서 4자씩 4묶음을 \
         모두 복사하세요."
    );
    assert_eq!(
        ko("keychain-missing", &[("user", Arg::from("jane@gmail.com"))]),
        "키체인에 jane@gmail.com의 비밀번호가 저장되어 있지 않습니다."
    );
    assert_eq!(
        ko(
            "header-control-characters",
            &[("field", Arg::from("subject"))]
        ),
        "제목에는 줄바꿈이나 제어 문자를 넣을 수 없습니다(메일 헤더를 몰래 추가하는 데 쓰일 수 \
         있습니다)."
    );
    let io = |lang, action| {
        text_in(
            lang,
            "index-io",
            &[
                ("action", Arg::from(action)),
                ("path", Arg::from("/x/accounts.toml")),
                ("error", Arg::from("denied")),
            ],
        )
    };
    assert_eq!(
        io(Lang::Ko, "lock"),
        "/x/accounts.toml을(를) 잠글 수 없습니다: denied"
    );
    assert_eq!(io(Lang::En, "lock"), "Cannot lock /x/accounts.toml: denied");
}

#[test]
fn english_plurals_and_spaces_are_as_before() {
    let relayed = |n: u64| {
        en(
            "relay-relayed",
            &[
                ("account", Arg::from("jane@gmail.com")),
                ("recipients", Arg::from(n)),
                ("bytes", Arg::from(512)),
                ("ms", Arg::from(40)),
                ("reply", Arg::from("250 2.0.0 OK")),
            ],
        )
    };
    assert_eq!(
        relayed(1),
        "Relayed through jane@gmail.com: 1 recipient, 512 bytes, 40 ms — Gmail: 250 2.0.0 OK"
    );
    assert!(relayed(2).contains(": 2 recipients, "));
    assert_eq!(
        en("app-password-symbols", &[("count", Arg::from(1))]),
        "1 symbol or accented letter"
    );
    assert_eq!(
        en("keychain-hint-on-session-bus", &[]),
        " on the D-Bus session bus"
    );
    assert_eq!(
        ko("app-password-digits", &[("count", Arg::from(3))]),
        "숫자 3개"
    );
}
