//! Timestamps as the reference's clients see them: Python's float text form (read-receipt keys,
//! §C5.5, decision Q26) and Python's `float()` parsing of the `after` polling parameter (§C3.3).

/// `repr(x)` / `str(x)` of a Python float: the shortest digits that round-trip, an integral value
/// keeps `.0` (`1716000000.0`), and exponent form with a signed, at least two-digit exponent when
/// `|x| >= 1e16` or `|x| < 1e-4` (`1e+16`, `1.5e-05`); `inf`, `-inf`, `nan`.
///
/// Receipt keys must be spelled this way because the web client looks them up by the string form of
/// each message's `ts`.
pub fn python_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() {
        return format!("{sign}inf");
    }
    if x == 0.0 {
        return format!("{sign}0.0");
    }
    let Some((digits, exponent)) = shortest_digits(x.abs()) else {
        return format!("{x:?}");
    };
    // Python's rule (`float_repr_style = 'short'`): `decpt` is where the decimal point goes in the
    // digit string; exponent form when it is above 16 or at most -4.
    let decpt = exponent + 1;
    if !(-3..=16).contains(&decpt) {
        let (first, rest) = digits.split_at(1);
        let point = if rest.is_empty() { "" } else { "." };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        return format!("{sign}{first}{point}{rest}e{exp_sign}{:02}", exponent.unsigned_abs());
    }
    // Written piece by piece into one string (this runs for every key of every receipts answer).
    let mut text = String::with_capacity(sign.len() + digits.len() + 20);
    text.push_str(sign);
    let point = decpt.unsigned_abs() as usize;
    if decpt <= 0 {
        text.push_str("0.");
        text.extend(std::iter::repeat_n('0', point));
        text.push_str(&digits);
    } else if point < digits.len() {
        text.push_str(&digits[..point]);
        text.push('.');
        text.push_str(&digits[point..]);
    } else {
        text.push_str(&digits);
        text.extend(std::iter::repeat_n('0', point - digits.len()));
        text.push_str(".0");
    }
    text
}

/// The shortest round-trip significant digits of a positive finite `x` and the decimal exponent of
/// the first one (`x ≈ d.ddd × 10^exponent`), choosing like Python and JavaScript.
///
/// Rust's `{:e}` finds the same shortest length, but when two digit strings of that length are
/// exactly equally close to `x` it takes the upper one, while Python and JavaScript take the one
/// with an even last digit (`1716000000.00390625` is `1716000000.0039062`, not `…63`). Timestamps
/// that are multiples of 1/256 s hit this, and the web client would then miss their receipts.
fn shortest_digits(x: f64) -> Option<(String, i32)> {
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific.split_once('e')?;
    let exponent = exponent.parse::<i32>().ok()?;
    let mut digits = String::with_capacity(mantissa.len());
    mantissa.split('.').for_each(|part| digits.push_str(part));
    let even = if tie_is_possible(x, digits.len(), exponent) { even_tie_partner(x, &digits, exponent) } else { None };
    Some((even.unwrap_or(digits), exponent))
}

/// Whether `x` (positive, finite) can lie exactly halfway between two strings of `len` significant
/// digits starting at `10^exponent`, judged from its binary form alone. A halfway point has an exact
/// expansion of `len + 1` digits ending in 5; `x = m / 2^f` with `m` odd has one that ends exactly
/// `f` places after the point (in a 5), so its length is known without writing it out. Writing it
/// out ([`even_tie_partner`]) costs hundreds of times more and is left for the few values that pass.
fn tie_is_possible(x: f64, len: usize, exponent: i32) -> bool {
    let bits = x.to_bits();
    let biased_exponent = i32::try_from((bits >> 52) & 0x7ff).unwrap_or(0);
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, power) =
        if biased_exponent == 0 { (fraction, -1074) } else { (fraction | (1 << 52), biased_exponent - 1075) };
    let Ok(trailing_zeros) = i32::try_from(mantissa.trailing_zeros()) else { return true };
    let power = power + trailing_zeros;
    if power >= 0 {
        // An integer. Below 2^53 its shortest digits are its exact digits: no tie. Above, the
        // exact expansion decides.
        return x >= 9_007_199_254_740_992.0;
    }
    let places_after_point = -power;
    let exact_len = i64::from(exponent) + i64::from(places_after_point) + 1;
    usize::try_from(exact_len).is_ok_and(|exact_len| exact_len == len + 1)
}

/// The same-length digit string with an even last digit when `x` lies exactly halfway between it
/// and `digits` and it also reads back as `x`.
fn even_tie_partner(x: f64, digits: &str, exponent: i32) -> Option<String> {
    let last = digits.bytes().last()?.checked_sub(b'0')?;
    if last % 2 == 0 {
        return None;
    }
    // A double's exact decimal expansion has at most 767 significant digits.
    let exact = format!("{x:.766e}");
    let (exact_mantissa, exact_exponent) = exact.split_once('e')?;
    if exact_exponent.parse::<i32>().ok()? != exponent {
        return None;
    }
    let exact_digits: String = exact_mantissa.chars().filter(|c| *c != '.').collect();
    let exact_digits = exact_digits.trim_end_matches('0');
    let prefix = &digits[..digits.len() - 1];
    [last - 1, last + 1].into_iter().filter(|partner| *partner <= 9).map(|partner| format!("{prefix}{partner}")).find(
        |candidate| {
            let lower = candidate.as_str().min(digits);
            let halfway =
                exact_digits.len() == lower.len() + 1 && exact_digits.starts_with(lower) && exact_digits.ends_with('5');
            let (first, rest) = candidate.split_at(1);
            halfway && format!("{first}.{rest}e{exponent}").parse::<f64>().ok() == Some(x)
        },
    )
}

/// The `after` parameter of `GET /messages/{channel}`, resolved to what the store must do.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AfterFilter {
    /// `after` was `-inf`: every row of the channel (each comparison is against −∞). A deleted row
    /// always has a `deleted_ts`, so the store can drop the time condition altogether.
    Everything,
    /// A finite bound `A`: return a row when it is not deleted and `ts > A OR edited_ts > A OR
    /// reactions_ts > A`, or when it is deleted and `deleted_ts > A` (NULL never compares true).
    /// Absent, `nan` (exactly, any case) and unparsable values are `ChangedAfter(0.0)`: a full load.
    ChangedAfter(f64),
    /// `after` was `+inf` or a NaN other than plain `nan` (`-nan`, `+nan`, ` nan`): no row matches,
    /// so the store need not be asked. (Never bind NaN: SQLite would turn it into NULL.)
    Nothing,
}

/// The change times of one message row, as stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChangeTimes {
    pub ts: f64,
    pub edited_ts: Option<f64>,
    pub reactions_ts: Option<f64>,
    pub deleted: bool,
    pub deleted_ts: Option<f64>,
    /// The last pin or unpin: a pin change is a change of the message, like a reaction.
    pub pin_changed_ts: Option<f64>,
}

impl AfterFilter {
    /// The row rule of §C3.3, as a reference model for the store's query.
    pub fn matches(&self, row: &ChangeTimes) -> bool {
        let bound = match *self {
            AfterFilter::Everything => f64::NEG_INFINITY,
            AfterFilter::ChangedAfter(bound) => bound,
            AfterFilter::Nothing => return false,
        };
        let after = |t: Option<f64>| t.is_some_and(|t| t > bound);
        if row.deleted {
            after(row.deleted_ts)
        } else {
            row.ts > bound || after(row.edited_ts) || after(row.reactions_ts) || after(row.pin_changed_ts)
        }
    }
}

/// Resolves the raw `after` query value (already percent-decoded) exactly as the reference does.
pub fn parse_after(raw: Option<&str>) -> AfterFilter {
    let Some(raw) = raw else {
        return AfterFilter::ChangedAfter(0.0);
    };
    // The reference special-cases exactly this spelling as "full load" before converting.
    if raw.eq_ignore_ascii_case("nan") {
        return AfterFilter::ChangedAfter(0.0);
    }
    match python_float(raw) {
        None => AfterFilter::ChangedAfter(0.0),
        Some(x) if x.is_nan() || x == f64::INFINITY => AfterFilter::Nothing,
        Some(x) if x == f64::NEG_INFINITY => AfterFilter::Everything,
        Some(x) => AfterFilter::ChangedAfter(x),
    }
}

/// Python's `float(str)`: surrounding whitespace (ASCII, plus any Unicode whitespace), an optional
/// sign, decimal digits with an optional fraction and exponent, `_` only between two digits,
/// Unicode decimal digits counted as their ASCII value, and `inf` / `infinity` / `nan` in any case.
/// Overflow gives ±inf. `None` where Python raises `ValueError`.
pub fn python_float(raw: &str) -> Option<f64> {
    // 1. Non-ASCII whitespace becomes a space and non-ASCII decimal digits their ASCII digit;
    //    any other non-ASCII character makes the string unparsable.
    let mut ascii = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else if c.is_whitespace() {
            ascii.push(' ');
        } else {
            ascii.push(decimal_digit(c)?);
        }
    }
    // 2. Underscores only between digits, then removed (checked before whitespace is stripped).
    let bytes = ascii.as_bytes();
    let mut plain = String::with_capacity(ascii.len());
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
            let digit_after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !(digit_before && digit_after) {
                return None;
            }
        } else if b == 0 {
            return None;
        } else {
            plain.push(char::from(b));
        }
    }
    // 3. ASCII whitespace around the number (only these six, as C's `isspace`).
    let number = plain.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r'));
    // 4. Rust's float grammar is Python's: `[+-]` then `inf`, `infinity`, `nan` (any case) or
    //    digits with optional `.` and fraction and an optional `e[+-]digits`; no hex, no spaces.
    number.parse::<f64>().ok()
}

/// The ASCII digit for a Unicode decimal digit (general category `Nd`), `None` for anything else.
///
/// Unicode encodes decimal digits in contiguous runs of ten that start at zero, so a digit's value
/// is its distance from the start of its run of `Nd` code points, modulo ten (some runs, such as the
/// mathematical digits, are several sets of ten back to back).
fn decimal_digit(c: char) -> Option<char> {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    let is_decimal = |c: char| c.general_category() == GeneralCategory::DecimalNumber;
    if !is_decimal(c) {
        return None;
    }
    let mut position = 0u32;
    let mut code = u32::from(c);
    while let Some(previous) = code.checked_sub(1).and_then(char::from_u32) {
        if !is_decimal(previous) {
            break;
        }
        position += 1;
        code -= 1;
    }
    char::from_digit(position % 10, 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn integral_values_keep_a_trailing_point_zero() {
        assert_eq!(python_float_repr(1716000000.0), "1716000000.0");
        assert_eq!(python_float_repr(1.0), "1.0");
        assert_eq!(python_float_repr(0.0), "0.0");
        assert_eq!(python_float_repr(-0.0), "-0.0");
        assert_eq!(python_float_repr(-2.0), "-2.0");
        assert_eq!(python_float_repr(1e15), "1000000000000000.0");
        assert_eq!(python_float_repr(9999999999999998.0), "9999999999999998.0");
    }

    #[test]
    fn fractions_use_the_shortest_round_trip_digits() {
        assert_eq!(python_float_repr(1795618488.9626732), "1795618488.9626732");
        assert_eq!(python_float_repr(1795618488.941647), "1795618488.941647");
        assert_eq!(python_float_repr(1716000000.123), "1716000000.123");
        assert_eq!(python_float_repr(0.1), "0.1");
        assert_eq!(python_float_repr(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(python_float_repr(0.0001), "0.0001");
        assert_eq!(python_float_repr(123.456), "123.456");
    }

    #[test]
    fn exact_ties_between_shortest_digit_strings_pick_the_even_one() {
        // Written as sums because the literals have more digits than clippy likes; all are exact.
        assert_eq!(python_float_repr(1716000000.0 + 1.0 / 256.0), "1716000000.0039062");
        assert_eq!(python_float_repr(1334490793064957.0 + 0.25), "1334490793064957.2");
        assert_eq!(python_float_repr(-(273149058040047.0 + 0.625)), "-273149058040047.62");
        assert_eq!(python_float_repr(0.5), "0.5");
        assert_eq!(python_float_repr(2.5), "2.5");
    }

    #[test]
    fn very_large_and_very_small_values_use_python_exponent_form() {
        assert_eq!(python_float_repr(1e16), "1e+16");
        assert_eq!(python_float_repr(1.5e16), "1.5e+16");
        assert_eq!(python_float_repr(1.5e-5), "1.5e-05");
        assert_eq!(python_float_repr(0.00001), "1e-05");
        assert_eq!(python_float_repr(-1.25e-7), "-1.25e-07");
        assert_eq!(python_float_repr(1e100), "1e+100");
        assert_eq!(python_float_repr(f64::MAX), "1.7976931348623157e+308");
        assert_eq!(python_float_repr(5e-324), "5e-324");
    }

    #[test]
    fn non_finite_values_are_spelled_like_python() {
        assert_eq!(python_float_repr(f64::INFINITY), "inf");
        assert_eq!(python_float_repr(f64::NEG_INFINITY), "-inf");
        assert_eq!(python_float_repr(f64::NAN), "nan");
    }

    #[test]
    fn absent_plain_nan_and_garbage_mean_a_full_load() {
        for raw in [
            None,
            Some("nan"),
            Some("NaN"),
            Some("NAN"),
            Some(""),
            Some("abc"),
            Some("0x10"),
            Some("1e"),
            Some("."),
            Some("1 2"),
            Some("infinit"),
            Some("1__0"),
            Some("_1"),
            Some("1_"),
            Some("1_.5"),
            Some("1._5"),
            Some("\u{1c}1"),
            Some("1\0"),
        ] {
            assert_eq!(parse_after(raw), AfterFilter::ChangedAfter(0.0), "{raw:?}");
        }
    }

    #[test]
    fn other_nan_spellings_and_plus_infinity_match_nothing() {
        for raw in ["-nan", "+nan", " nan", "nan ", "+NaN", "inf", "+Infinity", "INF", " inf ", "1e400"] {
            assert_eq!(parse_after(Some(raw)), AfterFilter::Nothing, "{raw:?}");
        }
    }

    #[test]
    fn minus_infinity_matches_everything() {
        for raw in ["-inf", "-Infinity", " -INF\n", "-1e400"] {
            assert_eq!(parse_after(Some(raw)), AfterFilter::Everything, "{raw:?}");
        }
    }

    #[test]
    fn numbers_parse_like_python_float() {
        let cases = [
            ("1716000000.5", 1716000000.5),
            ("  12.5\t", 12.5),
            ("+3", 3.0),
            ("-3", -3.0),
            ("1_0", 10.0),
            ("1_000.2_5", 1000.25),
            ("1e1_0", 1e10),
            ("1E+2", 100.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("0", 0.0),
            ("\u{a0}7\u{3000}", 7.0),
            ("\u{ff11}\u{ff12}", 12.0), // fullwidth 1 2
            ("\u{663}.\u{665}", 3.5),   // Arabic-Indic 3 . 5
            ("\u{1d7d9}", 1.0),         // MATHEMATICAL DOUBLE-STRUCK DIGIT ONE (second run of ten)
        ];
        for (raw, expected) in cases {
            assert_eq!(parse_after(Some(raw)), AfterFilter::ChangedAfter(expected), "{raw:?}");
        }
        assert_eq!(python_float("\u{bd}"), None); // ½ is numeric but not a decimal digit
        assert_eq!(python_float("1\u{2009}"), Some(1.0)); // thin space
    }

    fn row(ts: f64) -> ChangeTimes {
        ChangeTimes { ts, edited_ts: None, reactions_ts: None, deleted: false, deleted_ts: None, pin_changed_ts: None }
    }

    #[test]
    fn the_row_rule_follows_the_reference() {
        let after = AfterFilter::ChangedAfter(100.0);
        assert!(after.matches(&row(101.0)));
        assert!(!after.matches(&row(100.0)));
        assert!(after.matches(&ChangeTimes { edited_ts: Some(150.0), ..row(50.0) }));
        assert!(after.matches(&ChangeTimes { reactions_ts: Some(150.0), ..row(50.0) }));
        assert!(after.matches(&ChangeTimes { pin_changed_ts: Some(150.0), ..row(50.0) }));
        assert!(!after.matches(&ChangeTimes { pin_changed_ts: Some(90.0), ..row(50.0) }));
        // A deletion is reported once; later edits and reactions do not resurrect it.
        let deleted = ChangeTimes { deleted: true, deleted_ts: Some(120.0), ..row(110.0) };
        assert!(after.matches(&deleted));
        let old_delete =
            ChangeTimes { deleted_ts: Some(90.0), edited_ts: Some(150.0), reactions_ts: Some(150.0), ..deleted };
        assert!(!after.matches(&old_delete));
        assert!(AfterFilter::Everything.matches(&old_delete));
        assert!(!AfterFilter::Nothing.matches(&row(1e12)));
    }

    proptest! {
        #[test]
        fn repr_round_trips_and_always_shows_a_point_or_exponent(x in any::<f64>()) {
            let text = python_float_repr(x);
            if x.is_finite() {
                prop_assert_eq!(text.parse::<f64>().unwrap().to_bits(), x.to_bits());
                prop_assert!(text.contains('.') || text.contains('e'));
                prop_assert_eq!(python_float(&text).map(f64::to_bits), Some(x.to_bits()));
            }
        }

        #[test]
        fn the_binary_pre_check_never_hides_a_tie(x in any::<f64>()) {
            prop_assume!(x.is_finite() && x > 0.0);
            let (digits, exponent) = shortest_digits(x).unwrap();
            let scientific = format!("{x:e}");
            let plain: String = scientific.split_once('e').unwrap().0.chars().filter(|c| *c != '.').collect();
            if even_tie_partner(x, &plain, exponent).is_some() {
                prop_assert!(tie_is_possible(x, plain.len(), exponent));
                prop_assert_ne!(digits, plain);
            }
        }

        #[test]
        fn dyadic_timestamps_with_ties_keep_the_even_digit(seconds in 1_000_000_000u32..2_000_000_000, sixteenths in 0u32..4096, places in 8u32..13) {
            let x = f64::from(seconds) + f64::from(sixteenths) / f64::from(1u32 << places);
            let (mantissa, exponent) = {
                let scientific = format!("{x:e}");
                let (mantissa, exponent) = scientific.split_once('e').map(|(m, e)| (m.to_string(), e.parse::<i32>().unwrap())).unwrap();
                (mantissa.chars().filter(|c| *c != '.').collect::<String>(), exponent)
            };
            let slow = even_tie_partner(x, &mantissa, exponent);
            if slow.is_some() {
                prop_assert!(tie_is_possible(x, mantissa.len(), exponent));
            }
            prop_assert_eq!(shortest_digits(x).unwrap().0, slow.unwrap_or(mantissa));
        }

        #[test]
        fn finite_repr_texts_are_an_after_bound(x in -1e15f64..1e15) {
            prop_assert_eq!(parse_after(Some(&python_float_repr(x))), AfterFilter::ChangedAfter(x));
        }

        #[test]
        fn plain_decimal_timestamps_parse_back(ts in 1.0e9f64..2.0e9) {
            prop_assert_eq!(python_float(&format!("{ts}")), Some(ts));
            prop_assert_eq!(python_float(&format!(" _{ts} ")), None);
        }
    }
}
