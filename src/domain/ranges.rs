//! Byte ranges (RFC 9110 §14): which part of a stored file a `Range` request gets. Players and
//! resumable downloads ask for one range; several ranges would need a `multipart/byteranges` body,
//! which no client of ours asks for, so such a request gets the whole file (RFC 9110 §14.2 lets a
//! server ignore `Range`). `headers::Range` does not fit: it neither refuses a start past the end
//! nor clamps a suffix longer than the file.

/// What a request gets of a file of a known size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeAnswer {
    /// No usable `Range`: the whole file (`200`).
    Whole,
    /// Bytes `start..=end` (`206`).
    Part { start: u64, end: u64 },
    /// The one range asked for starts at or past the end (`416`).
    Unsatisfiable,
}

impl RangeAnswer {
    /// The answer to `Range: <header>` for a file of `size` bytes.
    pub fn of(header: Option<&str>, size: u64) -> RangeAnswer {
        let Some(set) = header.and_then(byte_range_set) else {
            return RangeAnswer::Whole;
        };
        let specs: Vec<&str> = set.split(',').map(str::trim).filter(|spec| !spec.is_empty()).collect();
        match specs.as_slice() {
            [spec] => one_range(spec, size),
            _ => RangeAnswer::Whole,
        }
    }

    /// The `Content-Range` value of a `206` (`bytes 0-99/1000`) or a `416` (`bytes */1000`).
    pub fn content_range(self, size: u64) -> Option<String> {
        match self {
            RangeAnswer::Whole => None,
            RangeAnswer::Part { start, end } => Some(format!("bytes {start}-{end}/{size}")),
            RangeAnswer::Unsatisfiable => Some(format!("bytes */{size}")),
        }
    }
}

/// The range set of a `bytes=` header (the unit is case-insensitive); `None` for any other unit.
fn byte_range_set(header: &str) -> Option<&str> {
    let (unit, set) = header.trim().split_once('=')?;
    unit.trim().eq_ignore_ascii_case("bytes").then_some(set)
}

fn one_range(spec: &str, size: u64) -> RangeAnswer {
    let Some((first, last)) = spec.split_once('-') else {
        return RangeAnswer::Whole;
    };
    let (first, last) = (first.trim(), last.trim());
    match (number(first), number(last)) {
        // `-n`: the last n bytes (all of them when the file is shorter).
        (None, Some(suffix)) if first.is_empty() => {
            if suffix == 0 || size == 0 {
                RangeAnswer::Unsatisfiable
            } else {
                RangeAnswer::Part { start: size - suffix.min(size), end: size - 1 }
            }
        }
        // `a-`: from a to the end.
        (Some(start), None) if last.is_empty() => from(start, size - size.min(1), size),
        // `a-b`, b clamped to the last byte; b < a is not a valid range at all.
        (Some(start), Some(end)) if start <= end => from(start, end.min(size.saturating_sub(1)), size),
        _ => RangeAnswer::Whole,
    }
}

fn from(start: u64, end: u64, size: u64) -> RangeAnswer {
    if start >= size {
        RangeAnswer::Unsatisfiable
    } else {
        RangeAnswer::Part { start, end }
    }
}

/// A range bound: ASCII digits only (no sign, no spaces inside), within `u64`.
fn number(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn part(start: u64, end: u64) -> RangeAnswer {
        RangeAnswer::Part { start, end }
    }

    #[test]
    fn one_range_of_each_form_gets_its_bytes() {
        assert_eq!(RangeAnswer::of(Some("bytes=0-99"), 1000), part(0, 99));
        assert_eq!(RangeAnswer::of(Some("bytes=500-"), 1000), part(500, 999));
        assert_eq!(RangeAnswer::of(Some("bytes=-100"), 1000), part(900, 999));
        assert_eq!(RangeAnswer::of(Some("Bytes = 10-10"), 1000), part(10, 10));
        assert_eq!(RangeAnswer::of(Some("bytes=990-5000"), 1000), part(990, 999), "the end is clamped");
        assert_eq!(RangeAnswer::of(Some("bytes=-5000"), 1000), part(0, 999), "a long suffix is the whole file");
    }

    #[test]
    fn a_range_past_the_end_is_unsatisfiable() {
        assert_eq!(RangeAnswer::of(Some("bytes=1000-"), 1000), RangeAnswer::Unsatisfiable);
        assert_eq!(RangeAnswer::of(Some("bytes=1000-2000"), 1000), RangeAnswer::Unsatisfiable);
        assert_eq!(RangeAnswer::of(Some("bytes=-0"), 1000), RangeAnswer::Unsatisfiable);
        assert_eq!(RangeAnswer::of(Some("bytes=0-"), 0), RangeAnswer::Unsatisfiable, "an empty file has no bytes");
        assert_eq!(RangeAnswer::of(Some("bytes=-10"), 0), RangeAnswer::Unsatisfiable);
    }

    #[test]
    fn malformed_or_multiple_ranges_get_the_whole_file() {
        for header in [
            "bytes=5-1",
            "bytes=a-b",
            "bytes=-",
            "bytes=+1-2",
            "bytes=1 0-20",
            "items=0-1",
            "bytes",
            "bytes=0-1,5-6",
            "bytes=99999999999999999999-",
            "",
        ] {
            assert_eq!(RangeAnswer::of(Some(header), 1000), RangeAnswer::Whole, "{header:?}");
        }
        assert_eq!(RangeAnswer::of(None, 1000), RangeAnswer::Whole);
        assert_eq!(RangeAnswer::of(Some("bytes=0-1,"), 1000), part(0, 1), "an empty list element is no range");
    }

    #[test]
    fn content_range_names_the_part_or_the_size() {
        assert_eq!(part(0, 99).content_range(1000).as_deref(), Some("bytes 0-99/1000"));
        assert_eq!(RangeAnswer::Unsatisfiable.content_range(1000).as_deref(), Some("bytes */1000"));
        assert_eq!(RangeAnswer::Whole.content_range(1000), None);
    }

    proptest! {
        #[test]
        fn a_part_always_lies_inside_the_file(header in "bytes=[0-9]{0,4}-[0-9]{0,4}", size in 0u64..5000) {
            match RangeAnswer::of(Some(&header), size) {
                RangeAnswer::Part { start, end } => prop_assert!(start <= end && end < size),
                RangeAnswer::Unsatisfiable | RangeAnswer::Whole => {}
            }
        }
    }
}
