//! Parsing lunr's query syntax and answering it like `lunr.Index#search`.
//!
//! Syntax (lunr 2.3.9): words separated by spaces or hyphens; `word*`,
//! `*word` and `wo*rd` wildcards; `field:word`; `+word` (must contain) and
//! `-word` (must not contain); `word^10` boosts; `word~1` typo tolerance;
//! `\` escapes the next character. The lexer and parser are ports of
//! `lunr.QueryLexer` and `lunr.QueryParser` over UTF-16 code units, so a
//! query that lunr.js rejects is rejected here with the same message
//! ([`QueryError::lunr_message`]) and a query it accepts means the same.
//!
//! On top of lunr.js we refuse three queries that lunr.js would run but that
//! are never what a reader meant: an empty query (lunr returns every page
//! with score 0), a term made only of `*` (it matches every word), and typo
//! tolerance above [`MAX_EDIT_DISTANCE`] (its cost grows exponentially).

use std::collections::HashSet;
use std::fmt;

use super::language::TextPipeline;
use super::load::Index;
use super::pipeline;
use super::token_set::{SortedTerms, TokenSet};

/// The largest `~N` we evaluate; lunr.js has no limit and freezes on large
/// values.
pub const MAX_EDIT_DISTANCE: u32 = 2;

/// A matching document and its score, as in lunr.js's result list.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    /// The document's ref (for this site: its URL, with `#anchor` for
    /// guide entries).
    pub ref_: String,
    /// lunr's score: the sum over fields of the dot product of the query
    /// and field vectors divided by the query vector's length.
    pub score: f64,
}

/// Whether a clause's term must, may or must not occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// The default: the term adds to the score when present.
    Optional,
    /// `+term`: documents without it are dropped.
    Required,
    /// `-term`: documents with it are dropped.
    Prohibited,
}

/// One parsed clause (`lunr.Query` clause).
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// The lower-cased term, wildcards included.
    pub term: String,
    /// Field numbers searched (all fields unless `field:` was given).
    pub fields: Vec<usize>,
    /// Weight of the term in the query vector (`^N`, default 1).
    pub boost: f64,
    /// Whether the search pipeline (the stemmer) runs on the term; lunr
    /// skips it for terms with a wildcard.
    pub use_pipeline: bool,
    /// Required, prohibited or optional.
    pub presence: Presence,
    /// Typo tolerance (`~N`).
    pub edit_distance: Option<u32>,
}

/// What is wrong with a query, in words a reader can act on.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryErrorKind {
    /// Nothing to search for.
    Empty,
    /// A term that is only `*`.
    LoneWildcard,
    /// `+` or `-` not followed by a word.
    DanglingPresence { operator: char },
    /// `name:` where no field is called `name`.
    UnknownField { field: String, known: Vec<String> },
    /// `field:` not followed by a word.
    MissingFieldTerm { field: String },
    /// `~` or `^` not followed by a number.
    MissingNumber { operator: char },
    /// `~N` or `^N` with no word before it.
    MisplacedModifier { operator: char },
    /// `~N` above [`MAX_EDIT_DISTANCE`].
    EditDistanceTooLarge { given: String },
}

/// A query that cannot be run. `Display` gives a message and a hint.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryError {
    kind: QueryErrorKind,
    lunr_message: Option<String>,
    /// Span in the query, in UTF-16 code units (lunr's positions).
    span: (usize, usize),
}

impl QueryError {
    /// An error lunr.js reports too, with its `QueryParseError` message.
    fn lunr(kind: QueryErrorKind, message: String, lexeme: &Lexeme) -> Self {
        QueryError {
            kind,
            lunr_message: Some(message),
            span: (lexeme.start, lexeme.end),
        }
    }

    /// An error of our own (lunr.js would run the query).
    fn ours(kind: QueryErrorKind) -> Self {
        QueryError {
            kind,
            lunr_message: None,
            span: (0, 0),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &QueryErrorKind {
        &self.kind
    }

    /// lunr.js's `QueryParseError` message for the same query, or `None`
    /// when lunr.js would accept it (our stricter checks).
    pub fn lunr_message(&self) -> Option<&str> {
        self.lunr_message.as_deref()
    }

    /// Start and end of the offending part, in UTF-16 code units.
    pub fn span(&self) -> (usize, usize) {
        self.span
    }

    /// One sentence saying what is wrong.
    pub fn message(&self) -> String {
        match &self.kind {
            QueryErrorKind::Empty => "The search is empty.".into(),
            QueryErrorKind::LoneWildcard => "A \"*\" on its own would match every word.".into(),
            QueryErrorKind::DanglingPresence { operator } => {
                format!("\"{operator}\" must be followed directly by a word.")
            }
            QueryErrorKind::UnknownField { field, .. } => {
                format!("There is no \"{field}\" part of a page to search in.")
            }
            QueryErrorKind::MissingFieldTerm { field } => {
                format!("\"{field}:\" must be followed directly by a word.")
            }
            QueryErrorKind::MissingNumber { operator } => {
                format!("\"{operator}\" must be followed by a whole number.")
            }
            QueryErrorKind::MisplacedModifier { operator } => {
                format!("\"{operator}\" must come right after a word.")
            }
            QueryErrorKind::EditDistanceTooLarge { given } => {
                format!("Typo tolerance \"~{given}\" is too large; the most is ~{MAX_EDIT_DISTANCE}.")
            }
        }
    }

    /// How to fix it.
    pub fn hint(&self) -> String {
        const EMPTY: &str = "type one or more words, for example: kubernetes";
        const WILDCARD: &str = "put * right after the start of a word: kube* finds kubernetes";
        const PRESENCE: &str = "write +word to require a word or -word to exclude it, with no space after the sign";
        const TYPO: &str = "write word~1 to also find words with one typo";
        const BOOST: &str = "write word^10 to make one word count more";
        const TOO_MANY_TYPOS: &str = "use word~1 or word~2; more typos match almost every word";
        match &self.kind {
            QueryErrorKind::Empty => EMPTY.into(),
            QueryErrorKind::LoneWildcard => WILDCARD.into(),
            QueryErrorKind::DanglingPresence { .. } => PRESENCE.into(),
            QueryErrorKind::UnknownField { field, known } => format!(
                "search in one of {} (for example {}:word), or write \\: to search for \"{field}:\" itself",
                known.join(", "),
                known.first().map_or("title", String::as_str)
            ),
            QueryErrorKind::MissingFieldTerm { field } => {
                format!("write the word right after the colon, for example {field}:kubernetes")
            }
            QueryErrorKind::MissingNumber { operator: '~' } | QueryErrorKind::MisplacedModifier { operator: '~' } => TYPO.into(),
            QueryErrorKind::MissingNumber { .. } | QueryErrorKind::MisplacedModifier { .. } => BOOST.into(),
            QueryErrorKind::EditDistanceTooLarge { .. } => TOO_MANY_TYPOS.into(),
        }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} Hint: {}.", self.message(), self.hint())
    }
}

impl std::error::Error for QueryError {}

/// Lexeme types of `lunr.QueryLexer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LexemeKind {
    Field,
    Term,
    EditDistance,
    Boost,
    Presence,
}

impl LexemeKind {
    /// The type name lunr puts in its error messages.
    fn lunr_name(self) -> &'static str {
        match self {
            LexemeKind::Field => "FIELD",
            LexemeKind::Term => "TERM",
            LexemeKind::EditDistance => "EDIT_DISTANCE",
            LexemeKind::Boost => "BOOST",
            LexemeKind::Presence => "PRESENCE",
        }
    }
}

/// One lexeme: its type, its text (escapes removed) and its span.
#[derive(Debug, Clone)]
struct Lexeme {
    kind: LexemeKind,
    text: Vec<u16>,
    start: usize,
    end: usize,
}

impl Lexeme {
    /// The text as a Rust string.
    fn text(&self) -> String {
        String::from_utf16_lossy(&self.text)
    }
}

/// The lexer's states (`lunr.QueryLexer.lex*` functions).
#[derive(Debug, Clone, Copy)]
enum LexState {
    Text,
    Field,
    Term,
    EditDistance,
    Boost,
    Eos,
}

/// A port of `lunr.QueryLexer`; positions are UTF-16 code units and may run
/// one past the end after a trailing `\`, as in JavaScript.
struct Lexer<'a> {
    units: &'a [u16],
    pos: usize,
    start: usize,
    escapes: Vec<usize>,
    lexemes: Vec<Lexeme>,
}

impl<'a> Lexer<'a> {
    /// Runs the state machine over the whole query.
    fn run(units: &'a [u16]) -> Vec<Lexeme> {
        let mut lexer = Lexer {
            units,
            pos: 0,
            start: 0,
            escapes: Vec::new(),
            lexemes: Vec::new(),
        };
        let mut state = Some(LexState::Text);
        while let Some(current) = state {
            state = match current {
                LexState::Text => Some(lexer.lex_text()),
                LexState::Field => lexer.lex_field(),
                LexState::Term => lexer.lex_term(),
                LexState::EditDistance => lexer.lex_number(LexemeKind::EditDistance),
                LexState::Boost => lexer.lex_number(LexemeKind::Boost),
                LexState::Eos => lexer.lex_eos(),
            };
        }
        lexer.lexemes
    }

    /// The next code unit, or `None` at the end.
    fn next(&mut self) -> Option<u16> {
        let unit = self.units.get(self.pos).copied();
        if unit.is_some() {
            self.pos += 1;
        }
        unit
    }

    fn width(&self) -> usize {
        self.pos.saturating_sub(self.start)
    }

    fn backup(&mut self) {
        self.pos = self.pos.saturating_sub(1);
    }

    fn ignore(&mut self) {
        if self.start == self.pos {
            self.pos += 1;
        }
        self.start = self.pos;
    }

    fn more(&self) -> bool {
        self.pos < self.units.len()
    }

    /// JavaScript's `str.slice(a, b)`: clamped, empty when `a >= b`.
    fn slice(&self, a: usize, b: usize) -> &'a [u16] {
        let len = self.units.len();
        let (a, b) = (a.min(len), b.min(len));
        if a >= b { &[] } else { &self.units[a..b] }
    }

    /// `sliceString`: the text from `start` to `pos` minus escape `\`s.
    fn slice_string(&mut self) -> Vec<u16> {
        let mut text = Vec::new();
        let mut from = self.start;
        for &escape in &self.escapes {
            text.extend_from_slice(self.slice(from, escape));
            from = escape + 1;
        }
        text.extend_from_slice(self.slice(from, self.pos));
        self.escapes.clear();
        text
    }

    fn emit(&mut self, kind: LexemeKind) {
        let text = self.slice_string();
        self.lexemes.push(Lexeme {
            kind,
            text,
            start: self.start,
            end: self.pos,
        });
        self.start = self.pos;
    }

    /// `lexText`: scans a term until a special character.
    fn lex_text(&mut self) -> LexState {
        loop {
            let Some(unit) = self.next() else {
                return LexState::Eos;
            };
            match char::from_u32(u32::from(unit)) {
                Some('\\') => {
                    self.escapes.push(self.pos - 1);
                    self.pos += 1;
                }
                Some(':') => return LexState::Field,
                Some(c @ ('~' | '^')) => {
                    self.backup();
                    if self.width() > 0 {
                        self.emit(LexemeKind::Term);
                    }
                    return if c == '~' { LexState::EditDistance } else { LexState::Boost };
                }
                Some('+' | '-') if self.width() == 1 => {
                    self.emit(LexemeKind::Presence);
                    return LexState::Text;
                }
                Some(c) if pipeline::is_separator(c) => return LexState::Term,
                _ => {}
            }
        }
    }

    fn lex_field(&mut self) -> Option<LexState> {
        self.backup();
        self.emit(LexemeKind::Field);
        self.ignore();
        Some(LexState::Text)
    }

    fn lex_term(&mut self) -> Option<LexState> {
        if self.width() > 1 {
            self.backup();
            self.emit(LexemeKind::Term);
        }
        self.ignore();
        self.more().then_some(LexState::Text)
    }

    /// `lexEditDistance` / `lexBoost`: the digits after `~` or `^`.
    fn lex_number(&mut self, kind: LexemeKind) -> Option<LexState> {
        self.ignore();
        loop {
            match self.next() {
                Some(unit) if (u16::from(b'0')..=u16::from(b'9')).contains(&unit) => {}
                Some(_) => {
                    self.backup();
                    break;
                }
                None => break,
            }
        }
        self.emit(kind);
        Some(LexState::Text)
    }

    fn lex_eos(&mut self) -> Option<LexState> {
        if self.width() > 0 {
            self.emit(LexemeKind::Term);
        }
        None
    }
}

/// A clause being assembled (`parser.currentClause`).
#[derive(Debug, Default)]
struct ClauseDraft {
    term: Option<String>,
    fields: Option<Vec<usize>>,
    boost: Option<f64>,
    no_pipeline: bool,
    presence: Option<Presence>,
    edit_distance: Option<f64>,
}

/// The parser's states (`lunr.QueryParser.parse*` functions).
#[derive(Debug, Clone, Copy)]
enum ParseState {
    Clause,
    Presence,
    Field,
    Term,
    EditDistance,
    Boost,
}

/// A port of `lunr.QueryParser`.
struct Parser<'a> {
    lexemes: &'a [Lexeme],
    next: usize,
    fields: &'a [String],
    draft: ClauseDraft,
    clauses: Vec<ClauseDraft>,
}

/// Parses `query` for an index with `fields`, applying lunr's rules and our
/// three extra refusals (empty query, lone `*`, too much typo tolerance).
pub fn parse_query(query: &str, fields: &[String]) -> Result<Vec<Clause>, QueryError> {
    let units: Vec<u16> = query.encode_utf16().collect();
    let lexemes = Lexer::run(&units);
    let mut parser = Parser {
        lexemes: &lexemes,
        next: 0,
        fields,
        draft: ClauseDraft::default(),
        clauses: Vec::new(),
    };
    let mut state = Some(ParseState::Clause);
    while let Some(current) = state {
        state = parser.step(current)?;
    }
    let all_fields: Vec<usize> = (0..fields.len()).collect();
    let clauses: Vec<Clause> = parser
        .clauses
        .into_iter()
        .map(|draft| finish_clause(draft, &all_fields))
        .collect::<Result<_, _>>()?;
    if clauses.is_empty() {
        return Err(QueryError::ours(QueryErrorKind::Empty));
    }
    if clauses.iter().any(|c| !c.term.is_empty() && c.term.chars().all(|ch| ch == '*')) {
        return Err(QueryError::ours(QueryErrorKind::LoneWildcard));
    }
    Ok(clauses)
}

/// `lunr.Query#clause`: fills in the defaults of a completed draft.
fn finish_clause(draft: ClauseDraft, all_fields: &[usize]) -> Result<Clause, QueryError> {
    let edit_distance = match draft.edit_distance {
        None => None,
        Some(d) if d <= f64::from(MAX_EDIT_DISTANCE) => Some(d as u32),
        Some(d) => {
            return Err(QueryError::ours(QueryErrorKind::EditDistanceTooLarge { given: format!("{d}") }));
        }
    };
    Ok(Clause {
        term: draft.term.unwrap_or_default(),
        fields: draft.fields.unwrap_or_else(|| all_fields.to_vec()),
        boost: draft.boost.unwrap_or(1.0),
        use_pipeline: !draft.no_pipeline,
        presence: draft.presence.unwrap_or(Presence::Optional),
        edit_distance,
    })
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Lexeme> {
        self.lexemes.get(self.next)
    }

    fn consume(&mut self) -> Option<Lexeme> {
        let lexeme = self.lexemes.get(self.next).cloned();
        self.next += 1;
        lexeme
    }

    /// `parser.nextClause()`: stores the current clause, starts a new one.
    fn next_clause(&mut self) {
        let draft = std::mem::take(&mut self.draft);
        self.clauses.push(draft);
    }

    /// Runs one parser state; `Ok(None)` ends parsing.
    fn step(&mut self, state: ParseState) -> Result<Option<ParseState>, QueryError> {
        match state {
            ParseState::Clause => self.parse_clause(),
            ParseState::Presence => self.parse_presence(),
            ParseState::Field => self.parse_field(),
            ParseState::Term => self.parse_term(),
            ParseState::EditDistance => self.parse_number(LexemeKind::EditDistance),
            ParseState::Boost => self.parse_number(LexemeKind::Boost),
        }
    }

    fn parse_clause(&mut self) -> Result<Option<ParseState>, QueryError> {
        let Some(lexeme) = self.peek() else {
            return Ok(None);
        };
        match lexeme.kind {
            LexemeKind::Presence => Ok(Some(ParseState::Presence)),
            LexemeKind::Field => Ok(Some(ParseState::Field)),
            LexemeKind::Term => Ok(Some(ParseState::Term)),
            kind => {
                let mut message = format!("expected either a field or a term, found {}", kind.lunr_name());
                if !lexeme.text.is_empty() {
                    message.push_str(&format!(" with value '{}'", lexeme.text()));
                }
                let operator = if kind == LexemeKind::Boost { '^' } else { '~' };
                Err(QueryError::lunr(QueryErrorKind::MisplacedModifier { operator }, message, lexeme))
            }
        }
    }

    fn parse_presence(&mut self) -> Result<Option<ParseState>, QueryError> {
        let Some(lexeme) = self.consume() else {
            return Ok(None);
        };
        let operator = if lexeme.text == [u16::from(b'-')] { '-' } else { '+' };
        self.draft.presence = Some(if operator == '-' {
            Presence::Prohibited
        } else {
            Presence::Required
        });
        let kind = QueryErrorKind::DanglingPresence { operator };
        match self.peek() {
            None => Err(QueryError::lunr(kind, "expecting term or field, found nothing".into(), &lexeme)),
            Some(next) => match next.kind {
                LexemeKind::Field => Ok(Some(ParseState::Field)),
                LexemeKind::Term => Ok(Some(ParseState::Term)),
                other => {
                    let message = format!("expecting term or field, found '{}'", other.lunr_name());
                    Err(QueryError::lunr(kind, message, next))
                }
            },
        }
    }

    fn parse_field(&mut self) -> Result<Option<ParseState>, QueryError> {
        let Some(lexeme) = self.consume() else {
            return Ok(None);
        };
        let name = lexeme.text();
        let Some(field) = self.fields.iter().position(|f| *f == name) else {
            let possible: Vec<String> = self.fields.iter().map(|f| format!("'{f}'")).collect();
            let message = format!("unrecognised field '{name}', possible fields: {}", possible.join(", "));
            let kind = QueryErrorKind::UnknownField {
                field: name,
                known: self.fields.to_vec(),
            };
            return Err(QueryError::lunr(kind, message, &lexeme));
        };
        self.draft.fields = Some(vec![field]);
        let kind = QueryErrorKind::MissingFieldTerm { field: name };
        match self.peek() {
            None => Err(QueryError::lunr(kind, "expecting term, found nothing".into(), &lexeme)),
            Some(next) if next.kind == LexemeKind::Term => Ok(Some(ParseState::Term)),
            Some(next) => {
                let message = format!("expecting term, found '{}'", next.kind.lunr_name());
                Err(QueryError::lunr(kind, message, next))
            }
        }
    }

    fn parse_term(&mut self) -> Result<Option<ParseState>, QueryError> {
        let Some(lexeme) = self.consume() else {
            return Ok(None);
        };
        self.draft.term = Some(pipeline::js_lowercase(&lexeme.text()));
        if lexeme.text.contains(&u16::from(b'*')) {
            self.draft.no_pipeline = true;
        }
        Ok(self.after_term())
    }

    /// `parseEditDistance` / `parseBoost`: `parseInt` of the digits.
    fn parse_number(&mut self, kind: LexemeKind) -> Result<Option<ParseState>, QueryError> {
        let Some(lexeme) = self.consume() else {
            return Ok(None);
        };
        let Ok(value) = lexeme.text().parse::<f64>() else {
            let (operator, what) = if kind == LexemeKind::Boost {
                ('^', "boost")
            } else {
                ('~', "edit distance")
            };
            let message = format!("{what} must be numeric");
            return Err(QueryError::lunr(QueryErrorKind::MissingNumber { operator }, message, &lexeme));
        };
        if kind == LexemeKind::Boost {
            self.draft.boost = Some(value);
        } else {
            self.draft.edit_distance = Some(value);
        }
        Ok(self.after_term())
    }

    /// The transitions shared by `parseTerm`, `parseEditDistance` and
    /// `parseBoost` (their error branch is unreachable: every lexeme type
    /// is handled).
    fn after_term(&mut self) -> Option<ParseState> {
        let Some(next) = self.peek().map(|l| l.kind) else {
            self.next_clause();
            return None;
        };
        match next {
            LexemeKind::EditDistance => Some(ParseState::EditDistance),
            LexemeKind::Boost => Some(ParseState::Boost),
            LexemeKind::Term => {
                self.next_clause();
                Some(ParseState::Term)
            }
            LexemeKind::Field => {
                self.next_clause();
                Some(ParseState::Field)
            }
            LexemeKind::Presence => {
                self.next_clause();
                Some(ParseState::Presence)
            }
        }
    }
}

/// `lunr.Set`, including its two special values.
#[derive(Debug, Clone)]
enum DocSet {
    Complete,
    Empty,
    Some(Vec<u64>),
}

impl DocSet {
    /// A set of the given documents.
    fn of(docs: &[u32], doc_count: usize) -> DocSet {
        let mut bits = vec![0u64; doc_count.div_ceil(64)];
        for &d in docs {
            bits[d as usize / 64] |= 1 << (d % 64);
        }
        DocSet::Some(bits)
    }

    fn contains(&self, doc: usize) -> bool {
        match self {
            DocSet::Complete => true,
            DocSet::Empty => false,
            DocSet::Some(bits) => bits[doc / 64] & (1 << (doc % 64)) != 0,
        }
    }

    /// `lunr.Set#union` with a posting's documents, in place.
    fn union_docs(self, docs: &[u32], doc_count: usize) -> DocSet {
        match self {
            DocSet::Complete => DocSet::Complete,
            DocSet::Empty => DocSet::of(docs, doc_count),
            DocSet::Some(mut bits) => {
                for &d in docs {
                    bits[d as usize / 64] |= 1 << (d % 64);
                }
                DocSet::Some(bits)
            }
        }
    }

    /// `lunr.Set#union`.
    fn union(self, other: &DocSet) -> DocSet {
        match (self, other) {
            (DocSet::Complete, _) | (_, DocSet::Complete) => DocSet::Complete,
            (DocSet::Empty, other) => other.clone(),
            (mine, DocSet::Empty) => mine,
            (DocSet::Some(mut a), DocSet::Some(b)) => {
                a.iter_mut().zip(b).for_each(|(x, y)| *x |= y);
                DocSet::Some(a)
            }
        }
    }

    /// `lunr.Set#intersect`.
    fn intersect(self, other: &DocSet) -> DocSet {
        match (self, other) {
            (DocSet::Complete, other) => other.clone(),
            (DocSet::Empty, _) | (_, DocSet::Empty) => DocSet::Empty,
            (mine, DocSet::Complete) => mine,
            (DocSet::Some(mut a), DocSet::Some(b)) => {
                a.iter_mut().zip(b).for_each(|(x, y)| *x &= y);
                DocSet::Some(a)
            }
        }
    }
}

/// The state `lunr.Index#query` accumulates over the clauses.
struct QueryState {
    /// Per field: `(term index, boost)` sorted by term index.
    vectors: Vec<Vec<(f64, f64)>>,
    /// `(field, doc)` pairs that matched, in first-match order.
    matching: Vec<(usize, usize)>,
    matched: Vec<bool>,
    seen_term_fields: HashSet<(usize, usize)>,
    required: Vec<Option<DocSet>>,
    prohibited: Vec<Option<DocSet>>,
}

impl Index {
    /// Searches like `lunr.Index#search`: same refs, order and scores.
    pub fn search(&self, query: &str) -> Result<Vec<SearchHit>, QueryError> {
        let clauses = parse_query(query, &self.fields)?;
        Ok(self.run_clauses(&clauses))
    }

    /// Field names, for building queries and error hints.
    pub fn fields(&self) -> &[String] {
        &self.fields
    }

    /// Number of documents in the index.
    pub fn document_count(&self) -> usize {
        self.refs.len()
    }

    /// `lunr.Index#query` over parsed clauses.
    pub fn run_clauses(&self, clauses: &[Clause]) -> Vec<SearchHit> {
        let field_count = self.fields.len();
        let mut state = QueryState {
            vectors: vec![Vec::new(); field_count],
            matching: Vec::new(),
            matched: vec![false; field_count * self.refs.len()],
            seen_term_fields: HashSet::new(),
            required: vec![None; field_count],
            prohibited: vec![None; field_count],
        };
        for clause in clauses {
            self.apply_clause(clause, &mut state);
        }
        let negated = clauses.iter().all(|c| c.presence == Presence::Prohibited);
        if negated {
            state.matching = self.vector_order.clone();
        }
        self.score(&state)
    }

    /// The terms a clause looks up: its term through the index's search pipeline (one
    /// term, or several for a segmented language), or as written (a wildcard term, after
    /// the German or French plugin's wildcard normaliser).
    pub(super) fn clause_terms(pipeline: Option<TextPipeline>, clause: &Clause) -> Vec<String> {
        match pipeline {
            Some(pipeline) if clause.use_pipeline => pipeline.query_terms(&clause.term),
            Some(pipeline) => vec![pipeline.normalize_wildcard(&clause.term)],
            None => vec![clause.term.clone()],
        }
    }

    /// The index terms `term` of a clause stands for, in lunr's order.
    fn expand_term(&self, clause: &Clause, term: &str) -> Vec<usize> {
        let units: Vec<u16> = term.encode_utf16().collect();
        let set = match clause.edit_distance {
            Some(edits) => TokenSet::from_fuzzy_term(&units, edits),
            None => TokenSet::from_term(&units),
        };
        set.expand(&SortedTerms::new(&self.terms))
            .iter()
            .filter_map(|word| self.terms.binary_search(word).ok())
            .collect()
    }

    /// One iteration of the clause loop of `lunr.Index#query`.
    fn apply_clause(&self, clause: &Clause, state: &mut QueryState) {
        let mut clause_matches = DocSet::Empty;
        for term in Index::clause_terms(self.pipeline, clause) {
            let terms = self.expand_term(clause, &term);
            // lunr.js stops at the first term with no match in a required clause.
            if terms.is_empty() && clause.presence == Presence::Required {
                for &field in &clause.fields {
                    state.required[field] = Some(DocSet::Empty);
                }
                break;
            }
            self.apply_terms(clause, &terms, state, &mut clause_matches);
        }
        if clause.presence == Presence::Required {
            for &field in &clause.fields {
                let before = state.required[field].take().unwrap_or(DocSet::Complete);
                state.required[field] = Some(before.intersect(&clause_matches));
            }
        }
    }

    /// The expanded terms of one pipeline term of a clause.
    fn apply_terms(&self, clause: &Clause, terms: &[usize], state: &mut QueryState, clause_matches: &mut DocSet) {
        for &term in terms {
            let posting = &self.postings[term];
            for &field in &clause.fields {
                let docs = posting.docs.get(field).map_or(&[][..], Vec::as_slice);
                match clause.presence {
                    Presence::Required => {
                        *clause_matches = std::mem::replace(clause_matches, DocSet::Empty).union_docs(docs, self.refs.len());
                        state.required[field].get_or_insert(DocSet::Complete);
                    }
                    Presence::Prohibited => {
                        let before = state.prohibited[field].take().unwrap_or(DocSet::Empty);
                        state.prohibited[field] = Some(before.union_docs(docs, self.refs.len()));
                        continue;
                    }
                    Presence::Optional => {}
                }
                upsert(&mut state.vectors[field], posting.index, clause.boost);
                if state.seen_term_fields.insert((term, field)) {
                    self.record_matches(state, field, docs);
                }
            }
        }
    }

    /// Adds `(field, doc)` pairs to the matches, keeping first-seen order.
    fn record_matches(&self, state: &mut QueryState, field: usize, docs: &[u32]) {
        for &doc in docs {
            let doc = doc as usize;
            let slot = doc * self.fields.len() + field;
            if !state.matched[slot] {
                state.matched[slot] = true;
                state.matching.push((field, doc));
            }
        }
    }

    /// The scoring half of `lunr.Index#query`: filters by required and
    /// prohibited sets, sums field similarities per document, and sorts
    /// stably by descending score.
    fn score(&self, state: &QueryState) -> Vec<SearchHit> {
        let mut all_required = DocSet::Complete;
        let mut all_prohibited = DocSet::Empty;
        for field in 0..self.fields.len() {
            if let Some(required) = &state.required[field] {
                all_required = all_required.intersect(required);
            }
            if let Some(prohibited) = &state.prohibited[field] {
                all_prohibited = all_prohibited.union(prohibited);
            }
        }
        let magnitudes: Vec<f64> = state.vectors.iter().map(|v| magnitude(v)).collect();
        let mut hits: Vec<SearchHit> = Vec::new();
        let mut hit_of_doc: Vec<Option<usize>> = vec![None; self.refs.len()];
        for &(field, doc) in &state.matching {
            if !all_required.contains(doc) || all_prohibited.contains(doc) {
                continue;
            }
            let vector = self.field_vector(doc, field);
            let score = similarity(&state.vectors[field], magnitudes[field], vector);
            match hit_of_doc[doc] {
                Some(i) => hits[i].score += score,
                None => {
                    hit_of_doc[doc] = Some(hits.len());
                    hits.push(SearchHit {
                        ref_: self.refs[doc].clone(),
                        score,
                    });
                }
            }
        }
        hits.sort_by(|a, b| b.score.partial_cmp(&a.score).unwrap_or(std::cmp::Ordering::Equal));
        hits
    }

    /// A document's vector for one field (empty when absent).
    fn field_vector(&self, doc: usize, field: usize) -> &[(f64, f64)] {
        match self.vectors.get(doc * self.fields.len() + field).copied().flatten() {
            Some((start, end)) => &self.elements[start..end],
            None => &[],
        }
    }
}

/// `lunr.Vector#upsert` with addition.
fn upsert(vector: &mut Vec<(f64, f64)>, index: f64, value: f64) {
    let position = vector.partition_point(|&(i, _)| i < index);
    match vector.get_mut(position) {
        Some(slot) if slot.0 == index => slot.1 += value,
        _ => vector.insert(position, (index, value)),
    }
}

/// `lunr.Vector#magnitude`.
fn magnitude(vector: &[(f64, f64)]) -> f64 {
    vector.iter().map(|&(_, v)| v * v).sum::<f64>().sqrt()
}

/// `lunr.Vector#similarity`: `dot / magnitude || 0`, with lunr's merge
/// walk for the dot product.
fn similarity(query: &[(f64, f64)], magnitude: f64, field: &[(f64, f64)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < query.len() && j < field.len() {
        let (a, b) = (query[i].0, field[j].0);
        if a < b {
            i += 1;
        } else if a > b {
            j += 1;
        } else if a == b {
            dot += query[i].1 * field[j].1;
            i += 1;
            j += 1;
        } else {
            // NaN indexes: lunr.js would loop forever; stop instead.
            break;
        }
    }
    let score = dot / magnitude;
    if score.is_nan() || score == 0.0 { 0.0 } else { score }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Vec<String> {
        vec!["title".into(), "body".into()]
    }

    fn lunr_error(query: &str) -> String {
        match parse_query(query, &fields()) {
            Err(e) => e.lunr_message().unwrap_or("(ours)").to_string(),
            Ok(c) => format!("parsed {c:?}"),
        }
    }

    #[test]
    fn parse_errors_carry_lunrs_messages() {
        // Messages checked against lunr.js 2.3.9 under Node.
        assert_eq!(lunr_error("+"), "expecting term or field, found nothing");
        assert_eq!(lunr_error("foo -"), "expecting term or field, found nothing");
        assert_eq!(lunr_error("++foo"), "expecting term or field, found 'PRESENCE'");
        assert_eq!(lunr_error("title:"), "expecting term, found nothing");
        assert_eq!(
            lunr_error("nope:foo"),
            "unrecognised field 'nope', possible fields: 'title', 'body'"
        );
        assert_eq!(lunr_error("foo~"), "edit distance must be numeric");
        assert_eq!(lunr_error("foo^x"), "boost must be numeric");
        assert_eq!(
            lunr_error("~1"),
            "expected either a field or a term, found EDIT_DISTANCE with value '1'"
        );
        assert_eq!(lunr_error("^"), "expected either a field or a term, found BOOST");
    }

    #[test]
    fn our_refusals_are_marked_as_ours() {
        for query in ["", "   ", "-", "*", "**", "title:*"] {
            let error = parse_query(query, &fields());
            assert!(error.is_err(), "{query:?} should fail");
        }
        let lone = parse_query("*", &fields()).err();
        assert_eq!(lone.as_ref().map(QueryError::kind), Some(&QueryErrorKind::LoneWildcard));
        assert_eq!(lone.and_then(|e| e.lunr_message().map(String::from)), None);
        assert!(matches!(
            parse_query("foo~4", &fields()).map_err(|e| e.kind().clone()),
            Err(QueryErrorKind::EditDistanceTooLarge { .. })
        ));
    }

    #[test]
    fn errors_read_as_a_message_and_a_hint() {
        let error = parse_query("nope:kubernetes", &fields()).err().map(|e| e.to_string());
        let text = error.unwrap_or_default();
        assert!(text.starts_with("There is no \"nope\" part of a page to search in."), "{text}");
        assert!(text.contains("Hint: search in one of title, body"), "{text}");
    }

    #[test]
    fn clauses_follow_lunrs_grammar() {
        // Field names are case-sensitive: "Title" is not a field.
        assert!(parse_query("+Title:Foo", &fields()).is_err());
        let clauses = parse_query("+title:Foo* -bar baz^10 qux~1 node.js c++ a-b \\:x", &fields()).unwrap_or_default();
        let terms: Vec<&str> = clauses.iter().map(|c| c.term.as_str()).collect();
        assert_eq!(terms, ["foo*", "bar", "baz", "qux", "node.js", "c++", "a", "b", ":x"]);
        assert_eq!(clauses[0].fields, [0]);
        assert_eq!(clauses[0].presence, Presence::Required);
        assert!(!clauses[0].use_pipeline);
        assert_eq!(clauses[1].presence, Presence::Prohibited);
        assert_eq!(clauses[2].boost, 10.0);
        assert_eq!(clauses[3].edit_distance, Some(1));
    }

    #[test]
    fn similarity_is_zero_for_empty_query_vectors() {
        assert_eq!(similarity(&[], 0.0, &[(0.0, 1.0)]), 0.0);
        assert_eq!(similarity(&[(1.0, 2.0)], 2.0, &[(0.0, 5.0), (1.0, 0.5)]), 0.5);
    }
}
