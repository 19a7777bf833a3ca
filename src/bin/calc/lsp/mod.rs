//! `calc lsp`: the language server over stdin and stdout, built on
//! `lsp-server` and `lsp-types` (the crates rust-analyzer uses).
//!
//! Owns the protocol: the connection's life cycle (initialize, the message
//! loop, shutdown and exit), the open documents, and turning each request
//! into a query of the library's editor analysis ([`calc::ide`]). Every
//! language question is answered there; this module converts positions and
//! results to the protocol's types (`convert`) and must not contain language
//! logic. Each open document owns one arena, reset and reused on every
//! change. The server never evaluates a program.

mod convert;
mod format;
mod server;
#[cfg(test)]
mod tests;

use lsp_server::Connection;

/// Runs the server on stdin and stdout until the client says `exit`;
/// returns the process exit status (0 after a clean shutdown).
pub fn run_stdio() -> i32 {
    let (connection, io_threads) = Connection::stdio();
    let status = match server::serve(&connection) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("calc lsp: {e}");
            1
        }
    };
    drop(connection);
    match io_threads.join() {
        Ok(()) => status,
        Err(e) => {
            eprintln!("calc lsp: {e}");
            1
        }
    }
}
