//! Opening Google's pages: in the system browser when there is one (started on the worker,
//! not on the frame), and always showing the address too, because `open` fails where no
//! browser exists (servers, containers).

use super::task::{Polled, Task};
use super::worker::Worker;

/// How the last page asked for went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opened {
    /// The browser is being started.
    Opening,
    InBrowser,
    /// No browser took it: the address is there to copy.
    NoBrowser,
    /// Browsers are off (tests): only the address is shown.
    NotTried,
}

pub struct Links {
    use_browser: bool,
    /// Every address asked for, newest last.
    pub opened: Vec<String>,
    last: Option<(String, Opened)>,
    /// A browser failed to open once: every page then says so, not just the one tried.
    no_browser: bool,
    task: Task<bool>,
}

impl Links {
    pub fn new(use_browser: bool) -> Links {
        Links {
            use_browser,
            opened: Vec::new(),
            last: None,
            no_browser: false,
            task: Task::Idle,
        }
    }

    /// Opens `url` in the browser (when allowed), off the frame.
    pub fn open(&mut self, worker: &Worker, ctx: &egui::Context, url: &str) {
        self.opened.push(url.to_string());
        if !self.use_browser {
            self.last = Some((url.to_string(), Opened::NotTried));
            return;
        }
        self.last = Some((url.to_string(), Opened::Opening));
        let url = url.to_string();
        self.task = Task::start(worker, ctx, move |_| async move {
            Ok(open::that_detached(url).is_ok())
        });
    }

    /// Records a page opened elsewhere (the sign-in job opens its own), with how it went.
    pub fn record(&mut self, url: &str, state: Opened) {
        self.opened.push(url.to_string());
        self.no_browser |= state == Opened::NoBrowser;
        self.last = Some((url.to_string(), state));
    }

    /// Takes in whether a browser took the page.
    pub fn poll(&mut self) {
        if self.task.poll() == Polled::Finished
            && let (Some((_, state)), Some(opened)) = (&mut self.last, self.task.succeeded())
        {
            *state = if *opened {
                Opened::InBrowser
            } else {
                self.no_browser = true;
                Opened::NoBrowser
            };
        }
    }

    /// How `url` went, if it was the last page asked for; any page, once no browser could
    /// be opened here.
    pub fn state_of(&self, url: &str) -> Option<Opened> {
        let last = self
            .last
            .as_ref()
            .filter(|(last, _)| last == url)
            .map(|(_, state)| *state);
        match last {
            Some(state) => Some(state),
            None if self.no_browser => Some(Opened::NoBrowser),
            None => None,
        }
    }
}
