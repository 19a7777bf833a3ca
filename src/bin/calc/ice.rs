//! The internal-compiler-error hook (spec E): a panic that escapes anywhere
//! in the binary prints an "internal compiler error" diagnostic naming the
//! input being processed and asking for a report, then exits with status
//! 101.
//!
//! Owns the panic hook and the record of the current input. Only the binary
//! installs the hook; the library never does. The release profile aborts on
//! panic, so the hook itself exits (with 101, where an abort would give
//! 134). A stack overflow is not a panic and is not hooked: the stages'
//! depth guards prevent it. This module must not contain language logic.

use std::sync::Mutex;

/// Exit status of an internal compiler error.
pub const EXIT_ICE: i32 = 101;

/// Set to `1` to make the binary panic as soon as it records its first
/// input: the test switch that proves the hook works in every profile.
pub const TEST_PANIC_VAR: &str = "CALC_INTERNAL_TEST_PANIC";

/// The input being processed, as diagnostics name it.
static INPUT: Mutex<String> = Mutex::new(String::new());

/// Installs the hook. Call once, first thing in `main`.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let input = match INPUT.try_lock() {
            Ok(name) if !name.is_empty() => format!("`{name}`"),
            Ok(_) => "the command line".to_string(),
            Err(_) => "an unknown input".to_string(),
        };
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(no message)");
        let location = info
            .location()
            .map_or_else(|| "unknown".to_string(), ToString::to_string);
        eprintln!(
            "error: internal compiler error: calc failed while processing {input}\n  \
             panic: {message}\n  \
             at: {location}\n  \
             version: calc {}\n\
             note: this is a bug in calc, not in your program; please report it, with the \
             input and this message",
            env!("CARGO_PKG_VERSION")
        );
        std::process::exit(EXIT_ICE);
    }));
}

/// Follows an internal runtime error (`E0409`, already rendered) of input
/// `name` with the internal-compiler-error note; the caller exits with
/// [`EXIT_ICE`].
pub fn report_internal_error(name: &str) {
    eprintln!(
        "error: internal compiler error: calc failed while running `{name}`\n  \
         version: calc {}\n\
         note: this is a bug in calc, not in your program; please report it, with the \
         input and this message",
        env!("CARGO_PKG_VERSION")
    );
}

/// Records that `name` (a file, `<eval>`, `<stdin:N>`, `<repl:N>`) is now
/// being processed, for the hook's message. With [`TEST_PANIC_VAR`] set to
/// `1`, panics here.
pub fn enter(name: &str) {
    if let Ok(mut input) = INPUT.lock() {
        name.clone_into(&mut input);
    }
    if std::env::var_os(TEST_PANIC_VAR).is_some_and(|v| v == "1") {
        panic!("internal test panic ({TEST_PANIC_VAR}=1)");
    }
}
