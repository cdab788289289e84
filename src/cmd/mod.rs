//! The commands, one file each, thin over the library: `build`, `check` and `serve` run the
//! [`crate::pipeline`] into their own sink; `init` creates a guide; `search` answers
//! queries from a built site. Each parses its arguments, calls the library, prints, and
//! returns the exit code.

pub mod build;
pub mod check;
pub mod init;
pub mod search;
pub mod serve;

use std::io::Write;

/// Writes a command's output to stdout. A reader that stopped early (`guide search rust |
/// head -1`) has closed the pipe: like other Unix tools, the command then stops printing
/// without a word. Any other failure (a full disk) is reported; the result is then false.
pub fn print_stdout(text: &str) -> bool {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            false
        }
    }
}

/// `1 page`, `2 pages`: a count and the word it counts.
pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_one_are_singular_and_others_plural() {
        assert_eq!(plural(0, "page"), "0 pages");
        assert_eq!(plural(1, "page"), "1 page");
        assert_eq!(plural(2, "section"), "2 sections");
    }
}
