//! cargo-fuzz entry point for the `run` target; its body is
//! `calc_fuzz::targets::run`, which `tests/fuzz_seeds.rs` also runs.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| calc_fuzz::targets::run(data));
