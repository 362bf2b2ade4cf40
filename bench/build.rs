//! Fingerprints what a seeded dataset depends on (the schema, the store code, the session format and
//! the seeding code), so a cached dataset is reseeded whenever any of them changes.
use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

const INPUTS: &[&str] = &["../migrations/sqlite", "../src/store", "../src/api/session.rs", "src/seed"];

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        if let Ok(entries) = std::fs::read_dir(path) {
            for entry in entries.flatten() {
                files(&entry.path(), out);
            }
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let mut paths = Vec::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        files(Path::new(input), &mut paths);
    }
    paths.sort();
    let mut hasher = DefaultHasher::new();
    for path in &paths {
        hasher.write(path.to_string_lossy().as_bytes());
        hasher.write(&std::fs::read(path).unwrap_or_default());
    }
    println!("cargo:rustc-env=MINIMOST_BENCH_SEED_FINGERPRINT={:016x}", hasher.finish());
}
