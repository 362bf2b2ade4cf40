//! Password hashes imported from the original MiniMost: Werkzeug's `scrypt:N:r:p$salt$hex` strings
//! (`werkzeug.security.generate_password_hash`). They are accepted at login and replaced by an
//! argon2id hash on the first successful one (`service::accounts`), so nobody has to reset a password.
//!
//! Werkzeug derives 64 bytes with `hashlib.scrypt(password, salt=<salt text as UTF-8>, n, r, p)` and
//! stores them as lowercase hex.
use subtle::ConstantTimeEq;

/// The prefix that marks a stored hash as Werkzeug's (ours are PHC strings starting with `$argon2`).
pub const PREFIX: &str = "scrypt:";

/// The most memory one verification may take (`128 · r · N` bytes). Werkzeug's default, N = 32768
/// and r = 8, takes 32 MiB; a hash asking for more is refused rather than run, so a tampered row
/// cannot make one login allocate gigabytes.
pub const MAX_MEMORY_BYTES: u64 = 64 * 1024 * 1024;

/// The longest `p` accepted (Werkzeug's default is 1; each unit is a full pass over the memory).
const MAX_PARALLELISM: u32 = 16;

/// Werkzeug's output length: 64 bytes, stored as 128 hex digits.
const OUTPUT_BYTES: usize = 64;

/// A parsed Werkzeug scrypt hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WerkzeugScrypt {
    log_n: u8,
    r: u32,
    p: u32,
    salt: String,
    expected: Vec<u8>,
}

/// Why a stored string is not a usable Werkzeug scrypt hash.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HashFormatError {
    #[error("not a Werkzeug scrypt hash (`scrypt:N:r:p$salt$hex`)")]
    NotScrypt,
    #[error("the scrypt parameters are not numbers, or N is not a power of two above 1")]
    BadParameters,
    #[error("the scrypt parameters need more than {} MiB or p above {MAX_PARALLELISM}", MAX_MEMORY_BYTES >> 20)]
    TooExpensive,
    #[error("the hash is not {OUTPUT_BYTES} bytes of lowercase hex")]
    BadDigest,
}

impl WerkzeugScrypt {
    /// Parses `scrypt:N:r:p$salt$hex`.
    pub fn parse(stored: &str) -> Result<WerkzeugScrypt, HashFormatError> {
        let rest = stored.strip_prefix(PREFIX).ok_or(HashFormatError::NotScrypt)?;
        let mut parts = rest.splitn(3, '$');
        let (Some(params), Some(salt), Some(hex_digest)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(HashFormatError::NotScrypt);
        };
        let numbers: Vec<u64> =
            params.split(':').map(str::parse).collect::<Result<_, _>>().map_err(|_| HashFormatError::BadParameters)?;
        let [n, r, p] = numbers[..] else {
            return Err(HashFormatError::BadParameters);
        };
        if n < 2 || !n.is_power_of_two() || r == 0 || p == 0 {
            return Err(HashFormatError::BadParameters);
        }
        let memory = 128u64.checked_mul(r).and_then(|m| m.checked_mul(n));
        if memory.is_none_or(|memory| memory > MAX_MEMORY_BYTES) || p > u64::from(MAX_PARALLELISM) {
            return Err(HashFormatError::TooExpensive);
        }
        if hex_digest.len() != OUTPUT_BYTES * 2 || hex_digest.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(HashFormatError::BadDigest);
        }
        let expected = hex::decode(hex_digest).map_err(|_| HashFormatError::BadDigest)?;
        let log_n = u8::try_from(n.trailing_zeros()).map_err(|_| HashFormatError::BadParameters)?;
        let r = u32::try_from(r).map_err(|_| HashFormatError::TooExpensive)?;
        let p = u32::try_from(p).map_err(|_| HashFormatError::TooExpensive)?;
        scrypt::Params::new(log_n, r, p).map_err(|_| HashFormatError::BadParameters)?;
        Ok(WerkzeugScrypt { log_n, r, p, salt: salt.to_owned(), expected })
    }

    /// Whether `password` is the one hashed (compared in constant time). Takes the hash's memory and
    /// CPU time: call it on the bounded hashing pool.
    pub fn verify(&self, password: &str) -> bool {
        let Ok(params) = scrypt::Params::new(self.log_n, self.r, self.p) else {
            return false;
        };
        let mut derived = [0u8; OUTPUT_BYTES];
        if scrypt::scrypt(password.as_bytes(), self.salt.as_bytes(), &params, &mut derived).is_err() {
            return false;
        }
        derived.ct_eq(self.expected.as_slice()).into()
    }
}

/// Whether a stored hash is an imported Werkzeug one (to be replaced after the next good login).
pub fn is_werkzeug_hash(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hash as Werkzeug writes it (N lowered so the test is quick): salt `abc123`, 64-byte digest.
    fn sample() -> String {
        let params = scrypt::Params::new(10, 8, 1).unwrap();
        let mut out = [0u8; OUTPUT_BYTES];
        scrypt::scrypt(b"Wonderland#1", b"abc123", &params, &mut out).unwrap();
        format!("scrypt:1024:8:1$abc123${}", hex::encode(out))
    }

    #[test]
    fn the_right_password_verifies_and_others_do_not() {
        let hash = WerkzeugScrypt::parse(&sample()).unwrap();
        assert!(hash.verify("Wonderland#1"));
        assert!(!hash.verify("Wonderland#2"));
        assert!(!hash.verify(""));
    }

    #[test]
    fn a_hash_written_by_werkzeug_verifies() {
        // bob's hash in the MiniMost fixture (tests/data/minimost-3be25cb-small), made by the
        // original's `generate_password_hash` with its defaults.
        let stored = "scrypt:32768:8:1$pzNxCaItdvBz2XgB$2417a20e176118f379786ca1dc11324615b82786c20390d5bea3633192\
                      bdec2cbbde6480681727d91643c86e524351b31eba9d0f61483b08f159a445381aa2ed";
        let hash = WerkzeugScrypt::parse(stored).unwrap();
        assert!(hash.verify("Builder#2bob"));
        assert!(!hash.verify("Builder#2Bob"));
    }

    #[test]
    fn malformed_and_too_expensive_hashes_are_refused() {
        let digest = "ab".repeat(64);
        for (stored, error) in [
            ("$argon2id$v=19$m=19456,t=2,p=1$x$y".to_owned(), HashFormatError::NotScrypt),
            ("scrypt:32768:8:1$salt".to_owned(), HashFormatError::NotScrypt),
            (format!("scrypt:1000:8:1$s${digest}"), HashFormatError::BadParameters),
            (format!("scrypt:x:8:1$s${digest}"), HashFormatError::BadParameters),
            (format!("scrypt:32768:8$s${digest}"), HashFormatError::BadParameters),
            (format!("scrypt:1048576:8:1$s${digest}"), HashFormatError::TooExpensive),
            (format!("scrypt:32768:8:99$s${digest}"), HashFormatError::TooExpensive),
            ("scrypt:32768:8:1$s$abcd".to_owned(), HashFormatError::BadDigest),
            (format!("scrypt:32768:8:1$s${}", "AB".repeat(64)), HashFormatError::BadDigest),
        ] {
            assert_eq!(WerkzeugScrypt::parse(&stored), Err(error), "{stored}");
        }
        assert!(WerkzeugScrypt::parse(&format!("scrypt:32768:8:1$s${digest}")).is_ok());
    }
}
