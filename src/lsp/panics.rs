//! A panic in a handler becomes an error answer, not a dead server.
//!
//! tower-lsp-server polls every handler's future inside the one future that serves the whole
//! connection, so a panic in a handler (in the code that converts an analysis to protocol types,
//! say: the analysis itself runs on the blocking pool, where tokio catches panics) unwound through
//! the server and ended the process. [`CatchPanics`] wraps the service: each message's future is
//! polled inside [`std::panic::catch_unwind`]; a panic is logged (stderr and `window/logMessage`)
//! and a request that panicked is answered with `InternalError` (-32603), a notification only
//! logged. The server then goes on with the next message.
//!
//! Going on is sound because the state a handler can leave half-changed is all behind mutexes
//! whose users recover from poisoning (each holds values that are replaced whole, see
//! `documents.rs` and `server.rs`). What a panic leaves behind is tower-lsp-server's entry for the
//! request in its table of cancellable requests: a few bytes per panic, and a later
//! `$/cancelRequest` of that id does nothing.
//!
//! # The test hook
//!
//! The end-to-end tests need a handler that panics. [`panic_if_testing`] panics when the
//! environment variable [`TEST_PANIC_VARIABLE`] (`NEWSLS_TEST_PANIC_IN`) names the code that
//! calls it: `hover` (the hover handler) or `diagnostics` (the conversion of an analysis to
//! diagnostics, in the document workers and the pull handler); `diagnostics:1` panics only the
//! first time. Only whoever starts the process sets its environment, never a client through the
//! protocol, so no message can trigger it; it is for the tests only.
//!
//! # Document workers
//!
//! The worker that analyses a document and publishes its diagnostics is a task of its own, not a
//! handler: tokio catches a panic there, but the worker was gone, and the document silently got
//! no more diagnostics. [`restarting`] runs it again after a panic (logged).

use std::any::Any;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Request, Response};
use tower_lsp_server::ls_types::MessageType;
use tower_service::Service;

/// The environment variable that makes a handler panic, for the tests (see the module docs).
pub const TEST_PANIC_VARIABLE: &str = "NEWSLS_TEST_PANIC_IN";

/// Panics when [`TEST_PANIC_VARIABLE`] names `handler` (and, with a `:N` suffix, only the
/// first N times); does nothing otherwise (and so always for clients, which cannot set the
/// server's environment).
pub fn panic_if_testing(handler: &str) {
    static WANTED: OnceLock<Option<(String, Option<usize>)>> = OnceLock::new();
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let wanted = WANTED.get_or_init(|| {
        let value = std::env::var(TEST_PANIC_VARIABLE).ok()?;
        Some(match value.split_once(':') {
            Some((name, times)) => (name.to_owned(), times.parse().ok()),
            None => (value, None),
        })
    });
    let Some((name, times)) = wanted else {
        return;
    };
    if name != handler {
        return;
    }
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    if times.is_none_or(|times| call < times) {
        // Deliberate, and reachable only through the environment the tests set.
        panic!("{TEST_PANIC_VARIABLE}={handler}: a deliberate panic for the tests");
    }
}

/// Runs the future `make` makes until it ends; after a panic (logged to stderr and the client)
/// makes and runs a new one.
pub async fn restarting<F, Fut>(what: &str, client: Client, mut make: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    loop {
        let mut future = Box::pin(make());
        let Err(payload) =
            std::future::poll_fn(|context| poll_catching(&mut future, context)).await
        else {
            return;
        };
        let message = format!(
            "{what} panicked (restarted): {}",
            panic_message(payload.as_ref())
        );
        eprintln!("newsls: {message}");
        client.log_message(MessageType::ERROR, &message).await;
    }
}

/// The message a panic was raised with.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|message| (*message).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned())
}

/// The language service with every message's handler run where a panic is caught.
pub struct CatchPanics<S> {
    inner: S,
    /// Where to log a panic besides stderr.
    client: Option<Client>,
}

impl<S> CatchPanics<S> {
    pub fn new(inner: S, client: Option<Client>) -> Self {
        Self { inner, client }
    }
}

type Answer<E> = std::result::Result<Option<Response>, E>;

impl<S> Service<Request> for CatchPanics<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Answer<S::Error>> + Send>>;

    fn poll_ready(&mut self, context: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(context)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let id = request.id().cloned();
        let method = request.method().to_owned();
        let client = self.client.clone();
        // Making the future runs no handler code yet (handlers are `async fn`s), but
        // tower-lsp-server's routing does run here: catch that too.
        let called = catch_unwind(AssertUnwindSafe(|| self.inner.call(request)));
        Box::pin(async move {
            let outcome = match called {
                Ok(future) => {
                    let mut future = Box::pin(future);
                    std::future::poll_fn(|context| poll_catching(&mut future, context)).await
                }
                Err(payload) => Err(payload),
            };
            let payload = match outcome {
                Ok(answer) => return answer,
                Err(payload) => payload,
            };
            let message = format!(
                "the {method} handler panicked: {}",
                panic_message(payload.as_ref())
            );
            eprintln!("newsls: {message}");
            if let Some(client) = &client {
                client.log_message(MessageType::ERROR, &message).await;
            }
            Ok(id.map(|id| {
                Response::from_error(
                    id,
                    Error {
                        code: ErrorCode::InternalError,
                        message: message.into(),
                        data: None,
                    },
                )
            }))
        })
    }
}

/// Polls `future` once, catching a panic: `Ready(Err(payload))` then. A future that panicked
/// must not be polled again; the caller returns at once.
fn poll_catching<F: Future + Unpin>(
    future: &mut F,
    context: &mut Context<'_>,
) -> Poll<Result<F::Output, Box<dyn Any + Send>>> {
    match catch_unwind(AssertUnwindSafe(|| Pin::new(&mut *future).poll(context))) {
        Ok(Poll::Pending) => Poll::Pending,
        Ok(Poll::Ready(output)) => Poll::Ready(Ok(output)),
        Err(payload) => Poll::Ready(Err(payload)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A service whose every call panics, at once or after a first `Pending`.
    struct Panicking {
        after_pending: bool,
    }

    impl Service<Request> for Panicking {
        type Response = Option<Response>;
        type Error = String;
        type Future = Pin<Box<dyn Future<Output = Answer<String>> + Send>>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), String>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, request: Request) -> Self::Future {
            let after_pending = self.after_pending;
            Box::pin(async move {
                if after_pending {
                    tokio::task::yield_now().await;
                }
                if request.method() == "ok" {
                    return Ok(None);
                }
                panic!("broken {}", request.method());
            })
        }
    }

    #[tokio::test]
    async fn a_panicking_request_is_answered_with_internal_error() {
        for after_pending in [false, true] {
            let mut service = CatchPanics::new(Panicking { after_pending }, None);
            let request = Request::build("textDocument/hover").id(7).finish();
            let answer = service.call(request).await;
            let Ok(Some(response)) = answer else {
                panic!("an answer, not {answer:?}");
            };
            let error = response.error().cloned();
            assert_eq!(
                error.as_ref().map(|error| error.code),
                Some(ErrorCode::InternalError)
            );
            assert_eq!(
                error.map(|error| error.message.into_owned()),
                Some("the textDocument/hover handler panicked: broken textDocument/hover".into())
            );
            // A notification that panics gets no answer; one that does not passes through.
            let notification = Request::build("textDocument/didChange").finish();
            assert_eq!(service.call(notification).await, Ok(None));
            let fine = Request::build("ok").id(8).finish();
            assert_eq!(service.call(fine).await, Ok(None));
        }
    }

    #[test]
    fn the_test_hook_does_nothing_for_other_handlers() {
        // The variable is not set in unit tests (only the end-to-end test sets it, in the
        // server's own environment), so no handler panics.
        panic_if_testing("hover");
        panic_if_testing("documentSymbol");
    }
}
