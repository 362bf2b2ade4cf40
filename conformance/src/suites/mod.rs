//! The suites, in the order a run takes them.
use crate::report::Check;
use crate::Context;

pub mod chat_machine;
pub mod dms;
pub mod lockout;
pub mod mentions;
pub mod paging;
pub mod routes;
pub mod sync;
pub mod tour;
pub mod unread;
pub mod visibility;

pub struct Suite {
    pub name: &'static str,
    pub about: &'static str,
    pub run: fn(&Context) -> anyhow::Result<Vec<Check>>,
}

pub const ALL: &[Suite] = &[
    Suite {
        name: "routes",
        about: "every documented operation answers an anonymous caller as documented",
        run: routes::run,
    },
    Suite {
        name: "mentions",
        about: "stored mentions equal the model, on send and after an edit (proptest)",
        run: mentions::run,
    },
    Suite {
        name: "unread",
        about: "unread counts and /dms follow the read-state machine after every step (proptest)",
        run: unread::run,
    },
    Suite {
        name: "dms",
        about: "/dms membership, order and unread follow the DM visibility model (proptest)",
        run: dms::run,
    },
    Suite {
        name: "sync",
        about: "GET /messages?after=t returns exactly what changed after t (proptest)",
        run: sync::run,
    },
    Suite {
        name: "paging",
        about: "history pages equal the model's slices; walking back reaches every message once, also during sends (proptest)",
        run: paging::run,
    },
    Suite {
        name: "visibility",
        about: "every read route and the event stream show each account what the visibility model allows (proptest)",
        run: visibility::run,
    },
    Suite {
        name: "lockout",
        about: "login outcomes (accepted, delayed, locked) equal the lockout model (proptest)",
        run: lockout::run,
    },
    Suite {
        name: "tour",
        about: "every operation once more, from the fixtures, each answer against its committed snapshot (insta)",
        run: tour::run,
    },
];
