//! The REPL's terminal side: the line editor (rustyline) with history,
//! completion and highlighting, the batch driver for piped stdin, and Ctrl-C.
//!
//! Owns everything that touches the terminal, stdin/stdout and the history
//! file. The language side (compiling inputs, commands, completion words,
//! highlighting) is [`calc::session`]; this module must not contain it.

use crate::ice;
use calc::Engine;
use calc::eval::Limits;
use calc::session::Session;
use std::borrow::Cow;
use std::io::{BufRead, Write};

/// Batch mode (stdin not a terminal): one unit per line, results to stdout,
/// diagnostics to stderr labelled with the line number; returns the worst
/// status after every line ran. `json`: diagnostics as JSON lines.
pub fn run_batch(limits: Limits, input: impl BufRead, json: bool) -> i32 {
    let out = Box::new(std::io::BufWriter::new(std::io::stdout()));
    let mut session = Session::new(&Engine::with_limits(limits), out, false);
    session.set_json(json);
    session.set_loader(Box::new(|p: &str| std::fs::read(p)));
    install_interrupt(&session);
    let mut worst = 0;
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    for (i, line) in input.lines().enumerate() {
        let Ok(line) = line else {
            eprintln!("error: stdin line {} is not valid UTF-8", i + 1);
            worst = worst.max(1);
            continue;
        };
        // A byte-order mark at the very start of the input is skipped (A1).
        let line = match line.strip_prefix('\u{feff}') {
            Some(rest) if i == 0 => rest,
            _ => &line,
        };
        let name = format!("<stdin:{}>", i + 1);
        ice::enter(&name);
        let resp = session.input(&name, line);
        session.flush();
        if !resp.output.is_empty() {
            let _ = stdout.lock().write_all(resp.output.as_bytes());
        }
        if !resp.diagnostics.is_empty() {
            let _ = stdout.lock().flush();
            let _ = stderr.lock().write_all(resp.diagnostics.as_bytes());
        }
        worst = worst.max(resp.status);
        if resp.quit {
            break;
        }
    }
    let _ = stdout.lock().flush();
    worst
}

fn install_interrupt(session: &Session) {
    let flag = session.interrupt_flag();
    // Ctrl-C while evaluating stops the evaluation; while editing, the line
    // editor sees the key itself.
    let _ = ctrlc::set_handler(move || flag.store(true, std::sync::atomic::Ordering::Relaxed));
}

/// The REPL's prompt.
const PROMPT: &str = "calc> ";
/// The prompt for the next line of an input that is not complete yet.
const CONTINUATION_PROMPT: &str = "  ... ";

/// The line editor's helper: completion and highlighting, driven by the
/// language's own lexer.
struct Helper {
    names: Vec<String>,
    color: bool,
}

impl rustyline::completion::Completer for Helper {
    type Candidate = rustyline::completion::Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Self::Candidate>)> {
        let (start, words) = calc::session::complete(&self.names, line, pos);
        let pairs = words
            .into_iter()
            .map(|c| rustyline::completion::Pair {
                display: c.clone(),
                replacement: c,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl rustyline::hint::Hinter for Helper {
    type Hint = String;
}

impl rustyline::highlight::Highlighter for Helper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if !self.color {
            return Cow::Borrowed(line);
        }
        Cow::Owned(calc::session::highlight(line))
    }

    fn highlight_char(
        &self,
        _line: &str,
        _pos: usize,
        _kind: rustyline::highlight::CmdKind,
    ) -> bool {
        self.color
    }
}

/// Multi-line input is gathered by [`run_interactive`] itself, with a
/// continuation prompt (rustyline's validator cannot show one), so every
/// line the editor returns is accepted as typed.
impl rustyline::validate::Validator for Helper {}

impl rustyline::Helper for Helper {}

fn history_path() -> Option<std::path::PathBuf> {
    let dir = dirs::data_dir()?.join("calc");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history"))
}

/// Interactive mode: a line editor with history, completion, highlighting
/// and multi-line input. Returns the exit status (0).
pub fn run_interactive(limits: Limits, color: bool, history: bool) -> i32 {
    let out = Box::new(std::io::stdout());
    let mut session = Session::new(&Engine::with_limits(limits), out, color);
    session.set_loader(Box::new(|p: &str| std::fs::read(p)));
    install_interrupt(&session);
    let mut editor = match rustyline::Editor::<Helper, rustyline::history::DefaultHistory>::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: cannot start the line editor: {e}");
            return 2;
        }
    };
    let path = if history { history_path() } else { None };
    if let Some(p) = &path {
        let _ = editor.load_history(p);
    }
    println!(
        "calc {} — :help for help, Ctrl-D to leave",
        env!("CARGO_PKG_VERSION")
    );
    let mut n = 0;
    // Lines of an input that is not complete yet (open brackets, a trailing
    // operator, an unterminated string or comment).
    let mut pending = String::new();
    loop {
        editor.set_helper(Some(Helper {
            names: session.names(),
            color,
        }));
        let prompt = if pending.is_empty() {
            PROMPT
        } else {
            CONTINUATION_PROMPT
        };
        match editor.readline(prompt) {
            Ok(line) => {
                if pending.is_empty() && line.trim().is_empty() {
                    continue;
                }
                if !pending.is_empty() {
                    pending.push('\n');
                }
                pending.push_str(&line);
                if !pending.trim_start().starts_with(':') && calc::session::incomplete(&pending) {
                    continue;
                }
                let input = std::mem::take(&mut pending);
                n += 1;
                let _ = editor.add_history_entry(input.as_str());
                let name = format!("<repl:{n}>");
                ice::enter(&name);
                let resp = session.input(&name, &input);
                session.flush();
                print!("{}", resp.output);
                let _ = std::io::stdout().flush();
                eprint!("{}", resp.diagnostics);
                if resp.quit {
                    break;
                }
            }
            // Ctrl-C while editing drops the input typed so far.
            Err(rustyline::error::ReadlineError::Interrupted) => pending.clear(),
            Err(rustyline::error::ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("error: {e}");
                break;
            }
        }
    }
    if let Some(p) = &path {
        let _ = editor.save_history(p);
    }
    0
}
