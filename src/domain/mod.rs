//! Rules as pure functions: no I/O, so they are tested directly and by property tests.
pub mod credentials;
pub mod lockout;
