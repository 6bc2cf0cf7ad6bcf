//! A secret put on the clipboard at the person's request ("Copy with password…") does not
//! stay there: after [`SECRET_CLIPBOARD_TIME`] it is removed, if the clipboard still holds
//! it. Only a SHA-256 digest of the copied text is kept meanwhile, never the text; reading
//! and clearing the clipboard happen on the worker, off the frame.

use super::text::{T, tr, trf};
use super::worker::{Job, Worker};
use ring::digest::{SHA256, digest};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a copied secret may stay on the clipboard.
pub const SECRET_CLIPBOARD_TIME: Duration = Duration::from_secs(30);

/// What the clipboard holds.
pub enum Clipboard {
    Text(String),
    /// No text (empty, or something else such as an image).
    NoText,
    Unreadable,
}

/// Where the clipboard is read and cleared: the system's, or a test's.
pub trait ClipboardAccess: Send + Sync {
    fn text(&self) -> Clipboard;
    /// Empties the clipboard; false when that failed.
    fn clear(&self) -> bool;
}

/// The system clipboard, through arboard (the crate egui-winit uses for copying).
pub struct SystemClipboard;

impl ClipboardAccess for SystemClipboard {
    fn text(&self) -> Clipboard {
        let Ok(mut clipboard) = arboard::Clipboard::new() else {
            return Clipboard::Unreadable;
        };
        match clipboard.get_text() {
            Ok(text) => Clipboard::Text(text),
            Err(arboard::Error::ContentNotAvailable) => Clipboard::NoText,
            Err(_) => Clipboard::Unreadable,
        }
    }

    fn clear(&self) -> bool {
        arboard::Clipboard::new().is_ok_and(|mut c| c.clear().is_ok())
    }
}

/// What became of a copied secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClipState {
    /// On the clipboard, to be removed at this time.
    Pending {
        until: Instant,
    },
    /// Being checked and removed.
    Clearing,
    Cleared,
    /// The clipboard held something else by then: left alone.
    Changed,
    /// The clipboard could not be read or cleared.
    Unreadable,
}

/// How long the note on how the removal went stays on screen.
pub const SETTLED_NOTE_FOR: Duration = Duration::from_secs(15);

/// One secret copied to the clipboard, watched until it is removed.
pub struct SecretOnClipboard {
    digest: Vec<u8>,
    state: ClipState,
    job: Option<Job<ClipState>>,
    /// When the removal ended (cleared, changed or unreadable): its note is shown for a while.
    settled: Option<Instant>,
}

impl SecretOnClipboard {
    /// Puts `text` on the clipboard (through egui, as every copy) and starts the clock.
    pub fn copy(ctx: &egui::Context, text: &str, after: Duration) -> SecretOnClipboard {
        ctx.copy_text(text.to_string());
        // Wakes the window when it is time, even if nothing else happens.
        ctx.request_repaint_after(after);
        SecretOnClipboard {
            digest: digest(&SHA256, text.as_bytes()).as_ref().to_vec(),
            state: ClipState::Pending {
                until: Instant::now() + after,
            },
            job: None,
            settled: None,
        }
    }

    /// What the window says about it: the countdown, then how the removal went.
    pub fn note(&self) -> String {
        match self.state {
            ClipState::Pending { .. } | ClipState::Clearing => trf(
                T::ClipboardWillClear,
                &[("secs", &self.seconds_left().unwrap_or(0).to_string())],
            ),
            ClipState::Cleared => tr(T::ClipboardCleared).to_string(),
            ClipState::Changed => tr(T::ClipboardChanged).to_string(),
            ClipState::Unreadable => tr(T::ClipboardUnreadable).to_string(),
        }
    }

    /// How long ago the removal ended, once it has.
    pub fn settled_for(&self) -> Option<Duration> {
        self.settled.map(|at| at.elapsed())
    }

    pub fn state(&self) -> ClipState {
        self.state
    }

    /// Seconds until removal, while pending.
    pub fn seconds_left(&self) -> Option<u64> {
        match self.state {
            ClipState::Pending { until } => {
                Some(until.saturating_duration_since(Instant::now()).as_secs() + 1)
            }
            _ => None,
        }
    }

    /// Starts the removal when its time has come; takes in its result.
    pub fn poll(
        &mut self,
        ctx: &egui::Context,
        worker: &Worker,
        clipboard: &Arc<dyn ClipboardAccess>,
    ) {
        if let Some(done) = self.job.as_ref().and_then(Job::try_result) {
            self.state = done.unwrap_or(ClipState::Unreadable);
            self.job = None;
            self.settled = Some(Instant::now());
            // Wakes the window to take the note away again.
            ctx.request_repaint_after(SETTLED_NOTE_FOR);
        }
        let ClipState::Pending { until } = self.state else {
            return;
        };
        if Instant::now() < until {
            // Keeps the countdown moving once a second.
            ctx.request_repaint_after(Duration::from_secs(1));
            return;
        }
        let (expected, clipboard) = (self.digest.clone(), clipboard.clone());
        self.state = ClipState::Clearing;
        self.job = Some(worker.spawn(ctx, move |_| async move {
            tokio::task::spawn_blocking(move || match clipboard.text() {
                Clipboard::Text(text) if digest(&SHA256, text.as_bytes()).as_ref() == expected => {
                    if clipboard.clear() {
                        ClipState::Cleared
                    } else {
                        ClipState::Unreadable
                    }
                }
                Clipboard::Text(_) | Clipboard::NoText => ClipState::Changed,
                Clipboard::Unreadable => ClipState::Unreadable,
            })
            .await
            .unwrap_or(ClipState::Unreadable)
        }));
    }
}
