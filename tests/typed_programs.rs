//! Random well-typed programs, generated from types (proptest).
//!
//! Each program declares a user enum and struct, generic and higher-order
//! helpers, recursive functions with a base case, then `let` bindings and a
//! final expression built from closures, matches (on the enum, `Option`,
//! lists, Ints, Bools), lists and the prelude. Every program must type-check
//! (status 1 is a generator or checker bug), then run under fuel to a value
//! or a runtime error without panicking, and — the soundness property — never
//! reach one of the evaluator's "the type checker should have rejected
//! this" branches (`INTERNAL_MARKERS` of the fuzz harness).
//!
//! The generator reads its decisions from a vector of numbers that proptest
//! shrinks: a missing number reads as 0, which is always the simplest
//! choice, so failing programs shrink towards small ones.

#[path = "../fuzz/src/targets.rs"]
#[allow(dead_code)] // only the soundness check is used here; the fuzz targets use the rest
mod targets;

use calc::{Engine, Limits, Session};
use proptest::prelude::*;

/// The types programs are generated from.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Ty {
    Int,
    Bool,
    Str,
    /// `[Int]`
    List,
    /// `Option<Int>`
    Opt,
    /// the user enum `Shape`
    Shape,
    /// the user struct `Point`
    Point,
    /// `fn(Int) -> Int`
    Fun,
}

const TYPES: [Ty; 8] = [
    Ty::Int,
    Ty::Bool,
    Ty::Str,
    Ty::List,
    Ty::Opt,
    Ty::Shape,
    Ty::Point,
    Ty::Fun,
];

const HEADER: &str = "\
enum Shape { Circle(Int), Rect(Int, Int), Dot }
struct Point { x: Int, y: Int }
fn id<T>(x: T) -> T = x;
fn apply(f: fn(Int) -> Int, x: Int) -> Int = f(x);
fn twice<A>(f: fn(A) -> A, x: A) -> A { f(f(x)) }
fn double(n: Int) -> Int = n * 2;
";

struct Gen<'c> {
    choices: &'c [u32],
    pos: usize,
    fresh: u32,
    /// Variables in scope with their types.
    env: Vec<(String, Ty)>,
    /// Recursive functions of type `fn(Int) -> [Int]`.
    list_fns: Vec<String>,
}

impl Gen<'_> {
    /// The next decision, in `0..n` (0 once the numbers run out).
    fn pick(&mut self, n: u32) -> u32 {
        let c = self.choices.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        c % n
    }

    fn fresh(&mut self) -> String {
        self.fresh += 1;
        format!("v{}", self.fresh)
    }

    fn ty(&mut self) -> Ty {
        TYPES[self.pick(TYPES.len() as u32) as usize]
    }

    /// A variable of type `ty` in scope, if the choice is to use one.
    fn var(&mut self, ty: Ty) -> Option<String> {
        let names: Vec<String> = self
            .env
            .iter()
            .filter(|(_, t)| *t == ty)
            .map(|(n, _)| n.clone())
            .collect();
        if names.is_empty() || self.pick(2) == 0 {
            return None;
        }
        Some(names[self.pick(names.len() as u32) as usize].clone())
    }

    /// Generates `body` with `names` bound, then unbinds them.
    fn with<R>(&mut self, names: &[(String, Ty)], body: impl FnOnce(&mut Self) -> R) -> R {
        let len = self.env.len();
        self.env.extend(names.iter().cloned());
        let r = body(self);
        self.env.truncate(len);
        r
    }

    fn int_literal(&mut self) -> String {
        let v: i64 = match self.pick(8) {
            0 => 0,
            1 => 1,
            2 => -1,
            3 => 7,
            4 => 42,
            5 => i64::MAX,
            6 => i64::MIN,
            _ => i64::from(self.pick(1000)) - 500,
        };
        if v < 0 {
            format!("({v})")
        } else {
            v.to_string()
        }
    }

    fn leaf(&mut self, ty: Ty) -> String {
        if let Some(v) = self.var(ty) {
            return v;
        }
        match ty {
            Ty::Int => self.int_literal(),
            Ty::Bool => ["true", "false"][self.pick(2) as usize].to_string(),
            Ty::Str => ["\"\"", "\"s\"", "\"héllo\"", "\"42\""][self.pick(4) as usize].to_string(),
            Ty::List => ["[1, 2, 3]", "range(0, 0)", "range(0, 5)", "[-4]"][self.pick(4) as usize]
                .to_string(),
            Ty::Opt => ["None", "Some(3)"][self.pick(2) as usize].to_string(),
            Ty::Shape => ["Dot", "Circle(2)", "Rect(3, 4)"][self.pick(3) as usize].to_string(),
            Ty::Point => "Point { x: 1, y: 2 }".to_string(),
            Ty::Fun => ["double", "|n: Int| n + 1", "|n| n"][self.pick(3) as usize].to_string(),
        }
    }

    /// An expression of type `ty`, at most `depth` levels deep.
    fn expr(&mut self, ty: Ty, depth: u32) -> String {
        if depth == 0 {
            return self.leaf(ty);
        }
        let d = depth - 1;
        // Choices shared by every type.
        match self.pick(16) {
            1 => {
                let c = self.expr(Ty::Bool, d);
                let a = self.expr(ty, d);
                let b = self.expr(ty, d);
                return format!("if ({c}) {{ {a} }} else {{ {b} }}");
            }
            2 => {
                let t = self.ty();
                let value = self.expr(t, d);
                let v = self.fresh();
                let body = self.with(&[(v.clone(), t)], |g| g.expr(ty, d));
                return format!("{{ let {v} = {value}; {body} }}");
            }
            3 => return self.matches(ty, d),
            4 => {
                let e = self.expr(ty, d);
                return format!("id({e})");
            }
            _ => {}
        }
        match ty {
            Ty::Int => self.int_expr(d),
            Ty::Bool => self.bool_expr(d),
            Ty::Str => self.str_expr(d),
            Ty::List => self.list_expr(d),
            Ty::Opt => match self.pick(5) {
                0 => self.leaf(ty),
                1 => format!("Some({})", self.expr(Ty::Int, d)),
                2 => format!("first({})", self.expr(Ty::List, d)),
                3 => {
                    let l = self.expr(Ty::List, d);
                    let i = self.expr(Ty::Int, d);
                    format!("get({l}, {i})")
                }
                _ => format!("parse_int({})", self.expr(Ty::Str, d)),
            },
            Ty::Shape => match self.pick(3) {
                0 => self.leaf(ty),
                1 => format!("Circle({})", self.expr(Ty::Int, d)),
                _ => {
                    let a = self.expr(Ty::Int, d);
                    let b = self.expr(Ty::Int, d);
                    format!("Rect({a}, {b})")
                }
            },
            Ty::Point => match self.pick(3) {
                0 => self.leaf(ty),
                1 => {
                    let x = self.expr(Ty::Int, d);
                    let y = self.expr(Ty::Int, d);
                    format!("Point {{ y: {y}, x: {x} }}")
                }
                _ => {
                    let x = self.expr(Ty::Int, d);
                    let y = self.expr(Ty::Int, d);
                    format!("{{ let x = {x}; let y = {y}; Point {{ x, y }} }}")
                }
            },
            Ty::Fun => match self.pick(4) {
                0 => self.leaf(ty),
                1 => {
                    let v = self.fresh();
                    let body = self.with(&[(v.clone(), Ty::Int)], |g| g.expr(Ty::Int, d));
                    format!("|{v}: Int| {body}")
                }
                2 => {
                    let v = self.fresh();
                    let body = self.with(&[(v.clone(), Ty::Int)], |g| g.expr(Ty::Int, d));
                    format!("|{v}| {body}")
                }
                _ => {
                    let f = self.expr(Ty::Fun, d);
                    let g = self.expr(Ty::Fun, d);
                    let v = self.fresh();
                    format!("|{v}| ({f})(({g})({v}))")
                }
            },
        }
    }

    fn int_expr(&mut self, d: u32) -> String {
        match self.pick(14) {
            0 => self.leaf(Ty::Int),
            1 => {
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                let op = ["+", "-", "*", "/", "%", "**"][self.pick(6) as usize];
                format!("({a} {op} {b})")
            }
            2 => format!("len({})", self.expr(Ty::List, d)),
            3 => format!("len({})", self.expr(Ty::Str, d)),
            4 => format!("sum({})", self.expr(Ty::List, d)),
            5 => {
                let l = self.expr(Ty::List, d);
                let init = self.expr(Ty::Int, d);
                let (acc, v) = (self.fresh(), self.fresh());
                let step = self.with(&[(acc.clone(), Ty::Int), (v.clone(), Ty::Int)], |g| {
                    g.expr(Ty::Int, d)
                });
                format!("fold({l}, {init}, |{acc}, {v}| {step})")
            }
            6 => {
                let f = self.expr(Ty::Fun, d);
                let a = self.expr(Ty::Int, d);
                match self.pick(3) {
                    0 => format!("({f})({a})"),
                    1 => format!("apply({f}, {a})"),
                    _ => format!("twice({f}, {a})"),
                }
            }
            7 => {
                let p = self.expr(Ty::Point, d);
                let field = ["x", "y"][self.pick(2) as usize];
                format!("({p}).{field}")
            }
            8 => format!("head({})", self.expr(Ty::List, d)),
            9 => {
                let l = self.expr(Ty::List, d);
                let i = self.expr(Ty::Int, d);
                format!("({l})[{i}]")
            }
            10 => format!("({}).abs()", self.expr(Ty::Int, d)),
            11 => {
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                let f = ["min", "max"][self.pick(2) as usize];
                format!("{f}({a}, {b})")
            }
            12 => format!("int(float({}) * 1.5)", self.expr(Ty::Int, d)),
            _ => {
                let s = self.expr(Ty::Str, d);
                format!("len(split({s}, \"l\"))")
            }
        }
    }

    fn bool_expr(&mut self, d: u32) -> String {
        match self.pick(9) {
            0 => self.leaf(Ty::Bool),
            1 => {
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                let op = ["<", "<=", ">", ">=", "==", "!="][self.pick(6) as usize];
                format!("({a} {op} {b})")
            }
            2 => {
                let t = [Ty::Str, Ty::List, Ty::Shape, Ty::Point, Ty::Opt][self.pick(5) as usize];
                let a = self.expr(t, d);
                let b = self.expr(t, d);
                format!("({a} == {b})")
            }
            3 => format!("!({})", self.expr(Ty::Bool, d)),
            4 => {
                let a = self.expr(Ty::Bool, d);
                let b = self.expr(Ty::Bool, d);
                let op = ["&&", "||"][self.pick(2) as usize];
                format!("({a} {op} {b})")
            }
            5 => {
                let l = self.expr(Ty::List, d);
                let x = self.expr(Ty::Int, d);
                format!("contains({l}, {x})")
            }
            6 => {
                let l = self.expr(Ty::List, d);
                let v = self.fresh();
                let p = self.with(&[(v.clone(), Ty::Int)], |g| g.expr(Ty::Bool, d));
                let f = ["any", "all"][self.pick(2) as usize];
                format!("{f}({l}, |{v}| {p})")
            }
            7 => {
                let a = self.expr(Ty::Str, d);
                let b = self.expr(Ty::Str, d);
                format!("({a} < {b})")
            }
            _ => {
                let o = self.expr(Ty::Opt, d);
                format!("match ({o}) {{ Some(_) => true, None => false }}")
            }
        }
    }

    fn str_expr(&mut self, d: u32) -> String {
        match self.pick(8) {
            0 => self.leaf(Ty::Str),
            1 => {
                let t = self.ty();
                if t == Ty::Fun {
                    return self.leaf(Ty::Str);
                }
                format!("str({})", self.expr(t, d))
            }
            2 => {
                let a = self.expr(Ty::Str, d);
                let b = self.expr(Ty::Str, d);
                format!("({a} ++ {b})")
            }
            3 => format!("upper({})", self.expr(Ty::Str, d)),
            4 => {
                let l = self.expr(Ty::List, d);
                format!("join(map({l}, |n| str(n)), \", \")")
            }
            5 => format!("trim({})", self.expr(Ty::Str, d)),
            6 => format!("join(chars({}), \"-\")", self.expr(Ty::Str, d)),
            _ => format!("lower({})", self.expr(Ty::Str, d)),
        }
    }

    fn list_expr(&mut self, d: u32) -> String {
        match self.pick(11) {
            0 => self.leaf(Ty::List),
            1 => {
                let n = self.pick(4);
                let items: Vec<String> = (0..n).map(|_| self.expr(Ty::Int, d)).collect();
                if items.is_empty() {
                    "range(1, 1)".to_string()
                } else {
                    format!("[{}]", items.join(", "))
                }
            }
            2 => {
                let a = self.expr(Ty::List, d);
                let b = self.expr(Ty::List, d);
                format!("({a} ++ {b})")
            }
            3 => {
                let l = self.expr(Ty::List, d);
                let v = self.fresh();
                let f = self.with(&[(v.clone(), Ty::Int)], |g| g.expr(Ty::Int, d));
                format!("map({l}, |{v}| {f})")
            }
            4 => {
                let l = self.expr(Ty::List, d);
                let v = self.fresh();
                let p = self.with(&[(v.clone(), Ty::Int)], |g| g.expr(Ty::Bool, d));
                format!("filter({l}, |{v}| {p})")
            }
            5 => format!("reverse({})", self.expr(Ty::List, d)),
            6 => format!("sort({})", self.expr(Ty::List, d)),
            7 => format!("tail({})", self.expr(Ty::List, d)),
            8 => {
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                format!("range({a}, {b})")
            }
            9 if !self.list_fns.is_empty() => {
                let i = self.pick(self.list_fns.len() as u32) as usize;
                let f = self.list_fns[i].clone();
                format!("{f}({})", self.expr(Ty::Int, d))
            }
            _ => {
                let l = self.expr(Ty::List, d);
                format!("map(zip({l}, range(0, 100)), |p| match p {{ (a, b) => a * b }})")
            }
        }
    }

    /// A `match` of type `ty` on a random scrutinee type, exhaustively.
    fn matches(&mut self, ty: Ty, d: u32) -> String {
        let scrutinee = [Ty::Shape, Ty::Opt, Ty::List, Ty::Int, Ty::Bool][self.pick(5) as usize];
        let s = self.expr(scrutinee, d);
        let arms = match scrutinee {
            Ty::Shape => {
                let (r, w, h) = (self.fresh(), self.fresh(), self.fresh());
                let a = self.with(&[(r.clone(), Ty::Int)], |g| g.expr(ty, d));
                let b = self.with(&[(w.clone(), Ty::Int), (h.clone(), Ty::Int)], |g| {
                    g.expr(ty, d)
                });
                let c = self.expr(ty, d);
                format!("Circle({r}) => {a}, Rect({w}, {h}) => {b}, Dot => {c}")
            }
            Ty::Opt => {
                let v = self.fresh();
                let guard = self.with(&[(v.clone(), Ty::Int)], |g| g.expr(Ty::Bool, d));
                let a = self.with(&[(v.clone(), Ty::Int)], |g| g.expr(ty, d));
                let b = self.expr(ty, d);
                let c = self.expr(ty, d);
                format!("Some({v}) if {guard} => {a}, Some(_) => {b}, None => {c}")
            }
            Ty::List => {
                let (h, t) = (self.fresh(), self.fresh());
                let a = self.expr(ty, d);
                let b = self.with(&[(h.clone(), Ty::Int), (t.clone(), Ty::List)], |g| {
                    g.expr(ty, d)
                });
                format!("[] => {a}, [{h}, ..{t}] => {b}")
            }
            Ty::Int => {
                let a = self.expr(ty, d);
                let b = self.expr(ty, d);
                let c = self.expr(ty, d);
                format!("0 => {a}, 1 | -1 => {b}, _ => {c}")
            }
            _ => {
                let a = self.expr(ty, d);
                let b = self.expr(ty, d);
                format!("true => {a}, false => {b}")
            }
        };
        format!("match ({s}) {{ {arms} }}")
    }

    /// A whole program: the header, recursive functions, `let`s, `println`s
    /// and a final expression.
    fn program(&mut self) -> String {
        let mut out = HEADER.to_string();
        self.env.push(("double".to_string(), Ty::Fun));
        for i in 0..self.pick(3) {
            let name = format!("rec{i}");
            let base = self.with(&[("n".to_string(), Ty::Int)], |g| g.expr(Ty::Int, 2));
            let step = self.with(&[("n".to_string(), Ty::Int)], |g| g.expr(Ty::Int, 2));
            let combine = match self.pick(3) {
                0 => format!("{name}(n - 1)"),
                1 => format!("{name}(n - 1) + {step}"),
                _ => format!("({step}) * {name}(n - 2) % 1000"),
            };
            out.push_str(&format!(
                "fn {name}(n: Int) -> Int = if n <= 0 {{ {base} }} else {{ {combine} }};\n"
            ));
            self.env.push((name, Ty::Fun));
        }
        for i in 0..self.pick(2) {
            let name = format!("upto{i}");
            let item = self.with(&[("n".to_string(), Ty::Int)], |g| g.expr(Ty::Int, 2));
            out.push_str(&format!(
                "fn {name}(n: Int) -> [Int] {{ if n <= 0 {{ [] }} else {{ [{item}] ++ {name}(n - 1) }} }}\n"
            ));
            self.list_fns.push(name);
        }
        for _ in 0..self.pick(5) {
            let t = self.ty();
            let depth = self.pick(4);
            let e = self.expr(t, depth);
            if self.pick(3) == 0 && t != Ty::Fun {
                out.push_str(&format!("println({e});\n"));
            } else {
                let v = self.fresh();
                out.push_str(&format!("let {v} = {e};\n"));
                self.env.push((v, t));
            }
        }
        let t = self.ty();
        let depth = self.pick(5);
        let e = self.expr(t, depth);
        if t == Ty::Fun {
            out.push_str(&format!("({e})(3)\n"));
        } else {
            out.push_str(&e);
            out.push('\n');
        }
        out
    }
}

fn generate(choices: &[u32]) -> String {
    Gen {
        choices,
        pos: 0,
        fresh: 0,
        env: Vec::new(),
        list_fns: Vec::new(),
    }
    .program()
}

fn limits() -> Limits {
    Limits {
        max_depth: 2_000,
        fuel: Some(100_000),
        max_len: 100_000,
        max_arena_bytes: None,
        max_memory: None,
    }
}

/// Compiles and runs `src`; it must type-check and end in a value or a
/// runtime error, never an internal one.
fn check_program(src: &str) {
    let mut session = Session::new(
        &Engine::with_limits(limits()),
        Box::new(std::io::sink()),
        false,
    );
    let resp = session.input("<generated>", src);
    assert!(
        resp.status == 0 || resp.status == 3,
        "a generated program was rejected (status {}):\n{src}\n{}",
        resp.status,
        resp.diagnostics
    );
    targets::assert_no_internal_error(src, &resp.diagnostics);
}

#[test]
fn the_simplest_program_runs() {
    let src = generate(&[]);
    assert!(src.ends_with("0\n"), "{src}");
    check_program(&src);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn well_typed_programs_run_to_a_value_or_a_runtime_error(
        choices in prop::collection::vec(any::<u32>(), 0..400)
    ) {
        check_program(&generate(&choices));
    }
}
