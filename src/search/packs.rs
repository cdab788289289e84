//! Packs: many small gzip members in one file, each read on its own with an HTTP
//! range request.
//!
//! A query needs a few shards and the display records of ten hits. As separate files,
//! the shards and fragments of a 10,000-role guide were 10,356 files (in deploys, file
//! limits and upload time); as one file each, a query would download megabytes. A pack
//! holds many of them, each compressed on its own (a gzip member), one after another;
//! the manifest lists every member's compressed length, so a client reads member `i`
//! with `Range: bytes=<sum of the lengths before i>-<end - 1>` and inflates it
//! (browsers with `DecompressionStream`). A host that ignores ranges sends the whole
//! pack, and the client cuts the member out of it. Packs are named `<p>.<hash>.bin`:
//! not `.gz`, so that no host adds `Content-Encoding: gzip` (which would make ranges
//! refer to bytes the browser never sees), and the hash of the pack's bytes lets hosts
//! cache them for ever.

use std::cell::RefCell;
use std::io::Read;

use flate2::{Compress, Compression, Crc, FlushCompress, Status};

use super::shards::{content_hash, short_hash};

/// gzip's level. On the 104 MB of shards and fragments of a 10,000-role guide (zlib, one
/// core of a loaded machine): level 1 gave 35.9 MB in 1.0 s, 4 gave 33.1 MB in 1.5 s, 6 gave
/// 32.0 MB in 4.4 s and 9 gave 31.8 MB in 8.0 s. The search output must stay under 35 MB.
const LEVEL: u32 = 4;

/// A gzip member's header as flate2's `GzEncoder` writes it at [`LEVEL`]: no name, no
/// time, "unknown" operating system, so that builds are reproducible.
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];

thread_local! {
    /// One deflate state per thread, reset for each member: a new one per member (20,000
    /// at 10,000 roles) made the kernel zero a quarter of a megabyte of fresh memory each
    /// time, 13% of a 1,000-role rebuild.
    static DEFLATE: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(LEVEL), false));
}

/// `bytes` as one gzip member.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
    out.extend_from_slice(&GZIP_HEADER);
    DEFLATE.with_borrow_mut(|deflate| {
        deflate.reset();
        let mut input = bytes;
        loop {
            out.reserve(256.max(input.len() / 2));
            let read_before = deflate.total_in();
            // Deflating into memory has no error to meet: only a corrupt state could fail.
            let status = deflate
                .compress_vec(input, &mut out, FlushCompress::Finish)
                .expect("deflate into a Vec");
            input = &input[usize::try_from(deflate.total_in() - read_before).unwrap_or(input.len())..];
            if status == Status::StreamEnd {
                break;
            }
        }
    });
    let mut crc = Crc::new();
    crc.update(bytes);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    // ISIZE is the length modulo 2^32, as gzip defines it.
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out
}

/// The bytes of one gzip member.
pub fn gunzip(member: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(member.len() * 4);
    flate2::read::GzDecoder::new(member).read_to_end(&mut out)?;
    Ok(out)
}

/// One pack, ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    /// The members one after another.
    pub bytes: Vec<u8>,
    /// Each member's length in `bytes`.
    pub lengths: Vec<usize>,
    /// The pack's content hash, which names its file.
    pub hash: u64,
}

impl Pack {
    /// Compresses each of `members` and packs them in order.
    pub fn of<M: AsRef<[u8]>>(members: impl IntoIterator<Item = M>) -> Pack {
        let mut bytes = Vec::new();
        let mut lengths = Vec::new();
        for member in members {
            let compressed = gzip(member.as_ref());
            lengths.push(compressed.len());
            bytes.extend_from_slice(&compressed);
        }
        let hash = content_hash(&bytes);
        Pack { bytes, lengths, hash }
    }

    /// What the manifest says of it.
    pub fn entry(&self) -> PackEntry {
        PackEntry {
            hash: short_hash(self.hash),
            lengths: self.lengths.clone(),
        }
    }
}

/// A pack as the manifest lists it: `[hash, [length, …]]`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(from = "(String, Vec<usize>)")]
pub struct PackEntry {
    pub hash: String,
    pub lengths: Vec<usize>,
}

impl From<(String, Vec<usize>)> for PackEntry {
    fn from((hash, lengths): (String, Vec<usize>)) -> PackEntry {
        PackEntry { hash, lengths }
    }
}

/// Where member `i` (counted over all packs, in order) is: its pack's number and the
/// byte range in it.
pub fn locate(packs: &[PackEntry], mut i: usize) -> Option<(usize, std::ops::Range<usize>)> {
    for (p, pack) in packs.iter().enumerate() {
        if i < pack.lengths.len() {
            let start: usize = pack.lengths[..i].iter().sum();
            return Some((p, start..start + pack.lengths[i]));
        }
        i -= pack.lengths.len();
    }
    None
}

/// Appends the manifest's list of packs: `[["hash",[length,…]],…]`.
pub fn push_entries(out: &mut Vec<u8>, packs: &[PackEntry]) {
    out.push(b'[');
    for (p, pack) in packs.iter().enumerate() {
        if p > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"[\"");
        out.extend_from_slice(pack.hash.as_bytes());
        out.extend_from_slice(b"\",[");
        for (i, &length) in pack.lengths.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            super::json::push_u64(out, length as u64);
        }
        out.extend_from_slice(b"]]");
    }
    out.push(b']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_found_by_the_lengths_and_inflate_on_their_own() {
        let members: Vec<Vec<u8>> = ["[1,2,3]", "", "[\"kubernetes\"]"].iter().map(|m| m.as_bytes().to_vec()).collect();
        let first = Pack::of(members[..2].to_vec());
        let second = Pack::of(members[2..].to_vec());
        let entries = [first.entry(), second.entry()];
        let files = [&first.bytes, &second.bytes];
        for (i, member) in members.iter().enumerate() {
            let (p, range) = locate(&entries, i).unwrap();
            assert_eq!(&gunzip(&files[p][range]).unwrap(), member, "member {i}");
        }
        assert_eq!(locate(&entries, 3), None);
        assert!(
            gunzip(&first.bytes[..first.lengths[0] - 1]).is_err(),
            "a truncated member is an error"
        );
        let mut listed = Vec::new();
        push_entries(&mut listed, &entries);
        let listed: Vec<PackEntry> = serde_json::from_slice(&listed).unwrap();
        assert_eq!(listed, entries);
    }

    /// The reused deflate state writes what a new `GzEncoder` would, member after member
    /// (so outputs stay as they were), and every member inflates to its input.
    #[test]
    fn members_are_what_a_new_gzip_encoder_writes() {
        use std::io::Write;
        let long: Vec<u8> = (0..300_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        let inputs: [&[u8]; 5] = [b"", b"[1,2,3]", &long, b"[\"kubernetes\"]", &long[..70_001]];
        for input in inputs {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), Compression::new(LEVEL));
            encoder.write_all(input).unwrap();
            let expected = encoder.finish().unwrap();
            let member = gzip(input);
            assert!(
                member == expected,
                "{} bytes: {} against {}",
                input.len(),
                member.len(),
                expected.len()
            );
            assert_eq!(gunzip(&member).unwrap(), input);
        }
    }

    #[test]
    fn a_pack_is_named_by_its_bytes() {
        let a = Pack::of([b"[1]".to_vec()]);
        let b = Pack::of([b"[2]".to_vec()]);
        assert_ne!(a.hash, b.hash);
        assert_eq!(a, Pack::of([b"[1]".to_vec()]));
    }
}
