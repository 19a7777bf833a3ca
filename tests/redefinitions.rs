//! REPL sessions and names: redefinitions of functions and types in later
//! inputs, and `fn` items of one input created when the `let`s they need
//! have run. Each test drives a [`Session`] input by input.

use calc::{Engine, Session};

fn session() -> Session {
    Session::new(&Engine::new(), Box::new(std::io::sink()), false)
}

#[test]
fn redefining_a_function_keeps_the_one_others_captured() {
    let mut s = session();
    s.input("1", "fn g(x) = x + 1;");
    s.input("2", "fn f(x) = g(x) * 2;");
    assert_eq!(s.input("3", "f(1)").output, "4 : Int\n");
    assert_eq!(
        s.input("4", "fn g(x) = \"s\";").output,
        "g : fn(a) -> Str\n"
    );
    // `f` keeps the `g` it was created with, and its type.
    assert_eq!(s.input("5", "f(1)").output, "4 : Int\n");
    assert_eq!(s.input("6", "g(1)").output, "\"s\" : Str\n");
    // A new `f` sees the new `g`.
    let r = s.input("7", "fn f(x) = g(x) ++ \"!\"; f(0)");
    assert_eq!(r.output, "\"s!\" : Str\n", "{}", r.diagnostics);
    let env = s.input("8", ":env").output;
    assert_eq!(env, "g : fn(a) -> Str\nf : fn(a) -> Str\n");
}

#[test]
fn redefining_a_type_keeps_old_values_and_functions_working() {
    let mut s = session();
    s.input("1", "struct P { x: Int }");
    s.input("2", "let p = P { x: 1 };");
    s.input("3", "fn getx(q) = q.x;");
    s.input("4", "struct P { y: Str }");
    assert_eq!(s.input("5", "getx(p)").output, "1 : Int\n");
    assert_eq!(
        s.input("6", "P { y: \"a\" }").output,
        "P { y: \"a\" } : P\n"
    );
    assert_eq!(s.input("7", "P { x: 1 }").status, 1, "the old P is hidden");
    assert_eq!(s.input("8", "getx(P { y: \"a\" })").status, 1);
    // An enum redefined without a variant hides that variant.
    s.input("9", "enum T { A, B }");
    s.input("10", "let t = A;");
    s.input("11", "enum T { C }");
    assert_eq!(s.input("12", "t").output, "A : T\n");
    assert_eq!(s.input("13", "A").status, 1);
    assert_eq!(s.input("14", "C").output, "C : T\n");
    let env = s.input("15", ":env").output;
    assert!(
        env.starts_with("struct P { y: Str }\nenum T { C }\n"),
        "{env}"
    );
}

#[test]
fn items_of_one_input_are_created_when_their_lets_have_run() {
    let mut s = session();
    let r = s.input(
        "1",
        "let a = g(1); let k = 10; fn f(x) = x + k; fn g(x) = 2 * x; (a, f(1))",
    );
    assert_eq!(r.output, "(2, 11) : (Int, Int)\n", "{}", r.diagnostics);
    assert_eq!(
        s.input("2", "(f(2), g(3), k)").output,
        "(12, 6, 10) : (Int, Int, Int)\n"
    );
}
