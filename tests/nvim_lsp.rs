//! End-to-end: headless Neovim (0.7.2, Debian 12's package) drives the
//! freshly built `calc lsp` with its built-in LSP client, through
//! `tests/nvim/lsp.lua`: open a file with two errors and get both at the
//! right lines, hover a name and see its type, jump to a definition, and
//! (a separate test) format the buffer and get exactly what `calc fmt`
//! makes of it.
//!
//! Without `nvim` on the PATH the tests fail when `CI` is set (`.ci/run`
//! installs it) and are skipped with a message otherwise.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The file Neovim opens: two errors, on lines 2 and 3 (1-based).
const SOURCE: &str = "fn area(w: Float, h: Float) = w * h;
let wide = area(2.0, true);
let tall = nope + 1;
let total = area(3.0, 4.0);
total
";

/// Whether `nvim` runs; without it, fails in CI and skips elsewhere.
fn have_nvim() -> bool {
    let found = Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim is missing in CI (`.ci/run` installs the `neovim` package)"
        );
        eprintln!("skipped: nvim is not installed (`apt-get install neovim`)");
    }
    found
}

/// A fresh directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("nvim-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// Runs the Lua script's `step` on a file holding `source`; returns the
/// JSON results it wrote.
fn run_nvim(step: &str, source: &str) -> serde_json::Value {
    let dir = scratch(step);
    let file = dir.join("shapes.calc");
    std::fs::write(&file, source).expect("the source file");
    let out = dir.join("results.json");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/lsp.lua");
    let mut child = Command::new("nvim")
        // No swap file, no user configuration; logs stay in the scratch
        // directory.
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("CALC_BIN", env!("CARGO_BIN_EXE_calc"))
        .env("CALC_FILE", &file)
        .env("CALC_STEP", step)
        .env("CALC_OUT", &out)
        .env("XDG_STATE_HOME", &dir)
        .env("XDG_CACHE_HOME", &dir)
        .env("XDG_DATA_HOME", &dir)
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim starts");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("nvim runs") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("nvim did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let text = std::fs::read_to_string(&out)
        .unwrap_or_else(|e| panic!("nvim wrote no results ({e}); exit status {status}"));
    let results: serde_json::Value = serde_json::from_str(&text).expect("JSON results");
    assert!(
        status.success() && results.get("error").is_none(),
        "the Lua script failed: {results}"
    );
    assert_eq!(results["exit_code"], 0, "calc lsp exits cleanly: {results}");
    results
}

/// The two errors, at their lines (0-based in Neovim).
fn assert_two_errors(results: &serde_json::Value) {
    let diags = results["diagnostics"].as_array().expect("a list");
    let lines: Vec<i64> = diags
        .iter()
        .map(|d| d["line"].as_i64().unwrap_or(-1))
        .collect();
    assert_eq!(lines, vec![1, 2], "{results}");
    assert!(
        diags[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("mismatched types"))
    );
    assert!(
        diags[1]["message"]
            .as_str()
            .is_some_and(|m| m.contains("`nope`"))
    );
    assert_eq!(diags[1]["col"], 11, "{results}");
}

#[test]
fn neovim_shows_diagnostics_hover_and_jumps_to_a_definition() {
    if !have_nvim() {
        return;
    }
    let results = run_nvim("navigate", SOURCE);
    assert_two_errors(&results);
    assert_eq!(results["hover"], "```calc\ntotal: Float\n```", "{results}");
    assert_eq!(results["definition"]["line"], 0, "{results}");
    assert_eq!(
        results["definition"]["col"], 3,
        "the `area` of `fn area`: {results}"
    );
}

/// A valid file, unevenly spaced, for formatting.
const UNFORMATTED: &str = "let  width=2.0 ;\nlet area = width*width;\narea\n";

/// What `calc fmt` makes of `source`, as the buffer's lines joined (the
/// script reads the buffer back without its final newline).
fn formatted(source: &str) -> String {
    let text = calc::format_source(source).expect("the formatting input parses");
    assert_ne!(text, source, "the input must need formatting");
    text.trim_end_matches('\n').to_string()
}

#[test]
fn neovim_formats_the_buffer() {
    if !have_nvim() {
        return;
    }
    let results = run_nvim("format", UNFORMATTED);
    assert_eq!(results["formatted"], formatted(UNFORMATTED), "{results}");
}
