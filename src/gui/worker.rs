//! Background work for the window: a tokio runtime runs engine calls, and each job reports
//! its events and its result over channels that wake the UI. Nothing here blocks a frame.
//! A job always ends with a result: its own, `Err(Stopped::Crashed)` if it panicked (never a
//! spinner that runs on), or `Err(Stopped::Cancelled)` once a cancelled job's work is gone.

use smtp_setup::smtp::{CheckEvent, EventSink};
use std::future::Future;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

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

/// What a job's work reports as it goes; each report wakes the window.
pub struct Reporter<E> {
    events: Sender<E>,
    ctx: egui::Context,
}

impl<E: Send + 'static> Reporter<E> {
    pub fn send(&self, event: E) {
        let _ = self.events.send(event);
        self.ctx.request_repaint();
    }
}

impl Reporter<CheckEvent> {
    /// The engine's event sink for a check, reporting each event to the window.
    pub fn sink(self) -> EventSink {
        Arc::new(move |event| self.send(event))
    }
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
    pub fn spawn<T, E, F>(
        &self,
        ctx: &egui::Context,
        work: impl FnOnce(Reporter<E>) -> F,
    ) -> Job<T, E>
    where
        T: Send + 'static,
        E: Send + 'static,
        F: Future<Output = T> + Send + 'static,
    {
        let (event_tx, events) = channel();
        let (result_tx, result) = channel();
        let reporter = Reporter {
            events: event_tx,
            ctx: ctx.clone(),
        };
        // The work runs as a task of its own, so that the task that reports sees its panic,
        // and its cancellation only once the work's future has been dropped.
        let work = self.runtime.spawn(work(reporter));
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

    /// Blocking work nobody waits for (writing the wizard's progress file), off the frame.
    pub fn detach(&self, work: impl FnOnce() + Send + 'static) {
        drop(self.runtime.spawn_blocking(work));
    }
}

/// A running engine call.
pub struct Job<T, E = ()> {
    events: Receiver<E>,
    result: Receiver<Result<T, Stopped>>,
    handle: tokio::task::JoinHandle<()>,
    abort_work: tokio::task::AbortHandle,
}

impl<T, E> Job<T, E> {
    /// Events that arrived since the last call.
    pub fn drain_events(&self) -> Vec<E> {
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

impl<T, E> Drop for Job<T, E> {
    fn drop(&mut self) {
        self.abort_work.abort();
        self.handle.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn wait<T, E>(job: &Job<T, E>) -> Result<T, Stopped> {
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
    fn every_job_ends_crashed_cancelled_or_with_its_result() {
        let worker = Worker::new().unwrap();
        let ctx = egui::Context::default();
        let crashing: Job<i32> = worker.spawn(&ctx, |_| async {
            if std::hint::black_box(true) {
                panic!("a bug");
            }
            1
        });
        assert_eq!(wait(&crashing), Err(Stopped::Crashed));
        let reporting: Job<i32, &str> = worker.spawn(&ctx, |report| async move {
            report.send("halfway");
            2
        });
        assert_eq!(wait(&reporting), Ok(2));
        assert_eq!(reporting.drain_events(), ["halfway"]);
        let endless: Job<()> = worker.spawn(&ctx, |_| std::future::pending::<()>());
        endless.cancel();
        assert_eq!(wait(&endless), Err(Stopped::Cancelled));
    }
}
