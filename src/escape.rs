//! Escaping for the two markup languages the build writes: one function each, shared by
//! every module that writes HTML or XML by hand (templates escape on their own).

/// Escapes text for HTML element text and double- or single-quoted attributes.
pub fn html(text: &str) -> String {
    escape(text, |c, out| match c {
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    })
}

/// Escapes text for XML element content and double-quoted attributes, dropping the
/// characters XML 1.0 does not allow at all (control characters), which a strict parser
/// would reject.
pub fn xml(text: &str) -> String {
    escape(text, |c, out| match c {
        '"' => out.push_str("&quot;"),
        '\t' | '\n' | '\r' => out.push(c),
        c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
        c => out.push(c),
    })
}

/// Escapes text for HTML element text only, as a minifier leaves it: `&`, `<` and `>`.
/// Quotes need no escaping there, so code (full of them) stays short.
pub fn html_text(text: &str) -> String {
    escape(text, |c, out| out.push(c))
}

/// Escapes a path for a URL (or a query value that holds one): letters, digits, `-._~`
/// and `/` are kept, every other byte is percent-encoded.
pub fn url_path(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The markup every escaper escapes (`&`, `<`, `>`); every other character goes to `other`.
fn escape(text: &str, other: impl Fn(char, &mut String)) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => other(c, &mut out),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn html_text_escapes_markup_and_leaves_quotes() {
        assert_eq!(super::html_text("a < \"b\" && 'c' > d"), "a &lt; \"b\" &amp;&amp; 'c' &gt; d");
    }

    #[test]
    fn html_escapes_markup_and_both_quotes_and_xml_also_drops_characters_it_forbids() {
        assert_eq!(
            super::html("<a href=\"x\">R&D's</a>"),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;"
        );
        assert_eq!(
            super::xml("a & <b> \"c\" 'd'\u{1}\u{FFFF}\t"),
            "a &amp; &lt;b&gt; &quot;c&quot; 'd'\t"
        );
    }

    #[test]
    fn url_paths_keep_slashes_and_escape_everything_else() {
        assert_eq!(super::url_path("/a b/c#é.md?x&y"), "/a%20b/c%23%C3%A9.md%3Fx%26y");
    }
}
