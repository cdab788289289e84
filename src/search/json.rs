//! Writing JSON the way JavaScript's `JSON.stringify` does.
//!
//! The index is written by hand rather than through serde: its key order is
//! fixed by lunr, it is the largest file of a build, and writing numbers as
//! JavaScript does (`1.5`, not `1.50`; `3`, not `3.0`) keeps it byte-for-byte
//! the size of the index lunr.js serialises.

use std::hash::{BuildHasherDefault, Hasher};

/// Where JSON is written (a growing buffer; the trait keeps the writers
/// independent of where their bytes go).
pub trait Sink {
    /// Appends bytes.
    fn put(&mut self, bytes: &[u8]);

    /// Appends one byte.
    fn put_byte(&mut self, byte: u8) {
        self.put(&[byte]);
    }

    /// Appends the first `len` bytes of `block` (at most 16). For the many pieces of
    /// a few bytes (numbers, posting keys) that make up an index.
    fn put_block(&mut self, block: &[u8; 16], len: usize) {
        self.put(&block[..len.min(16)]);
    }
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }

    fn put_byte(&mut self, byte: u8) {
        self.push(byte);
    }

    /// Copies the whole block and cuts the rest off: a copy of known size is a
    /// couple of vector moves, where one of a few bytes is a call to memmove (the
    /// largest cost of writing a large index).
    fn put_block(&mut self, block: &[u8; 16], len: usize) {
        let end = self.len() + len.min(16);
        self.extend_from_slice(block);
        self.truncate(end);
    }
}

/// Appends `s` as a JSON string literal, escaped exactly like
/// `JSON.stringify`: `"` and `\`, the short escapes `\b \f \n \r \t`, other
/// control characters as lower-case `\u00xx`, everything else verbatim.
pub fn push_string<S: Sink + ?Sized>(out: &mut S, s: &str) {
    push_string_parts(out, &[s]);
}

/// Appends the concatenation of `parts` as one JSON string literal, escaped
/// as [`push_string`] does, without joining them first.
pub fn push_string_parts<S: Sink + ?Sized>(out: &mut S, parts: &[&str]) {
    out.put_byte(b'"');
    for part in parts {
        push_escaped(out, part);
    }
    out.put_byte(b'"');
}

/// Appends the characters of `s`, escaped for the inside of a JSON string.
fn push_escaped<S: Sink + ?Sized>(out: &mut S, s: &str) {
    let bytes = s.as_bytes();
    if !needs_escaping(bytes) {
        // The common case: nothing to escape.
        out.put(bytes);
        return;
    }
    let mut clean_from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0..=0x1F => b"",
            _ => continue,
        };
        out.put(&bytes[clean_from..i]);
        if escape.is_empty() {
            push_unicode_escape(out, b);
        } else {
            out.put(escape);
        }
        clean_from = i + 1;
    }
    out.put(&bytes[clean_from..]);
}

/// Whether any byte of `bytes` must be escaped. Checks 32 bytes at a time without
/// an early exit inside a block, which the compiler turns into vector instructions:
/// every display record and term passes through here (a third of a gigabyte on a
/// 10,000-role guide).
fn needs_escaping(bytes: &[u8]) -> bool {
    let special = |b: u8| (b < 0x20) | (b == b'"') | (b == b'\\');
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        if block.iter().fold(false, |found, &b| found | special(b)) {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| special(b))
}

/// Appends `\u00xx` for a control byte.
fn push_unicode_escape<S: Sink + ?Sized>(out: &mut S, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.put(b"\\u00");
    out.put_byte(HEX[usize::from(b >> 4)]);
    out.put_byte(HEX[usize::from(b & 0x0F)]);
}

/// Appends a non-negative integer in decimal.
pub fn push_u64<S: Sink + ?Sized>(out: &mut S, mut n: u64) {
    // Digits written left-aligned, so that up to 16 of them go out as one block.
    let digits = n.checked_ilog10().unwrap_or(0) as usize + 1;
    let mut buf = [0u8; 20];
    for slot in buf[..digits].iter_mut().rev() {
        // `n % 10` is below 10, so the cast cannot truncate.
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
    }
    match <&[u8; 16]>::try_from(&buf[..16]) {
        Ok(block) if digits <= 16 => out.put_block(block, digits),
        _ => out.put(&buf[..digits]),
    }
}

/// Appends `thousandths / 1000` as JavaScript prints the double nearest to
/// it: the shortest decimal that reads back to the same double, which for a
/// value rounded to three decimals is the exact decimal without trailing
/// zeros ("0.5", "12", "0.001"); negative zero prints as "0".
pub fn push_thousandths<S: Sink + ?Sized>(out: &mut S, thousandths: i64) {
    if thousandths < 0 {
        out.put_byte(b'-');
    }
    let magnitude = thousandths.unsigned_abs();
    push_u64(out, magnitude / 1000);
    let frac = magnitude % 1000;
    if frac == 0 {
        return;
    }
    // Three digits (each below 10, so the casts cannot truncate), without
    // trailing zeros.
    let mut digits = [0u8; 16];
    digits[..4].copy_from_slice(&[
        b'.',
        b'0' + (frac / 100) as u8,
        b'0' + (frac / 10 % 10) as u8,
        b'0' + (frac % 10) as u8,
    ]);
    let len = if frac.is_multiple_of(100) {
        2
    } else if frac.is_multiple_of(10) {
        3
    } else {
        4
    };
    out.put_block(&digits, len);
}

/// Turns written JSON into a `String`. Everything written comes from
/// `&str`s and ASCII, so the conversion cannot fail; a lossy fallback keeps
/// this free of panics anyway.
pub fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// JavaScript's `Math.round` (halves round towards +infinity) as an
/// integer, for the builder's weights. It avoids a libm `floor` call per
/// weight (baseline x86-64 has no rounding instruction); exact for
/// |x| < 2^52, far beyond any weight.
pub fn js_round_to_i64(x: f64) -> i64 {
    // `as` truncates towards zero (saturating), which is floor for x >= 0.
    let mut floor = x as i64;
    if floor as f64 > x {
        floor -= 1;
    }
    if x - floor as f64 >= 0.5 { floor + 1 } else { floor }
}

/// A fast, deterministic hasher (the "Fx" multiply-rotate hash with a
/// final mix) for the builder's and loader's many small string keys, where
/// SipHash's DoS-resistance buys nothing and costs a large share of the
/// time.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    /// Mixes one word into the state.
    fn add(&mut self, word: u64) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        // Fold the last 1..=7 bytes into one word: one multiply, not seven.
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// Mixes high bits into low ones (the splitmix64 finaliser). Without
    /// it the low bits, which pick the hash table bucket, ignore most of
    /// each word, and strings that differ late ("…#q-1-2", "…#q-1-3")
    /// pile into the same buckets.
    fn finish(&self) -> u64 {
        let mut z = self.hash;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// A `HashMap` using [`FxHasher`].
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    fn string(s: &str) -> String {
        let mut out = Vec::new();
        push_string(&mut out, s);
        into_string(out)
    }

    fn thousandths(n: i64) -> String {
        let mut out = Vec::new();
        push_thousandths(&mut out, n);
        into_string(out)
    }

    #[test]
    fn escaping_is_found_in_any_block_and_the_remainder() {
        for len in [0, 1, 31, 32, 33, 64, 100] {
            let plain = "a".repeat(len);
            assert!(!needs_escaping(plain.as_bytes()), "{len}");
            for at in 0..len {
                for special in [b'"', b'\\', b'\n', 0x01, 0x1F] {
                    let mut bytes = plain.clone().into_bytes();
                    bytes[at] = special;
                    assert!(needs_escaping(&bytes), "{len} {at} {special}");
                }
            }
        }
        assert!(!needs_escaping("Café 日本語 ' / < > ~ \u{7f}".as_bytes()));
    }

    #[test]
    fn integers_are_written_in_decimal() {
        let powers = (0..20).map(|p| 10u64.pow(p));
        for n in powers.flat_map(|p| [p - 1, p, p + 1]).chain([0, 42, u64::MAX]) {
            let mut out = Vec::new();
            push_u64(&mut out, n);
            assert_eq!(into_string(out), n.to_string());
        }
    }

    #[test]
    fn a_block_appends_only_its_first_bytes() {
        let block = *b"0123456789abcdef";
        let mut out = b"x".to_vec();
        out.put_block(&block, 3);
        out.put_block(&block, 0);
        out.put_block(&block, 16);
        assert_eq!(into_string(out), "x0120123456789abcdef");
    }

    #[test]
    fn parts_are_written_as_one_string() {
        let mut out = Vec::new();
        push_string_parts(&mut out, &["/a \"b\"/", "#", "", "c\nd"]);
        assert_eq!(into_string(out), string("/a \"b\"/#c\nd"));
    }

    #[test]
    fn strings_are_escaped_like_json_stringify() {
        assert_eq!(string("plain"), "\"plain\"");
        assert_eq!(string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(string("\n\r\t\u{8}\u{c}"), r#""\n\r\t\b\f""#);
        assert_eq!(string("\u{1}\u{1f}"), r#""\u0001\u001f""#);
        assert_eq!(string("é😀\u{2028}\u{7f}</script>"), "\"é😀\u{2028}\u{7f}</script>\"");
        // Whatever we write must read back unchanged.
        let tricky = "q\"\\\u{0}\u{1f}é😀\u{2028}";
        assert_eq!(serde_json::from_str::<String>(&string(tricky)).ok().as_deref(), Some(tricky));
    }

    #[test]
    fn numbers_are_written_like_javascript() {
        assert_eq!(thousandths(0), "0");
        assert_eq!(thousandths(1000), "1");
        assert_eq!(thousandths(1500), "1.5");
        assert_eq!(thousandths(1), "0.001");
        assert_eq!(thousandths(10), "0.01");
        assert_eq!(thousandths(123_456), "123.456");
        assert_eq!(thousandths(-250), "-0.25");
        let mut out = Vec::new();
        push_u64(&mut out, 0);
        push_u64(&mut out, 18_446_744_073_709_551_615);
        assert_eq!(into_string(out), "018446744073709551615");
    }

    #[test]
    fn thousandths_print_as_the_shortest_round_trip_decimal() {
        for m in (0..200_000).step_by(7) {
            let value = m as f64 / 1000.0;
            assert_eq!(thousandths(m), format!("{value}"), "m = {m}");
        }
    }

    /// `Math.round` by its definition, as a reference.
    fn js_round(x: f64) -> f64 {
        let floor = x.floor();
        if x - floor >= 0.5 { floor + 1.0 } else { floor }
    }

    #[test]
    fn integer_rounding_matches_math_round() {
        for x in [0.0, 0.4, 0.5, 0.49999999999999994, 2.5, -2.5, -0.4, -0.6, 1234.5678, 1e15 + 0.5] {
            assert_eq!(js_round_to_i64(x) as f64, js_round(x), "{x}");
        }
    }

    #[test]
    fn math_round_rounds_halves_up() {
        assert_eq!(js_round(2.5), 3.0);
        assert_eq!(js_round(-2.5), -2.0);
        assert_eq!(js_round(0.499_999_999_999_999_94), 0.0);
        assert_eq!(js_round(1234.4999), 1234.0);
        // Values checked against Node: Math.round(x * 1000) / 1000.
        for (x, rounded) in [(1.0005, 1.001), (0.0045, 0.005), (2.0065, 2.007), (0.2345, 0.235)] {
            assert_eq!(js_round_to_i64(x * 1000.0) as f64 / 1000.0, rounded, "{x}");
        }
    }
}
