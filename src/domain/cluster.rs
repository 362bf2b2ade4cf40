//! The rule for settings every node of a deployment must share (today the public channel list):
//! the list recorded in the database is the deployment's; a node may replace it only when no other
//! node is alive, so the list never differs between nodes serving at the same time. The way to
//! change it is therefore: stop every node, change `channels` everywhere, start them again.

/// What a starting node does about its channel list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChannelListDecision {
    /// The database already holds this list.
    Keep,
    /// Record this node's list (none was recorded, or no other node is alive to disagree).
    Record,
    /// Another node is alive with a different list: this node must not start.
    Refuse { recorded: Vec<String> },
}

/// Decides for a node whose settings list `ours`, given the `recorded` list and how many other
/// nodes are alive. Order counts (it is the sidebar's).
pub fn channel_list_decision(
    recorded: Option<Vec<String>>,
    ours: &[String],
    others_alive: usize,
) -> ChannelListDecision {
    match recorded {
        Some(recorded) if recorded == ours => ChannelListDecision::Keep,
        Some(recorded) if others_alive > 0 => ChannelListDecision::Refuse { recorded },
        _ => ChannelListDecision::Record,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn a_different_list_is_refused_only_while_another_node_is_alive() {
        let ours = list(&["general", "random"]);
        assert_eq!(channel_list_decision(None, &ours, 3), ChannelListDecision::Record);
        assert_eq!(channel_list_decision(Some(ours.clone()), &ours, 3), ChannelListDecision::Keep);
        assert_eq!(channel_list_decision(Some(list(&["general"])), &ours, 0), ChannelListDecision::Record);
        assert_eq!(
            channel_list_decision(Some(list(&["random", "general"])), &ours, 1),
            ChannelListDecision::Refuse { recorded: list(&["random", "general"]) },
            "the order is part of the list"
        );
    }
}
