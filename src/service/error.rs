//! How a service call fails. Three kinds of failure are shared by every operation; an operation that
//! can also refuse for reasons of its own (a documented 400, 409, 413…) returns [`Failure`] with an
//! enum of those reasons, so the HTTP layer maps each one to the operation's own answer.
use super::denied::Denied;

/// A failure every operation can meet.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The conversation is out of the caller's reach.
    #[error("denied: {0:?}")]
    Denied(Denied),
    /// A bounded resource (password hashing slots) is exhausted; the client may retry shortly.
    #[error("server busy")]
    Busy,
    /// Anything unexpected: the store, the file system, a task that panicked.
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl From<Denied> for Error {
    fn from(denied: Denied) -> Self {
        Error::Denied(denied)
    }
}

/// A failure of an operation that has refusals of its own (`R`), or a shared [`Error`].
#[derive(Debug)]
pub enum Failure<R> {
    Refused(R),
    Error(Error),
}

impl<R> From<Error> for Failure<R> {
    fn from(error: Error) -> Self {
        Failure::Error(error)
    }
}

impl<R> From<Denied> for Failure<R> {
    fn from(denied: Denied) -> Self {
        Failure::Error(Error::Denied(denied))
    }
}

impl<R> From<anyhow::Error> for Failure<R> {
    fn from(error: anyhow::Error) -> Self {
        Failure::Error(Error::Internal(error))
    }
}

/// `Err(Failure::Refused(reason))`: the early return of an operation's own refusal.
pub fn refuse<T, R>(reason: R) -> Result<T, Failure<R>> {
    Err(Failure::Refused(reason))
}
