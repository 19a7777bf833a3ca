//! `calc fmt FILE…`: rewrite files in the canonical layout.
//!
//! Owns the file handling of the formatter: reading each file, writing it
//! back only when its text changes (`-`: stdin to stdout), `--check`
//! (change nothing, name the files that would change, exit 1), refusing a
//! file with syntax errors (its diagnostics, the file untouched) and the
//! exit status. The layout itself is the library's
//! [`calc::format_source`]; this module must not contain any of it.

use crate::cli::{EXIT_OK, EXIT_REJECTED, EXIT_USAGE, Reporter, read_source};
use calc::syntax::source;
use std::io::Write;

/// Formats each file in turn and returns the worst exit status: 0, 1 (a
/// file was refused, or would change under `check`), 2 (unreadable or
/// unwritable).
pub fn run(files: &[String], check: bool, out: &Reporter) -> i32 {
    let mut status = EXIT_OK;
    for file in files {
        status = status.max(one(file, check, out));
    }
    status
}

fn one(file: &str, check: bool, out: &Reporter) -> i32 {
    crate::ice::enter(file);
    let bytes = match read_source(file) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let text = match source::decode(&bytes) {
        Ok(t) => t,
        Err(d) => {
            out.report(&[d], file, source::valid_prefix(&bytes));
            return EXIT_REJECTED;
        }
    };
    let formatted = match calc::format_source(text) {
        Ok(f) => f,
        Err(diags) => {
            out.report(&diags, file, text);
            return EXIT_REJECTED;
        }
    };
    let changed = formatted.as_bytes() != bytes.as_slice();
    if check {
        if changed {
            println!("{file}: would be reformatted");
            return EXIT_REJECTED;
        }
        return EXIT_OK;
    }
    if file == "-" {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(formatted.as_bytes());
        let _ = stdout.flush();
    } else if changed && let Err(e) = std::fs::write(file, &formatted) {
        eprintln!("error: cannot write `{file}`: {e}");
        return EXIT_USAGE;
    }
    EXIT_OK
}
