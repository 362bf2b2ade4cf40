//! `minimost admin backup FILE` and `minimost admin restore FILE` for a SQLite deployment: one tar
//! archive holding a consistent copy of the database (taken while servers run) and the stored
//! files of the data directory. A PostgreSQL deployment keeps its files in the database too, and
//! is backed up with `pg_dump` (README, "Operating Minimost").
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

use crate::store::{backup as store_backup, Store};
use crate::uploads::Uploads;

/// The archive's first entry, which tells a Minimost backup from any other tar file.
const MARKER: &str = "MINIMOST-BACKUP";
/// The marker's content: the archive layout's version.
const FORMAT: &str = "minimost backup 1\n";
/// The database's name in the archive.
const DATABASE: &str = "minimost.db";
/// The data directory's stored-file areas, archived under the same names.
const AREAS: [&str; 2] = ["uploads", "avatars"];

/// What an archive holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub database_bytes: u64,
    pub files: usize,
    pub file_bytes: u64,
}

/// Removes a path on drop unless disarmed: nothing half-written is left behind by a failure.
struct Leftover(Option<PathBuf>);

impl Leftover {
    fn keep(mut self) {
        self.0 = None;
    }
}

impl Drop for Leftover {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
        }
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Writes the archive `dest` (which must not exist) from the database `store` and the stored files
/// under `data_dir`. The database is copied first, as of one moment; files are read after it, so a
/// file that a deletion removed meanwhile is missing (its message is deleted in any later copy)
/// and one uploaded meanwhile is extra (the upkeep of a restored server removes it).
pub fn backup(store: &Store, data_dir: &Path, dest: &Path) -> anyhow::Result<Summary> {
    if dest.exists() {
        bail!("{} already exists: give the backup a new file name", dest.display());
    }
    let partial = sibling(dest, ".partial");
    let snapshot = sibling(dest, ".database.partial");
    for leftover in [&partial, &snapshot] {
        // A crashed earlier run's leftovers; `VACUUM INTO` refuses an existing file.
        let _ = std::fs::remove_file(leftover);
    }
    let _snapshot_guard = Leftover(Some(snapshot.clone()));
    let partial_guard = Leftover(Some(partial.clone()));
    store.blocking(|conn| store_backup::copy_into(conn, &snapshot))?;

    let file = File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let mut archive = tar::Builder::new(BufWriter::new(file));
    append_bytes(&mut archive, MARKER, FORMAT.as_bytes())?;
    let mut summary = Summary {
        database_bytes: std::fs::metadata(&snapshot).context("the database copy")?.len(),
        ..Summary::default()
    };
    let mut database = File::open(&snapshot).context("the database copy")?;
    archive.append_file(DATABASE, &mut database).context("archive the database")?;
    for area in AREAS {
        archive_area(&mut archive, &data_dir.join(area), area, &mut summary)?;
    }
    let file = archive.into_inner().context("finish the archive")?.into_inner().map_err(|err| err.into_error())?;
    file.sync_all().context("sync the archive")?;
    std::fs::rename(&partial, dest).with_context(|| format!("cannot create {}", dest.display()))?;
    partial_guard.keep();
    Ok(summary)
}

fn append_bytes(archive: &mut tar::Builder<impl Write>, name: &str, bytes: &[u8]) -> anyhow::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_size(bytes.len() as u64);
    header.set_mode(0o600);
    header.set_mtime(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_secs());
    header.set_cksum();
    archive.append_data(&mut header, name, bytes).with_context(|| format!("archive {name}"))
}

/// Every stored file of one area (other names, such as a save's temporary file, are not stored
/// files and stay out).
fn archive_area(
    archive: &mut tar::Builder<impl Write>,
    dir: &Path,
    area: &str,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(err).with_context(|| format!("cannot list {}", dir.display())),
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let name = entry.file_name();
        let Some(name) = name.to_str().filter(|name| Uploads::is_stored_name(name)) else { continue };
        let mut file = match File::open(entry.path()) {
            Ok(file) => file,
            // Removed since it was listed (a deletion, the retention cleanup).
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", entry.path().display())),
        };
        let metadata = file.metadata().with_context(|| format!("cannot read {}", entry.path().display()))?;
        if !metadata.is_file() {
            continue;
        }
        archive.append_file(format!("{area}/{name}"), &mut file).with_context(|| format!("archive {name}"))?;
        summary.files += 1;
        summary.file_bytes += metadata.len();
    }
    Ok(())
}

/// Where an archive entry goes.
enum Entry {
    Database,
    File { area: &'static str, name: String },
}

fn entry_kind(path: &str) -> Option<Entry> {
    if path == DATABASE {
        return Some(Entry::Database);
    }
    let (area, name) = path.split_once('/')?;
    let area = AREAS.into_iter().find(|known| *known == area)?;
    Uploads::is_stored_name(name).then(|| Entry::File { area, name: name.to_owned() })
}

/// Unpacks the archive `source` into `data_dir`, the database going to `database` (by default
/// `<data_dir>/minimost.db`). Both must be new: a restore never mixes with existing data. The files
/// are staged beside their place and moved in once the whole archive has been read; the database
/// is checked with SQLite's own check before it is moved in.
pub fn restore(source: &Path, data_dir: &Path, database: &Path) -> anyhow::Result<Summary> {
    if database.exists() {
        bail!("{} already exists: restore into a new data directory (or move it away first)", database.display());
    }
    for area in AREAS {
        let dir = data_dir.join(area);
        if std::fs::read_dir(&dir).is_ok_and(|mut entries| entries.next().is_some()) {
            bail!("{} is not empty: restore into a new data directory", dir.display());
        }
    }
    std::fs::create_dir_all(data_dir).with_context(|| format!("cannot create {}", data_dir.display()))?;
    let staging = data_dir.join(".restore.partial");
    let _ = std::fs::remove_dir_all(&staging);
    let _staging_guard = Leftover(Some(staging.clone()));
    for area in AREAS {
        std::fs::create_dir_all(staging.join(area)).context("cannot create the staging directory")?;
    }
    let summary = unpack(source, &staging)?;
    let staged_database = staging.join(DATABASE);
    check_database(&staged_database)?;
    for area in AREAS {
        std::fs::create_dir_all(data_dir.join(area))?;
        for entry in std::fs::read_dir(staging.join(area))? {
            let entry = entry?;
            std::fs::rename(entry.path(), data_dir.join(area).join(entry.file_name()))
                .context("cannot move a restored file in place")?;
        }
    }
    if let Some(dir) = database.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::rename(&staged_database, database)
        .or_else(|_| std::fs::copy(&staged_database, database).map(|_| ()))
        .with_context(|| format!("cannot write {}", database.display()))?;
    Ok(summary)
}

fn unpack(source: &Path, staging: &Path) -> anyhow::Result<Summary> {
    let named = |what: &str| format!("{}: {what}", source.display());
    let file = File::open(source).with_context(|| format!("cannot open {}", source.display()))?;
    let mut archive = tar::Archive::new(std::io::BufReader::new(file));
    let mut entries = archive.entries().with_context(|| named("not a tar archive"))?;
    let mut marker = entries
        .next()
        .with_context(|| named("an empty archive, not a Minimost backup"))?
        .with_context(|| named("not a tar archive"))?;
    let mut format = String::new();
    let is_marker = marker.path().is_ok_and(|path| path.as_os_str() == MARKER);
    if !is_marker || marker.by_ref().take(64).read_to_string(&mut format).is_err() || format != FORMAT {
        bail!("{}", named("not a Minimost backup (made by `minimost admin backup`)"));
    }
    let mut summary = Summary::default();
    let mut has_database = false;
    for entry in entries {
        let mut entry = entry.with_context(|| named("a damaged archive"))?;
        let path = entry.path().with_context(|| named("a damaged archive"))?.to_string_lossy().into_owned();
        let kind = match (entry.header().entry_type(), entry_kind(&path)) {
            (tar::EntryType::Regular, Some(kind)) => kind,
            _ => bail!("{}", named(&format!("unexpected entry {path:?}: not a Minimost backup"))),
        };
        let (target, size) = match kind {
            Entry::Database => {
                has_database = true;
                summary.database_bytes = entry.size();
                (staging.join(DATABASE), entry.size())
            }
            Entry::File { area, name } => {
                summary.files += 1;
                summary.file_bytes += entry.size();
                (staging.join(area).join(name), entry.size())
            }
        };
        let mut out = File::create(&target).with_context(|| format!("cannot write {}", target.display()))?;
        let copied = std::io::copy(&mut entry, &mut out).with_context(|| named(&format!("cannot read {path}")))?;
        if copied != size {
            bail!("{}", named(&format!("{path} is cut short")));
        }
        out.sync_all().context("sync a restored file")?;
    }
    if !has_database {
        bail!("{}", named("the archive holds no database"));
    }
    Ok(summary)
}

/// SQLite's consistency check of a restored database file, before anything is moved in place.
fn check_database(path: &Path) -> anyhow::Result<()> {
    store_backup::check_file(path).context("the backup's database")
}
