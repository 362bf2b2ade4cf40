//! Every operation of the contract answers an anonymous caller with a status documented for it: so
//! every route exists, is guarded as documented, and nothing undocumented (404, 405, 5xx) comes back.
use std::time::Instant;

use reqwest::Method;

use crate::client::Body;
use crate::report::Check;
use crate::Context;

/// A concrete value for each path parameter, valid in form so routing does not reject it.
fn example_path(template: &str) -> String {
    template
        .replace("{channel}", "general")
        .replace("{msg_id}", "1")
        .replace("{username}", "conformance-nobody")
        .replace("{filename}", "0123456789abcdef0123456789abcdef.png")
        .replace("{channel_id}", "1")
}

pub fn run(context: &Context) -> anyhow::Result<Vec<Check>> {
    let anonymous = context.server.anonymous()?;
    let operations = context.server.recorder.contract.operations().to_vec();
    let mut checks = Vec::new();
    for operation in operations {
        let started = Instant::now();
        let method = Method::from_bytes(operation.method.as_bytes())?;
        let path = example_path(&operation.template);
        let failure = match anonymous.send(method, &path, Body::Empty) {
            Ok(reply) => {
                let documented = context.server.recorder.contract.check(
                    &operation,
                    reply.status,
                    reply.content_type.as_deref(),
                    None,
                );
                (!documented.is_empty()).then(|| documented.join("; "))
            }
            Err(err) => Some(format!("{err:#}")),
        };
        checks.push(Check {
            suite: "routes",
            name: format!(
                "{} {} ({}) answers anonymously as documented",
                operation.method, operation.template, operation.id
            ),
            duration: started.elapsed(),
            failure,
        });
    }
    Ok(checks)
}
