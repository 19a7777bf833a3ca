//! cargo-fuzz entry point for the `format` target; its body is
//! `calc_fuzz::targets::format`, which `tests/fuzz_seeds.rs` also runs.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| calc_fuzz::targets::format(data));
