//! The `calc` binary: hands the process arguments to [`calc::cli`].

fn main() {
    std::process::exit(calc::cli::main());
}
