//! Reference models: the reference's rules restated as plain functions and state machines, from
//! `reference-behaviour.md` and `decisions.md` (sections named in each). They never call server code.
pub mod chat;
pub mod lockout;
pub mod mentions;
pub mod paging;
pub mod visibility;
