//! The shutdown signal shared by the server, the background sweeper and long department
//! waits (latency and `timeout` faults), so a stop is never held up by a sleeping request.

use tokio::sync::watch;

/// Fires the shutdown signal (once; later calls do nothing).
#[derive(Debug)]
pub struct Trigger(watch::Sender<bool>);

impl Trigger {
    /// Tells every [`Shutdown`] listener to stop.
    pub fn fire(&self) {
        let _ = self.0.send(true);
    }
}

/// Listens for the shutdown signal; cheap to clone.
#[derive(Debug, Clone)]
pub struct Shutdown(watch::Receiver<bool>);

/// A new, unfired signal.
pub fn channel() -> (Trigger, Shutdown) {
    let (tx, rx) = watch::channel(false);
    (Trigger(tx), Shutdown(rx))
}

impl Shutdown {
    /// A listener that never fires (for state built outside [`crate::serve`]).
    pub fn never() -> Shutdown {
        let (tx, rx) = watch::channel(false);
        std::mem::forget(tx);
        Shutdown(rx)
    }

    /// Whether the signal has fired.
    pub fn is_fired(&self) -> bool {
        *self.0.borrow()
    }

    /// Completes when the signal fires (or its trigger is gone).
    pub async fn fired(&self) {
        let mut rx = self.0.clone();
        let _ = rx.wait_for(|fired| *fired).await;
    }

    /// Sleeps for `duration`; returns `false` if the signal fired first.
    pub async fn sleep(&self, duration: std::time::Duration) -> bool {
        tokio::select! {
            () = tokio::time::sleep(duration) => true,
            () = self.fired() => false,
        }
    }
}
