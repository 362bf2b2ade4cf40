//! The suites, in the order a run takes them.
use crate::report::Check;
use crate::Context;

pub mod lockout;
pub mod mentions;
pub mod routes;
pub mod tour;

pub struct Suite {
    pub name: &'static str,
    pub about: &'static str,
    pub run: fn(&Context) -> anyhow::Result<Vec<Check>>,
}

pub const ALL: &[Suite] = &[
    Suite { name: "routes", about: "every documented operation answers an anonymous caller as documented", run: routes::run },
    Suite { name: "mentions", about: "stored mentions equal the model, on send and after an edit (proptest)", run: mentions::run },
    Suite { name: "lockout", about: "login outcomes (accepted, delayed, locked) equal the lockout model (proptest)", run: lockout::run },
    Suite { name: "tour", about: "every operation once more, from the fixtures, each answer against its committed snapshot (insta)", run: tour::run },
];
