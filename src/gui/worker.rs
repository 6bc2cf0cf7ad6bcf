//! Background work for the window: a tokio runtime runs engine calls, and each job reports
//! its events and its result over channels that wake the UI. Nothing here blocks a frame.
//! A job always ends with a result: its own, `Err(Stopped::Crashed)` if it panicked (never a
//! spinner that runs on), or `Err(Stopped::Cancelled)` once a cancelled job's work is gone.

use smtp_setup::smtp::{CheckEvent, EventSink};
use std::future::Future;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

pub struct Worker {
    runtime: tokio::runtime::Runtime,
}

/// Why a job ended without its work's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stopped {
    /// The work panicked (a bug in smtp-setup).
    Crashed,
    /// The job was cancelled, and its work (with whatever it held) has been dropped.
    Cancelled,
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
        // The work runs as a task of its own, so that the task that reports sees its panic,
        // and its cancellation only once the work's future has been dropped.
        let work = self.runtime.spawn(work(sink));
        let abort_work = work.abort_handle();
        let ctx = ctx.clone();
        let handle = self.runtime.spawn(async move {
            let outcome = match work.await {
                Ok(value) => Ok(value),
                Err(error) if error.is_panic() => Err(Stopped::Crashed),
                Err(_) => Err(Stopped::Cancelled),
            };
            let _ = result_tx.send(outcome);
            ctx.request_repaint();
        });
        Job {
            events,
            result,
            handle,
            abort_work,
        }
    }
}

/// A running engine call.
pub struct Job<T> {
    events: Receiver<CheckEvent>,
    result: Receiver<Result<T, Stopped>>,
    handle: tokio::task::JoinHandle<()>,
    abort_work: tokio::task::AbortHandle,
}

impl<T> Job<T> {
    /// Events that arrived since the last call.
    pub fn drain_events(&self) -> Vec<CheckEvent> {
        self.events.try_iter().collect()
    }

    /// The result, once the work has finished, crashed, or (cancelled) been dropped.
    pub fn try_result(&self) -> Option<Result<T, Stopped>> {
        self.result.try_recv().ok()
    }

    /// Stops the work: its future, with the engine's connections, is dropped, and the job
    /// then ends with `Err(Stopped::Cancelled)`.
    pub fn cancel(&self) {
        self.abort_work.abort();
    }
}

impl<T> Drop for Job<T> {
    fn drop(&mut self) {
        self.abort_work.abort();
        self.handle.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn wait<T>(job: &Job<T>) -> Result<T, Stopped> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(result) = job.try_result() {
                return result;
            }
            assert!(Instant::now() < deadline, "the job never ended");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn a_panicking_job_still_ends() {
        let worker = Worker::new().unwrap();
        let ctx = egui::Context::default();
        let job = worker.spawn(&ctx, |_| async {
            if ctx_is_real() {
                panic!("a bug");
            }
            1
        });
        assert_eq!(wait(&job), Err(Stopped::Crashed));
        let fine = worker.spawn(&ctx, |_| async { 2 });
        assert_eq!(wait(&fine), Ok(2));
        let endless = worker.spawn(&ctx, |_| std::future::pending::<()>());
        endless.cancel();
        assert_eq!(wait(&endless), Err(Stopped::Cancelled));
    }

    /// Keeps the compiler from seeing the panic as the only way out.
    fn ctx_is_real() -> bool {
        std::hint::black_box(true)
    }
}
