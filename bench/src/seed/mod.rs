//! Datasets: seeded directly through the `minimost` store (no HTTP, bulk inserts in large
//! transactions), cached under the data root and reused while their parameters and the store code
//! they were written with stay the same.
//!
//! A cached dataset is never served directly: every run works on a fresh copy (see
//! [`copy_for_run`]), because several scenarios write (sends, presence) and the server migrates the
//! database when it starts. Copying a few hundred MB costs about a second; reseeding a million
//! messages costs minutes.
mod bulk;
mod corpus;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{bail, Context};
use diesel::connection::SimpleConnection;
use diesel::Connection;
use minimost::api::session;
use minimost::domain::channel::DmId;
use minimost::domain::credentials::username_key;
use minimost::service::hashing::hash_password;
use minimost::service::sessions::{random_token, token_hash};
use minimost::service::signing_keys;
use minimost::store::channels::{self, KIND_DIRECT, KIND_PUBLIC};
use minimost::store::messages::{self as store_messages, NewSend};
use minimost::store::users::{self, NewUser};
use minimost::store::{sessions, Store};
use minimost::{Config, Settings};
use serde::{Deserialize, Serialize};

pub use corpus::NEEDLE;

/// Changes whenever the store or seeding code does (see build.rs): a cached dataset written by
/// other code is seeded again.
const FINGERPRINT: &str = env!("MINIMOST_BENCH_SEED_FINGERPRINT");

/// Rows per write transaction: large enough that commits do not dominate, small enough to report
/// progress.
const BATCH: usize = 20_000;

/// Every seeded user has this password (hashed once, the way sign-up hashes it).
pub const PASSWORD: &str = "Bench-password-1!";

/// What to put in a data directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// The cache directory's name.
    pub name: String,
    /// `user1` … `user<N>`, each with one session.
    pub users: u32,
    /// The public channels; the server is started with exactly these.
    pub channels: Vec<String>,
    /// Messages per public channel, in sentence-like text from rotating senders.
    pub channel_messages: Vec<(String, u32)>,
    /// Users 1..=`dm_owners` each have a DM with `dm_partners` users numbered after them, each with
    /// `dm_messages` messages (alternating senders).
    pub dm_owners: u32,
    pub dm_partners: u32,
    pub dm_messages: u32,
    /// Random-text messages spread over every public channel (a search corpus) …
    pub corpus_messages: u32,
    /// … of which this many contain [`NEEDLE`].
    pub needle_hits: u32,
    /// Messages per public channel written by one SQL statement each (see [`bulk`]), for histories
    /// of a million messages that would take minutes row by row; after every other message.
    pub bulk_messages: Vec<(String, u32)>,
    /// Users 1..=`readers` have read every public channel with messages up to its newest one (so
    /// each of those messages has read receipts).
    pub readers: u32,
}

impl Dataset {
    pub fn users(name: &str, users: u32) -> Dataset {
        Dataset {
            name: name.to_string(),
            users,
            channels: default_channels(),
            channel_messages: Vec::new(),
            dm_owners: 0,
            dm_partners: 0,
            dm_messages: 0,
            corpus_messages: 0,
            needle_hits: 0,
            bulk_messages: Vec::new(),
            readers: 0,
        }
    }

    fn check(&self) -> anyhow::Result<()> {
        if self.users == 0 {
            bail!("dataset {}: needs at least one user", self.name);
        }
        if self.dm_owners > 0 && self.dm_owners + self.dm_partners > self.users {
            bail!("dataset {}: DM partners are numbered past the last user", self.name);
        }
        let counts = self.channel_messages.iter().chain(&self.bulk_messages);
        if let Some((channel, _)) = counts.clone().find(|(c, _)| !self.channels.contains(c)) {
            bail!("dataset {}: {channel} is not one of its channels", self.name);
        }
        if self.readers > self.users {
            bail!("dataset {}: more readers than users", self.name);
        }
        Ok(())
    }

    /// The server's `MINIMOST_CHANNELS` when the dataset does not use the default channels.
    pub fn channels_env(&self) -> Option<(String, String)> {
        (self.channels != default_channels())
            .then(|| ("MINIMOST_CHANNELS".to_string(), serde_json::json!(self.channels).to_string()))
    }

    fn dm_key(owner: u32, partner: u32) -> anyhow::Result<String> {
        Ok(DmId::from_names([username(owner), username(partner)])
            .map_err(|err| anyhow::anyhow!("DM id: {err:?}"))?
            .canonical())
    }

    /// Every conversation that gets messages, with its kind.
    fn conversations(&self) -> anyhow::Result<BTreeMap<String, i32>> {
        let mut all = BTreeMap::new();
        for (channel, count) in self.channel_messages.iter().chain(&self.bulk_messages) {
            if *count > 0 {
                all.insert(channel.clone(), KIND_PUBLIC);
            }
        }
        if self.corpus_messages > 0 {
            for channel in &self.channels {
                all.insert(channel.clone(), KIND_PUBLIC);
            }
        }
        if self.dm_messages > 0 {
            for owner in 1..=self.dm_owners {
                for partner in self.dm_partners_of(owner) {
                    all.insert(Dataset::dm_key(owner, partner)?, KIND_DIRECT);
                }
            }
        }
        Ok(all)
    }

    fn dm_partners_of(&self, _owner: u32) -> std::ops::RangeInclusive<u32> {
        self.dm_owners + 1..=self.dm_owners + self.dm_partners
    }

    fn total_messages(&self) -> u64 {
        let channel: u64 = self.channel_messages.iter().chain(&self.bulk_messages).map(|(_, n)| u64::from(*n)).sum();
        let dms = u64::from(self.dm_owners) * u64::from(self.dm_partners) * u64::from(self.dm_messages);
        channel + dms + u64::from(self.corpus_messages)
    }

    /// The messages to insert, in insertion (and timestamp) order, generated lazily.
    fn messages(&self) -> anyhow::Result<Box<dyn Iterator<Item = Planned> + Send>> {
        let users = u64::from(self.users);
        let channel_messages = self.channel_messages.clone().into_iter().flat_map(move |(channel, count)| {
            let mut rng = corpus::Rng::new(0x5eed_0001 ^ count as u64);
            (0..count).map(move |i| Planned {
                channel: channel.clone(),
                sender: (u64::from(i) % users) as u32 + 1,
                text: corpus::sentence(&mut rng),
            })
        });
        let mut dms = Vec::new();
        for owner in 1..=self.dm_owners {
            for partner in self.dm_partners_of(owner) {
                dms.push((Dataset::dm_key(owner, partner)?, owner, partner));
            }
        }
        let dm_messages = self.dm_messages;
        let dm_messages = dms.into_iter().flat_map(move |(key, owner, partner)| {
            let mut rng = corpus::Rng::new(0x5eed_0002 ^ u64::from(owner) << 20 ^ u64::from(partner));
            (0..dm_messages).map(move |i| Planned {
                channel: key.clone(),
                sender: if i % 2 == 0 { partner } else { owner },
                text: corpus::sentence(&mut rng),
            })
        });
        let channels = self.channels.clone();
        let (corpus_messages, needle_hits) = (self.corpus_messages, self.needle_hits);
        let stride = corpus_messages.checked_div(needle_hits).map_or(u32::MAX, |n| n.max(1));
        let mut rng = corpus::Rng::new(0x5eed_0003);
        let mut needles_left = needle_hits;
        let corpus = (0..corpus_messages).map(move |i| {
            let mut text = corpus::sentence(&mut rng);
            if needles_left > 0 && i % stride == stride / 2 {
                needles_left -= 1;
                text.push(' ');
                text.push_str(NEEDLE);
            }
            Planned {
                channel: channels[i as usize % channels.len()].clone(),
                sender: rng.below(users) as u32 + 1,
                text,
            }
        });
        Ok(Box::new(channel_messages.chain(dm_messages).chain(corpus)))
    }
}

pub fn default_channels() -> Vec<String> {
    Settings::default().channels
}

pub fn username(number: u32) -> String {
    format!("user{number}")
}

struct Planned {
    channel: String,
    /// 1-based user number.
    sender: u32,
    text: String,
}

/// A seeded dataset, as recorded next to its data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Seeded {
    pub dataset: Dataset,
    pub fingerprint: String,
    /// The `Cookie` header of user N's session at index N-1.
    pub cookies: Vec<String>,
    /// Each conversation's newest message timestamp.
    pub latest_ts: BTreeMap<String, f64>,
    pub seconds_to_seed: f64,
}

impl Seeded {
    pub fn cookies(&self) -> Vec<Arc<str>> {
        self.cookies.iter().map(|c| Arc::from(c.as_str())).collect()
    }
}

fn database_path(dir: &Path) -> PathBuf {
    PathBuf::from(Config::for_data_dir(dir, Settings::default()).database_url())
}

/// The cached dataset's directory, seeding it first when it is missing or stale.
pub async fn prepare(root: &Path, dataset: &Dataset) -> anyhow::Result<(PathBuf, Seeded)> {
    dataset.check()?;
    let dir = root.join(&dataset.name);
    let meta_path = dir.join("seed.json");
    if let Ok(text) = std::fs::read_to_string(&meta_path) {
        match serde_json::from_str::<Seeded>(&text) {
            Ok(seeded) if seeded.dataset == *dataset && seeded.fingerprint == FINGERPRINT => {
                return Ok((dir, seeded));
            }
            _ => eprintln!("  dataset {}: cached copy is stale, seeding it again", dataset.name),
        }
    }
    // Seed beside the cache and rename when complete, so an interrupted seed is never reused.
    let partial = root.join(format!(".{}.partial-{}", dataset.name, std::process::id()));
    remove_dir(&partial)?;
    std::fs::create_dir_all(&partial).with_context(|| format!("create {}", partial.display()))?;
    let started = Instant::now();
    let mut seeded = seed(&partial, dataset).await?;
    seeded.seconds_to_seed = started.elapsed().as_secs_f64();
    std::fs::write(partial.join("seed.json"), serde_json::to_vec(&seeded)?).context("write seed.json")?;
    remove_dir(&dir)?;
    std::fs::rename(&partial, &dir).with_context(|| format!("move the seeded dataset to {}", dir.display()))?;
    eprintln!("  dataset {}: seeded in {:.1} s", dataset.name, seeded.seconds_to_seed);
    Ok((dir, seeded))
}

fn remove_dir(dir: &Path) -> anyhow::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            Err(err).with_context(|| format!("remove {}", dir.display()))
        }
        _ => Ok(()),
    }
}

async fn seed(dir: &Path, dataset: &Dataset) -> anyhow::Result<Seeded> {
    let total = dataset.total_messages();
    eprintln!("  dataset {}: seeding {} users and {total} messages", dataset.name, dataset.users);
    let store = Store::open(&database_path(dir).to_string_lossy())?;
    // The key the server will find in the database and sign with.
    let keys = {
        let (store, dir) = (store.clone(), dir.to_path_buf());
        tokio::task::spawn_blocking(move || signing_keys::load_at_start(&store, &dir)).await??
    };
    let key = session::Keys::new(keys).signing();
    let password_hash =
        hash_password(PASSWORD.to_string()).await.map_err(|err| anyhow::anyhow!("hash the password: {err}"))?;
    let now = minimost::store::now();

    // Accounts exist well before any message, so every seeded message is "after sign-up".
    let created_at = now - 3.0 * 86_400.0;
    let mut tokens = Vec::with_capacity(dataset.users as usize);
    let mut cookies = Vec::with_capacity(dataset.users as usize);
    for _ in 0..dataset.users {
        let token = random_token();
        cookies.push(session::session_cookie_header(&key, &token));
        tokens.push(token_hash(&token));
    }
    let names: Vec<String> = (1..=dataset.users).map(username).collect();
    let user_ids: Vec<i64> = store
        .run(move |conn| {
            conn.transaction(|conn| {
                let mut ids = Vec::with_capacity(names.len());
                for (name, token_hash) in names.iter().zip(&tokens) {
                    let key = username_key(name);
                    let new = NewUser { username: name, username_key: &key, password_hash: &password_hash, created_at };
                    let user = users::create(conn, &new)?.with_context(|| format!("{name} exists twice"))?;
                    sessions::create(conn, token_hash, user.id, now)?;
                    ids.push(user.id);
                }
                Ok(ids)
            })
        })
        .await?;
    let senders: Arc<Vec<(i64, String)>> =
        Arc::new(user_ids.into_iter().zip((1..=dataset.users).map(username)).collect());

    // Conversations exist (with their members, for DMs) before their messages, as after a send.
    let conversations = dataset.conversations()?;
    let conversation_list: Vec<(String, i32)> = conversations.clone().into_iter().collect();
    let members = Arc::clone(&senders);
    store
        .run(move |conn| {
            conn.transaction(|conn| {
                for (channel, kind) in &conversation_list {
                    channels::tick(conn, channel, *kind)?;
                    if *kind == KIND_DIRECT {
                        let dm = DmId::parse(channel).map_err(|err| anyhow::anyhow!("{err:?}"))?;
                        let ids: Vec<i64> =
                            members.iter().filter(|(_, name)| dm.includes(name)).map(|(id, _)| *id).collect();
                        channels::add_members(conn, channel, &ids, 0.0)?;
                    }
                }
                Ok(())
            })
        })
        .await?;

    // Messages from two hours ago onwards, strictly increasing, at most 1 ms apart.
    let start = now - 7_200.0;
    let step = (3_600.0 / total.max(1) as f64).min(0.001);
    let mut latest_ts: BTreeMap<String, f64> = BTreeMap::new();
    let mut planned = dataset.messages()?;
    let mut inserted: u64 = 0;
    let mut last_report = Instant::now();
    loop {
        let batch: Vec<Planned> = planned.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let (first, senders) = (inserted, Arc::clone(&senders));
        inserted += batch.len() as u64;
        let newest = store
            .run(move |conn| {
                conn.transaction(|conn| {
                    let mut newest: BTreeMap<String, f64> = BTreeMap::new();
                    for (offset, message) in batch.iter().enumerate() {
                        let ts = start + (first + offset as u64) as f64 * step;
                        let (sender_id, sender) = &senders[message.sender as usize - 1];
                        store_messages::insert_send(
                            conn,
                            &NewSend {
                                channel: &message.channel,
                                sender,
                                sender_id: Some(*sender_id),
                                text: Some(&message.text),
                                filenames: &[],
                                reply_to_id: None,
                                mentions: None,
                                ts,
                            },
                        )?;
                        newest.insert(message.channel.clone(), ts);
                    }
                    for (channel, ts) in &newest {
                        channels::record_message(conn, channel, *ts)?;
                    }
                    Ok(newest)
                })
            })
            .await?;
        latest_ts.extend(newest);
        if last_report.elapsed().as_secs() >= 10 {
            eprintln!("  dataset {}: {inserted} / {total} messages", dataset.name);
            last_report = Instant::now();
        }
    }
    // The bulk histories, after everything else (their times follow the other messages').
    for (channel, count) in dataset.bulk_messages.iter().filter(|(_, count)| *count > 0) {
        let plan = bulk::Bulk { channel: channel.clone(), count: *count, users: dataset.users, start: now - 3_500.0 };
        let newest = store.run(move |conn| conn.transaction(|conn| bulk::insert(conn, &plan))).await?;
        latest_ts.insert(channel.clone(), newest);
    }
    if dataset.readers > 0 {
        let (readers, newest) = (dataset.readers, latest_ts.clone());
        let public: Vec<String> = dataset.channels.clone();
        store
            .run(move |conn| {
                conn.transaction(|conn| {
                    for (channel, ts) in newest.iter().filter(|(channel, _)| public.contains(channel)) {
                        bulk::mark_read(conn, channel, readers, *ts)?;
                    }
                    Ok(())
                })
            })
            .await?;
    }
    let known: BTreeSet<&String> = latest_ts.keys().collect();
    if known.len() != conversations.len() {
        bail!("dataset {}: some conversations got no messages", dataset.name);
    }
    // Everything into the main database file, so the directory can be copied as it is.
    store.run(|conn| Ok(conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")?)).await?;
    drop(store);
    Ok(Seeded {
        dataset: dataset.clone(),
        fingerprint: FINGERPRINT.to_string(),
        cookies,
        latest_ts,
        seconds_to_seed: 0.0,
    })
}

/// A fresh copy of a cached dataset for one server run.
pub fn copy_for_run(cached: &Path, run_dir: &Path) -> anyhow::Result<()> {
    remove_dir(run_dir)?;
    copy_tree(cached, run_dir)
}

fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("create {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("read {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).with_context(|| format!("copy {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Removes a run's copy.
pub fn discard_run(run_dir: &Path) -> anyhow::Result<()> {
    remove_dir(run_dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_plan_matches_the_counts_and_places_every_needle() {
        let dataset = Dataset {
            channel_messages: vec![("general".into(), 7)],
            dm_owners: 2,
            dm_partners: 3,
            dm_messages: 4,
            corpus_messages: 1000,
            needle_hits: 5,
            ..Dataset::users("t", 10)
        };
        dataset.check().unwrap();
        let planned: Vec<Planned> = dataset.messages().unwrap().collect();
        assert_eq!(planned.len() as u64, dataset.total_messages());
        assert_eq!(planned.iter().filter(|m| m.text.contains(NEEDLE)).count(), 5);
        assert!(planned.iter().all(|m| (1..=10).contains(&m.sender)));
        let dms: BTreeSet<&str> =
            planned.iter().filter(|m| m.channel.starts_with("dm:")).map(|m| m.channel.as_str()).collect();
        assert_eq!(dms.len(), 6);
        assert!(dms.contains("dm:user1:user3"));
        assert_eq!(dataset.conversations().unwrap().len(), 6 + default_channels().len());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_bulk_history_is_seeded_as_sends_of_the_users_after_the_other_messages_with_its_readers() {
        use diesel::dsl::{count_star, max, min};
        use diesel::prelude::*;
        use minimost::store::schema::{channel_reads, messages};

        let root = std::env::temp_dir().join(format!("minimost-bench-bulk-test-{}", std::process::id()));
        let dataset = Dataset {
            channel_messages: vec![("general".into(), 5)],
            bulk_messages: vec![("general".into(), 3_000)],
            readers: 4,
            ..Dataset::users("bulk", 7)
        };
        let (dir, seeded) = prepare(&root, &dataset).await.unwrap();
        let store = Store::open(&database_path(&dir).to_string_lossy()).unwrap();
        let (rows, first, last, mismatched, orphans, readers, newest) = store
            .run(|conn| {
                let general = messages::table.filter(messages::channel.eq("general"));
                let rows: i64 = general.select(count_star()).first(conn)?;
                let first: Option<i64> = general.select(min(messages::id)).first(conn)?;
                let last: Option<i64> = general.select(max(messages::id)).first(conn)?;
                let mismatched: i64 =
                    general.filter(messages::send_id.ne(messages::id)).select(count_star()).first(conn)?;
                let orphans: i64 = general.filter(messages::sender_id.is_null()).select(count_star()).first(conn)?;
                let readers: i64 = channel_reads::table.select(count_star()).first(conn)?;
                let newest: Option<f64> = general.select(max(messages::ts)).first(conn)?;
                Ok((rows, first, last, mismatched, orphans, readers, newest))
            })
            .await
            .unwrap();
        drop(store);
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!((rows, first, last), (3_005, Some(1), Some(3_005)), "consecutive ids after the other messages");
        assert_eq!((mismatched, orphans), (0, 0), "one row per send, each by a user");
        assert_eq!(readers, 4);
        assert_eq!(newest, seeded.latest_ts.get("general").copied());
    }

    #[test]
    fn inconsistent_datasets_are_refused() {
        let too_few_users = Dataset { dm_owners: 5, dm_partners: 10, dm_messages: 1, ..Dataset::users("t", 10) };
        assert!(too_few_users.check().is_err());
        let unknown_channel = Dataset { channel_messages: vec![("nope".into(), 1)], ..Dataset::users("t", 10) };
        assert!(unknown_channel.check().is_err());
    }
}
