//! Sign in with Google end to end on 127.0.0.1: the local OAuth server, a simulated browser,
//! the loopback redirect, PKCE, the refresh token in the real keychain, and XOAUTH2 against
//! the Gmail-like SMTP server; then every way it fails, diagnosed.

pub mod support;

use smtp_setup::accounts::{AccountStore, IndexFile, NewSecret, Verification};
use smtp_setup::address::EmailAddress;
use smtp_setup::diagnosis::{Evidence, diagnose};
use smtp_setup::keychain::Keychain;
use smtp_setup::oauth::{Grant, OAuthClient, OAuthError, start_authorization};
use smtp_setup::smtp::{CheckOptions, Credential, TlsMode, ignore_events, run_check};
use std::time::Duration;
use support::browser::follow;
use support::gmail_server::{AccountMode, GmailServer, ServerConfig};
use support::oauth_server::{AuthorizeMode, OAuthConfig, OAuthServer};

const USER: &str = "jane@gmail.com";

struct Google {
    oauth: OAuthServer,
    smtp: GmailServer,
}

fn google(mode: AuthorizeMode) -> Google {
    let oauth = OAuthServer::start(OAuthConfig::default().with_mode(mode));
    let smtp = GmailServer::start(ServerConfig::with_account(
        USER,
        AccountMode::OAuthTokens(oauth.tokens.clone()),
    ));
    Google { oauth, smtp }
}

fn user() -> EmailAddress {
    EmailAddress::parse(USER).unwrap()
}

fn options(google: &Google) -> CheckOptions {
    let mut options = CheckOptions::new(
        "127.0.0.1",
        vec![(google.smtp.starttls_port(), TlsMode::Starttls)],
        std::slice::from_ref(&google.smtp.ca.file),
    )
    .unwrap();
    options.stage_timeout = Duration::from_secs(5);
    options
}

/// Runs the whole sign-in: the listener, the browser, the token exchange.
async fn sign_in(google: &Google) -> Result<Grant, OAuthError> {
    let client = OAuthClient::from_json(&google.oauth.client_json()).unwrap();
    let pending = start_authorization(&client, &user()).await?;
    assert!(
        pending.url().contains("code_challenge_method=S256"),
        "{}",
        pending.url()
    );
    assert!(pending.url().contains("access_type=offline"));
    assert!(pending.redirect_uri().starts_with("http://127.0.0.1:"));
    let url = pending.url().to_string();
    let browser = tokio::spawn(async move { follow(&url).await });
    let grant = pending.finish(Duration::from_secs(10)).await;
    let page = browser.await.unwrap();
    assert_eq!(
        page.status, 200,
        "the loopback answers the browser: {}",
        page.body
    );
    grant
}

async fn check_with(google: &Google, access_token: &str) -> &'static str {
    let credential = Credential::OAuth {
        user: user(),
        access_token: smtp_setup::secret::Secret::new(access_token.into()),
    };
    let report = run_check(&options(google), &credential, None, ignore_events()).await;
    match report.outcome {
        Ok(_) => "ok",
        Err(failure) => diagnose(Evidence::Failure(&failure)).cause.id(),
    }
}

fn store(name: &str) -> (AccountStore, tempfile::TempDir) {
    assert!(
        std::env::var_os("SMTP_SETUP_TEST_SESSION").is_some(),
        "the OAuth tests keep tokens in the keychain: run them with scripts/test"
    );
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore {
        index: IndexFile::in_dir(dir.path().to_path_buf()),
        keychain: Keychain::with_service(&format!("smtp-setup-test-oauth-{name}")),
    };
    (store, dir)
}

/// Saves the grant as the wizard and `oauth authorize` do: verified with XOAUTH2 first.
async fn save(store: &AccountStore, google: &Google, grant: Grant) -> smtp_setup::accounts::Saved {
    let verification = Verification::Check {
        options: &options(google),
        sink: ignore_events(),
    };
    store
        .save(&user(), NewSecret::OAuth(grant), verification)
        .await
        .unwrap()
}

#[tokio::test]
async fn sign_in_then_xoauth2_works_and_only_the_refresh_token_is_kept() {
    let google = google(AuthorizeMode::Grant);
    let grant = sign_in(&google).await.expect("signed in");
    let access = grant
        .access_token
        .clone()
        .expect("an access token came back");
    assert_eq!(check_with(&google, access.expose()).await, "ok");
    let requests = google.oauth.token_requests();
    assert!(
        requests
            .iter()
            .any(|r| r.grant_type == "authorization_code" && r.has_code_verifier)
    );

    let (store, _dir) = store("signin");
    let saved = save(&store, &google, grant).await;
    let stored = store.keychain.load(&user()).await.unwrap();
    assert!(stored.expose().contains("refresh_token"));
    assert!(
        !stored.expose().contains(access.expose()),
        "access tokens are not stored"
    );
    assert_eq!(saved.record.auth, smtp_setup::accounts::AuthMethod::OAuth);
    store.keychain.delete(&user()).await.unwrap();
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_before_use() {
    let google = google(AuthorizeMode::Grant);
    let grant = sign_in(&google).await.unwrap();
    let (store, _dir) = store("refresh");
    let saved = save(&store, &google, grant).await;
    google.oauth.expire_access_tokens();
    let credential = store.login(&saved.record).await.expect("refreshed");
    let report = run_check(&options(&google), &credential, None, ignore_events()).await;
    assert!(report.outcome.is_ok(), "{:?}", report.outcome);
    assert!(
        google
            .oauth
            .token_requests()
            .iter()
            .any(|r| r.grant_type == "refresh_token" && r.error.is_none())
    );

    // Revoked (or expired after 7 days in Testing): invalid_grant, diagnosed.
    google.oauth.revoke_refresh_tokens();
    let error = store.login(&saved.record).await.unwrap_err();
    assert_eq!(
        error.cause().map(|c| c.id()),
        Some("oauth_invalid_grant"),
        "{error}"
    );
    store.keychain.delete(&user()).await.unwrap();
}

#[tokio::test]
async fn a_failed_refresh_shows_as_failing_in_the_account_list() {
    let google = google(AuthorizeMode::Grant);
    let grant = sign_in(&google).await.unwrap();
    let (store, dir) = store("refresh-recorded");
    save(&store, &google, grant).await;
    google.oauth.revoke_refresh_tokens();
    let env = [
        (
            "SMTP_SETUP_CONFIG_DIR",
            Some(dir.path().to_str().unwrap().to_string()),
        ),
        (
            "SMTP_SETUP_KEYCHAIN_SERVICE",
            Some(store.keychain.service().to_string()),
        ),
    ];
    let env: Vec<(&str, Option<&str>)> = env.iter().map(|(k, v)| (*k, v.as_deref())).collect();
    // The test servers run on threads of their own, so waiting for the CLI here is fine.
    let ca = google.smtp.ca.file.to_str().unwrap();
    let check = support::cli::run_cli(&["check", "--ca-file", ca, "--json"], "", &env);
    let list = support::cli::run_cli(&["accounts", "list", "--json"], "", &env);
    assert_eq!(check.code, 5, "{}{}", check.stdout, check.stderr);
    let accounts: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    let last = &accounts[0]["account"]["last_test"];
    assert_eq!(last["outcome"], "failed", "{}", list.stdout);
    assert_eq!(last["cause"], "oauth_invalid_grant", "{}", list.stdout);
    store.keychain.delete(&user()).await.unwrap();
}

#[tokio::test]
async fn a_rejected_access_token_is_oauth_token_rejected() {
    let google = google(AuthorizeMode::Grant);
    let grant = sign_in(&google).await.unwrap();
    google.oauth.expire_access_tokens();
    let stale = grant.access_token.unwrap();
    assert_eq!(
        check_with(&google, stale.expose()).await,
        "oauth_token_rejected"
    );
}

#[tokio::test]
async fn a_wrong_state_is_answered_and_never_exchanged() {
    let google = google(AuthorizeMode::WrongState);
    let client = OAuthClient::from_json(&google.oauth.client_json()).unwrap();
    let pending = start_authorization(&client, &user()).await.unwrap();
    let url = pending.url().to_string();
    let waiting = tokio::spawn(pending.finish(Duration::from_secs(2)));
    let page = follow(&url).await;
    assert_eq!(page.status, 400, "{}", page.body);
    // The forged answer does not end the sign-in: only the deadline does.
    let error = waiting.await.unwrap().unwrap_err();
    assert!(matches!(error, OAuthError::Timeout(_)), "{error}");
    assert!(
        google.oauth.token_requests().is_empty(),
        "a forged answer is never exchanged"
    );
}

#[tokio::test]
async fn stray_requests_do_not_end_or_delay_the_sign_in() {
    let google = google(AuthorizeMode::Grant);
    let client = OAuthClient::from_json(&google.oauth.client_json()).unwrap();
    let pending = start_authorization(&client, &user()).await.unwrap();
    let (url, redirect) = (
        pending.url().to_string(),
        pending.redirect_uri().to_string(),
    );
    // Well under the old one-connection-at-a-time wait of 10 s for an idle preconnect.
    let waiting = tokio::spawn(pending.finish(Duration::from_secs(4)));
    // A browser's idle preconnect, held open for the whole sign-in.
    let listener = redirect.trim_start_matches("http://").trim_end_matches('/');
    let _idle = tokio::net::TcpStream::connect(listener).await.unwrap();
    // A request with someone else's state, and one with none.
    let forged = follow(&format!("{redirect}?state=evil&code=stolen")).await;
    assert_eq!(forged.status, 400, "{}", forged.body);
    let bare = follow(&redirect).await;
    assert_eq!(bare.status, 400, "{}", bare.body);
    assert_eq!(follow(&url).await.status, 200);
    let grant = waiting.await.unwrap();
    assert!(grant.is_ok(), "{:?}", grant.err());
}

#[tokio::test]
async fn declined_missing_code_and_wrong_scope_are_named() {
    let cases = [
        (AuthorizeMode::AccessDenied, "oauth_access_denied"),
        (AuthorizeMode::WrongScope, "oauth_wrong_scope"),
    ];
    for (mode, cause) in cases {
        let google = google(mode);
        let error = sign_in(&google).await.unwrap_err();
        assert_eq!(
            diagnose(Evidence::OAuth(&error)).cause.id(),
            cause,
            "{error}"
        );
    }
    let google = google(AuthorizeMode::MissingCode);
    assert_eq!(sign_in(&google).await.unwrap_err(), OAuthError::MissingCode);
}

#[test]
fn an_http_token_endpoint_is_refused_before_any_request() {
    // 0.0.0.0 reaches this machine but is not a loopback name: a stand-in for any remote
    // host, with a listener to prove nothing was sent.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let token_url = format!("http://0.0.0.0:{port}/token");
    let file = format!(
        r#"{{"installed":{{"client_id":"id.apps.googleusercontent.com","client_secret":"GOCSPX-s","token_uri":"{token_url}"}}}}"#
    );
    let error = OAuthClient::from_json(&file).unwrap_err();
    assert!(matches!(error, OAuthError::Insecure { .. }), "{error}");
    assert!(error.to_string().contains("token_uri"), "{error}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("client.json");
    std::fs::write(
        &path,
        r#"{"installed":{"client_id":"id.apps.googleusercontent.com","client_secret":"GOCSPX-s"}}"#,
    )
    .unwrap();
    let run = support::cli::run_cli(
        &[
            "oauth",
            "authorize",
            "--user",
            USER,
            "--client-file",
            path.to_str().unwrap(),
        ],
        "",
        &[("SMTP_SETUP_OAUTH_TOKEN_URL", Some(&token_url))],
    );
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("SMTP_SETUP_OAUTH_TOKEN_URL"),
        "{}",
        run.stderr
    );
    assert!(
        matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "nothing may reach the insecure endpoint"
    );
}

#[tokio::test]
async fn google_error_pages_are_diagnosed() {
    // Google shows these in the browser and never redirects: the person pastes the page.
    let cases = [
        (AuthorizeMode::AdminPolicyEnforced, "oauth_admin_policy"),
        (AuthorizeMode::PolicyEnforced, "oauth_policy_enforced"),
        (
            AuthorizeMode::RedirectUriMismatch,
            "oauth_redirect_mismatch",
        ),
    ];
    for (mode, cause) in cases {
        let google = google(mode);
        let client = OAuthClient::from_json(&google.oauth.client_json()).unwrap();
        let pending = start_authorization(&client, &user()).await.unwrap();
        let page = follow(pending.url()).await;
        assert!(page.status >= 400, "{mode:?}");
        assert_eq!(
            diagnose(Evidence::Text(&page.body)).cause.id(),
            cause,
            "{}",
            page.body
        );
        let error = pending
            .finish(Duration::from_millis(300))
            .await
            .unwrap_err();
        assert!(matches!(error, OAuthError::Timeout(_)), "{error}");
        // The browser never comes back from these pages: its own cause, not "unknown".
        let waited = diagnose(Evidence::OAuth(&error));
        assert_eq!(waited.cause.id(), "oauth_no_redirect");
        assert!(waited.explanation.contains("policy_enforced"));
    }
}

#[test]
fn cli_authorizes_then_checks_with_the_stored_refresh_token() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use support::cli::run_cli;

    let google = google(AuthorizeMode::Grant);
    let (store, dir) = store("cli");
    let client_file = dir.path().join("client_secret_test.json");
    std::fs::write(&client_file, google.oauth.client_json()).unwrap();
    let ca = google.smtp.ca.file.to_string_lossy().into_owned();
    let server = format!("127.0.0.1:{}", google.smtp.starttls_port());
    let env = [
        (
            "SMTP_SETUP_CONFIG_DIR",
            dir.path().to_string_lossy().into_owned(),
        ),
        (
            "SMTP_SETUP_KEYCHAIN_SERVICE",
            store.keychain.service().to_string(),
        ),
    ];

    let mut child = Command::new(env!("CARGO_BIN_EXE_smtp-setup"))
        .args(["oauth", "authorize", "--user", USER, "--client-file"])
        .arg(&client_file)
        .args([
            "--server",
            &server,
            "--tls",
            "starttls",
            "--ca-file",
            &ca,
            "--json",
            "--browser-timeout",
            "20",
        ])
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(first["type"], "authorize");
    let page = support::browser::follow_blocking(first["url"].as_str().unwrap());
    assert!(page.body.contains("Signed in"), "{}", page.body);
    let rest: Vec<serde_json::Value> = lines
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect();
    assert!(child.wait().unwrap().success(), "{rest:?}");
    assert!(
        rest.iter()
            .any(|l| l["type"] == "saved" && l["account"]["auth"] == "oauth"),
        "{rest:?}"
    );

    // The default account signs in with a refreshed token.
    let env: Vec<(&str, Option<&str>)> = env.iter().map(|(k, v)| (*k, Some(v.as_str()))).collect();
    google.oauth.expire_access_tokens();
    let check = run_cli(&["check", "--ca-file", &ca], "", &env);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);

    google.oauth.revoke_refresh_tokens();
    let revoked = run_cli(&["check", "--ca-file", &ca, "--json"], "", &env);
    assert_eq!(revoked.code, 5, "{}", revoked.stdout);
    assert!(
        revoked.stdout.contains("\"cause\":\"oauth_invalid_grant\""),
        "{}",
        revoked.stdout
    );
    let removed = run_cli(&["accounts", "remove", USER], "", &env);
    assert!(
        removed
            .stdout
            .contains("https://myaccount.google.com/connections"),
        "{}",
        removed.stdout
    );
}

#[test]
fn a_browser_that_never_comes_back_is_oauth_no_redirect() {
    let google = google(AuthorizeMode::Grant);
    let dir = tempfile::tempdir().unwrap();
    let client_file = dir.path().join("client_secret_test.json");
    std::fs::write(&client_file, google.oauth.client_json()).unwrap();
    let run = support::cli::run_cli(
        &[
            "oauth",
            "authorize",
            "--user",
            USER,
            "--client-file",
            client_file.to_str().unwrap(),
            "--browser-timeout",
            "1",
            "--json",
        ],
        "",
        &[("SMTP_SETUP_CONFIG_DIR", dir.path().to_str())],
    );
    assert_eq!(run.code, 5, "{}{}", run.stdout, run.stderr);
    let result: serde_json::Value =
        serde_json::from_str(run.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(result["cause"], "oauth_no_redirect", "{}", run.stdout);
    assert!(
        result["diagnosis"]["steps"][1]["text"]
            .as_str()
            .unwrap()
            .contains("ssh -L"),
        "{}",
        run.stdout
    );
}
