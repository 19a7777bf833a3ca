//! The REPL: a session of compilation units that share definitions, plus the
//! interactive line editor and the batch (non-terminal) driver.
//!
//! Owns [`Session`], which compiles each input as its own unit and keeps
//! what later inputs need. The design (see also `unit`):
//!
//! * Each input is compiled by the engine's compile step
//!   ([`crate::engine`]) into a checked [`Unit`]: its source and its own
//!   arena, tied to the AST by `self_cell`. Arenas come from the engine's
//!   pool; after an input runs, if no value points into its unit, the unit
//!   is taken apart and its arena is reset and returned to the pool (so
//!   expression-only inputs reuse one arena forever).
//! * A `let`/`fn` definition persists as a *global*: the checker keeps its
//!   name (the `Globals` each new input is resolved against) and its type as
//!   an owned scheme, the interpreter keeps its value, both by the global
//!   index the resolver gave the name. A function
//!   value holds an `Arc<Unit>`, so the defining input's arena lives exactly as
//!   long as some binding or closure still refers to it. Shadowing a name
//!   reuses its global slot, dropping the old value — and with it the old
//!   unit, once nothing else refers to it. Functions capture the globals they
//!   use by value when created, so shadowing never changes them.
//! * An input is committed only after it type-checks *and* runs: a failing
//!   input leaves every binding, type and value exactly as before.
//! * The engine's host functions are globals of every session, declared
//!   before any input.
//!
//! The session does not print: it returns text for the driver to place.
//! The drivers (`run_interactive` and `run_batch` in the `calc` binary)
//! own terminal and stream I/O.

use crate::diag::{self, Diagnostic};
use crate::engine::{Engine, compile_unit, host_checker};
use crate::eval::value::Value;
use crate::eval::{HostFn, Interp};
use crate::sema::check::Checker;
use crate::sema::unit::Unit;
use crate::syntax::arena::Arena;
use crate::syntax::lexer;
use crate::syntax::{dump, parser};
use std::io::Write;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Weak};

mod edit;
pub use edit::{complete, highlight, incomplete};

/// What one input produced.
#[derive(Debug, Default)]
pub struct Response {
    /// Text for stdout (a value with its type, a command's output).
    pub output: String,
    /// Rendered diagnostics for stderr (errors, or warnings of a good input).
    pub diagnostics: String,
    /// 0 on success, 1 rejected, 3 runtime error (C's exit statuses).
    pub status: i32,
    /// True when the input asked to leave (`:quit`).
    pub quit: bool,
}

/// A REPL session over an engine's compile step: persistent checker
/// (which holds the global names and types) and interpreter (which holds
/// the global values).
pub struct Session {
    engine: Engine,
    checker: Checker,
    interp: Interp,
    live: Vec<Weak<Unit>>,
    color: bool,
    /// Diagnostics as JSON lines instead of text ([`Session::set_json`]).
    json: bool,
    /// Reads the file named by `:load`; `None` means `:load` is unavailable.
    loader: Option<Box<Loader>>,
}

/// How a session reads the file named by `:load` (the driver decides: the
/// session itself never touches the file system).
pub type Loader = dyn FnMut(&str) -> std::io::Result<Vec<u8>>;

const HELP: &str = "\
Enter an expression to evaluate it, or `let`/`fn`/`struct`/`enum` definitions,
which stay visible to later inputs. Commands:
  :help              this text
  :type EXPR, :t     the type of EXPR (nothing is run)
  :ast EXPR          the parse tree of EXPR
  :tokens EXPR       the tokens of EXPR
  :env               your types, and your bindings with their types
  :load FILE         run FILE as one input
  :reset             forget every definition
  :quit, :q          leave (Ctrl-D works too)
Ctrl-C cancels the current input, or interrupts a running evaluation.";

/// Every REPL command, for suggestions and completion.
const COMMANDS: &[&str] = &[
    ":help", ":type", ":t", ":ast", ":tokens", ":env", ":load", ":reset", ":quit", ":q",
];

impl Session {
    /// A fresh session of `engine` (its limits and host functions) whose
    /// program output goes to `out`.
    pub fn new(engine: &Engine, out: Box<dyn Write>, color: bool) -> Session {
        let mut s = Session {
            engine: engine.clone(),
            checker: host_checker(engine.hosts()),
            interp: Interp::new(engine.limits().clone(), out),
            live: Vec::new(),
            color,
            json: false,
            loader: None,
        };
        s.define_hosts();
        s
    }

    /// Gives the engine's host functions their global slots' values.
    fn define_hosts(&mut self) {
        let globals = self.interp.globals_mut();
        globals.clear();
        for h in self.engine.hosts() {
            globals.push(HostFn::value(h.name.clone(), h.call.clone()));
        }
    }

    /// Lets `:load FILE` read files through `loader` (the `calc` binary passes
    /// `std::fs::read`); without one, `:load` reports that it is unavailable.
    pub fn set_loader(&mut self, loader: Box<Loader>) {
        self.loader = Some(loader);
    }

    /// Flushes program output (`print`) buffered by the evaluator.
    pub fn flush(&mut self) {
        self.interp.flush();
    }

    /// The flag that interrupts a running evaluation.
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        self.interp.interrupt_flag()
    }

    /// Number of earlier inputs whose arenas are still alive because some
    /// binding or value refers into them.
    pub fn live_units(&mut self) -> usize {
        self.live.retain(|w| w.strong_count() > 0);
        self.live.len()
    }

    /// Names for tab completion: the user's bindings and the prelude.
    pub fn names(&self) -> Vec<String> {
        self.checker.value_names()
    }

    /// Handles one input (a command or a unit); `name` labels diagnostics.
    pub fn input(&mut self, name: &str, line: &str) -> Response {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return Response::default();
        }
        if trimmed.starts_with(':') {
            return self.command(name, trimmed);
        }
        self.run_unit(name, line)
    }

    /// Renders diagnostics in [`Response::diagnostics`] as JSON lines
    /// ([`diag::json`], `--error-format=json`) instead of text.
    pub fn set_json(&mut self, json: bool) {
        self.json = json;
    }

    fn render(&self, diags: &[Diagnostic], name: &str, src: &str) -> String {
        if self.json {
            diag::json::render(diags, name, src)
        } else {
            diag::render(diags, name, src, self.color)
        }
    }

    /// Returns a unit's arena to the engine's pool if nothing refers to it
    /// any more; otherwise keeps a weak reference to report it as live.
    fn recycle(&mut self, unit: Arc<Unit>) {
        if Arc::strong_count(&unit) > 1 {
            self.live.retain(|w| w.strong_count() > 0);
            self.live.push(Arc::downgrade(&unit));
        }
        self.engine.pool().recycle(unit);
    }

    fn run_unit(&mut self, name: &str, src: &str) -> Response {
        let mut resp = Response::default();
        let limit = self.engine.limits().max_arena_bytes;
        let pool = self.engine.pool().clone();
        let checked = match compile_unit(&mut self.checker, &pool, limit, name, src) {
            Ok(checked) => checked,
            Err(rejected) => {
                resp.diagnostics = self.render(&rejected.diagnostics, name, src);
                resp.status = 1;
                self.recycle(rejected.unit);
                return resp;
            }
        };
        let outcome = checked.outcome();
        if !outcome.diagnostics.is_empty() {
            resp.diagnostics = self.render(&outcome.diagnostics, name, src);
        }
        let unit = checked.unit().clone();
        // A result too long to print fails the input like a runtime error.
        let ran = self.interp.run(&checked).and_then(|(value, locals)| {
            let shown = self.interp.display_result(&unit, &value)?;
            Ok((value, shown, locals))
        });
        match ran {
            Err(e) => {
                let text = if self.json {
                    diag::json::render(&[e.with_trace()], e.unit.name(), e.unit.source())
                } else {
                    e.render(self.color)
                };
                resp.diagnostics.push_str(&text);
                resp.status = 3;
                drop(e);
                drop(checked);
                self.recycle(unit);
            }
            Ok((value, shown, locals)) => {
                // It type-checked and ran: commit types, then values.
                checked.commit(&mut self.checker);
                let has_tail = unit.with_compiled(|c| c.program.body.tail.is_some());
                self.commit(&unit, locals);
                if has_tail {
                    if !matches!(value, Value::Unit) {
                        let ty = outcome.result_type.clone().unwrap_or_default();
                        resp.output = format!("{shown} : {ty}\n");
                    }
                } else {
                    for (n, t) in &outcome.bindings {
                        resp.output.push_str(&format!("{n} : {t}\n"));
                    }
                }
                drop(value);
                drop(checked);
                self.recycle(unit);
            }
        }
        resp
    }

    /// Stores the values of a committed unit's top-level bindings in their
    /// global slots (the checker has made their names global and given
    /// them indices).
    fn commit(&mut self, unit: &Arc<Unit>, locals: Vec<Value>) {
        let globals = self.checker.globals();
        let top: Vec<(u32, u32)> = unit.with_compiled(|c| {
            c.resolution
                .top
                .iter()
                .filter_map(|b| Some((b.slot, globals.value(b.name)?)))
                .collect()
        });
        for (slot, global) in top {
            let value = locals.get(slot as usize).cloned().unwrap_or(Value::Unit);
            let i = global as usize;
            if self.interp.globals.len() <= i {
                self.interp.globals.resize(i + 1, Value::Unit);
            }
            self.interp.globals[i] = value;
        }
    }

    fn command(&mut self, name: &str, line: &str) -> Response {
        let (cmd, arg) = match line.split_once(char::is_whitespace) {
            Some((c, a)) => (c, a.trim()),
            None => (line, ""),
        };
        let mut resp = Response::default();
        if let Some((what, usage)) = argument_of(cmd)
            && arg.is_empty()
        {
            resp.diagnostics = format!("error: `{cmd}` needs {what}: `{cmd} {usage}`\n");
            resp.status = 1;
            return resp;
        }
        match cmd {
            ":help" | ":h" => resp.output = format!("{HELP}\n"),
            ":quit" | ":q" => resp.quit = true,
            ":type" | ":t" => {
                let arena = Arena::new();
                let parsed = parser::parse(&arena, arg);
                if !parsed.diagnostics.is_empty() {
                    resp.diagnostics = self.render(&parsed.diagnostics, name, arg);
                    resp.status = 1;
                } else {
                    let o = self
                        .checker
                        .check_named_unit(&parsed.program, false, name, arg);
                    if o.has_errors() {
                        resp.diagnostics = self.render(&o.diagnostics, name, arg);
                        resp.status = 1;
                    } else {
                        resp.output = format!(
                            "{} : {}\n",
                            arg,
                            o.result_scheme.unwrap_or_else(|| "()".into())
                        );
                    }
                }
            }
            ":ast" => {
                let arena = Arena::new();
                let parsed = parser::parse(&arena, arg);
                resp.output = dump::program(&parsed.program);
                if !parsed.diagnostics.is_empty() {
                    resp.diagnostics = self.render(&parsed.diagnostics, name, arg);
                    resp.status = 1;
                }
            }
            ":tokens" => {
                let (toks, diags) = lexer::lex(arg);
                resp.output = dump::tokens(&toks, arg);
                if !diags.is_empty() {
                    resp.diagnostics = self.render(&diags, name, arg);
                    resp.status = 1;
                }
            }
            ":env" => {
                for t in self.checker.type_listing() {
                    resp.output.push_str(&t);
                    resp.output.push('\n');
                }
                for (n, t) in self.checker.env_listing() {
                    resp.output.push_str(&format!("{n} : {t}\n"));
                }
                if resp.output.is_empty() {
                    resp.output = "no bindings yet\n".to_string();
                }
            }
            ":load" => match self.loader.as_mut().map(|read| read(arg)) {
                None => {
                    resp.diagnostics =
                        "error: `:load` is not available in this session\n".to_string();
                    resp.status = 2;
                }
                Some(read) => match read {
                    Ok(bytes) => match crate::syntax::source::decode(&bytes) {
                        Ok(src) => return self.run_unit(arg, src),
                        Err(d) => {
                            resp.diagnostics =
                                self.render(&[d], arg, crate::syntax::source::valid_prefix(&bytes));
                            resp.status = 1;
                        }
                    },
                    Err(e) => {
                        resp.diagnostics = format!("error: cannot read `{arg}`: {e}\n");
                        resp.status = 2;
                    }
                },
            },
            ":reset" => {
                self.checker = host_checker(self.engine.hosts());
                self.define_hosts();
                self.live.clear();
                resp.output = "all definitions forgotten\n".to_string();
            }
            _ => {
                let near = COMMANDS
                    .iter()
                    .filter(|c| strsim::levenshtein(c, cmd) <= 2)
                    .min_by_key(|c| strsim::levenshtein(c, cmd));
                resp.diagnostics = match near {
                    Some(c) => format!(
                        "error: unknown command `{cmd}`; did you mean `{c}`? (`:help` lists the commands)\n"
                    ),
                    None => format!("error: unknown command `{cmd}`; `:help` lists the commands\n"),
                };
                resp.status = 1;
            }
        }
        resp
    }
}

/// What command `cmd` takes as its argument, as a phrase and as written in
/// its usage line (`None` for a command without one).
fn argument_of(cmd: &str) -> Option<(&'static str, &'static str)> {
    match cmd {
        ":type" | ":t" | ":ast" | ":tokens" => Some(("an expression", "EXPR")),
        ":load" => Some(("a file name", "FILE")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session::new(&Engine::new(), Box::new(std::io::sink()), false)
    }

    #[test]
    fn definitions_persist_across_inputs() {
        let mut s = session();
        assert_eq!(
            s.input("1", "fn sq(x) = x * x;").output,
            "sq : fn(a) -> a where a: Num\n"
        );
        assert_eq!(s.input("2", "let k = 10;").status, 0);
        assert_eq!(s.input("3", "let add = |x| x + k;").status, 0);
        assert_eq!(s.input("4", "add(sq(3))").output, "19 : Int\n");
        assert_eq!(
            s.input(
                "5",
                "fn f(n) = if n == 0 { 0 } else { n + f(n - 1) }; f(100)"
            )
            .output,
            "5050 : Int\n"
        );
        assert_eq!(s.input("6", "f(10)").output, "55 : Int\n");
    }

    #[test]
    fn shadowing_does_not_change_earlier_closures() {
        let mut s = session();
        s.input("1", "let k = 1;");
        s.input("2", "fn get() = k;");
        s.input("3", "let k = 2;");
        assert_eq!(s.input("4", "(get(), k)").output, "(1, 2) : (Int, Int)\n");
    }

    #[test]
    fn failing_inputs_change_nothing() {
        let mut s = session();
        s.input("1", "let x = 1;");
        let r = s.input("2", "let x = \"s\"; let y = 1 / 0;");
        assert_eq!(r.status, 3);
        let r = s.input("3", "let x = true + 1;");
        assert_eq!(r.status, 1);
        assert_eq!(s.input("4", "x + 1").output, "2 : Int\n");
        assert_eq!(s.input("5", "y").status, 1, "y was never committed");
    }

    #[test]
    fn equality_of_a_type_from_an_earlier_input_follows_its_fields() {
        let mut s = session();
        assert_eq!(s.input("1", "struct P { f: fn(Int) -> Int }").status, 0);
        let r = s.input("2", "P { f: abs } == P { f: abs }");
        assert_eq!(r.status, 1, "{}", r.output);
        assert!(
            r.diagnostics
                .contains("the field `f` of `P` holds a function")
        );
        assert_eq!(s.input("3", "struct Q<T> { n: Int }").status, 0);
        assert_eq!(
            s.input("4", "let q: Q<fn() -> Int> = Q { n: 1 }; q == q")
                .output,
            "true : Bool\n"
        );
    }

    #[test]
    fn user_types_persist() {
        let mut s = session();
        s.input("1", "struct P { x: Int, y: Int }");
        s.input("2", "enum T { A, B(Int) }");
        assert_eq!(
            s.input("3", "(P { y: 2, x: 1 }, B(3))").output,
            "(P { x: 1, y: 2 }, B(3)) : (P, T)\n"
        );
        let env = s.input("4", ":env").output;
        assert!(env.contains("struct P { x: Int, y: Int }"), "{env}");
        assert!(env.contains("enum T { A, B(Int) }"), "{env}");
    }

    #[test]
    fn commands() {
        let mut s = session();
        s.input("1", "let double = |x| x * 2;");
        assert_eq!(
            s.input("2", ":t double").output,
            "double : fn(Int) -> Int\n"
        );
        assert_eq!(
            s.input("2", ":t |x| x + x").output,
            "|x| x + x : fn(a) -> a where a: Num\n"
        );
        assert_eq!(s.input("3", ":type [1.0]").output, "[1.0] : [Float]\n");
        assert!(s.input("4", ":ast 1 + 2").output.contains("Binary +"));
        assert!(s.input("5", ":tokens 1").output.starts_with("Int \"1\""));
        assert!(
            s.input("6", ":env")
                .output
                .contains("double : fn(Int) -> Int")
        );
        let r = s.input("7", ":typo");
        assert_eq!(r.status, 1);
        assert!(
            r.diagnostics.contains("did you mean `:type`?"),
            "{}",
            r.diagnostics
        );
        assert!(s.input("8", ":help").output.contains(":load FILE"));
        assert!(s.input("9", ":q").quit);
        s.input("10", ":reset");
        assert_eq!(s.input("11", "double").status, 1);
    }

    #[test]
    fn commands_that_need_an_argument_say_so() {
        let mut s = session();
        for (cmd, usage) in [
            (":t", "`:t` needs an expression: `:t EXPR`"),
            (":type  ", "`:type` needs an expression: `:type EXPR`"),
            (":ast", "`:ast` needs an expression: `:ast EXPR`"),
            (":tokens", "`:tokens` needs an expression: `:tokens EXPR`"),
            (":load", "`:load` needs a file name: `:load FILE`"),
        ] {
            let r = s.input("1", cmd);
            assert_eq!(r.status, 1, "{cmd}");
            assert_eq!(r.output, "", "{cmd}");
            assert_eq!(r.diagnostics, format!("error: {usage}\n"), "{cmd}");
        }
    }

    #[test]
    fn help_describes_each_command_once() {
        let help = session().input("1", ":help").output;
        let env = help
            .lines()
            .find(|l| l.contains(":env"))
            .expect(":env listed");
        assert_eq!(env.matches("types").count(), 2, "{env}");
        assert!(!env.contains("types, with their types"), "{env}");
    }

    #[test]
    fn a_definition_prints_its_bounds_as_type_does() {
        let mut s = session();
        let r = s.input("1", "fn add<T: Num>(a: T, b: T) -> T { a + b }");
        assert_eq!(r.output, "add : fn(a, a) -> a where a: Num\n");
        assert_eq!(s.input("2", ":t add").output, r.output);
        assert_eq!(
            s.input("3", "fn both<A: Ord, B: Eq + Seq>(a: A, b: B) = (a, b);")
                .output,
            "both : fn(a, b) -> (a, b) where a: Ord, b: Eq + Seq\n"
        );
    }

    #[test]
    fn a_redefined_type_is_told_apart_from_the_old_one() {
        let mut s = session();
        s.input("<repl:1>", "struct P { x: Int }");
        s.input("<repl:2>", "let p = P { x: 1 };");
        s.input("<repl:3>", "struct P { y: Int }");
        let r = s.input("<repl:4>", "fn f(q: P) = q.y; f(p)");
        assert_eq!(r.status, 1);
        assert!(
            r.diagnostics.contains(
                "expected `P` (defined at <repl:3>:1:8), found `P` (defined at <repl:1>:1:8)"
            ),
            "{}",
            r.diagnostics
        );
        let r = s.input("<repl:5>", "[p] == [P { y: 2 }]");
        assert!(
            r.diagnostics.contains(
                "expected `[P]` (`P` defined at <repl:1>:1:8), found `[P]` (`P` defined at <repl:3>:1:8)"
            ),
            "{}",
            r.diagnostics
        );
    }

    #[test]
    fn load_skips_a_byte_order_mark() {
        let mut s = session();
        s.set_loader(Box::new(|_: &str| {
            Ok(b"\xEF\xBB\xBFlet x = 1;\nx + y".to_vec())
        }));
        let r = s.input("1", ":load bom.expr");
        assert_eq!(r.status, 1);
        assert!(r.diagnostics.contains("bom.expr:2:5"), "{}", r.diagnostics);
        s.set_loader(Box::new(|_: &str| Ok(b"\xEF\xBB\xBF1 + 1".to_vec())));
        assert_eq!(s.input("2", ":load bom.expr").output, "2 : Int\n");
    }

    #[test]
    fn shadowed_definitions_free_their_units() {
        let mut s = session();
        for i in 0..2000 {
            let r = s.input(
                &i.to_string(),
                "fn f(n) = if n == 0 { 0 } else { n + f(n - 1) }; f(100)",
            );
            assert_eq!(r.status, 0);
        }
        assert!(s.live_units() <= 2, "{} units still alive", s.live_units());
        for i in 0..2000 {
            s.input(&i.to_string(), "(17 * 3 + 4) / 2 - 7 % 3");
        }
        assert!(s.live_units() <= 2);
        assert!(s.engine.pool().len() <= 16);
    }

    #[test]
    fn load_runs_a_file_as_one_input() {
        let dir = std::env::temp_dir().join(format!("calc-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let good = dir.join("defs.expr");
        std::fs::write(&good, "fn triple(x) = 3 * x;\nlet base = 14;\n").expect("written");
        let bad = dir.join("bad.expr");
        std::fs::write(&bad, "let broken = 1 + true;\n").expect("written");
        let mut s = session();
        assert_eq!(s.input("0", ":load x.expr").status, 2);
        s.set_loader(Box::new(|p: &str| std::fs::read(p)));
        let r = s.input("1", &format!(":load {}", good.display()));
        assert_eq!(r.status, 0, "{}", r.diagnostics);
        assert_eq!(s.input("2", "triple(base)").output, "42 : Int\n");
        // A file that fails to check changes nothing; a missing one is an
        // I/O error.
        let r = s.input("3", &format!(":load {}", bad.display()));
        assert_eq!(r.status, 1);
        assert!(r.diagnostics.contains("bad.expr"), "{}", r.diagnostics);
        assert_eq!(s.input("4", "broken").status, 1);
        let r = s.input("5", ":load /no/such/file.expr");
        assert_eq!(r.status, 2);
        assert!(r.diagnostics.contains("cannot read"), "{}", r.diagnostics);
        assert_eq!(s.input("6", "triple(2)").output, "6 : Int\n");
    }
}
