//! The command line (`calc run|eval|check|parse|repl`), built with clap.
//!
//! Owns argument parsing, reading files, choosing colour, printing results and
//! diagnostics, and exit statuses (C). It must not contain language logic:
//! each command calls the library's stages and only decides where text goes.

use crate::arena::Arena;
use crate::diag::{self, Diagnostic};
use crate::{dump, lexer, parser, source};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};

/// Exit status: success.
pub const EXIT_OK: i32 = 0;
/// Exit status: the program was rejected (lexical, syntax or type error).
pub const EXIT_REJECTED: i32 = 1;
/// Exit status: usage or I/O error.
pub const EXIT_USAGE: i32 = 2;
/// Exit status: runtime error.
pub const EXIT_RUNTIME: i32 = 3;

/// calc: a small statically typed expression language.
#[derive(Parser, Debug)]
#[command(name = "calc", version, about, long_about = None)]
pub struct Cli {
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// The command to run (default: the REPL).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--color` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour only when stderr is a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands of C.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the AST dump of each FILE (or its tokens with --tokens).
    Parse {
        /// The source files (`-` for stdin); one arena, reset between files.
        #[arg(required = true)]
        files: Vec<String>,
        /// Print the token stream instead of the tree.
        #[arg(long)]
        tokens: bool,
    },
}

impl ColorChoice {
    /// Whether diagnostics written to stderr should be coloured.
    pub fn stderr_color(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stderr().is_terminal()
            }
        }
    }
}

/// Reads a source file as bytes (`-` is stdin). I/O errors are reported to
/// stderr and become exit status 2.
pub fn read_source(path: &str) -> Result<Vec<u8>, i32> {
    let result = if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    };
    result.map_err(|e| {
        eprintln!("error: cannot read `{path}`: {e}");
        EXIT_USAGE
    })
}

/// Renders diagnostics of one unit to stderr.
pub fn report(diags: &[Diagnostic], file: &str, src: &str, color: bool) {
    if !diags.is_empty() {
        eprint!("{}", diag::render(diags, file, src, color));
    }
}

/// `calc parse FILE…`: dump each file's tree (or tokens), one arena reset
/// between files.
fn cmd_parse(files: &[String], tokens: bool, color: bool) -> i32 {
    let mut arena = Arena::new();
    let mut status = EXIT_OK;
    let mut out = std::io::stdout().lock();
    for file in files {
        arena.reset();
        let bytes = match read_source(file) {
            Ok(b) => b,
            Err(code) => {
                status = status.max(code);
                continue;
            }
        };
        let src = match source::decode(&bytes) {
            Ok(s) => s,
            Err(d) => {
                let lossy = String::from_utf8_lossy(&bytes);
                report(&[d], file, &lossy, color);
                status = status.max(EXIT_REJECTED);
                continue;
            }
        };
        let (text, diags) = if tokens {
            let (toks, diags) = lexer::lex(src);
            (dump::tokens(&toks, src), diags)
        } else {
            let parsed = parser::parse(&arena, src);
            (dump::program(&parsed.program), parsed.diagnostics)
        };
        if files.len() > 1 {
            let _ = writeln!(out, "== {file}");
        }
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
        report(&diags, file, src, color);
        if diags.iter().any(Diagnostic::is_error) {
            status = status.max(EXIT_REJECTED);
        }
    }
    status
}

/// Runs the command line and returns the process exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    let color = cli.color.stderr_color();
    match cli.command {
        Some(Command::Parse { files, tokens }) => cmd_parse(&files, tokens, color),
        None => EXIT_USAGE,
    }
}
