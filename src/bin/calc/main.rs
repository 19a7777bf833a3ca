//! The `calc` binary: the command line and the terminal REPL over the
//! library, and the language server. Only this binary depends on clap,
//! rustyline, ctrlc, dirs, lsp-server, lsp-types and serde_json.

mod cli;
mod fmt;
mod ice;
mod lsp;
mod repl;

fn main() {
    ice::install();
    std::process::exit(cli::main());
}
