//! The command line (`calc run|eval|check|parse|repl|fmt|lsp`), built with clap.
//!
//! Owns argument parsing, reading files, choosing colour and the error
//! format (text or JSON lines), printing results and diagnostics, and exit
//! statuses (C); `calc fmt`'s file handling is in `fmt`. It must not contain language logic:
//! each command calls the library's stages and only decides where text goes.

use crate::{fmt, ice, lsp, repl};
use calc::Engine;
use calc::diag::{self, Diagnostic};
use calc::eval::{self, Limits};
use calc::syntax::arena::Arena;
use calc::syntax::{dump, lexer, parser, source};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::sync::Arc;

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
    /// How diagnostics are written to stderr: text, or one JSON object per
    /// line (schema in the guide's `json-diagnostics` page).
    #[arg(long, value_enum, default_value_t = ErrorFormat::Human, global = true)]
    pub error_format: ErrorFormat,
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

/// `--error-format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ErrorFormat {
    /// Rendered for people (ariadne).
    Human,
    /// One JSON object per diagnostic per line.
    Json,
}

/// Where diagnostics go and how: stderr, as text (coloured or not) or as
/// JSON lines.
pub struct Reporter {
    /// Colour text diagnostics.
    pub color: bool,
    /// JSON lines instead of text.
    pub json: bool,
}

impl Reporter {
    /// Writes diagnostics of one unit (`file`, whose text is `src`).
    pub fn report(&self, diags: &[Diagnostic], file: &str, src: &str) {
        if diags.is_empty() {
            return;
        }
        if self.json {
            eprint!("{}", diag::json::render(diags, file, src));
        } else {
            eprint!("{}", diag::render(diags, file, src, self.color));
        }
    }

    /// Writes text already rendered both ways.
    fn either(&self, text: impl FnOnce() -> String, json: impl FnOnce() -> String) {
        eprint!("{}", if self.json { json() } else { text() });
    }
}

/// The subcommands of C.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Compile and run FILE (`-` for stdin); print the final value.
    Run {
        /// The source file.
        file: String,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Compile and run an inline PROGRAM; print the final value.
    Eval {
        /// The program text.
        #[arg(allow_hyphen_values = true)]
        program: String,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Type-check each FILE as its own unit (one arena, reset between files).
    Check {
        /// The source files (`-` for stdin).
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// The interactive REPL (also: `calc` with no arguments).
    Repl {
        /// Do not read or write the history file.
        #[arg(long)]
        no_history: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print the AST dump of each FILE (or its tokens with --tokens).
    Parse {
        /// The source files (`-` for stdin); one arena, reset between files.
        #[arg(required = true)]
        files: Vec<String>,
        /// Print the token stream instead of the tree.
        #[arg(long)]
        tokens: bool,
    },
    /// Rewrite each FILE in the canonical layout (`-`: stdin to stdout).
    Fmt {
        /// The source files (`-` for stdin).
        #[arg(required = true)]
        files: Vec<String>,
        /// Change nothing; exit 1 naming the files that would change.
        #[arg(long)]
        check: bool,
    },
    /// Run the language server on stdin and stdout (for editors).
    Lsp,
}

/// Evaluation limits (E), shared by `run`, `eval` and `repl`.
#[derive(clap::Args, Debug, Clone)]
pub struct LimitArgs {
    /// Maximum depth of non-tail calls.
    #[arg(long, value_name = "N", default_value_t = eval::DEFAULT_MAX_DEPTH)]
    pub max_depth: u32,
    /// Maximum evaluation steps (one per call, plus the work of builtins).
    #[arg(long, value_name = "N")]
    pub fuel: Option<u64>,
    /// Maximum length of a list or string built at run time.
    #[arg(long, value_name = "N", default_value_t = eval::DEFAULT_MAX_LEN)]
    pub max_len: usize,
    /// Maximum bytes the syntax tree of one unit may take in its arena.
    #[arg(long, value_name = "N")]
    pub max_arena_bytes: Option<usize>,
    /// Maximum bytes of lists and strings one evaluation may allocate.
    #[arg(long, value_name = "N")]
    pub max_memory: Option<u64>,
}

impl LimitArgs {
    /// The interpreter limits these flags describe.
    pub fn limits(&self) -> Limits {
        Limits {
            max_depth: self.max_depth,
            fuel: self.fuel,
            max_len: self.max_len,
            max_arena_bytes: self.max_arena_bytes,
            max_memory: self.max_memory,
        }
    }
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

/// Reads a file (`-`: stdin) as UTF-8 text without a leading byte-order
/// mark; an unreadable file (2) or invalid UTF-8 (1, with the byte offset
/// reported) gives the exit status. The text is shared, so the engine's
/// unit need not copy it.
fn read_text(file: &str, out: &Reporter) -> Result<Arc<str>, i32> {
    let bytes = read_source(file)?;
    match source::decode(&bytes) {
        Ok(text) => Ok(Arc::from(text)),
        Err(d) => {
            out.report(&[d], file, source::valid_prefix(&bytes));
            Err(EXIT_REJECTED)
        }
    }
}

/// Runs `unit` on each file in turn with one arena, reset between files;
/// reports the diagnostics it returns and gives the worst exit status.
fn each_file(
    files: &[String],
    out: &Reporter,
    mut unit: impl FnMut(&Arena, &str, &Arc<str>) -> Vec<Diagnostic>,
) -> i32 {
    let mut arena = Arena::new();
    let mut status = EXIT_OK;
    for file in files {
        arena.reset();
        ice::enter(file);
        let text = match read_text(file, out) {
            Ok(t) => t,
            Err(code) => {
                status = status.max(code);
                continue;
            }
        };
        let diags = unit(&arena, file, &text);
        out.report(&diags, file, &text);
        if diags.iter().any(Diagnostic::is_error) {
            status = status.max(EXIT_REJECTED);
        }
    }
    status
}

/// `calc parse FILE…`: dump each file's tree (or tokens), one arena reset
/// between files.
fn cmd_parse(files: &[String], tokens: bool, report: &Reporter) -> i32 {
    let mut out = std::io::stdout().lock();
    each_file(files, report, |arena, file, src| {
        let (text, diags) = if tokens {
            let (toks, diags) = lexer::lex(src);
            (dump::tokens(&toks, src), diags)
        } else {
            let parsed = parser::parse(arena, src);
            (dump::program(&parsed.program), parsed.diagnostics)
        };
        if files.len() > 1 {
            let _ = writeln!(out, "== {file}");
        }
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
        diags
    })
}

/// `calc check FILE…`: type-check each file as its own unit (the engine
/// reuses one arena); report every diagnostic of every file.
fn cmd_check(files: &[String], out: &Reporter) -> i32 {
    let engine = Engine::new();
    each_file(files, out, |_, file, src| {
        engine.diagnose(file, Arc::clone(src))
    })
}

/// `calc repl`: interactive on a terminal, one unit per line otherwise.
fn cmd_repl(limits: Limits, history: bool, color: ColorChoice, json: bool) -> i32 {
    if std::io::stdin().is_terminal() {
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        repl::run_interactive(limits, color, history)
    } else {
        repl::run_batch(limits, std::io::stdin().lock(), json)
    }
}

/// Compiles and runs one program through the engine: prints its value
/// (unless `()`), reports diagnostics, and returns the exit status of C.
fn run_program(name: &str, bytes: &[u8], limits: &Limits, out: &Reporter) -> i32 {
    ice::enter(name);
    let src = match source::decode(bytes) {
        Ok(s) => s,
        Err(d) => {
            out.report(&[d], name, source::valid_prefix(bytes));
            return EXIT_REJECTED;
        }
    };
    let engine = Engine::with_limits(limits.clone());
    let program = match engine.compile_script(name, src) {
        Ok(p) => p,
        Err(e) => {
            out.either(|| e.render(out.color), || e.render_json());
            return EXIT_REJECTED;
        }
    };
    out.either(
        || program.render_warnings(out.color),
        || program.render_warnings_json(),
    );
    let mut evaluator = program.evaluator();
    evaluator.print_to(Box::new(std::io::BufWriter::new(std::io::stdout())));
    let cancel = evaluator.cancel_handle();
    // Ctrl-C stops evaluation with an "interrupted" runtime error (exit 3).
    let _ = ctrlc::set_handler(move || cancel.cancel());
    match evaluator.eval_display(&[]) {
        Ok(text) => {
            evaluator.flush();
            if let Some(text) = text {
                let mut stdout = std::io::stdout().lock();
                let _ = writeln!(stdout, "{text}");
                let _ = stdout.flush();
            }
            EXIT_OK
        }
        Err(e) => {
            evaluator.flush();
            out.either(|| e.render(out.color), || e.render_json());
            // The process is about to exit: leave the values of the stopped
            // program to the OS instead of freeing them one by one (a list
            // of 50 million values takes 150 ms, which would delay the exit
            // after Ctrl-C past the 100 ms the REPL and CLI promise).
            std::mem::forget(evaluator);
            if e.is_internal() {
                ice::report_internal_error(name);
                ice::EXIT_ICE
            } else {
                EXIT_RUNTIME
            }
        }
    }
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
    let json = cli.error_format == ErrorFormat::Json;
    let out = &Reporter {
        color: cli.color.stderr_color(),
        json,
    };
    match cli.command {
        Some(Command::Parse { files, tokens }) => cmd_parse(&files, tokens, out),
        Some(Command::Check { files }) => cmd_check(&files, out),
        Some(Command::Run { file, limits }) => match read_source(&file) {
            Ok(bytes) => run_program(&file, &bytes, &limits.limits(), out),
            Err(code) => code,
        },
        Some(Command::Eval { program, limits }) => {
            run_program("<eval>", program.as_bytes(), &limits.limits(), out)
        }
        Some(Command::Repl { no_history, limits }) => {
            cmd_repl(limits.limits(), !no_history, cli.color, json)
        }
        Some(Command::Lsp) => lsp::run_stdio(),
        Some(Command::Fmt { files, check }) => fmt::run(&files, check, out),
        None => cmd_repl(Limits::default(), true, cli.color, json),
    }
}
