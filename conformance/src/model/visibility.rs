//! Who may see what, as the contract defines it (decisions "Storage model", Q1, Q3, Q7, Q10, Q23,
//! the clarification on private channels; reference C2, C9, C10 `delete_account`), on a logical
//! clock where every change is one tick later than the one before:
//! - a public channel: every account, its whole history;
//! - a DM: the accounts whose names the id holds, everything said since *that account* was
//!   created — a name registered again after an account deletion is a new person, who sees nothing
//!   that was said to the old one;
//! - a private channel: its current members, what was said since they (last) joined; someone who
//!   leaves loses it all, someone added back sees only the "added" notice and what follows;
//! - a deleted message stays visible as a tombstone (no content, no file, not searchable);
//! - a deleted account sees nothing; its messages stay (as `Deleted User`), unless the deletion
//!   was hard, which turns them into tombstones.
use std::collections::HashMap;

/// A username (one of the suite's fixed names).
pub type Slot = usize;
/// One account: each registration of a name is a new person.
pub type Person = usize;
pub type ConvIx = usize;
pub type MsgIx = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conv {
    Public,
    Private,
    /// The names in the id (each once; canonical order is the suite's business).
    Direct(Vec<Slot>),
}

#[derive(Debug, Clone)]
pub struct Account {
    pub slot: Slot,
    pub created: u64,
    pub deleted: bool,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub conv: ConvIx,
    /// `None` for a private channel's system notice.
    pub sender: Option<Person>,
    pub time: u64,
    pub text: bool,
    pub files: usize,
    pub deleted: bool,
    /// Pinned (a deletion, also by a hard account deletion, unpins).
    pub pinned: bool,
}

/// Why the server must refuse a change, as a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// 403 `forbidden`.
    Forbidden,
    /// 404 (`user not found` for a DM naming someone without an account; `not found` for a
    /// message the caller cannot see).
    NotFound,
    /// 409 `already a member`.
    Conflict,
}

impl Refused {
    pub fn status(self) -> u16 {
        match self {
            Refused::Forbidden => 403,
            Refused::NotFound => 404,
            Refused::Conflict => 409,
        }
    }
}

#[derive(Debug, Clone)]
pub struct World {
    pub convs: Vec<Conv>,
    pub accounts: Vec<Account>,
    /// Each name's current account, if it has one.
    pub current: Vec<Option<Person>>,
    pub messages: Vec<Message>,
    /// Private channel memberships: (channel, person) → when they (last) joined.
    joined: HashMap<(ConvIx, Person), u64>,
    clock: u64,
}

impl World {
    /// `slots` names, each registered once, and the conversations.
    pub fn new(slots: usize, convs: Vec<Conv>) -> World {
        let mut world = World {
            convs,
            accounts: Vec::new(),
            current: vec![None; slots],
            messages: Vec::new(),
            joined: HashMap::new(),
            clock: 0,
        };
        for slot in 0..slots {
            world.register(slot);
        }
        world
    }

    fn tick(&mut self) -> u64 {
        self.clock += 1;
        self.clock
    }

    /// The live account of `slot`.
    pub fn person(&self, slot: Slot) -> Option<Person> {
        self.current[slot]
    }

    /// Registers the name again (a new person); `false` if it has a live account.
    pub fn register(&mut self, slot: Slot) -> bool {
        if self.current[slot].is_some() {
            return false;
        }
        let created = self.tick();
        self.accounts.push(Account { slot, created, deleted: false });
        self.current[slot] = Some(self.accounts.len() - 1);
        true
    }

    /// Deletes the name's account: its memberships go; a hard deletion also turns everything it
    /// sent into tombstones.
    pub fn delete_account(&mut self, slot: Slot, hard: bool) {
        let Some(person) = self.current[slot].take() else { return };
        self.tick();
        self.accounts[person].deleted = true;
        self.joined.retain(|(_, member), _| *member != person);
        if hard {
            for message in self.messages.iter_mut().filter(|m| m.sender == Some(person)) {
                message.deleted = true;
                message.pinned = false;
            }
        }
    }

    /// Makes `slot` a member of a private channel at set-up (creation posts no notice).
    pub fn create_member(&mut self, conv: ConvIx, slot: Slot) {
        if let Some(person) = self.current[slot] {
            let now = self.tick();
            self.joined.insert((conv, person), now);
        }
    }

    pub fn is_member(&self, conv: ConvIx, person: Person) -> bool {
        self.joined.contains_key(&(conv, person))
    }

    /// Current members of a private channel.
    pub fn members(&self, conv: ConvIx) -> Vec<Person> {
        let mut members: Vec<Person> =
            self.joined.keys().filter(|(channel, _)| *channel == conv).map(|(_, person)| *person).collect();
        members.sort();
        members
    }

    /// Whether `person` may read the conversation at all (polls, receipts, typing, members).
    pub fn can_read(&self, person: Person, conv: ConvIx) -> bool {
        if self.accounts[person].deleted {
            return false;
        }
        match &self.convs[conv] {
            Conv::Public => true,
            Conv::Private => self.is_member(conv, person),
            Conv::Direct(slots) => slots.contains(&self.accounts[person].slot),
        }
    }

    /// Whether `person` may write: as reading, and a DM's every name must have an account (Q3).
    pub fn can_write(&self, person: Person, conv: ConvIx) -> Result<(), Refused> {
        if !self.can_read(person, conv) {
            return Err(Refused::Forbidden);
        }
        match &self.convs[conv] {
            Conv::Direct(slots) if slots.iter().any(|&slot| self.current[slot].is_none()) => Err(Refused::NotFound),
            _ => Ok(()),
        }
    }

    /// Whether `person` sees the message now (in polls, by id, as a reply parent, its file while
    /// it is not deleted, its receipts, its events).
    pub fn can_see(&self, person: Person, message: MsgIx) -> bool {
        let message = &self.messages[message];
        let account = &self.accounts[person];
        if account.deleted {
            return false;
        }
        match &self.convs[message.conv] {
            Conv::Public => true,
            Conv::Private => self.joined.get(&(message.conv, person)).is_some_and(|&joined| message.time >= joined),
            Conv::Direct(slots) => slots.contains(&account.slot) && message.time >= account.created,
        }
    }

    /// Whether `person` may download the message's files: they see it and it is not deleted (Q10, Q23).
    pub fn can_download(&self, person: Person, message: MsgIx) -> bool {
        self.can_see(person, message) && !self.messages[message].deleted
    }

    pub fn send(&mut self, slot: Slot, conv: ConvIx, text: bool, files: usize) -> Result<MsgIx, Refused> {
        let person = self.current[slot].ok_or(Refused::Forbidden)?;
        self.can_write(person, conv)?;
        let time = self.tick();
        self.messages.push(Message { conv, sender: Some(person), time, text, files, deleted: false, pinned: false });
        Ok(self.messages.len() - 1)
    }

    /// Who may edit or delete a message: its sender, while they can still see it.
    pub fn may_change(&self, slot: Slot, message: MsgIx) -> Result<Person, Refused> {
        let person = self.current[slot].ok_or(Refused::Forbidden)?;
        if self.messages[message].sender != Some(person) || !self.can_see(person, message) {
            return Err(Refused::Forbidden);
        }
        Ok(person)
    }

    pub fn delete(&mut self, slot: Slot, message: MsgIx) -> Result<(), Refused> {
        self.may_change(slot, message)?;
        self.tick();
        self.messages[message].deleted = true;
        self.messages[message].pinned = false;
        Ok(())
    }

    /// Pinning needs to see the message, undeleted; unpinning only to see it (a deleted message is
    /// no longer pinned, and unpinning what is not pinned answers `ok`). Anything else "does not
    /// exist" (404).
    pub fn set_pinned(&mut self, slot: Slot, message: MsgIx, pinned: bool) -> Result<(), Refused> {
        let person = self.current[slot].ok_or(Refused::Forbidden)?;
        if !self.can_see(person, message) || (pinned && self.messages[message].deleted) {
            return Err(Refused::NotFound);
        }
        self.tick();
        self.messages[message].pinned = pinned;
        Ok(())
    }

    /// The pinned messages `person` may list in `conv`: those it can see (a private channel's
    /// member, only since it joined); `None` when it may not read the conversation (403).
    pub fn pins(&self, person: Person, conv: ConvIx) -> Option<Vec<MsgIx>> {
        self.can_read(person, conv).then(|| {
            (0..self.messages.len())
                .filter(|&m| self.messages[m].conv == conv && self.messages[m].pinned && self.can_see(person, m))
                .collect()
        })
    }

    pub fn edit(&mut self, slot: Slot, message: MsgIx) -> Result<(), Refused> {
        self.may_change(slot, message)?;
        self.tick();
        Ok(())
    }

    /// Reacting needs only to see the message; one that cannot be seen "does not exist" (404).
    pub fn react(&mut self, slot: Slot, message: MsgIx) -> Result<(), Refused> {
        let person = self.current[slot].ok_or(Refused::Forbidden)?;
        if !self.can_see(person, message) {
            return Err(Refused::NotFound);
        }
        self.tick();
        Ok(())
    }

    /// `by` adds `slot` to a private channel: the notice every member (the new one included) sees,
    /// then the membership from that notice on.
    pub fn add_member(&mut self, by: Slot, slot: Slot, conv: ConvIx) -> Result<MsgIx, Refused> {
        let adder = self.current[by].ok_or(Refused::Forbidden)?;
        if !self.is_member(conv, adder) {
            return Err(Refused::Forbidden);
        }
        let person = self.current[slot].ok_or(Refused::NotFound)?;
        if self.is_member(conv, person) {
            return Err(Refused::Conflict);
        }
        let notice = self.notice(conv);
        let time = self.messages[notice].time;
        self.joined.insert((conv, person), time);
        Ok(notice)
    }

    /// `slot` leaves a private channel; those who remain (if any) get a notice.
    pub fn leave(&mut self, slot: Slot, conv: ConvIx) -> Result<Option<MsgIx>, Refused> {
        let person = self.current[slot].ok_or(Refused::Forbidden)?;
        if self.joined.remove(&(conv, person)).is_none() {
            return Err(Refused::Forbidden);
        }
        Ok((!self.members(conv).is_empty()).then(|| self.notice(conv)))
    }

    fn notice(&mut self, conv: ConvIx) -> MsgIx {
        let time = self.tick();
        self.messages.push(Message { conv, sender: None, time, text: true, files: 0, deleted: false, pinned: false });
        self.messages.len() - 1
    }

    /// Marking read: a reader's change, refused where they cannot read; a DM nobody has written
    /// in that names someone without an account is refused like a send (404).
    pub fn mark_read(&mut self, slot: Slot, conv: ConvIx) -> Result<(), Refused> {
        let person = self.current[slot].ok_or(Refused::Forbidden)?;
        if !self.can_read(person, conv) {
            return Err(Refused::Forbidden);
        }
        let written = self.messages.iter().any(|m| m.conv == conv);
        if !written {
            self.can_write(person, conv)?;
        }
        self.tick();
        Ok(())
    }

    /// The DMs `person` has: those with a message they can see (deleted ones too).
    pub fn dms(&self, person: Person) -> Vec<ConvIx> {
        (0..self.convs.len())
            .filter(|&conv| matches!(self.convs[conv], Conv::Direct(_)))
            .filter(|&conv| (0..self.messages.len()).any(|m| self.messages[m].conv == conv && self.can_see(person, m)))
            .collect()
    }

    /// The private channels `person` is in.
    pub fn private_channels(&self, person: Person) -> Vec<ConvIx> {
        (0..self.convs.len())
            .filter(|&conv| self.convs[conv] == Conv::Private && self.is_member(conv, person))
            .collect()
    }

    /// `/channel_members`: the others of the conversation, as names (slots), or refused.
    pub fn channel_members(&self, person: Person, conv: ConvIx) -> Result<Vec<Slot>, Refused> {
        if !self.can_read(person, conv) {
            return Err(Refused::Forbidden);
        }
        let me = self.accounts[person].slot;
        let mut slots: Vec<Slot> = match &self.convs[conv] {
            Conv::Public => (0..self.current.len()).filter(|&slot| self.current[slot].is_some()).collect(),
            Conv::Private => self.members(conv).into_iter().map(|p| self.accounts[p].slot).collect(),
            Conv::Direct(slots) => slots.clone(),
        };
        slots.retain(|&slot| slot != me);
        Ok(slots)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> World {
        // 0 public, 1 private (slot 0 and 1), 2 DM of slots 0 and 1.
        let mut world = World::new(3, vec![Conv::Public, Conv::Private, Conv::Direct(vec![0, 1])]);
        world.create_member(1, 0);
        world.create_member(1, 1);
        world
    }

    #[test]
    fn a_name_registered_again_does_not_inherit_the_old_accounts_dms() {
        let mut world = world();
        let old = world.send(0, 2, true, 0).unwrap();
        world.delete_account(1, false);
        assert_eq!(world.send(0, 2, true, 0), Err(Refused::NotFound), "nobody named u1 to write to");
        world.register(1);
        let new = world.send(0, 2, true, 0).unwrap();
        let person = world.person(1).unwrap();
        assert!(!world.can_see(person, old));
        assert!(world.can_see(person, new));
        assert!(world.can_see(world.person(0).unwrap(), old), "the other side keeps the history");
    }

    #[test]
    fn a_member_added_back_sees_only_what_follows() {
        let mut world = world();
        let before = world.send(0, 1, true, 0).unwrap();
        world.leave(1, 1).unwrap();
        let away = world.send(0, 1, true, 0).unwrap();
        let person = world.person(1).unwrap();
        assert!(!world.can_see(person, before), "leaving loses the history");
        let notice = world.add_member(0, 1, 1).unwrap();
        let after = world.send(0, 1, true, 0).unwrap();
        assert!(!world.can_see(person, before) && !world.can_see(person, away));
        assert!(world.can_see(person, notice) && world.can_see(person, after));
    }

    #[test]
    fn a_hard_deletion_leaves_tombstones_and_a_soft_one_the_messages() {
        let mut world = world();
        let soft = world.send(1, 0, true, 1).unwrap();
        let hard = world.send(2, 0, true, 1).unwrap();
        world.delete_account(1, false);
        world.delete_account(2, true);
        let reader = world.person(0).unwrap();
        assert!(world.can_download(reader, soft));
        assert!(world.can_see(reader, hard) && !world.can_download(reader, hard));
    }
}
