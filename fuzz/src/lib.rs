//! The fuzz harness as a library: the targets' bodies live in [`targets`],
//! so the cargo-fuzz binaries and the repository's `tests/fuzz_seeds.rs`
//! run the same code. This crate must not contain anything else.

pub mod targets;
