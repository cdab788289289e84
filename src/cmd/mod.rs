//! Commands beyond `guide build` that work on a guide's folder as a whole: creating one
//! (`init`), and answering searches from a built site (`search`). Each command is a function that returns data; printing is left to `cli`.

pub mod init;
pub mod search;
