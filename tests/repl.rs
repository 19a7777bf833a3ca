//! The REPL end to end: batch mode through a pipe, and the interactive mode
//! through a real pseudo-terminal (driven with tmux).

mod common;

use common::calc_stdin;
use std::process::Command;
use std::time::{Duration, Instant};

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

struct Tmux {
    session: String,
}

impl Tmux {
    /// Sends special keys (`Enter`, `C-c`, `C-d`).
    fn key(&self, key: &str) {
        let status = Command::new("tmux")
            .args(["send-keys", "-t", &self.session, key])
            .status()
            .expect("tmux send-keys");
        assert!(status.success());
    }

    /// Starts `calc` (with `args`) in a new detached tmux session.
    fn start(name: &str, home: &std::path::Path, args: &str) -> Tmux {
        let session = format!("calc-test-{name}-{}", std::process::id());
        let cmd = format!(
            "HOME={} XDG_DATA_HOME={}/data {} {args}",
            home.display(),
            home.display(),
            env!("CARGO_BIN_EXE_calc")
        );
        let status = Command::new("tmux")
            .args([
                "new-session",
                "-d",
                "-s",
                &session,
                "-x",
                "150",
                "-y",
                "50",
                &cmd,
            ])
            .status()
            .expect("tmux starts");
        assert!(status.success());
        let t = Tmux { session };
        t.wait_for("calc> ", 1);
        t
    }

    /// Types `text` literally, without Enter.
    fn type_text(&self, text: &str) {
        let status = Command::new("tmux")
            .args(["send-keys", "-l", "-t", &self.session, text])
            .status()
            .expect("tmux send-keys");
        assert!(status.success());
    }

    /// Waits (up to 10 s) for the session to end.
    fn wait_exit(&self) {
        let start = Instant::now();
        while self.alive() && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(!self.alive(), "the session ended");
    }

    /// Types `text` literally, then Enter. tmux reads an argument ending in
    /// `;` as a command separator, so a final `;` is sent as a hex key.
    fn line(&self, text: &str) {
        let (body, semi) = match text.strip_suffix(';') {
            Some(b) => (b, true),
            None => (text, false),
        };
        self.type_text(body);
        if semi {
            let status = Command::new("tmux")
                .args(["send-keys", "-t", &self.session, "-H", "3b"])
                .status()
                .expect("tmux send-keys");
            assert!(status.success());
        }
        self.key("Enter");
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args([
                "capture-pane",
                "-p",
                "-J",
                "-S",
                "-200",
                "-t",
                &self.session,
            ])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text` `times` times in all.
    fn wait_for(&self, text: &str, times: usize) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.screen().matches(text).count() >= times {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
    }

    fn alive(&self) -> bool {
        Command::new("tmux")
            .args(["has-session", "-t", &self.session])
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.session])
            .status();
    }
}

#[test]
fn interactive_session_through_a_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed; .ci/run installs it for this test");
        assert!(std::env::var_os("CI").is_none(), "CI must provide tmux");
        return;
    }
    let home = std::env::temp_dir().join(format!("calc-repl-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("temp home");
    let t = Tmux::start("main", &home, "");

    t.line("fn sq(x) = x * x;");
    t.wait_for("sq : fn(a) -> a where a: Num", 1);
    t.line("sq(7)");
    t.wait_for("49 : Int", 1);

    // A type error, then recovery.
    t.line("sq(true)");
    t.wait_for("is not a number type", 1);
    t.line(":t sq");
    t.wait_for("sq : fn(a) -> a where a: Num", 2);

    // Multi-line input continues, with a continuation prompt, while brackets
    // are open or a line ends in an operator.
    t.line("fn cube(x) {");
    t.wait_for("  ... ", 1);
    t.line("x * x * x }");
    t.wait_for("cube : fn(a) -> a where a: Num", 1);
    t.line("40 +");
    t.wait_for("  ... ", 2);
    t.line("2");
    t.wait_for("42 : Int", 1);

    // Tab completes the user's own binding.
    t.type_text("cu");
    t.key("Tab");
    t.line("(3)");
    t.wait_for("27 : Int", 1);

    // Ctrl-C while typing drops the input; nothing is evaluated.
    t.type_text("this is not calc");
    t.key("C-c");
    t.line("sq(3)");
    t.wait_for("9 : Int", 1);
    assert!(!t.screen().contains("cannot find"), "{}", t.screen());

    // Ctrl-C interrupts an infinite tail-recursive loop; bindings survive.
    t.line("fn spin(n) = spin(n + 1); spin(0)");
    std::thread::sleep(Duration::from_millis(300));
    t.key("C-c");
    t.wait_for("interrupted", 1);
    t.line("sq(cube(2))");
    t.wait_for("64 : Int", 1);

    // Ctrl-D leaves, and the history was written.
    t.key("C-d");
    t.wait_exit();
    let history_file = home.join("data/calc/history");
    let history = std::fs::read_to_string(&history_file).unwrap_or_default();
    assert!(history.contains("sq(7)"), "history persisted: {history:?}");

    // A new session recalls the last input with Up.
    let t = Tmux::start("again", &home, "");
    t.key("Up");
    t.wait_for("calc> sq(cube(2))", 1);
    t.key("C-c");
    t.key("C-d");
    t.wait_exit();

    // `--no-history` neither reads nor writes it.
    let before = std::fs::read_to_string(&history_file).unwrap_or_default();
    let t = Tmux::start("nohist", &home, "repl --no-history");
    t.key("Up");
    t.line("6 * 7");
    t.wait_for("42 : Int", 1);
    assert!(!t.screen().contains("sq(cube(2))"), "{}", t.screen());
    t.key("C-d");
    t.wait_exit();
    let after = std::fs::read_to_string(&history_file).unwrap_or_default();
    assert_eq!(before, after, "--no-history leaves the history file alone");
}
