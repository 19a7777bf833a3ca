//! Registering host functions: Rust closures callable from calc.
//!
//! Owns [`Engine::register_fn`]: parsing the calc signature (generic
//! signatures like `fn<T: Ord>([T]) -> T` included), checking that the
//! function takes and returns data, and wrapping the closure so the
//! evaluator calls it with the embedder's [`Value`]s and gets back a runtime
//! value of the declared result type (a closure returning a value of
//! another type fails the call, it cannot break the program's typing). The
//! checker then types every call, method-call sugar included. It must not
//! evaluate.

use crate::diag::Diagnostic;
use crate::engine::error::{CompileError, HostError, Part, codes};
use crate::engine::value::{MAX_PARTS, Value, from_runtime_within, to_runtime};
use crate::engine::{Engine, HostEntry, new_hosts_key};
use crate::eval::HostCall;
use crate::eval::value::Value as Rt;
use crate::sema::signature::{Signature, contains_fn};
use crate::sema::types::SType;
use crate::span::Span;
use crate::syntax::lexer::{self, TokenKind};
use std::sync::Arc;

/// Fails unless `name` is a value name calc programs can write (an
/// identifier, not a keyword, starting with a lowercase letter or `_`).
pub(super) fn check_name(name: &str, what: &str) -> Result<(), Diagnostic> {
    let (tokens, diags) = lexer::lex(name);
    let kinds: Vec<TokenKind> = tokens.iter().map(|t| t.kind).collect();
    if diags.is_empty() && kinds == [TokenKind::Ident, TokenKind::Eof] && name != "_" {
        return Ok(());
    }
    Err(Diagnostic::error(
        codes::BAD_NAME,
        format!("`{name}` cannot be the name of {what}"),
        Span::new(0, name.len() as u32),
    )
    .with_help("use a name calc can write: a lowercase identifier that is not a keyword"))
}

impl Engine {
    /// Registers `f` as the calc function `name` of type `signature` (calc
    /// type syntax: `"fn(Str) -> Str"`, or generic: `"fn<T: Ord>([T]) ->
    /// T"`). Programs compiled from now on can call it, also with
    /// method-call sugar (`s.slugify()`); each call is type-checked at
    /// compile time. Registering a name again replaces the function; a
    /// host function shadows a prelude function of the same name.
    ///
    /// `f` receives the arguments as [`Value`]s and returns the result, or a
    /// [`HostError`], which stops the evaluation with a runtime error
    /// (`E0410`) at the call. A result of another type than the signature
    /// says fails the same way. Parameters and result must be data (no
    /// functions): a signature that is not a function type or passes
    /// functions is refused.
    ///
    /// ```
    /// use calc::{Engine, HostError, Value};
    ///
    /// let mut engine = Engine::new();
    /// engine.register_fn("slugify", "fn(Str) -> Str", |args| match args {
    ///     [Value::Str(s)] => Ok(Value::Str(s.to_lowercase().replace(' ', "-"))),
    ///     _ => Err(HostError::new("expected one string")),
    /// })?;
    /// let program = engine.compile("title.slugify()", &[("title", "Str")])?;
    /// assert_eq!(program.eval(&["Hello World".into()])?, Value::from("hello-world"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn register_fn<F>(
        &mut self,
        name: &str,
        signature: &str,
        f: F,
    ) -> Result<&mut Engine, CompileError>
    where
        F: Fn(&[Value]) -> Result<Value, HostError> + Send + Sync + 'static,
    {
        let refuse = |file: &str, text: &str, d: Diagnostic| CompileError {
            parts: vec![Part::new(file, text, vec![d])],
        };
        check_name(name, "a host function").map_err(|d| refuse("<host>", name, d))?;
        let file = format!("<signature of {name}>");
        let sig = Signature::parse(signature).map_err(|diags| CompileError {
            parts: vec![Part::new(&file, signature, diags)],
        })?;
        let SType::Fn(params, ret) = &sig.scheme.ty else {
            let d = Diagnostic::error(
                codes::BAD_SIGNATURE,
                format!("the signature of `{name}` is not a function type"),
                Span::new(0, signature.len() as u32),
            )
            .with_help("write it as `fn(Str, Int) -> Str`");
            return Err(refuse(&file, signature, d));
        };
        if params.iter().any(contains_fn) || contains_fn(ret) {
            let d = Diagnostic::error(
                codes::BAD_SIGNATURE,
                format!("`{name}` would pass a function between calc and Rust"),
                Span::new(0, signature.len() as u32),
            )
            .with_help("host functions take and return data: no function types inside");
            return Err(refuse(&file, signature, d));
        }
        let entry = HostEntry {
            name: Arc::from(name),
            call: wrap((**ret).clone(), f),
            signature: sig,
        };
        self.hosts_key = new_hosts_key();
        let hosts = Arc::make_mut(&mut self.hosts);
        match hosts.iter_mut().find(|h| h.name == entry.name) {
            Some(h) => *h = entry,
            None => hosts.push(entry),
        }
        Ok(self)
    }
}

/// The evaluator's closure for a host function with result type `ret`:
/// converts the arguments, calls `f`, converts its result checking the type.
fn wrap<F>(ret: SType, f: F) -> Arc<HostCall>
where
    F: Fn(&[Value]) -> Result<Value, HostError> + Send + Sync + 'static,
{
    Arc::new(move |args: &[Rt]| -> Result<Rt, String> {
        let args = args
            .iter()
            .map(|a| from_runtime_within(a, MAX_PARTS))
            .collect::<Result<Vec<Value>, _>>()
            .map_err(|e| format!("an argument cannot be passed to the host: {e}"))?;
        let out = f(&args).map_err(|e| e.0)?;
        to_runtime(&out, &ret, 0)
            .map_err(|e| format!("it returned a value its signature does not allow: {e}"))
    })
}
