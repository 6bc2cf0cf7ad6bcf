//! How the fake servers run: a thread of their own with a tokio runtime, so they work from
//! `#[test]`, from `#[tokio::test]` and for a CLI run as a subprocess. Dropping the handle
//! stops the listeners and every connection task.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::oneshot;

pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// A running fake server's thread; dropping it stops the server.
pub struct ServerThread {
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// Runs `bind` on a new thread and runtime: it binds the listeners and returns what the
/// caller needs (their addresses) with the future that serves them. Returns once the
/// listeners accept connections.
pub fn spawn_server<T: Send + 'static>(
    name: &str,
    workers: usize,
    bind: impl FnOnce() -> BoxFuture<io::Result<(T, BoxFuture<()>)>> + Send + 'static,
) -> (T, ServerThread) {
    let (bound_tx, bound_rx) = std::sync::mpsc::channel::<io::Result<T>>();
    let (shutdown_tx, shutdown_rx) = oneshot::channel::<()>();
    let thread_name = name.to_string();
    let thread = std::thread::Builder::new()
        .name(thread_name.clone())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(workers)
                .thread_name(format!("{thread_name}-rt"))
                .enable_all()
                .build()
                .expect("a tokio runtime for the test server");
            runtime.block_on(async move {
                let serve = match bind().await {
                    Ok((bound, serve)) => {
                        let _ = bound_tx.send(Ok(bound));
                        serve
                    }
                    Err(e) => {
                        let _ = bound_tx.send(Err(e));
                        return;
                    }
                };
                tokio::select! {
                    _ = serve => {}
                    _ = shutdown_rx => {}
                }
                // The listeners are dropped here: new connections are refused.
            });
            // Drops every connection task (they are all parked on I/O or timers).
            runtime.shutdown_timeout(Duration::from_secs(2));
        })
        .expect("spawn the test server thread");
    let bound = bound_rx
        .recv()
        .expect("the test server thread exited before listening")
        .expect("bind the test server's listeners");
    (
        bound,
        ServerThread {
            shutdown: Some(shutdown_tx),
            thread: Some(thread),
        },
    )
}

impl Drop for ServerThread {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
