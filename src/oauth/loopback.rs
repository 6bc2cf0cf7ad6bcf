//! The loopback redirect: an HTTP listener on 127.0.0.1 and a random port for the length of
//! one sign-in. Connections are served concurrently (a browser opens idle preconnects, and any
//! local program can connect), each with a short read bound under the overall deadline.
//! Only the right redirect, an error redirect carrying the right `state`, or the deadline
//! ends the wait; anything else is answered (404, or 400 without the expected state) and
//! the sign-in goes on.

use super::OAuthError;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::Instant;

/// Longest request head read from the browser.
const MAX_REQUEST: usize = 16 * 1024;
/// How long one connection may take to send its request head.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);
/// Connections served at once; more wait in the listen queue.
const MAX_CONNECTIONS: usize = 32;

pub(super) struct Loopback {
    listener: TcpListener,
    pub redirect_uri: String,
}

/// What the redirect carried.
struct Redirect {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

impl Loopback {
    pub async fn bind() -> Result<Loopback, OAuthError> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| OAuthError::Listener(e.to_string()))?;
        let port = listener
            .local_addr()
            .map_err(|e| OAuthError::Listener(e.to_string()))?
            .port();
        Ok(Loopback {
            listener,
            redirect_uri: format!("http://127.0.0.1:{port}/"),
        })
    }

    /// Waits for the redirect; returns the authorization code if the state matches.
    pub async fn wait(self, expected_state: &str, timeout: Duration) -> Result<String, OAuthError> {
        let deadline = Instant::now() + timeout;
        let (found, mut results) = mpsc::channel(1);
        let mut connections = JoinSet::new();
        loop {
            tokio::select! {
                _ = tokio::time::sleep_until(deadline) => return Err(OAuthError::Timeout(timeout)),
                Some(result) = results.recv() => return result,
                accepted = self.listener.accept(), if connections.len() < MAX_CONNECTIONS => {
                    let Ok((stream, _)) = accepted else { continue };
                    let (state, found) = (expected_state.to_string(), found.clone());
                    let read_until = deadline.min(Instant::now() + REQUEST_TIMEOUT);
                    connections.spawn(async move {
                        if let Some(result) = answer(stream, &state, read_until).await {
                            let _ = found.send(result).await;
                        }
                    });
                }
                Some(_) = connections.join_next(), if !connections.is_empty() => {}
            }
        }
    }
}

/// Serves one connection; `Some` when it carried the redirect that ends the sign-in.
async fn answer(
    mut stream: TcpStream,
    expected_state: &str,
    read_until: Instant,
) -> Option<Result<String, OAuthError>> {
    let head = tokio::time::timeout_at(read_until, read_head(&mut stream))
        .await
        .ok()??;
    let target = head
        .lines()
        .next()?
        .strip_prefix("GET ")?
        .split(' ')
        .next()?
        .to_string();
    let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
    if path != "/" {
        respond(
            &mut stream,
            "404 Not Found",
            &crate::t!("oauth-page-not-found"),
        )
        .await;
        return None;
    }
    let redirect = parse_query(query);
    if redirect.state.as_deref() != Some(expected_state) {
        // Not this sign-in's redirect (an old tab, a stray or hostile request): say so, and
        // keep waiting for the real one.
        respond(
            &mut stream,
            "400 Bad Request",
            &crate::t!("oauth-page-wrong-state"),
        )
        .await;
        return None;
    }
    let result = check(redirect, expected_state);
    let page = match &result {
        Ok(_) => crate::t!("oauth-page-signed-in"),
        Err(error) => crate::t!("oauth-page-failed", error = error.to_string()),
    };
    respond(&mut stream, "200 OK", &page).await;
    Some(result)
}

fn check(redirect: Redirect, expected_state: &str) -> Result<String, OAuthError> {
    if redirect.state.as_deref() != Some(expected_state) {
        return Err(OAuthError::StateMismatch);
    }
    match (redirect.error, redirect.code) {
        (Some(error), _) if error == "access_denied" => Err(OAuthError::AccessDenied),
        (Some(code), _) => Err(OAuthError::Google {
            code,
            description: redirect.error_description,
        }),
        (None, Some(code)) if !code.is_empty() => Ok(code),
        (None, _) => Err(OAuthError::MissingCode),
    }
}

fn parse_query(query: &str) -> Redirect {
    let mut redirect = Redirect {
        state: None,
        code: None,
        error: None,
        error_description: None,
    };
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let slot = match name.as_ref() {
            "state" => &mut redirect.state,
            "code" => &mut redirect.code,
            "error" => &mut redirect.error,
            "error_description" => &mut redirect.error_description,
            _ => continue,
        };
        *slot = Some(value.into_owned());
    }
    redirect
}

async fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() + n > MAX_REQUEST {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    String::from_utf8(buf).ok()
}

async fn respond(stream: &mut TcpStream, status: &str, message: &str) {
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>smtp-setup</title></head>\
         <body style=\"font-family:sans-serif;margin:3em\"><h2>smtp-setup</h2><p>{}</p></body></html>",
        html_escape(message)
    );
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_state_before_anything_else() {
        let redirect = |query: &str| check(parse_query(query), "s1");
        assert_eq!(redirect("state=s1&code=abc%2F1"), Ok("abc/1".to_string()));
        assert_eq!(
            redirect("state=s2&code=abc"),
            Err(OAuthError::StateMismatch)
        );
        assert_eq!(redirect("code=abc"), Err(OAuthError::StateMismatch));
        assert_eq!(
            redirect("state=s1&error=access_denied"),
            Err(OAuthError::AccessDenied)
        );
        assert_eq!(redirect("state=s1"), Err(OAuthError::MissingCode));
        assert!(matches!(
            redirect("state=s1&error=admin_policy_enforced"),
            Err(OAuthError::Google { .. })
        ));
    }
}
