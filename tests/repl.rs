//! The REPL end to end: batch mode through a pipe, and the interactive mode
//! through a real pseudo-terminal (driven with rexpect; no system tool).

mod common;

use common::calc_stdin;

fn batch(input: &str) -> (String, String, Option<i32>) {
    let out = calc_stdin(&["repl"], input.as_bytes());
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn batch_mode_keeps_definitions_and_reports_the_worst_status() {
    let (out, err, code) = batch(
        "fn sq(x) = x * x;\nsq(4)\nsq(true)\nlet k = 1 / 0;\nsq(5)\nprintln(\"hi\")\n:t sq\n",
    );
    assert_eq!(
        out,
        "sq : fn(a) -> a where a: Num\n16 : Int\n25 : Int\nhi\nsq : fn(a) -> a where a: Num\n"
    );
    assert!(
        err.contains("<stdin:3>"),
        "line number of the type error: {err}"
    );
    assert!(
        err.contains("<stdin:4>"),
        "line number of the runtime error: {err}"
    );
    assert!(!err.contains('\u{1b}'), "no colour in batch mode");
    assert_eq!(code, Some(3), "worst status after every line");
    let (_, _, code) = batch("1 +\n2\n");
    assert_eq!(code, Some(1));
    let (out, _, code) = batch("1 + 1\n");
    assert_eq!((out.as_str(), code), ("2 : Int\n", Some(0)));
}

#[test]
fn no_arguments_means_the_repl() {
    let out = calc_stdin(&[], b"6 * 7\n");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "42 : Int\n");
}

/// `calc` on a pseudo-terminal: keys go in as the bytes a terminal sends,
/// and everything it prints (escape codes stripped) is kept in order.
#[cfg(unix)]
mod pty {
    use rexpect::error::Error;
    use rexpect::process::WaitStatus;
    use rexpect::session::{Options, PtySession};
    use std::path::{Path, PathBuf};
    use std::process::Command;

    pub const ENTER: &str = "\r";
    pub const TAB: &str = "\t";
    pub const CTRL_C: &str = "\x03";
    pub const CTRL_D: &str = "\x04";
    pub const UP: &str = "\x1b[A";
    pub const PROMPT: &str = "calc> ";
    pub const CONTINUATION: &str = "  ... ";

    /// How long one expected output may take. Generous: the machine may be
    /// busy with other builds; waits end as soon as the output is there.
    const TIMEOUT_MS: u64 = 60_000;

    pub struct Term {
        session: PtySession,
        /// Output consumed by the waits so far, escape codes stripped.
        seen: Vec<u8>,
    }

    impl Term {
        /// Starts `calc ARGS` on a new pseudo-terminal with `home` as its
        /// home and data directory, and waits for the first prompt. Panics
        /// if the terminal cannot be created.
        pub fn start(home: &Path, args: &[&str]) -> Term {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_calc"));
            cmd.args(args)
                .env("HOME", home)
                .env("XDG_DATA_HOME", home.join("data"))
                .env("TERM", "xterm")
                .env_remove("NO_COLOR");
            let options = Options::new()
                .timeout_ms(Some(TIMEOUT_MS))
                .strip_ansi_escape_codes(true);
            let session = rexpect::spawn_with_options(cmd, options)
                .unwrap_or_else(|e| panic!("cannot run calc on a pseudo-terminal: {e}"));
            let mut t = Term {
                session,
                seen: Vec::new(),
            };
            t.wait_for(PROMPT);
            t
        }

        /// Sends `keys` as typed, without Enter.
        pub fn send(&mut self, keys: &str) {
            self.session.send(keys).expect("keys are sent");
            self.session.flush().expect("keys are sent");
        }

        /// Types `text`, then Enter.
        pub fn line(&mut self, text: &str) {
            self.send(&format!("{text}{ENTER}"));
        }

        /// Waits for the next `text` in the output after what earlier waits
        /// consumed; panics with the output after `TIMEOUT_MS`.
        #[track_caller]
        pub fn wait_for(&mut self, text: &str) {
            match self.session.exp_string(text) {
                Ok(before) => {
                    self.seen.extend(bytes(&before));
                    self.seen.extend(text.bytes());
                }
                Err(Error::Timeout { got, timeout, .. }) => panic!(
                    "no {text:?} after {timeout:?}; output until then:\n{}{}",
                    self.output(),
                    String::from_utf8_lossy(&bytes(&got).collect::<Vec<_>>())
                ),
                Err(e) => panic!("waiting for {text:?}: {e}\noutput:\n{}", self.output()),
            }
        }

        /// Waits for `text`, then for the next prompt.
        #[track_caller]
        pub fn answer(&mut self, text: &str) {
            self.wait_for(text);
            self.wait_for(PROMPT);
        }

        /// Everything consumed by the waits so far.
        pub fn output(&self) -> String {
            String::from_utf8_lossy(&self.seen).into_owned()
        }

        /// Waits for the program to end and returns its exit status.
        #[track_caller]
        pub fn wait_exit(mut self) -> i32 {
            match self.session.exp_eof() {
                Ok(rest) => self.seen.extend(bytes(&rest)),
                Err(e) => panic!("waiting for calc to end: {e}\n{}", self.output()),
            }
            match self.session.process().wait() {
                Ok(WaitStatus::Exited(_, code)) => code,
                other => panic!("calc did not exit normally: {other:?}"),
            }
        }
    }

    /// The bytes rexpect read: it hands each byte over as one `char`.
    fn bytes(read: &str) -> impl Iterator<Item = u8> + '_ {
        read.chars().map(|c| c as u32 as u8)
    }

    /// A fresh directory, removed again when dropped.
    pub struct TempDir(pub PathBuf);

    impl TempDir {
        pub fn new(name: &str) -> TempDir {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let dir =
                std::env::temp_dir().join(format!("calc-{name}-{}-{nanos}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("temp dir is created");
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[cfg(unix)]
#[test]
fn interactive_session_through_a_terminal() {
    use pty::{CONTINUATION, CTRL_C, CTRL_D, PROMPT, TAB, TempDir, Term, UP};

    let home = TempDir::new("repl-home");
    let history_file = home.0.join("data/calc/history");
    let mut t = Term::start(&home.0, &[]);

    t.line("fn sq(x) = x * x;");
    t.answer("sq : fn(a) -> a where a: Num");
    t.line("sq(7)");
    t.answer("49 : Int");

    // A type error, then recovery.
    t.line("sq(true)");
    t.answer("is not a number type");
    t.line(":t sq");
    t.answer("sq : fn(a) -> a where a: Num");

    // Multi-line input continues, with a continuation prompt, while brackets
    // are open or a line ends in an operator.
    t.line("fn cube(x) {");
    t.wait_for(CONTINUATION);
    t.line("x * x * x }");
    t.answer("cube : fn(a) -> a where a: Num");
    t.line("40 +");
    t.wait_for(CONTINUATION);
    t.line("2");
    t.answer("42 : Int");

    // Tab completes the user's own binding.
    t.send("cu");
    t.send(TAB);
    t.line("(3)");
    t.answer("27 : Int");

    // Ctrl-C while typing drops the input; nothing is evaluated.
    t.send("this is not calc");
    t.wait_for("this is not calc");
    t.send(CTRL_C);
    t.wait_for(PROMPT);
    t.line("sq(3)");
    t.answer("9 : Int");
    assert!(!t.output().contains("cannot find"), "{}", t.output());

    // Ctrl-C interrupts an infinite tail-recursive loop; bindings survive.
    // The loop prints first (text the echoed input does not contain), so
    // Ctrl-C is sent only once the evaluation runs.
    t.line(r#"fn spin(n) = spin(n + 1); println("spin" ++ "ning"); spin(0)"#);
    t.wait_for("spinning");
    t.send(CTRL_C);
    t.answer("interrupted");
    t.line("sq(cube(2))");
    t.answer("64 : Int");

    // Ctrl-D leaves, and the history was written.
    t.send(CTRL_D);
    assert_eq!(t.wait_exit(), 0);
    let history = std::fs::read_to_string(&history_file).expect("history file is written");
    assert!(history.contains("sq(7)"), "history persisted: {history:?}");

    // A new session recalls the last input with Up.
    let mut t = Term::start(&home.0, &[]);
    t.send(UP);
    t.wait_for("calc> sq(cube(2))");
    t.send(CTRL_C);
    t.wait_for(PROMPT);
    t.send(CTRL_D);
    assert_eq!(t.wait_exit(), 0);

    // `--no-history` neither reads nor writes it.
    let before = std::fs::read_to_string(&history_file).expect("history file is readable");
    let mut t = Term::start(&home.0, &["repl", "--no-history"]);
    t.send(UP);
    t.line("6 * 7");
    t.answer("42 : Int");
    assert!(!t.output().contains("sq(cube(2))"), "{}", t.output());
    t.send(CTRL_D);
    assert_eq!(t.wait_exit(), 0);
    let after = std::fs::read_to_string(&history_file).expect("history file is readable");
    assert_eq!(before, after, "--no-history leaves the history file alone");
}
