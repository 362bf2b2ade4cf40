//! History pages (issue 19), restated from the contract of `GET /messages/{channel}`: a page is a
//! slice of what the caller sees, by ascending message id. `limit` alone is the newest page,
//! `before=p` the newest rows with an id below p, `after_id=p` the oldest above p, `around=m` the
//! page centred on m (half the page, rounded down, older; the rest newer; a side that runs out
//! leaves its room to the other). The model works on the ids of the classic answer (`after=0`).

/// The page size a request gets: `limit` (or the default when absent), clamped to the maximum.
pub fn page_size(limit: Option<u64>, default: u64, max: u64) -> usize {
    limit.unwrap_or(default).min(max) as usize
}

/// The newest `limit` ids below `before` (all ids when `None`), ascending.
pub fn before(ids: &[i64], before: Option<i64>, limit: usize) -> Vec<i64> {
    let older: Vec<i64> = ids.iter().copied().filter(|&id| before.is_none_or(|b| id < b)).collect();
    older[older.len().saturating_sub(limit)..].to_vec()
}

/// The oldest `limit` ids above `after`, ascending.
pub fn after(ids: &[i64], after: i64, limit: usize) -> Vec<i64> {
    ids.iter().copied().filter(|&id| id > after).take(limit).collect()
}

/// The page around `centre`, or `None` when the caller does not see it (404).
pub fn around(ids: &[i64], centre: i64, limit: usize) -> Option<Vec<i64>> {
    let at = ids.iter().position(|&id| id == centre)?;
    let (older, newer) = (at, ids.len() - at);
    let newer_take = newer.min(limit - older.min(limit / 2));
    let older_take = older.min(limit - newer_take);
    Some(ids[at - older_take..at + newer_take].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_of_a_small_history() {
        let ids = [3, 5, 8, 9, 12];
        assert_eq!(before(&ids, None, 2), [9, 12]);
        assert_eq!(before(&ids, Some(9), 10), [3, 5, 8]);
        assert_eq!(after(&ids, 4, 2), [5, 8]);
        assert_eq!(around(&ids, 8, 3), Some(vec![5, 8, 9]));
        assert_eq!(around(&ids, 3, 3), Some(vec![3, 5, 8]));
        assert_eq!(around(&ids, 12, 4), Some(vec![5, 8, 9, 12]));
        assert_eq!(around(&ids, 4, 3), None);
        assert_eq!(page_size(None, 50, 200), 50);
        assert_eq!(page_size(Some(1000), 50, 200), 200);
    }
}
