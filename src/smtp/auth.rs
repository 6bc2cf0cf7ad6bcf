//! AUTH PLAIN, LOGIN and XOAUTH2. Payloads are built in zeroizing buffers and shown in the
//! transcript only as "<redacted>".

use super::Credential;
use super::connection::{Connection, StepError};
use super::event::FailureKind;
use super::reply::Reply;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use zeroize::Zeroizing;

pub(crate) async fn authenticate(
    conn: &mut Connection,
    credential: &Credential,
) -> Result<Reply, StepError> {
    let offered = conn.auth_mechanisms();
    let offers = |m: &str| offered.iter().any(|o| o == m);
    let user = credential.user().as_str();
    match credential {
        Credential::OAuth { access_token, .. } => {
            if !offers("XOAUTH2") {
                return Err(unsupported("XOAUTH2", &offered));
            }
            let raw = Zeroizing::new(format!(
                "user={user}\x01auth=Bearer {}\x01\x01",
                access_token.expose()
            ));
            xoauth2(conn, &raw).await
        }
        Credential::AppPassword { password, .. } => {
            password_login(conn, user, password.expose(), &offered).await
        }
        Credential::Password { password, .. } => {
            password_login(conn, user, password.expose(), &offered).await
        }
    }
}

async fn password_login(
    conn: &mut Connection,
    user: &str,
    password: &str,
    offered: &[String],
) -> Result<Reply, StepError> {
    if offered.iter().any(|m| m == "PLAIN") {
        let raw = Zeroizing::new(format!("\0{user}\0{password}"));
        let line = Zeroizing::new(format!("AUTH PLAIN {}", B64.encode(raw.as_bytes())));
        conn.send_line(&line, "AUTH PLAIN <redacted>").await?;
        return finish(conn.read_reply().await?);
    }
    if offered.iter().any(|m| m == "LOGIN") {
        let reply = conn.command("AUTH LOGIN").await?;
        if reply.code != 334 {
            return finish(reply);
        }
        let user_line = Zeroizing::new(B64.encode(user));
        conn.send_line(&user_line, "<redacted>").await?;
        let reply = conn.read_reply().await?;
        if reply.code != 334 {
            return finish(reply);
        }
        let password_line = Zeroizing::new(B64.encode(password));
        conn.send_line(&password_line, "<redacted>").await?;
        return finish(conn.read_reply().await?);
    }
    Err(unsupported("PLAIN or LOGIN", offered))
}

/// Gmail answers a rejected token with `334 <base64 JSON>` and waits for an empty line before
/// its 535; the JSON says why, so it goes into the failure.
async fn xoauth2(conn: &mut Connection, raw: &str) -> Result<Reply, StepError> {
    let line = Zeroizing::new(format!("AUTH XOAUTH2 {}", B64.encode(raw.as_bytes())));
    conn.send_line(&line, "AUTH XOAUTH2 <redacted>").await?;
    let reply = conn.read_reply().await?;
    if reply.code != 334 {
        return finish(reply);
    }
    let challenge = B64
        .decode(reply.text().trim())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_else(|_| reply.text());
    conn.send_line("", "").await?;
    let final_reply = conn.read_reply().await?;
    Err(StepError {
        kind: FailureKind::Reply,
        detail: crate::t!("smtp-token-rejected", challenge = challenge),
        reply: Some(final_reply),
    })
}

fn finish(reply: Reply) -> Result<Reply, StepError> {
    if reply.code == 235 {
        Ok(reply)
    } else {
        Err(StepError::reply(reply))
    }
}

fn unsupported(wanted: &str, offered: &[String]) -> StepError {
    let offered = if offered.is_empty() {
        crate::t!("smtp-offers-none")
    } else {
        offered.join(" ")
    };
    StepError::new(
        FailureKind::Unsupported,
        crate::t!("smtp-auth-not-offered", wanted = wanted, offered = offered),
    )
}
