//! Expanding a query term into index terms exactly like `lunr.TokenSet`.
//!
//! The set of terms a wildcard or fuzzy term matches is easy to compute, but
//! lunr.js also fixes their *order* (a depth-first walk whose edges come in
//! JavaScript property order: digits first, then insertion order), and that
//! order decides how documents with equal scores are ranked. So this module
//! builds the query automaton and walks the intersection the way lunr does.
//!
//! The index side is an implicit trie over the sorted terms: a node is the
//! range of terms sharing a prefix, so no trie is stored in memory.

/// `*`, lunr's wildcard, as a UTF-16 code unit.
const WILDCARD: u16 = b'*' as u16;

/// One node of a query automaton or of an intersection result.
#[derive(Debug, Clone, Default)]
struct Node {
    is_final: bool,
    /// Edges in insertion order, as a JavaScript object holds them.
    edges: Vec<(u16, usize)>,
}

/// An automaton over UTF-16 code units (`lunr.TokenSet`); node 0 is the root.
#[derive(Debug, Clone)]
pub struct TokenSet {
    nodes: Vec<Node>,
}

/// A node of the implicit trie: terms `lo..hi` share their first `depth`
/// code units.
#[derive(Debug, Clone, Copy)]
struct TrieNode {
    depth: usize,
    lo: usize,
    hi: usize,
}

/// A `fromFuzzyString` frame: automaton node, edits left, rest of term.
type Frame = (usize, u32, Rest);

/// What is left of the term in a fuzzy frame. lunr copies strings; every
/// string it builds is an optional character moved there by a
/// transposition followed by the term from `offset` on, so two numbers
/// describe it without copying.
#[derive(Debug, Clone, Copy)]
struct Rest {
    moved: Option<u16>,
    offset: usize,
}

impl Rest {
    /// Length in code units.
    fn len(self, term: &[u16]) -> usize {
        usize::from(self.moved.is_some()) + term.len().saturating_sub(self.offset)
    }

    /// The code unit at `i`.
    fn at(self, term: &[u16], i: usize) -> Option<u16> {
        match (self.moved, i) {
            (Some(unit), 0) => Some(unit),
            (Some(_), i) => term.get(self.offset + i - 1).copied(),
            (None, i) => term.get(self.offset + i).copied(),
        }
    }

    /// `str.slice(1)`.
    fn skip_first(self) -> Rest {
        match self.moved {
            Some(_) => Rest {
                moved: None,
                offset: self.offset,
            },
            None => Rest {
                moved: None,
                offset: self.offset + 1,
            },
        }
    }

    /// `str.charAt(0) + str.slice(2)`.
    fn transpose(self, term: &[u16]) -> Rest {
        match self.moved {
            Some(unit) => Rest {
                moved: Some(unit),
                offset: self.offset + 1,
            },
            None => Rest {
                moved: term.get(self.offset).copied(),
                offset: self.offset + 2,
            },
        }
    }
}

/// The index's terms, sorted by UTF-16 code units and free of duplicates.
pub struct SortedTerms<'a> {
    terms: &'a [Vec<u16>],
}

impl TokenSet {
    /// An automaton with a single, non-final root.
    fn new() -> Self {
        TokenSet {
            nodes: vec![Node::default()],
        }
    }

    /// Adds a node and returns its id.
    fn add_node(&mut self, is_final: bool) -> usize {
        self.nodes.push(Node {
            is_final,
            edges: Vec::new(),
        });
        self.nodes.len() - 1
    }

    /// The target of `node`'s edge labelled `label`.
    fn edge(&self, node: usize, label: u16) -> Option<usize> {
        self.nodes[node].edges.iter().find(|e| e.0 == label).map(|e| e.1)
    }

    /// `node.edges[label] = target`: replaces in place or appends.
    fn set_edge(&mut self, node: usize, label: u16, target: usize) {
        let edges = &mut self.nodes[node].edges;
        match edges.iter_mut().find(|e| e.0 == label) {
            Some(edge) => edge.1 = target,
            None => edges.push((label, target)),
        }
    }

    /// The target of the edge `label`, created (non-final) when missing.
    fn edge_or_new(&mut self, node: usize, label: u16) -> usize {
        match self.edge(node, label) {
            Some(target) => target,
            None => {
                let target = self.add_node(false);
                self.set_edge(node, label, target);
                target
            }
        }
    }

    /// `lunr.TokenSet.fromString`: a term where each `*` matches any run
    /// of code units.
    pub fn from_term(term: &[u16]) -> Self {
        let mut set = TokenSet::new();
        let mut node = 0;
        for (i, &unit) in term.iter().enumerate() {
            let is_final = i + 1 == term.len();
            if unit == WILDCARD {
                set.set_edge(node, WILDCARD, node);
                set.nodes[node].is_final = is_final;
            } else {
                let next = set.add_node(is_final);
                set.set_edge(node, unit, next);
                node = next;
            }
        }
        set
    }

    /// `lunr.TokenSet.fromFuzzyString`: the term with up to `edits`
    /// insertions, deletions, substitutions or transpositions, built in
    /// lunr's exact frame order so that node edges come in its order.
    pub fn from_fuzzy_term(term: &[u16], edits: u32) -> Self {
        let mut set = TokenSet::new();
        let start = Rest { moved: None, offset: 0 };
        let mut stack: Vec<Frame> = vec![(0, edits, start)];
        while let Some((node, remaining, rest)) = stack.pop() {
            if let Some(first) = rest.at(term, 0) {
                let next = set.edge_or_new(node, first);
                if rest.len(term) == 1 {
                    set.nodes[next].is_final = true;
                }
                stack.push((next, remaining, rest.skip_first()));
            }
            if remaining == 0 {
                continue;
            }
            set.push_edit_frames(&mut stack, node, remaining - 1, rest, term);
        }
        set
    }

    /// The insertion, deletion, substitution and transposition frames of
    /// one `fromFuzzyString` step, in lunr's order.
    fn push_edit_frames(&mut self, stack: &mut Vec<Frame>, node: usize, remaining: u32, rest: Rest, term: &[u16]) {
        let len = rest.len(term);
        let insertion = self.edge_or_new(node, WILDCARD);
        if len == 0 {
            self.nodes[insertion].is_final = true;
        }
        stack.push((insertion, remaining, rest));
        if len > 1 {
            stack.push((node, remaining, rest.skip_first()));
        }
        if len == 1 {
            self.nodes[node].is_final = true;
        }
        if len >= 1 {
            let substitution = self.edge_or_new(node, WILDCARD);
            if len == 1 {
                self.nodes[substitution].is_final = true;
            }
            stack.push((substitution, remaining, rest.skip_first()));
        }
        if let (true, Some(second)) = (len > 1, rest.at(term, 1)) {
            let transposed = self.edge_or_new(node, second);
            stack.push((transposed, remaining, rest.transpose(term)));
        }
    }

    /// `index.tokenSet.intersect(this).toArray()`: the index terms this
    /// automaton accepts, in lunr's order.
    pub fn expand(&self, index: &SortedTerms<'_>) -> Vec<Vec<u16>> {
        let output = self.intersect(index);
        output.to_array()
    }

    /// `lunr.TokenSet#intersect` with the index trie as `this` and the
    /// query automaton as `b`.
    fn intersect(&self, index: &SortedTerms<'_>) -> TokenSet {
        let mut output = TokenSet::new();
        let mut stack = vec![(0usize, 0usize, index.root())];
        let mut children = Vec::new();
        while let Some((q_node, out_node, node)) = stack.pop() {
            for (q_label, q_next) in js_key_order(&self.nodes[q_node].edges) {
                children.clear();
                if q_label == WILDCARD {
                    index.children(node, &mut children);
                } else {
                    children.extend(index.child(node, q_label).map(|c| (q_label, c)));
                }
                for &(label, child) in &children {
                    let is_final = index.is_final(child) && self.nodes[q_next].is_final;
                    let next = match output.edge(out_node, label) {
                        Some(next) => {
                            output.nodes[next].is_final |= is_final;
                            next
                        }
                        None => {
                            let next = output.add_node(is_final);
                            output.set_edge(out_node, label, next);
                            next
                        }
                    };
                    stack.push((q_next, next, child));
                }
            }
        }
        output
    }

    /// `lunr.TokenSet#toArray`: the accepted words, depth first, last edge
    /// first (a stack), edges in JavaScript key order.
    fn to_array(&self) -> Vec<Vec<u16>> {
        let mut words = Vec::new();
        let mut stack: Vec<(Vec<u16>, usize)> = vec![(Vec::new(), 0)];
        while let Some((prefix, node)) = stack.pop() {
            if self.nodes[node].is_final {
                words.push(prefix.clone());
            }
            for (label, next) in js_key_order(&self.nodes[node].edges) {
                let mut word = prefix.clone();
                word.push(label);
                stack.push((word, next));
            }
        }
        words
    }
}

/// Edges in JavaScript's `Object.keys` order: single-digit keys are array
/// indexes, so they come first in numeric order; the rest keep insertion
/// order.
fn js_key_order(edges: &[(u16, usize)]) -> impl Iterator<Item = (u16, usize)> + '_ {
    let is_digit = |label: u16| (u16::from(b'0')..=u16::from(b'9')).contains(&label);
    let has_digits = edges.iter().any(|e| is_digit(e.0));
    // At most ten digit keys: look each up in numeric order.
    let digits = (b'0'..=b'9')
        .filter(move |_| has_digits)
        .filter_map(move |d| edges.iter().copied().find(|e| e.0 == u16::from(d)));
    digits.chain(edges.iter().copied().filter(move |e| !is_digit(e.0)))
}

impl<'a> SortedTerms<'a> {
    /// Wraps terms that are sorted by code units and distinct.
    pub fn new(terms: &'a [Vec<u16>]) -> Self {
        SortedTerms { terms }
    }

    /// The trie root: every term, depth 0.
    fn root(&self) -> TrieNode {
        TrieNode {
            depth: 0,
            lo: 0,
            hi: self.terms.len(),
        }
    }

    /// Whether a term ends exactly at this node (it sorts first).
    fn is_final(&self, node: TrieNode) -> bool {
        node.lo < node.hi && self.terms[node.lo].len() == node.depth
    }

    /// The code unit of term `i` at `depth`, or -1 when the term ends there.
    fn unit_at(&self, i: usize, depth: usize) -> i32 {
        self.terms[i].get(depth).map_or(-1, |&u| i32::from(u))
    }

    /// The child reached by `label`, found by binary search.
    fn child(&self, node: TrieNode, label: u16) -> Option<TrieNode> {
        let range = &self.terms[node.lo..node.hi];
        let key = |t: &Vec<u16>| t.get(node.depth).map_or(-1, |&u| i32::from(u));
        let lo = node.lo + range.partition_point(|t| key(t) < i32::from(label));
        let hi = node.lo + range.partition_point(|t| key(t) <= i32::from(label));
        (lo < hi).then_some(TrieNode {
            depth: node.depth + 1,
            lo,
            hi,
        })
    }

    /// All children, in the order a `lunr.TokenSet` built from the sorted
    /// terms enumerates its edges (digits first, then ascending).
    fn children(&self, node: TrieNode, out: &mut Vec<(u16, TrieNode)>) {
        let mut i = node.lo;
        if self.is_final(node) {
            i += 1;
        }
        let start = out.len();
        while i < node.hi {
            let unit = self.unit_at(i, node.depth);
            let range = &self.terms[i..node.hi];
            let end = i + range.partition_point(|t| t.get(node.depth).is_some_and(|&u| i32::from(u) <= unit));
            // `unit` came from a term longer than `depth`, so it is a u16.
            let label = u16::try_from(unit).unwrap_or_default();
            let child = TrieNode {
                depth: node.depth + 1,
                lo: i,
                hi: end,
            };
            out.push((label, child));
            i = end;
        }
        let digits = out[start..]
            .iter()
            .filter(|(label, _)| (u16::from(b'0')..=u16::from(b'9')).contains(label))
            .count();
        let first_digit = out[start..]
            .iter()
            .position(|(label, _)| *label >= u16::from(b'0'))
            .map_or(out.len(), |p| p + start);
        // Ascending order puts digits after any of " !\"#$%&'()*+,-./":
        // rotate them to the front, as JavaScript enumerates them first.
        out[start..first_digit + digits].rotate_right(digits);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    fn expand(query: &TokenSet, words: &[&str]) -> Vec<String> {
        let mut terms: Vec<Vec<u16>> = words.iter().map(|w| units(w)).collect();
        terms.sort();
        terms.dedup();
        query
            .expand(&SortedTerms::new(&terms))
            .iter()
            .map(|w| String::from_utf16_lossy(w))
            .collect()
    }

    #[test]
    fn exact_terms_match_only_themselves() {
        let words = ["node", "nodes", "no", "code"];
        assert_eq!(expand(&TokenSet::from_term(&units("node")), &words), ["node"]);
        assert!(expand(&TokenSet::from_term(&units("nod")), &words).is_empty());
        assert!(expand(&TokenSet::from_term(&[]), &["", "a"]).is_empty());
    }

    #[test]
    fn prefix_terms_come_in_lunrs_depth_first_order() {
        // Checked against lunr.js 2.3.9: lunr.TokenSet.fromArray(words)
        // .intersect(lunr.TokenSet.fromString("a*")).toArray().
        let words = ["a", "a1", "a2", "a.b", "ab", "abc", "b"];
        let got = expand(&TokenSet::from_term(&units("a*")), &words);
        assert_eq!(got, ["a", "ab", "abc", "a.b", "a2", "a1"]);
    }

    #[test]
    fn leading_wildcards_and_fuzzy_terms_expand() {
        let words = ["kubernetes", "notes", "note", "vote", "nose"];
        // Orders checked against lunr.js 2.3.9 as above.
        let suffix = expand(&TokenSet::from_term(&units("*tes")), &words);
        assert_eq!(suffix, ["notes", "kubernetes"]);
        let fuzzy = expand(&TokenSet::from_fuzzy_term(&units("note"), 1), &words);
        assert_eq!(fuzzy, ["vote", "nose", "note", "notes"]);
    }
}
