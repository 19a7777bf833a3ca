//! The `calc` binary: the command line and the terminal REPL over the
//! library. Only this binary depends on clap, rustyline, ctrlc and dirs.

mod cli;
mod fmt;
mod ice;
mod repl;

fn main() {
    ice::install();
    std::process::exit(cli::main());
}
