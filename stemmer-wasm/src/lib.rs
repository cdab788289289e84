//! One language's query stemmer for the browser (see `Cargo.toml`). The page writes a
//! lower-cased word as UTF-8 into [`buffer`] and calls [`stem`], which puts the term the
//! build's index would hold for it (the lunr-languages search pipeline: trimmer, French
//! accent folding, Snowball stemmer) back into the buffer and returns its length.

// The build's own source: the stop words are there but unused here.
#[allow(dead_code)]
#[path = "../../src/search/snowball.rs"]
mod snowball;

use rust_stemmers::Stemmer;

/// The language this module is built for, checked when it is compiled.
const LANGUAGE: &snowball::Snowball = match snowball::find(env!("GUIDE_STEM_LANGUAGE")) {
    Some(language) => language,
    None => panic!("GUIDE_STEM_LANGUAGE is not a Snowball language of src/search/snowball.rs"),
};

/// Longest word in bytes: a longer one is stemmed from its first 1,024 bytes' characters.
const CAPACITY: usize = 1024;

static mut BUFFER: [u8; CAPACITY] = [0; CAPACITY];

/// Where the page writes a word and reads its term.
#[unsafe(no_mangle)]
pub extern "C" fn buffer() -> *mut u8 {
    (&raw mut BUFFER).cast()
}

/// Stems the `len` bytes in the buffer; returns the term's length in bytes.
#[unsafe(no_mangle)]
pub extern "C" fn stem(len: usize) -> usize {
    in_buffer(len, |word| LANGUAGE.query_term(&Stemmer::create(LANGUAGE.algorithm), word))
}

/// Normalises the wildcard term of `len` bytes in the buffer (German and French fold
/// some letters); returns its length in bytes.
#[unsafe(no_mangle)]
pub extern "C" fn wildcard(len: usize) -> usize {
    in_buffer(len, |term| LANGUAGE.normalize_wildcard(term))
}

/// Runs `f` on the text in the buffer and puts its answer there.
fn in_buffer(len: usize, f: impl Fn(&str) -> String) -> usize {
    // Single-threaded: the page calls one function at a time.
    let buffer = unsafe { std::slice::from_raw_parts_mut((&raw mut BUFFER).cast::<u8>(), CAPACITY) };
    let bytes = &buffer[..len.min(CAPACITY)];
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    };
    let out = f(text);
    let n = out.len().min(CAPACITY);
    buffer[..n].copy_from_slice(&out.as_bytes()[..n]);
    n
}
