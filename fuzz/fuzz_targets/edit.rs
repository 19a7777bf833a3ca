//! cargo-fuzz entry point for the `edit` target; its body is
//! `calc_fuzz::targets::edit`, which `tests/fuzz_seeds.rs` also runs.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| calc_fuzz::targets::edit(data));
