//! Conversations, read state and DM visibility as the contract defines them, on a logical clock
//! (every action is one tick later than the one before, as the server's timestamps are):
//! - who may write and see (decisions "Storage model"; C2.4): public — everyone; DM — the names in
//!   the id; private — current members, who see only what was said since they joined;
//! - unread (C5.1–C5.3, Q12, Q13): rows of others, not system notices, not deleted, after the
//!   reader's mark; every attachment row counts;
//! - `mark_read` (C5.4) marks everything present; `/dms` (C6): DMs with at least one row, hidden
//!   after a close until a newer row arrives, newest first; `/unread_count` sums the listed DMs.
use std::collections::HashMap;

pub type UserIx = usize;
pub type ConvIx = usize;
pub type SendIx = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Public,
    Private,
    /// Participants in canonical (id) order; a self-DM names its user twice.
    Direct(Vec<UserIx>),
}

#[derive(Debug, Clone)]
pub struct Send {
    pub conv: ConvIx,
    pub sender: UserIx,
    pub time: u64,
    pub has_text: bool,
    pub rows: usize,
    pub deleted: bool,
    pub system: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// 403 `forbidden`: the sender may not write here.
    Forbidden,
    /// 400 `invalid reply`: the parent is not visible to the sender.
    InvalidReply,
}

#[derive(Debug, Clone)]
pub struct Chat {
    users: usize,
    pub kinds: Vec<Kind>,
    pub sends: Vec<Send>,
    clock: u64,
    /// Private channel membership: user → the tick they joined.
    joined: HashMap<UserIx, u64>,
    marks: HashMap<(UserIx, ConvIx), u64>,
    /// Where each reader's receipt interval starts: `(receipts_from, mark]` is what their receipt
    /// covers in a conversation.
    receipts_from: HashMap<(UserIx, ConvIx), u64>,
    closed: HashMap<(UserIx, ConvIx), u64>,
}

/// One line of `/dms` as the model sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DmLine {
    pub conv: ConvIx,
    pub unread: i64,
}

impl Chat {
    /// `kinds`: the conversations; the private channel (if any) starts with `members`, who joined
    /// when it was created (tick 0, with its creation notice).
    pub fn new(users: usize, kinds: Vec<Kind>, private_members: &[UserIx]) -> Chat {
        let mut chat = Chat {
            users,
            kinds,
            sends: Vec::new(),
            clock: 0,
            joined: private_members.iter().map(|&u| (u, 0)).collect(),
            receipts_from: HashMap::new(),
            marks: HashMap::new(),
            closed: HashMap::new(),
        };
        if let Some(private) = chat.kinds.iter().position(|k| *k == Kind::Private) {
            if let Some(&creator) = private_members.first() {
                chat.push_send(private, creator, true, 1, true);
            }
        }
        chat
    }

    fn tick(&mut self) -> u64 {
        self.clock += 1;
        self.clock
    }

    fn push_send(&mut self, conv: ConvIx, sender: UserIx, has_text: bool, rows: usize, system: bool) -> SendIx {
        let time = self.tick();
        self.sends.push(Send { conv, sender, time, has_text, rows, deleted: false, system });
        self.sends.len() - 1
    }

    pub fn can_write(&self, user: UserIx, conv: ConvIx) -> bool {
        match &self.kinds[conv] {
            Kind::Public => true,
            Kind::Private => self.joined.contains_key(&user),
            Kind::Direct(members) => members.contains(&user),
        }
    }

    /// Whether `user` sees the send (in the conversation's history and as a reply parent).
    pub fn can_see(&self, user: UserIx, send: SendIx) -> bool {
        let send = &self.sends[send];
        match &self.kinds[send.conv] {
            Kind::Private => self.joined.get(&user).is_some_and(|&joined| send.time >= joined),
            _ => self.can_write(user, send.conv),
        }
    }

    pub fn send(
        &mut self,
        from: UserIx,
        conv: ConvIx,
        has_text: bool,
        files: usize,
        reply_to: Option<SendIx>,
    ) -> Result<SendIx, Refusal> {
        if !self.can_write(from, conv) {
            return Err(Refusal::Forbidden);
        }
        if reply_to.is_some_and(|parent| !self.can_see(from, parent)) {
            return Err(Refusal::InvalidReply);
        }
        Ok(self.push_send(conv, from, has_text, usize::from(has_text) + files, false))
    }

    pub fn delete(&mut self, send: SendIx) {
        self.tick();
        self.sends[send].deleted = true;
    }

    /// Edits and reactions move no read state; they only take a tick.
    pub fn touch(&mut self) {
        self.tick();
    }

    /// Adds `user` to the private channel, with the "added" notice. Someone re-added after leaving
    /// sees only what is said from now on (decisions, "Private channels").
    pub fn add_member(&mut self, by: UserIx, user: UserIx) {
        let Some(private) = self.kinds.iter().position(|k| *k == Kind::Private) else { return };
        if self.joined.contains_key(&user) {
            return;
        }
        let time = self.push_send(private, by, true, 1, true);
        self.joined.insert(user, self.sends[time].time);
    }

    /// `user` leaves the private channel (a notice tells those who remain).
    pub fn leave(&mut self, user: UserIx) {
        let Some(private) = self.kinds.iter().position(|k| *k == Kind::Private) else { return };
        if self.joined.remove(&user).is_some() {
            self.push_send(private, user, true, 1, true);
        }
    }

    pub fn mark_read(&mut self, user: UserIx, conv: ConvIx) {
        let now = self.tick();
        let start = match self.kinds[conv] {
            Kind::Private => self.joined.get(&user).copied().unwrap_or(0),
            _ => 0,
        };
        // The first mark, or the first since a re-join, starts the receipt interval (Minimost keeps
        // one interval per reader: see `receipts`).
        if self.marks.get(&(user, conv)).is_none_or(|&mark| mark < start) {
            self.receipts_from.insert((user, conv), start);
        }
        self.marks.insert((user, conv), now);
    }

    pub fn close(&mut self, user: UserIx, conv: ConvIx) {
        let now = self.tick();
        self.closed.insert((user, conv), now);
    }

    pub fn unread(&self, user: UserIx, conv: ConvIx) -> i64 {
        let mark = self.marks.get(&(user, conv)).copied().unwrap_or(0);
        self.sends
            .iter()
            .enumerate()
            .filter(|(ix, s)| {
                s.conv == conv
                    && s.sender != user
                    && !s.system
                    && !s.deleted
                    && s.time > mark
                    && self.can_see(user, *ix)
            })
            .map(|(_, s)| s.rows as i64)
            .sum()
    }

    /// `/dms` for `user`: newest first.
    pub fn dms(&self, user: UserIx) -> Vec<DmLine> {
        let mut lines: Vec<(u64, DmLine)> = self
            .kinds
            .iter()
            .enumerate()
            .filter(|(_, kind)| matches!(kind, Kind::Direct(members) if members.contains(&user)))
            .filter_map(|(conv, _)| {
                let latest = self.sends.iter().filter(|s| s.conv == conv).map(|s| s.time).max()?;
                let hidden = self.closed.get(&(user, conv)).is_some_and(|&closed| latest <= closed);
                (!hidden).then(|| (latest, DmLine { conv, unread: self.unread(user, conv) }))
            })
            .collect();
        lines.sort_by_key(|line| std::cmp::Reverse(line.0));
        lines.into_iter().map(|(_, line)| line).collect()
    }

    pub fn unread_count(&self, user: UserIx) -> i64 {
        self.dms(user).iter().map(|line| line.unread).sum()
    }

    /// `/read_receipts` of `conv` as `viewer` sees it (C5.5): send → its readers, ascending. A
    /// reader's receipt covers what others sent (not notices) that they could see and that their
    /// latest `mark_read` took in; deleted messages keep theirs. The viewer sees receipts on what
    /// they can see. Known deviation (documented on the operation): receipts are permanent except
    /// that a member who re-joins a private channel loses those of the earlier membership at their
    /// next `mark_read` there.
    pub fn receipts(&self, viewer: UserIx, conv: ConvIx) -> std::collections::BTreeMap<SendIx, Vec<UserIx>> {
        let mut map = std::collections::BTreeMap::new();
        for (ix, send) in self.sends.iter().enumerate() {
            if send.conv != conv || send.system || !self.can_see(viewer, ix) {
                continue;
            }
            let readers: Vec<UserIx> = (0..self.users)
                .filter(|&reader| reader != send.sender)
                .filter(|&reader| self.marks.get(&(reader, conv)).is_some_and(|&mark| mark >= send.time))
                .filter(|&reader| self.receipts_from.get(&(reader, conv)).is_some_and(|&from| send.time >= from))
                .collect();
            if !readers.is_empty() {
                map.insert(ix, readers);
            }
        }
        map
    }

    pub fn is_member(&self, user: UserIx) -> bool {
        self.joined.contains_key(&user)
    }
}
