//! Background work for the window: a tokio runtime runs engine calls, and each job reports
//! its events and its result over channels that wake the UI. Nothing here blocks a frame.

use smtp_setup::smtp::{CheckEvent, EventSink};
use std::future::Future;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

pub struct Worker {
    runtime: tokio::runtime::Runtime,
}

impl Worker {
    pub fn new() -> std::io::Result<Worker> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("smtp-setup-worker")
            .enable_all()
            .build()?;
        Ok(Worker { runtime })
    }

    /// Runs `work` on the runtime. Its events and its result arrive through the job, and
    /// every arrival asks egui for a repaint.
    pub fn spawn<T, F>(&self, ctx: &egui::Context, work: impl FnOnce(EventSink) -> F) -> Job<T>
    where
        T: Send + 'static,
        F: Future<Output = T> + Send + 'static,
    {
        let (event_tx, events) = channel();
        let (result_tx, result) = channel();
        let event_ctx = ctx.clone();
        let sink: EventSink = Arc::new(move |event| {
            let _ = event_tx.send(event);
            event_ctx.request_repaint();
        });
        let future = work(sink);
        let ctx = ctx.clone();
        let handle = self.runtime.spawn(async move {
            let _ = result_tx.send(future.await);
            ctx.request_repaint();
        });
        Job {
            events,
            result,
            handle,
        }
    }
}

/// A running engine call.
pub struct Job<T> {
    events: Receiver<CheckEvent>,
    result: Receiver<T>,
    handle: tokio::task::JoinHandle<()>,
}

impl<T> Job<T> {
    /// Events that arrived since the last call.
    pub fn drain_events(&self) -> Vec<CheckEvent> {
        self.events.try_iter().collect()
    }

    /// The result, once the work has finished.
    pub fn try_result(&self) -> Option<T> {
        self.result.try_recv().ok()
    }

    /// Stops the work; the engine's connections are dropped with it.
    pub fn cancel(self) {
        self.handle.abort();
    }
}

impl<T> Drop for Job<T> {
    fn drop(&mut self) {
        self.handle.abort();
    }
}
