//! The type checker: Hindley–Milner inference with let-polymorphism and the
//! constraint classes `Num`, `Ord`, `Eq`, `Seq` (A2, A3, A9, B).
//!
//! Owns inference over the arena AST (borrowed, never mutated), scoping of
//! values and types, user `struct`/`enum` declarations, and every type
//! diagnostic. [`Checker`] persists across compilation units (the REPL): it
//! keeps the global bindings and declarations as owned schemes
//! ([`GScheme`]), never borrowing an arena; each unit gets a fresh
//! [`TypeStore`]. A unit with errors commits nothing.
//!
//! `fn` items: all items of a block are visible throughout it. Each is
//! inferred on first use (or at its position), in the environment of its
//! position; Tarjan's algorithm runs along the way, so a strongly connected
//! group of mutually recursive items is inferred together and generalised
//! once its root finishes. Using an item before a `let` it captures (directly
//! or through other items) is reported at that use.
//!
//! Errors never cascade: an erroneous expression gets the error type, which
//! unifies with anything. This module must not evaluate or print.

use crate::diag::Diagnostic;
use crate::sema::prelude;
use crate::sema::types::{Classes, GScheme, Node, Printer, SType, TyId, TypeStore, UnifyError};
use crate::span::Span;
use crate::syntax::ast::*;
use std::collections::HashMap;
use std::rc::Rc;

/// Type-checking diagnostic codes.
pub mod codes {
    /// An unknown value name.
    pub const UNKNOWN_NAME: &str = "E0201";
    /// Two types that should be equal are not.
    pub const MISMATCH: &str = "E0202";
    /// A call with the wrong number of arguments.
    pub const ARITY: &str = "E0203";
    /// A call of a non-function.
    pub const NOT_A_FUNCTION: &str = "E0204";
    /// A type that lacks a required class (`Num`, `Ord`, `Eq`, `Seq`).
    pub const CLASS: &str = "E0205";
    /// An infinite type (occurs check).
    pub const INFINITE_TYPE: &str = "E0206";
    /// A refutable pattern in `let`.
    pub const REFUTABLE_LET: &str = "E0207";
    /// An unknown type name.
    pub const UNKNOWN_TYPE: &str = "E0208";
    /// A field that does not exist.
    pub const NO_FIELD: &str = "E0209";
    /// A type that cannot be inferred from context.
    pub const ANNOTATION_NEEDED: &str = "E0210";
    /// A `fn` item used before a `let` it captures.
    pub const DEFINED_LATER: &str = "E0211";
    /// Two definitions of one name in one block.
    pub const DUPLICATE: &str = "E0212";
    /// Struct literal or pattern with missing fields.
    pub const MISSING_FIELDS: &str = "E0213";
    /// Wrong number of type arguments or constructor fields.
    pub const WRONG_COUNT: &str = "E0214";
    /// An unknown constructor.
    pub const UNKNOWN_CTOR: &str = "E0215";
    /// `if` without `else` whose block is not `()`.
    pub const IF_WITHOUT_ELSE: &str = "E0216";
    /// Or-pattern alternatives binding different names.
    pub const OR_BINDINGS: &str = "E0217";
}

/// A user (or prelude) type declaration, owned.
#[derive(Clone, Debug)]
pub struct TypeDef {
    /// The type's name.
    pub name: Rc<str>,
    /// Type parameter names.
    pub params: Vec<Rc<str>>,
    /// Struct fields or enum variants.
    pub kind: DefKind,
}

/// The body of a declaration.
#[derive(Clone, Debug)]
pub enum DefKind {
    /// Fields in declaration order (types use `SType::Param`).
    Struct(Vec<(Rc<str>, SType)>),
    /// Variants with their field types.
    Enum(Vec<(Rc<str>, Vec<SType>)>),
}

/// What checking a unit produced.
#[derive(Debug, Default)]
pub struct CheckOutcome {
    /// Type errors and warnings, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The printed type of the unit's final expression (`None` if it has
    /// none), with ambiguous `Num` defaulted to `Int`.
    pub result_type: Option<String>,
    /// Top-level names the unit defines, with printed schemes, in order.
    pub bindings: Vec<(String, String)>,
    /// The final expression's type before defaulting (`fn(a) -> a where a:
    /// Num` rather than `fn(Int) -> Int`), for the REPL's `:type`.
    pub result_scheme: Option<String>,
}

impl CheckOutcome {
    /// True when some diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The persistent checker: prelude, global bindings and declarations.
pub struct Checker {
    defs: Vec<TypeDef>,
    /// Type names visible at top level (prelude and committed units).
    type_names: Vec<(Rc<str>, u32)>,
    globals: Vec<(Rc<str>, GScheme)>,
    prelude: Vec<(&'static str, GScheme)>,
}

impl Default for Checker {
    fn default() -> Checker {
        Checker::new()
    }
}

impl Checker {
    /// A checker knowing only the prelude.
    pub fn new() -> Checker {
        let t = |n: &str| Rc::<str>::from(n);
        let defs = vec![
            TypeDef {
                name: t("Option"),
                params: vec![t("T")],
                kind: DefKind::Enum(vec![
                    (t("Some"), vec![SType::Param(0)]),
                    (t("None"), vec![]),
                ]),
            },
            TypeDef {
                name: t("Result"),
                params: vec![t("T"), t("E")],
                kind: DefKind::Enum(vec![
                    (t("Ok"), vec![SType::Param(0)]),
                    (t("Err"), vec![SType::Param(1)]),
                ]),
            },
        ];
        Checker {
            type_names: vec![
                (t("Option"), prelude::OPTION),
                (t("Result"), prelude::RESULT),
            ],
            defs,
            globals: Vec::new(),
            prelude: prelude::schemes(),
        }
    }

    /// Checks one unit. With `commit`, a unit without errors makes its
    /// top-level definitions visible to later units; a unit with errors
    /// never changes the checker.
    pub fn check_unit(&mut self, program: &Program, commit: bool) -> CheckOutcome {
        let mut cx = Cx::new(self, program.node_count);
        let result = cx.check_top(program.body);
        let mut out = CheckOutcome {
            diagnostics: std::mem::take(&mut cx.diags),
            ..CheckOutcome::default()
        };
        out.diagnostics
            .sort_by_key(|d| d.primary_span().map_or(0, |s| s.start));
        let top = cx.top.clone();
        let printed: Vec<(String, String)> = top
            .iter()
            .map(|(name, scheme)| (name.to_string(), cx.print_final(scheme.ty)))
            .collect();
        out.bindings = printed;
        if let Some(t) = result {
            out.result_scheme = Some(cx.print_final(t));
            cx.default_num(t);
            out.result_type = Some(cx.print_final(t));
        }
        if commit && !out.has_errors() {
            let top: Vec<(Rc<str>, GScheme)> = cx
                .top
                .iter()
                .map(|(n, s)| (Rc::from(*n), cx.store.to_gscheme(s.ty)))
                .collect();
            let new_types = std::mem::take(&mut cx.top_types);
            let defs = std::mem::take(&mut cx.defs);
            self.defs = defs;
            for (name, idx) in new_types {
                self.type_names.retain(|(n, _)| *n != name);
                self.type_names.push((name, idx));
            }
            for (name, g) in top {
                self.globals.retain(|(n, _)| *n != name);
                self.globals.push((name, g));
            }
        }
        out
    }

    /// The user's global bindings with their printed types, in definition
    /// order (for the REPL's `:env`).
    pub fn env_listing(&self) -> Vec<(String, String)> {
        self.globals
            .iter()
            .map(|(n, g)| {
                let mut store = TypeStore::new();
                let t = store.instantiate_g(g, 1);
                let names = |d: u32| self.def_name(d);
                let mut p = Printer::new(&names);
                (n.to_string(), p.scheme(&mut store, t))
            })
            .collect()
    }

    /// The user's type declarations, printed as `struct P { x: Float }` /
    /// `enum T { A, B(Int) }` (for `:env`).
    pub fn type_listing(&self) -> Vec<String> {
        self.type_names
            .iter()
            .filter(|(_, idx)| *idx > prelude::RESULT)
            .map(|(_, idx)| {
                let d = &self.defs[*idx as usize];
                let params = if d.params.is_empty() {
                    String::new()
                } else {
                    format!("<{}>", d.params.join(", "))
                };
                let show = |s: &SType| stype_text(s, &d.params, &|i| self.def_name(i));
                match &d.kind {
                    DefKind::Struct(fields) => {
                        let fs: Vec<String> = fields
                            .iter()
                            .map(|(n, t)| format!("{n}: {}", show(t)))
                            .collect();
                        format!("struct {}{params} {{ {} }}", d.name, fs.join(", "))
                    }
                    DefKind::Enum(vs) => {
                        let vs: Vec<String> = vs
                            .iter()
                            .map(|(n, ts)| {
                                if ts.is_empty() {
                                    n.to_string()
                                } else {
                                    let ts: Vec<String> = ts.iter().map(show).collect();
                                    format!("{n}({})", ts.join(", "))
                                }
                            })
                            .collect();
                        format!("enum {}{params} {{ {} }}", d.name, vs.join(", "))
                    }
                }
            })
            .collect()
    }

    /// Names of all global values and prelude functions (for completion).
    pub fn value_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.prelude.iter().map(|(n, _)| n.to_string()).collect();
        v.extend(self.globals.iter().map(|(n, _)| n.to_string()));
        v
    }

    fn def_name(&self, d: u32) -> String {
        self.defs
            .get(d as usize)
            .map_or_else(|| "?".to_string(), |d| d.name.to_string())
    }
}

fn stype_text(s: &SType, params: &[Rc<str>], names: &dyn Fn(u32) -> String) -> String {
    let list = |xs: &[SType]| {
        xs.iter()
            .map(|x| stype_text(x, params, names))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match s {
        SType::Var(i) => format!("t{i}"),
        SType::Param(i) => params
            .get(*i as usize)
            .map_or("?".to_string(), |p| p.to_string()),
        SType::Int => "Int".into(),
        SType::Float => "Float".into(),
        SType::Bool => "Bool".into(),
        SType::Str => "Str".into(),
        SType::Unit => "()".into(),
        SType::Error => "_".into(),
        SType::List(x) => format!("[{}]", stype_text(x, params, names)),
        SType::Tuple(xs) => format!("({})", list(xs)),
        SType::Fn(xs, r) => format!("fn({}) -> {}", list(xs), stype_text(r, params, names)),
        SType::Named(d, xs) if xs.is_empty() => names(*d),
        SType::Named(d, xs) => format!("{}<{}>", names(*d), list(xs)),
    }
}

/// A polymorphic type within one unit: `∀ vars. ty`.
#[derive(Clone, Debug)]
struct Scheme {
    vars: Rc<[TyId]>,
    ty: TyId,
}

impl Scheme {
    fn mono(ty: TyId) -> Scheme {
        Scheme {
            vars: Rc::from([]),
            ty,
        }
    }
}

#[derive(Clone, Debug)]
enum Entry {
    Poly(Scheme),
    /// A `fn` item, by its NodeId.
    Item(NodeId),
    /// A `let` of an enclosing block that is not yet evaluated where the
    /// item being checked is used.
    Later {
        let_span: Span,
    },
}

#[derive(Clone, Debug)]
enum FnState {
    Unvisited,
    InProgress { ty: TyId, index: u32, low: u32 },
    Done(Scheme),
}

#[derive(Clone, Copy)]
struct FnMeta<'a> {
    item: &'a FnItem<'a>,
    /// Index of the declaring block in the block stack.
    block: usize,
    /// Statement index within that block.
    stmt: usize,
}

struct BlockRec<'a> {
    stmt: usize,
    mark: usize,
    level: u32,
    /// `(statement index, name, span)` of every `let` binding of the block.
    lets: Vec<(usize, &'a str, Span)>,
}

#[derive(Clone, Copy, Debug)]
enum TEntry {
    Def(u32),
    Variant(u32, u32),
    Param(TyId),
}

/// Why a type was expected: becomes the secondary label of a mismatch.
#[derive(Clone, Copy)]
enum Reason<'r> {
    None,
    /// Expected because of another expression.
    Because(Span, &'r str),
}

/// The state of checking one unit (crate-visible for `exhaust`).
pub(crate) struct Cx<'a, 'c> {
    checker: &'c Checker,
    defs: Vec<TypeDef>,
    store: TypeStore,
    env: HashMap<&'a str, Vec<Entry>>,
    log: Vec<&'a str>,
    types: Vec<(Rc<str>, TEntry)>,
    level: u32,
    diags: Vec<Diagnostic>,
    /// Inference state of each `fn` item, by its NodeId.
    fn_state: HashMap<NodeId, FnState>,
    fn_meta: HashMap<NodeId, FnMeta<'a>>,
    tarjan: Vec<NodeId>,
    tarjan_next: u32,
    current_fn: Vec<NodeId>,
    blocks: Vec<BlockRec<'a>>,
    /// Uses that triggered lazy checks (for "defined later" errors).
    triggers: Vec<(Span, &'a str)>,
    reported_later: Vec<Span>,
    top: Vec<(&'a str, Scheme)>,
    top_types: Vec<(Rc<str>, u32)>,
    /// Length of `types` holding the names visible before the unit.
    top_base: usize,
    depth: u32,
}

/// Type and variant names visible at the top of a unit.
fn visible_types(checker: &Checker) -> Vec<(Rc<str>, TEntry)> {
    let mut v = Vec::new();
    for (name, idx) in &checker.type_names {
        v.push((name.clone(), TEntry::Def(*idx)));
        if let DefKind::Enum(vs) = &checker.defs[*idx as usize].kind {
            for (vi, (vn, _)) in vs.iter().enumerate() {
                v.push((vn.clone(), TEntry::Variant(*idx, vi as u32)));
            }
        }
    }
    v
}

fn names_of<'a>(p: &Pattern<'a>, out: &mut Vec<(&'a str, Span)>) {
    match p.kind {
        PatKind::Bind(i) => out.push((i.name, i.span)),
        PatKind::Tuple(l) => l.items.iter().for_each(|q| names_of(q, out)),
        PatKind::Or(l) => {
            if let Some(q) = l.items.first() {
                names_of(q, out);
            }
        }
        PatKind::List(l) => {
            l.items.iter().for_each(|q| names_of(q, out));
            if let Some(Rest {
                binding: Some(b), ..
            }) = l.rest
            {
                out.push((b.name, b.span));
            }
        }
        PatKind::Ctor(c) => c.args.iter().for_each(|q| names_of(q, out)),
        PatKind::Struct(s) => s.fields.iter().for_each(|f| names_of(&f.pattern, out)),
        _ => {}
    }
}

impl<'a, 'c> Cx<'a, 'c> {
    fn new(checker: &'c Checker, node_count: u32) -> Cx<'a, 'c> {
        let _ = node_count;
        let types = visible_types(checker);
        Cx {
            top_base: types.len(),
            checker,
            defs: checker.defs.clone(),
            store: TypeStore::new(),
            env: HashMap::new(),
            log: Vec::new(),
            types,
            level: 0,
            diags: Vec::new(),
            fn_state: HashMap::new(),
            fn_meta: HashMap::new(),
            tarjan: Vec::new(),
            tarjan_next: 0,
            current_fn: Vec::new(),
            blocks: Vec::new(),
            triggers: Vec::new(),
            reported_later: Vec::new(),
            top: Vec::new(),
            top_types: Vec::new(),
            depth: 0,
        }
    }

    // ----- environment -----

    fn push(&mut self, name: &'a str, e: Entry) {
        if name == "_" {
            return;
        }
        self.env.entry(name).or_default().push(e);
        self.log.push(name);
    }

    fn pop_to(&mut self, mark: usize) -> Vec<(&'a str, Entry)> {
        let mut popped = Vec::new();
        while self.log.len() > mark {
            let name = self.log.pop().expect("log is longer than mark");
            if let Some(stack) = self.env.get_mut(name)
                && let Some(e) = stack.pop()
            {
                popped.push((name, e));
            }
        }
        popped.reverse();
        popped
    }

    fn restore(&mut self, entries: Vec<(&'a str, Entry)>) {
        for (n, e) in entries {
            self.push(n, e);
        }
    }

    fn lookup(&self, name: &str) -> Option<&Entry> {
        self.env.get(name).and_then(|s| s.last())
    }

    fn type_lookup(&self, name: &str) -> Option<TEntry> {
        self.types
            .iter()
            .rev()
            .find(|(n, _)| &**n == name)
            .map(|(_, e)| *e)
    }

    // ----- printing and errors -----

    fn print(&mut self, t: TyId) -> String {
        let defs = &self.defs;
        let names = |d: u32| {
            defs.get(d as usize)
                .map_or("?".to_string(), |d| d.name.to_string())
        };
        let mut p = Printer::new(&names);
        p.scheme(&mut self.store, t)
    }

    /// Prints a finished type: declared parameters as `a`, `b`, ….
    fn print_final(&mut self, t: TyId) -> String {
        let defs = &self.defs;
        let names = |d: u32| {
            defs.get(d as usize)
                .map_or("?".to_string(), |d| d.name.to_string())
        };
        let mut p = Printer::new(&names);
        p.rigid_as_var = true;
        p.scheme(&mut self.store, t)
    }

    fn print_pair(&mut self, a: TyId, b: TyId) -> (String, String) {
        let defs = &self.defs;
        let names = |d: u32| {
            defs.get(d as usize)
                .map_or("?".to_string(), |d| d.name.to_string())
        };
        let mut p = Printer::new(&names);
        let x = p.ty(&mut self.store, a);
        let y = p.ty(&mut self.store, b);
        (x, y)
    }

    fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Unifies `expected` with `found` (the type of the expression at
    /// `span`), reporting a mismatch there.
    fn expect(&mut self, expected: TyId, found: TyId, span: Span, reason: Reason) -> bool {
        match self.store.unify(expected, found) {
            Ok(()) => true,
            Err(e) => {
                self.report_unify(e, expected, found, span, reason);
                false
            }
        }
    }

    fn report_unify(
        &mut self,
        e: UnifyError,
        expected: TyId,
        found: TyId,
        span: Span,
        reason: Reason,
    ) {
        match e {
            UnifyError::Class { ty, class } => self.class_error(ty, class, span, "this expression"),
            UnifyError::Occurs => {
                let (x, y) = self.print_pair(expected, found);
                self.error(
                    Diagnostic::error(
                        codes::INFINITE_TYPE,
                        format!("infinite type: `{x}` would have to contain itself (`{y}`)"),
                        span,
                    )
                    .with_primary_message("this makes a type refer to itself")
                    .with_help(
                        "a value is applied to itself or put inside itself; calc types are finite",
                    ),
                );
            }
            UnifyError::Mismatch => {
                let (x, y) = self.print_pair(expected, found);
                let mut d = Diagnostic::error(
                    codes::MISMATCH,
                    format!("mismatched types: expected `{x}`, found `{y}`"),
                    span,
                )
                .with_primary_message(format!("expected `{x}`, found `{y}`"));
                if let Reason::Because(s, why) = reason {
                    d = d.with_label(s, why);
                }
                let ex = self.store.node(expected);
                let fo = self.store.node(found);
                match (ex, fo) {
                    (Node::Float, Node::Int) | (Node::Int, Node::Float) => {
                        d = d.with_help(
                            "calc never converts implicitly: use `float(x)` to turn an Int into a Float (or write a float literal such as `1.0`), or `int(x)` for the reverse",
                        );
                    }
                    _ => {}
                }
                self.error(d);
            }
        }
    }

    fn class_error(&mut self, ty: TyId, class: &'static str, span: Span, what: &str) {
        let t = self.print(ty);
        let node = self.store.node(ty);
        let mut d = match class {
            "Num" => Diagnostic::error(
                codes::CLASS,
                format!("`{t}` is not a number type"),
                span,
            )
            .with_primary_message(format!("{what} has type `{t}`, but `Int` or `Float` is needed")),
            "Ord" => Diagnostic::error(codes::CLASS, format!("`{t}` cannot be ordered"), span)
                .with_primary_message(format!("{what} has type `{t}`; only Int, Float and Str are ordered")),
            "Seq" => Diagnostic::error(codes::CLASS, format!("`{t}` is not a sequence"), span)
                .with_primary_message(format!("{what} has type `{t}`; only Str and lists are sequences")),
            _ => Diagnostic::error(
                codes::CLASS,
                format!("`{t}` cannot be compared with `==`"),
                span,
            )
            .with_primary_message(format!("{what} has type `{t}`"))
            .with_note("equality is structural, and functions have no structure to compare: two functions are never `==`"),
        };
        if let Node::Rigid { name, .. } = node {
            d = Diagnostic::error(
                codes::CLASS,
                format!("the type parameter `{name}` is not known to be `{class}`"),
                span,
            )
            .with_primary_message(format!("{what} needs `{name}: {class}`"))
            .with_help(format!(
                "add the bound `{name}: {class}` to the type parameter"
            ));
        }
        self.error(d);
    }

    fn require(&mut self, t: TyId, classes: Classes, span: Span, what: &str) -> bool {
        match self.store.constrain(t, classes) {
            Ok(()) => true,
            Err(UnifyError::Class { ty, class }) => {
                self.class_error(ty, class, span, what);
                false
            }
            Err(_) => false,
        }
    }

    fn fresh(&mut self) -> TyId {
        self.store.var(self.level)
    }

    fn prim(&mut self, n: Node) -> TyId {
        self.store.add(n)
    }

    fn error_ty(&mut self) -> TyId {
        self.store.add(Node::Error)
    }

    // ----- schemes -----

    fn generalize(&mut self, t: TyId) -> Scheme {
        let mut fv = Vec::new();
        self.store.free_vars(t, &mut fv);
        let level = self.level;
        let vars: Vec<TyId> = fv
            .into_iter()
            .filter(|v| match self.store.node(*v) {
                Node::Var { level: l, .. } | Node::Rigid { level: l, .. } => l > level,
                _ => false,
            })
            .collect();
        Scheme {
            vars: vars.into(),
            ty: t,
        }
    }

    fn instantiate(&mut self, s: &Scheme) -> TyId {
        if s.vars.is_empty() {
            return s.ty;
        }
        let mut map = HashMap::new();
        for v in s.vars.iter() {
            let classes = match self.store.node(*v) {
                Node::Var { classes, .. } | Node::Rigid { classes, .. } => classes,
                _ => Classes::NONE,
            };
            let fresh = self.store.var_with(classes, self.level);
            map.insert(self.store.find(*v), fresh);
        }
        self.store.copy_with(s.ty, &map)
    }

    /// Defaults ambiguous `Num` variables in `t` to `Int`.
    fn default_num(&mut self, t: TyId) {
        let mut fv = Vec::new();
        self.store.free_vars(t, &mut fv);
        for v in fv {
            if let Node::Var { classes, .. } = self.store.node(v)
                && classes.contains(Classes::NUM)
            {
                let int = self.prim(Node::Int);
                let _ = self.store.unify(v, int);
            }
        }
    }

    // ----- type annotations -----

    fn def_instance(&mut self, def: u32) -> (TyId, Vec<TyId>) {
        let n = self.defs[def as usize].params.len();
        let args: Vec<TyId> = (0..n).map(|_| self.fresh()).collect();
        let t = self.store.add(Node::Named(def, args.clone().into()));
        (t, args)
    }

    fn annotation(&mut self, t: &Type) -> TyId {
        match t.kind {
            TypeKind::Named { name, args } => {
                let prim = match name.name {
                    "Int" => Some(Node::Int),
                    "Float" => Some(Node::Float),
                    "Bool" => Some(Node::Bool),
                    "Str" => Some(Node::Str),
                    _ => None,
                };
                if let Some(p) = prim {
                    if !args.is_empty() {
                        self.error(Diagnostic::error(
                            codes::WRONG_COUNT,
                            format!("`{}` takes no type arguments", name.name),
                            t.span,
                        ));
                    }
                    return self.prim(p);
                }
                match self.type_lookup(name.name) {
                    Some(TEntry::Param(ty)) => ty,
                    Some(TEntry::Def(d)) => {
                        let want = self.defs[d as usize].params.len();
                        if want != args.len() {
                            self.error(Diagnostic::error(
                                codes::WRONG_COUNT,
                                format!(
                                    "`{}` takes {want} type argument{}, but {} {} given",
                                    name.name,
                                    if want == 1 { "" } else { "s" },
                                    args.len(),
                                    if args.len() == 1 { "was" } else { "were" }
                                ),
                                t.span,
                            ));
                            return self.error_ty();
                        }
                        let a: Vec<TyId> = args.iter().map(|x| self.annotation(x)).collect();
                        self.store.add(Node::Named(d, a.into()))
                    }
                    _ => {
                        let mut d = Diagnostic::error(
                            codes::UNKNOWN_TYPE,
                            format!("unknown type `{}`", name.name),
                            name.span,
                        )
                        .with_primary_message("not a type in scope");
                        let candidates: Vec<String> = ["Int", "Float", "Bool", "Str"]
                            .iter()
                            .map(|s| s.to_string())
                            .chain(self.types.iter().map(|(n, _)| n.to_string()))
                            .collect();
                        if let Some(s) = suggest(name.name, candidates.iter().map(String::as_str)) {
                            d = d.with_help(format!("did you mean `{s}`?"));
                        } else if name.name.chars().next().is_some_and(|c| c.is_lowercase()) {
                            d = d.with_help("type names start with an uppercase letter; declare type parameters as `fn f<T>(x: T)`");
                        }
                        self.error(d);
                        self.error_ty()
                    }
                }
            }
            TypeKind::List(e) => {
                let e = self.annotation(e);
                self.store.add(Node::List(e))
            }
            TypeKind::Tuple(ts) => {
                let xs: Vec<TyId> = ts.iter().map(|x| self.annotation(x)).collect();
                self.store.add(Node::Tuple(xs.into()))
            }
            TypeKind::Unit => self.prim(Node::Unit),
            TypeKind::Fn { params, ret } => {
                let xs: Vec<TyId> = params.iter().map(|x| self.annotation(x)).collect();
                let r = self.annotation(ret);
                self.store.add(Node::Fn(xs.into(), r))
            }
            TypeKind::Error => self.error_ty(),
        }
    }

    /// Converts a declaration's field type to an owned type over its params.
    fn decl_type(&mut self, t: &Type, params: &[Ident]) -> SType {
        match t.kind {
            TypeKind::Named { name, args } => {
                if let Some(i) = params.iter().position(|p| p.name == name.name) {
                    return SType::Param(i as u32);
                }
                match name.name {
                    "Int" => return SType::Int,
                    "Float" => return SType::Float,
                    "Bool" => return SType::Bool,
                    "Str" => return SType::Str,
                    _ => {}
                }
                match self.type_lookup(name.name) {
                    Some(TEntry::Def(d)) => {
                        let want = self.defs[d as usize].params.len();
                        if want != args.len() {
                            self.error(Diagnostic::error(
                                codes::WRONG_COUNT,
                                format!(
                                    "`{}` takes {want} type argument(s), but {} given",
                                    name.name,
                                    args.len()
                                ),
                                t.span,
                            ));
                            return SType::Error;
                        }
                        SType::Named(d, args.iter().map(|a| self.decl_type(a, params)).collect())
                    }
                    _ => {
                        self.error(
                            Diagnostic::error(
                                codes::UNKNOWN_TYPE,
                                format!("unknown type `{}`", name.name),
                                name.span,
                            )
                            .with_primary_message("not a type in scope"),
                        );
                        SType::Error
                    }
                }
            }
            TypeKind::List(e) => SType::List(Box::new(self.decl_type(e, params))),
            TypeKind::Tuple(ts) => {
                SType::Tuple(ts.iter().map(|x| self.decl_type(x, params)).collect())
            }
            TypeKind::Unit => SType::Unit,
            TypeKind::Fn { params: ps, ret } => SType::Fn(
                ps.iter().map(|x| self.decl_type(x, params)).collect(),
                Box::new(self.decl_type(ret, params)),
            ),
            TypeKind::Error => SType::Error,
        }
    }

    // ----- blocks -----

    fn check_top(&mut self, b: &'a Block<'a>) -> Option<TyId> {
        let t = self.block(b, true);
        b.tail.map(|_| t)
    }

    /// Declares a block's type items (visible throughout the block).
    fn declare_types(&mut self, b: &'a Block<'a>, top: bool) {
        let mut seen_variants: Vec<(&str, Span)> = Vec::new();
        let start = self.defs.len() as u32;
        // First the names (so declarations can refer to each other) …
        for s in b.stmts {
            let (name, params): (&Ident, &[Ident]) = match s {
                Stmt::Struct(i) => (i.name, i.params),
                Stmt::Enum(i) => (i.name, i.params),
                _ => continue,
            };
            let idx = self.defs.len() as u32;
            self.defs.push(TypeDef {
                name: Rc::from(name.name),
                params: params.iter().map(|p| Rc::from(p.name)).collect(),
                kind: DefKind::Struct(Vec::new()),
            });
            if self.types[self.top_base..]
                .iter()
                .any(|(n, _)| &**n == name.name)
                && top
            {
                self.error(
                    Diagnostic::error(
                        codes::DUPLICATE,
                        format!("the type `{}` is defined twice", name.name),
                        name.span,
                    )
                    .with_primary_message("second definition"),
                );
            }
            self.types.push((Rc::from(name.name), TEntry::Def(idx)));
            if top {
                self.top_types.push((Rc::from(name.name), idx));
            }
        }
        // … then their bodies.
        let mut idx = start;
        for s in b.stmts {
            match s {
                Stmt::Struct(item) => {
                    let fields: Vec<(Rc<str>, SType)> = item
                        .fields
                        .iter()
                        .map(|f| (Rc::from(f.name.name), self.decl_type(&f.ty, item.params)))
                        .collect();
                    self.defs[idx as usize].kind = DefKind::Struct(fields);
                    idx += 1;
                }
                Stmt::Enum(item) => {
                    let mut variants = Vec::new();
                    for (vi, v) in item.variants.iter().enumerate() {
                        if let Some((_, first)) =
                            seen_variants.iter().find(|(n, _)| *n == v.name.name)
                        {
                            let first = *first;
                            self.error(
                                Diagnostic::error(
                                    codes::DUPLICATE,
                                    format!("the variant `{}` is defined twice in this scope", v.name.name),
                                    v.name.span,
                                )
                                .with_label(first, "first defined here")
                                .with_help("variant names are unqualified, so they must be unique in a scope"),
                            );
                        }
                        seen_variants.push((v.name.name, v.name.span));
                        let fields: Vec<SType> = v
                            .fields
                            .iter()
                            .map(|t| self.decl_type(t, item.params))
                            .collect();
                        variants.push((Rc::from(v.name.name), fields));
                        self.types
                            .push((Rc::from(v.name.name), TEntry::Variant(idx, vi as u32)));
                    }
                    self.defs[idx as usize].kind = DefKind::Enum(variants);
                    idx += 1;
                }
                _ => {}
            }
        }
    }

    fn block(&mut self, b: &'a Block<'a>, top: bool) -> TyId {
        let env_mark = self.log.len();
        let types_mark = self.types.len();
        self.declare_types(b, top);
        // Declare fn items; record lets for "defined later" checks.
        let mut lets = Vec::new();
        let block_index = self.blocks.len();
        let mut fn_names: HashMap<&str, Span> = HashMap::new();
        for (i, s) in b.stmts.iter().enumerate() {
            match s {
                Stmt::Fn(f) => {
                    if let Some(first) = fn_names.get(f.name.name) {
                        let first = *first;
                        self.error(
                            Diagnostic::error(
                                codes::DUPLICATE,
                                format!(
                                    "the function `{}` is defined twice in this block",
                                    f.name.name
                                ),
                                f.name.span,
                            )
                            .with_label(first, "first defined here"),
                        );
                        continue;
                    }
                    fn_names.insert(f.name.name, f.name.span);
                    self.fn_meta.insert(
                        f.id,
                        FnMeta {
                            item: f,
                            block: block_index,
                            stmt: i,
                        },
                    );
                    self.push(f.name.name, Entry::Item(f.id));
                }
                Stmt::Let(l) => {
                    let mut names = Vec::new();
                    names_of(&l.pattern, &mut names);
                    for (n, sp) in names {
                        lets.push((i, n, sp));
                    }
                }
                _ => {}
            }
        }
        self.blocks.push(BlockRec {
            stmt: 0,
            mark: self.log.len(),
            level: self.level,
            lets,
        });
        for (i, s) in b.stmts.iter().enumerate() {
            let mark = self.log.len();
            let rec = self.blocks.last_mut().expect("pushed above");
            rec.stmt = i;
            rec.mark = mark;
            match s {
                Stmt::Let(l) => self.let_stmt(l, top),
                Stmt::Fn(f) => {
                    if matches!(self.state(f.id), FnState::Unvisited)
                        && self.fn_meta.contains_key(&f.id)
                    {
                        self.check_fn(f.id);
                    }
                    if top && let FnState::Done(s) = self.state(f.id) {
                        let s = s.clone();
                        self.top.push((f.name.name, s));
                    }
                }
                Stmt::Expr(e) => {
                    self.infer(e);
                }
                Stmt::Struct(_) | Stmt::Enum(_) | Stmt::Empty(_) | Stmt::Error(_) => {}
            }
        }
        let rec = self.blocks.last_mut().expect("pushed above");
        rec.stmt = b.stmts.len();
        rec.mark = self.log.len();
        let t = match &b.tail {
            Some(e) => self.infer(e),
            None => self.prim(Node::Unit),
        };
        self.blocks.pop();
        if !top {
            self.pop_to(env_mark);
            self.types.truncate(types_mark);
        }
        t
    }

    fn let_stmt(&mut self, l: &'a Let<'a>, top: bool) {
        self.level += 1;
        let t = self.infer(&l.value);
        if let Some(ann) = &l.ty {
            let a = self.annotation(ann);
            self.expect(
                a,
                t,
                l.value.span,
                Reason::Because(ann.span, "expected because of this annotation"),
            );
        }
        self.level -= 1;
        if !irrefutable(&l.pattern, &self.defs, self) {
            self.error(
                Diagnostic::error(
                    codes::REFUTABLE_LET,
                    "refutable pattern in `let`",
                    l.pattern.span,
                )
                .with_primary_message("this pattern does not match every value")
                .with_help("use `match` to handle the other cases"),
            );
        }
        let mut binds = Vec::new();
        self.pattern(&l.pattern, t, &mut binds);
        for (name, ty, _) in binds {
            let s = self.generalize(ty);
            if top {
                self.top.push((name, s.clone()));
            }
            self.push(name, Entry::Poly(s));
        }
    }

    // ----- fn items -----

    /// Infers the type of `fn` item `id` in the environment of its position.
    fn check_fn(&mut self, id: NodeId) {
        let Some(meta) = self.fn_meta.get(&id).copied() else {
            return;
        };
        let f = meta.item;
        let (cur_stmt, mark, block_level) = {
            let b = &self.blocks[meta.block];
            (b.stmt, b.mark, b.level)
        };
        // The environment of the item's position: hide everything pushed
        // since the current statement of its block began, and mark the lets
        // between here and the item as not yet evaluated.
        let stash = self.pop_to(mark);
        let lets = &self.blocks[meta.block].lets;
        let from = lets.partition_point(|(i, _, _)| *i < cur_stmt);
        let to = lets.partition_point(|(i, _, _)| *i < meta.stmt);
        let later: Vec<(&'a str, Span)> = lets[from..to.max(from)]
            .iter()
            .map(|(_, n, s)| (*n, *s))
            .collect();
        for (n, s) in later {
            self.push(n, Entry::Later { let_span: s });
        }
        let saved_level = self.level;
        self.level = block_level + 1;
        let index = self.tarjan_next;
        self.tarjan_next += 1;
        let placeholder = self.fresh();
        self.fn_state.insert(
            id,
            FnState::InProgress {
                ty: placeholder,
                index,
                low: index,
            },
        );
        self.tarjan.push(id);
        self.current_fn.push(id);

        let env_mark = self.log.len();
        let types_mark = self.types.len();
        for g in f.generics {
            let mut classes = Classes::NONE;
            for b in g.bounds {
                match Classes::from_name(b.name) {
                    Some(c) => classes = classes.with(c),
                    None => self.error(
                        Diagnostic::error(
                            codes::UNKNOWN_TYPE,
                            format!("unknown class `{}`", b.name),
                            b.span,
                        )
                        .with_help("the classes are `Num`, `Ord`, `Eq` and `Seq`"),
                    ),
                }
            }
            let r = self.store.add(Node::Rigid {
                name: Rc::from(g.name.name),
                classes,
                level: self.level,
            });
            self.types.push((Rc::from(g.name.name), TEntry::Param(r)));
        }
        let mut params = Vec::new();
        for p in f.params {
            let t = match &p.ty {
                Some(a) => self.annotation(a),
                None => self.fresh(),
            };
            params.push(t);
            self.push(p.name.name, Entry::Poly(Scheme::mono(t)));
        }
        let ret = match &f.ret {
            Some(a) => self.annotation(a),
            None => self.fresh(),
        };
        let fn_ty = self.store.add(Node::Fn(params.into(), ret));
        let _ = self.store.unify(placeholder, fn_ty);
        let body_t = self.infer(&f.body);
        let (span, reason) = match (&f.ret, tail_span(&f.body)) {
            (Some(a), s) => (
                s,
                Reason::Because(a.span, "expected because of this return type"),
            ),
            (None, s) => (s, Reason::None),
        };
        self.expect(ret, body_t, span, reason);
        self.pop_to(env_mark);
        self.types.truncate(types_mark);

        self.current_fn.pop();
        self.level = block_level;
        let (low, index) = match self.state(id) {
            FnState::InProgress { low, index, .. } => (low, index),
            _ => (0, 1),
        };
        if low == index {
            // Root of a strongly connected group: generalise all members.
            while let Some(m) = self.tarjan.pop() {
                if let FnState::InProgress { ty, .. } = self.state(m) {
                    let s = self.generalize(ty);
                    self.fn_state.insert(m, FnState::Done(s));
                }
                if m == id {
                    break;
                }
            }
        }
        self.level = saved_level;
        let later_mark = mark;
        self.pop_to(later_mark);
        self.restore(stash);
    }

    /// The inference state of `fn` item `id`.
    fn state(&self, id: NodeId) -> FnState {
        self.fn_state
            .get(&id)
            .cloned()
            .unwrap_or(FnState::Unvisited)
    }

    fn note_use(&mut self, low_of_used: u32) {
        if let Some(cur) = self.current_fn.last().copied()
            && let FnState::InProgress { ty, index, low } = self.state(cur)
        {
            self.fn_state.insert(
                cur,
                FnState::InProgress {
                    ty,
                    index,
                    low: low.min(low_of_used),
                },
            );
        }
    }

    // ----- names -----

    fn var(&mut self, ident: &'a Ident<'a>) -> TyId {
        if ident.name.starts_with(|c: char| c.is_ascii_uppercase()) {
            return self.ctor(ident);
        }
        match self.lookup(ident.name).cloned() {
            Some(Entry::Poly(s)) => self.instantiate(&s),
            Some(Entry::Item(id)) => self.use_item(id, ident),
            Some(Entry::Later { let_span }) => {
                self.defined_later(ident, let_span);
                self.error_ty()
            }
            None => {
                if let Some((_, g)) = self
                    .checker
                    .globals
                    .iter()
                    .rev()
                    .find(|(n, _)| &**n == ident.name)
                {
                    let g = g.clone();
                    return self.store.instantiate_g(&g, self.level);
                }
                if let Some((_, g)) = self.checker.prelude.iter().find(|(n, _)| *n == ident.name) {
                    let g = g.clone();
                    return self.store.instantiate_g(&g, self.level);
                }
                self.unknown_name(ident);
                self.error_ty()
            }
        }
    }

    fn use_item(&mut self, id: NodeId, ident: &'a Ident<'a>) -> TyId {
        if matches!(self.state(id), FnState::Unvisited) {
            self.triggers.push((ident.span, ident.name));
            self.check_fn(id);
            self.triggers.pop();
        }
        match self.state(id) {
            FnState::InProgress { ty, low, .. } => {
                self.note_use(low);
                ty
            }
            FnState::Done(s) => self.instantiate(&s),
            FnState::Unvisited => self.error_ty(),
        }
    }

    fn defined_later(&mut self, ident: &'a Ident<'a>, let_span: Span) {
        let (use_span, item) = self
            .triggers
            .first()
            .copied()
            .unwrap_or((ident.span, ident.name));
        if self.reported_later.contains(&use_span) {
            return;
        }
        self.reported_later.push(use_span);
        let d = Diagnostic::error(
            codes::DEFINED_LATER,
            format!("`{item}` uses `{}`, which is defined later", ident.name),
            use_span,
        )
        .with_primary_message(format!(
            "`{item}` is used here, before `{}` is defined",
            ident.name
        ))
        .with_label(let_span, format!("`{}` is defined here", ident.name))
        .with_label(ident.span, format!("`{item}` needs `{}` here", ident.name))
        .with_help(format!(
            "move this use of `{item}` after the `let` that defines `{}`",
            ident.name
        ));
        self.error(d);
    }

    fn unknown_name(&mut self, ident: &Ident) {
        let mut candidates: Vec<&str> = self
            .env
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, _)| *k)
            .collect();
        candidates.extend(self.checker.globals.iter().map(|(n, _)| &**n));
        candidates.extend(self.checker.prelude.iter().map(|(n, _)| *n));
        let mut d = Diagnostic::error(
            codes::UNKNOWN_NAME,
            format!("cannot find `{}` in this scope", ident.name),
            ident.span,
        )
        .with_primary_message("not found in this scope");
        if let Some(s) = suggest(ident.name, candidates.into_iter()) {
            d = d.with_help(format!("did you mean `{s}`?"));
        }
        self.error(d);
    }

    fn ctor(&mut self, ident: &Ident) -> TyId {
        match self.type_lookup(ident.name) {
            Some(TEntry::Variant(def, vi)) => {
                let (t, args) = self.def_instance(def);
                let fields = match &self.defs[def as usize].kind {
                    DefKind::Enum(vs) => vs[vi as usize].1.clone(),
                    DefKind::Struct(_) => Vec::new(),
                };
                if fields.is_empty() {
                    return t;
                }
                let ps: Vec<TyId> = fields
                    .iter()
                    .map(|f| self.store.from_stype(f, &[], &args))
                    .collect();
                self.store.add(Node::Fn(ps.into(), t))
            }
            Some(TEntry::Def(_)) => {
                self.error(
                    Diagnostic::error(
                        codes::UNKNOWN_CTOR,
                        format!("`{}` is a type, not a value", ident.name),
                        ident.span,
                    )
                    .with_help(format!(
                        "build a struct value with `{} {{ field: value, … }}`",
                        ident.name
                    )),
                );
                self.error_ty()
            }
            _ => {
                let mut d = Diagnostic::error(
                    codes::UNKNOWN_CTOR,
                    format!("cannot find constructor `{}` in this scope", ident.name),
                    ident.span,
                )
                .with_primary_message("not found in this scope");
                let names: Vec<String> = self
                    .types
                    .iter()
                    .filter(|(_, e)| matches!(e, TEntry::Variant(..)))
                    .map(|(n, _)| n.to_string())
                    .collect();
                if let Some(s) = suggest(ident.name, names.iter().map(String::as_str)) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                self.error(d);
                self.error_ty()
            }
        }
    }

    // ----- expressions -----

    fn infer(&mut self, e: &'a Expr<'a>) -> TyId {
        self.depth += 1;
        let t = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.infer_inner(e));
        self.depth -= 1;
        t
    }

    fn infer_inner(&mut self, e: &'a Expr<'a>) -> TyId {
        match e.kind {
            ExprKind::Int(_) => self.prim(Node::Int),
            ExprKind::Float(_) => self.prim(Node::Float),
            ExprKind::Bool(_) => self.prim(Node::Bool),
            ExprKind::Str(_) => self.prim(Node::Str),
            ExprKind::Unit => self.prim(Node::Unit),
            ExprKind::Error => self.error_ty(),
            ExprKind::Var(ident) => self.var(ident),
            ExprKind::Unary(u) => {
                let t = self.infer(&u.operand);
                match u.op {
                    UnaryOp::Neg => {
                        self.require(t, Classes::NUM, u.operand.span, "the operand of `-`");
                        t
                    }
                    UnaryOp::Not => {
                        let b = self.prim(Node::Bool);
                        self.expect(
                            b,
                            t,
                            u.operand.span,
                            Reason::Because(u.op_span, "`!` needs a Bool"),
                        );
                        b
                    }
                }
            }
            ExprKind::Binary(b) => self.binary(b),
            ExprKind::Call(c) => {
                let callee = self.infer(&c.callee);
                let args: Vec<(TyId, Span)> =
                    c.args.iter().map(|a| (self.infer(a), a.span)).collect();
                self.apply(callee, c.callee.span, &args, e.span, callee_name(&c.callee))
            }
            ExprKind::MethodCall(m) => {
                let recv = self.infer(&m.receiver);
                let callee = self.var(m.method);
                let mut args = vec![(recv, m.receiver.span)];
                args.extend(m.args.iter().map(|a| (self.infer(a), a.span)));
                self.apply(callee, m.method.span, &args, e.span, Some(m.method.name))
            }
            ExprKind::Field(f) => self.field(f, e.span),
            ExprKind::Index(ix) => {
                let lt = self.infer(&ix.expr);
                let it = self.infer(&ix.index);
                let elem = self.fresh();
                let list = self.store.add(Node::List(elem));
                if self.expect(list, lt, ix.expr.span, Reason::None) {
                    let int = self.prim(Node::Int);
                    self.expect(
                        int,
                        it,
                        ix.index.span,
                        Reason::Because(ix.expr.span, "lists are indexed by Int"),
                    );
                }
                elem
            }
            ExprKind::Tuple(l) => {
                let ts: Vec<TyId> = l.items.iter().map(|x| self.infer(x)).collect();
                self.store.add(Node::Tuple(ts.into()))
            }
            ExprKind::List(l) => {
                // The first element's type is the element type: binding a
                // fresh variable to it instead would walk it in the occurs
                // check, quadratic for a literal nested thousands deep.
                let mut elem: Option<(TyId, Span)> = None;
                for x in l.items {
                    let t = self.infer(x);
                    match elem {
                        None => elem = Some((t, x.span)),
                        Some((el, first)) => {
                            self.expect(
                                el,
                                t,
                                x.span,
                                Reason::Because(first, "the list's first element has this type"),
                            );
                        }
                    }
                }
                let elem = match elem {
                    Some((t, _)) => t,
                    None => self.fresh(),
                };
                self.store.add(Node::List(elem))
            }
            ExprKind::Block(b) => self.block(b, false),
            ExprKind::If(i) => {
                let c = self.infer(&i.cond);
                let b = self.prim(Node::Bool);
                self.expect(b, c, i.cond.span, Reason::None);
                let then_t = self.block(i.then_branch, false);
                let then_span = i.then_branch.tail.map_or(e.span, |t| t.span);
                match &i.else_branch {
                    Some(els) => {
                        let else_t = self.infer(els);
                        self.expect(
                            then_t,
                            else_t,
                            tail_span(els),
                            Reason::Because(
                                then_span,
                                "expected because the `if` branch has this type",
                            ),
                        );
                        then_t
                    }
                    None => {
                        let unit = self.prim(Node::Unit);
                        if self.store.unify(unit, then_t).is_err() {
                            let t = self.print(then_t);
                            self.error(
                                Diagnostic::error(
                                    codes::IF_WITHOUT_ELSE,
                                    format!("`if` without `else` must have type `()`, but its block has type `{t}`"),
                                    then_span,
                                )
                                .with_primary_message(format!("this has type `{t}`"))
                                .with_help("add an `else` branch with a value of the same type"),
                            );
                        }
                        unit
                    }
                }
            }
            ExprKind::Match(m) => {
                let s = self.infer(&m.scrutinee);
                let result = self.fresh();
                let mut first: Option<Span> = None;
                for arm in m.arms {
                    let mark = self.log.len();
                    let mut binds = Vec::new();
                    self.pattern(&arm.pattern, s, &mut binds);
                    for (n, t, _) in binds {
                        self.push(n, Entry::Poly(Scheme::mono(t)));
                    }
                    if let Some(g) = &arm.guard {
                        let gt = self.infer(g);
                        let b = self.prim(Node::Bool);
                        self.expect(b, gt, g.span, Reason::None);
                    }
                    let bt = self.infer(&arm.body);
                    let reason = match first {
                        Some(sp) => {
                            Reason::Because(sp, "expected because the first arm has this type")
                        }
                        None => Reason::None,
                    };
                    self.expect(result, bt, tail_span(&arm.body), reason);
                    first.get_or_insert(tail_span(&arm.body));
                    self.pop_to(mark);
                }
                crate::sema::exhaust::check_match(self, m, s, e.span);
                result
            }
            ExprKind::Closure(c) => {
                let mark = self.log.len();
                let mut params = Vec::new();
                for p in c.params {
                    let t = match &p.ty {
                        Some(a) => self.annotation(a),
                        None => self.fresh(),
                    };
                    params.push(t);
                    self.push(p.name.name, Entry::Poly(Scheme::mono(t)));
                }
                let body = self.infer(&c.body);
                let ret = match &c.ret {
                    Some(a) => {
                        let r = self.annotation(a);
                        self.expect(
                            r,
                            body,
                            tail_span(&c.body),
                            Reason::Because(a.span, "expected because of this return type"),
                        );
                        r
                    }
                    None => body,
                };
                self.pop_to(mark);
                self.store.add(Node::Fn(params.into(), ret))
            }
            ExprKind::StructLit(s) => self.struct_lit(s, e.span),
        }
    }

    fn binary(&mut self, b: &'a Binary<'a>) -> TyId {
        let l = self.infer(&b.lhs);
        let r = self.infer(&b.rhs);
        let op = b.op.symbol();
        let because = Reason::Because(b.lhs.span, "expected because of this operand");
        match b.op {
            BinOp::And | BinOp::Or => {
                let bool_t = self.prim(Node::Bool);
                let why =
                    Reason::Because(b.op_span, "both operands of a logical operator are Bool");
                self.expect(bool_t, l, b.lhs.span, why);
                self.expect(bool_t, r, b.rhs.span, why);
                bool_t
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem | BinOp::Pow => {
                if self.require(
                    l,
                    Classes::NUM,
                    b.lhs.span,
                    &format!("the left operand of `{op}`"),
                ) {
                    self.expect(l, r, b.rhs.span, because);
                }
                l
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::Eq | BinOp::Ne => {
                let class = match b.op {
                    BinOp::Eq | BinOp::Ne => Classes::EQ,
                    _ => Classes::ORD,
                };
                if self.require(l, class, b.lhs.span, &format!("the left operand of `{op}`")) {
                    self.expect(l, r, b.rhs.span, because);
                }
                self.prim(Node::Bool)
            }
            BinOp::Concat => {
                if self.require(l, Classes::SEQ, b.lhs.span, "the left operand of `++`") {
                    self.expect(l, r, b.rhs.span, because);
                }
                l
            }
        }
    }

    /// Types a call of `callee` with `args`.
    fn apply(
        &mut self,
        callee: TyId,
        callee_span: Span,
        args: &[(TyId, Span)],
        span: Span,
        name: Option<&str>,
    ) -> TyId {
        let shown = name.map_or("this function".to_string(), |n| format!("`{n}`"));
        match self.store.node(callee) {
            Node::Fn(params, ret) => {
                if params.len() != args.len() {
                    let s = |n: usize| if n == 1 { "" } else { "s" };
                    let was = if args.len() == 1 { "was" } else { "were" };
                    self.error(
                        Diagnostic::error(
                            codes::ARITY,
                            format!(
                                "{shown} takes {} argument{} but {} {was} supplied",
                                params.len(),
                                s(params.len()),
                                args.len()
                            ),
                            span,
                        )
                        .with_primary_message(format!(
                            "{} argument{} supplied",
                            args.len(),
                            s(args.len())
                        ))
                        .with_label(
                            callee_span,
                            format!("expects {} argument{}", params.len(), s(params.len())),
                        ),
                    );
                    return ret;
                }
                for (i, ((t, sp), p)) in args.iter().zip(params.iter()).enumerate() {
                    let why = format!("parameter {} of {shown} has this type", i + 1);
                    self.expect(*p, *t, *sp, Reason::Because(callee_span, &why));
                }
                ret
            }
            Node::Var { .. } => {
                let ret = self.fresh();
                let ps: Vec<TyId> = args.iter().map(|(t, _)| *t).collect();
                let f = self.store.add(Node::Fn(ps.into(), ret));
                self.expect(callee, f, callee_span, Reason::None);
                ret
            }
            Node::Error => self.error_ty(),
            _ => {
                let t = self.print(callee);
                self.error(
                    Diagnostic::error(
                        codes::NOT_A_FUNCTION,
                        format!("expected a function, found `{t}`"),
                        callee_span,
                    )
                    .with_primary_message(format!("this has type `{t}` and cannot be called")),
                );
                self.error_ty()
            }
        }
    }

    fn struct_fields(&mut self, def: u32, args: &[TyId]) -> Vec<(Rc<str>, TyId)> {
        let fields = match &self.defs[def as usize].kind {
            DefKind::Struct(fs) => fs.clone(),
            DefKind::Enum(_) => Vec::new(),
        };
        fields
            .iter()
            .map(|(n, t)| (n.clone(), self.store.from_stype(t, &[], args)))
            .collect()
    }

    fn field(&mut self, f: &'a FieldAccess<'a>, span: Span) -> TyId {
        let t = self.infer(&f.expr);
        let name = f.field.name;
        match self.store.node(t) {
            Node::Named(d, args) if matches!(self.defs[d as usize].kind, DefKind::Struct(_)) => {
                let fields = self.struct_fields(d, &args);
                match fields.iter().find(|(n, _)| &**n == name) {
                    Some((_, ft)) => *ft,
                    None => {
                        let ty = self.print(t);
                        let mut d = Diagnostic::error(
                            codes::NO_FIELD,
                            format!("no field `{name}` on type `{ty}`"),
                            f.field.span,
                        )
                        .with_primary_message("unknown field");
                        let names: Vec<&str> = fields.iter().map(|(n, _)| &**n).collect();
                        if let Some(s) = suggest(name, names.into_iter()) {
                            d = d.with_help(format!("did you mean `{s}`?"));
                        } else {
                            let all: Vec<&str> = fields.iter().map(|(n, _)| &**n).collect();
                            d = d.with_help(format!("the fields are: {}", all.join(", ")));
                        }
                        self.error(d);
                        self.error_ty()
                    }
                }
            }
            Node::Var { .. } => {
                // Not yet known: the unique struct in scope with this field.
                let mut found: Vec<u32> = Vec::new();
                for (_, e) in self.types.iter() {
                    if let TEntry::Def(d) = e
                        && let DefKind::Struct(fs) = &self.defs[*d as usize].kind
                        && fs.iter().any(|(n, _)| &**n == name)
                        && !found.contains(d)
                    {
                        found.push(*d);
                    }
                }
                if found.len() == 1 {
                    let (st, args) = self.def_instance(found[0]);
                    self.expect(st, t, f.expr.span, Reason::None);
                    let fields = self.struct_fields(found[0], &args);
                    return fields
                        .into_iter()
                        .find(|(n, _)| &**n == name)
                        .map_or_else(|| self.error_ty(), |(_, t)| t);
                }
                let msg = if found.is_empty() {
                    format!("no struct in scope has a field named `{name}`")
                } else {
                    format!("type annotation needed: several structs have a field named `{name}`")
                };
                let code = if found.is_empty() {
                    codes::NO_FIELD
                } else {
                    codes::ANNOTATION_NEEDED
                };
                self.error(
                    Diagnostic::error(code, msg, span)
                        .with_primary_message("the type of this value is not known here")
                        .with_help("add a type annotation, e.g. `|p: Point| p.x`"),
                );
                self.error_ty()
            }
            Node::Error => self.error_ty(),
            _ => {
                let ty = self.print(t);
                self.error(
                    Diagnostic::error(
                        codes::NO_FIELD,
                        format!("no field `{name}` on type `{ty}`"),
                        f.field.span,
                    )
                    .with_label(f.expr.span, format!("this has type `{ty}`"))
                    .with_help("only structs have fields; to call a function use `x.f()`"),
                );
                self.error_ty()
            }
        }
    }

    fn struct_def(&mut self, name: &Ident) -> Option<u32> {
        match self.type_lookup(name.name) {
            Some(TEntry::Def(d)) if matches!(self.defs[d as usize].kind, DefKind::Struct(_)) => {
                Some(d)
            }
            _ => {
                self.error(
                    Diagnostic::error(
                        codes::UNKNOWN_TYPE,
                        format!("cannot find struct `{}` in this scope", name.name),
                        name.span,
                    )
                    .with_primary_message("not a struct"),
                );
                None
            }
        }
    }

    fn struct_lit(&mut self, s: &'a StructLit<'a>, span: Span) -> TyId {
        let Some(def) = self.struct_def(s.name) else {
            for f in s.fields {
                self.infer(&f.value);
            }
            return self.error_ty();
        };
        let (t, args) = self.def_instance(def);
        let fields = self.struct_fields(def, &args);
        let mut seen: Vec<&str> = Vec::new();
        for f in s.fields {
            let vt = self.infer(&f.value);
            if seen.contains(&f.name.name) {
                self.error(Diagnostic::error(
                    codes::DUPLICATE,
                    format!("field `{}` specified more than once", f.name.name),
                    f.name.span,
                ));
                continue;
            }
            seen.push(f.name.name);
            match fields.iter().find(|(n, _)| &**n == f.name.name) {
                Some((_, ft)) => {
                    let ft = *ft;
                    self.expect(ft, vt, f.value.span, Reason::None);
                }
                None => {
                    let mut d = Diagnostic::error(
                        codes::NO_FIELD,
                        format!(
                            "struct `{}` has no field named `{}`",
                            s.name.name, f.name.name
                        ),
                        f.name.span,
                    );
                    let names: Vec<&str> = fields.iter().map(|(n, _)| &**n).collect();
                    if let Some(x) = suggest(f.name.name, names.into_iter()) {
                        d = d.with_help(format!("did you mean `{x}`?"));
                    }
                    self.error(d);
                }
            }
        }
        let missing: Vec<String> = fields
            .iter()
            .filter(|(n, _)| !seen.contains(&&**n))
            .map(|(n, _)| format!("`{n}`"))
            .collect();
        if !missing.is_empty() {
            self.error(
                Diagnostic::error(
                    codes::MISSING_FIELDS,
                    format!(
                        "missing field{} {} in `{}`",
                        if missing.len() == 1 { "" } else { "s" },
                        missing.join(", "),
                        s.name.name
                    ),
                    span,
                )
                .with_help("every field must be given a value"),
            );
        }
        t
    }

    // ----- patterns -----

    /// Checks `p` against `expected`, collecting its bindings.
    fn pattern(
        &mut self,
        p: &'a Pattern<'a>,
        expected: TyId,
        binds: &mut Vec<(&'a str, TyId, Span)>,
    ) {
        match p.kind {
            PatKind::Wild | PatKind::Error => {}
            PatKind::Bind(i) => binds.push((i.name, expected, i.span)),
            PatKind::Int(_) => self.lit_pat(Node::Int, expected, p.span),
            PatKind::Float(_) => self.lit_pat(Node::Float, expected, p.span),
            PatKind::Bool(_) => self.lit_pat(Node::Bool, expected, p.span),
            PatKind::Str(_) => self.lit_pat(Node::Str, expected, p.span),
            PatKind::Unit => self.lit_pat(Node::Unit, expected, p.span),
            PatKind::Tuple(l) => {
                let ts: Vec<TyId> = l.items.iter().map(|_| self.fresh()).collect();
                let t = self.store.add(Node::Tuple(ts.clone().into()));
                if self.pat_expect(expected, t, p.span) {
                    for (q, t) in l.items.iter().zip(ts) {
                        self.pattern(q, t, binds);
                    }
                }
            }
            PatKind::List(l) => {
                let elem = self.fresh();
                let t = self.store.add(Node::List(elem));
                if self.pat_expect(expected, t, p.span) {
                    for q in l.items {
                        self.pattern(q, elem, binds);
                    }
                    if let Some(Rest {
                        binding: Some(b), ..
                    }) = l.rest
                    {
                        binds.push((b.name, t, b.span));
                    }
                }
            }
            PatKind::Or(l) => {
                let mut first: Option<Vec<(&'a str, TyId, Span)>> = None;
                for q in l.items {
                    let mut alt = Vec::new();
                    self.pattern(q, expected, &mut alt);
                    match &first {
                        None => first = Some(alt),
                        Some(f) => {
                            let mut a: Vec<&str> = alt.iter().map(|(n, _, _)| *n).collect();
                            let mut b: Vec<&str> = f.iter().map(|(n, _, _)| *n).collect();
                            a.sort_unstable();
                            b.sort_unstable();
                            if a != b {
                                self.error(
                                    Diagnostic::error(
                                        codes::OR_BINDINGS,
                                        "alternatives of an or-pattern must bind the same names",
                                        q.span,
                                    )
                                    .with_label(
                                        l.items[0].span,
                                        "the first alternative binds different names",
                                    ),
                                );
                            } else {
                                for (n, t, s) in &alt {
                                    if let Some((_, ft, _)) = f.iter().find(|(m, _, _)| m == n) {
                                        let ft = *ft;
                                        self.expect(ft, *t, *s, Reason::None);
                                    }
                                }
                            }
                        }
                    }
                }
                binds.extend(first.unwrap_or_default());
            }
            PatKind::Ctor(c) => match self.type_lookup(c.name.name) {
                Some(TEntry::Variant(def, vi)) => {
                    let (t, args) = self.def_instance(def);
                    let fields = match &self.defs[def as usize].kind {
                        DefKind::Enum(vs) => vs[vi as usize].1.clone(),
                        DefKind::Struct(_) => Vec::new(),
                    };
                    if fields.len() != c.args.len() {
                        self.error(Diagnostic::error(
                            codes::WRONG_COUNT,
                            format!(
                                "`{}` has {} field{}, but the pattern has {}",
                                c.name.name,
                                fields.len(),
                                if fields.len() == 1 { "" } else { "s" },
                                c.args.len()
                            ),
                            p.span,
                        ));
                        self.bind_as_error(p, binds);
                        return;
                    }
                    if self.pat_expect(expected, t, p.span) {
                        for (q, f) in c.args.iter().zip(fields.iter()) {
                            let ft = self.store.from_stype(f, &[], &args);
                            self.pattern(q, ft, binds);
                        }
                    } else {
                        self.bind_as_error(p, binds);
                    }
                }
                _ => {
                    self.ctor(c.name);
                    self.bind_as_error(p, binds);
                }
            },
            PatKind::Struct(sp) => {
                let Some(def) = self.struct_def(sp.name) else {
                    self.bind_as_error(p, binds);
                    return;
                };
                let (t, args) = self.def_instance(def);
                if !self.pat_expect(expected, t, p.span) {
                    self.bind_as_error(p, binds);
                    return;
                }
                let fields = self.struct_fields(def, &args);
                for f in sp.fields {
                    match fields.iter().find(|(n, _)| &**n == f.field.name) {
                        Some((_, ft)) => {
                            let ft = *ft;
                            self.pattern(&f.pattern, ft, binds);
                        }
                        None => self.error(Diagnostic::error(
                            codes::NO_FIELD,
                            format!(
                                "struct `{}` has no field named `{}`",
                                sp.name.name, f.field.name
                            ),
                            f.field.span,
                        )),
                    }
                }
                if !sp.has_rest {
                    let missing: Vec<String> = fields
                        .iter()
                        .filter(|(n, _)| !sp.fields.iter().any(|f| f.field.name == &**n))
                        .map(|(n, _)| format!("`{n}`"))
                        .collect();
                    if !missing.is_empty() {
                        self.error(
                            Diagnostic::error(
                                codes::MISSING_FIELDS,
                                format!(
                                    "pattern does not mention field{} {}",
                                    if missing.len() == 1 { "" } else { "s" },
                                    missing.join(", ")
                                ),
                                p.span,
                            )
                            .with_help("list every field, or add `..` to ignore the rest"),
                        );
                    }
                }
            }
        }
    }

    /// Binds every name of `p` to the error type, so a pattern that failed
    /// to check causes no follow-on "unknown name" errors.
    fn bind_as_error(&mut self, p: &Pattern<'a>, binds: &mut Vec<(&'a str, TyId, Span)>) {
        let mut names = Vec::new();
        names_of(p, &mut names);
        for (n, s) in names {
            let e = self.error_ty();
            binds.push((n, e, s));
        }
    }

    fn lit_pat(&mut self, n: Node, expected: TyId, span: Span) {
        let t = self.prim(n);
        self.pat_expect(expected, t, span);
    }

    fn pat_expect(&mut self, expected: TyId, pat_t: TyId, span: Span) -> bool {
        match self.store.unify(expected, pat_t) {
            Ok(()) => true,
            Err(e) => {
                self.report_unify(e, expected, pat_t, span, Reason::None);
                false
            }
        }
    }

    // ----- helpers for the exhaustiveness checker -----

    /// The resolved node of `t`.
    pub(crate) fn node_of(&mut self, t: TyId) -> Node {
        self.store.node(t)
    }

    /// A declaration.
    pub(crate) fn def(&self, d: u32) -> &TypeDef {
        &self.defs[d as usize]
    }

    /// Instantiates field types of variant `vi` of enum `d` with `args`.
    pub(crate) fn variant_fields(&mut self, d: u32, vi: usize, args: &[TyId]) -> Vec<TyId> {
        let fields = match &self.defs[d as usize].kind {
            DefKind::Enum(vs) => vs.get(vi).map(|v| v.1.clone()).unwrap_or_default(),
            DefKind::Struct(fs) => fs.iter().map(|(_, t)| t.clone()).collect(),
        };
        fields
            .iter()
            .map(|f| self.store.from_stype(f, &[], args))
            .collect()
    }

    /// The variant index of a constructor name in scope.
    pub(crate) fn variant_index(&self, name: &str) -> Option<(u32, u32)> {
        match self.type_lookup(name) {
            Some(TEntry::Variant(d, v)) => Some((d, v)),
            _ => None,
        }
    }

    /// Field names (declaration order) of a struct name in scope.
    pub(crate) fn struct_field_names(&self, name: &str) -> Option<Vec<String>> {
        match self.type_lookup(name) {
            Some(TEntry::Def(d)) => match &self.defs[d as usize].kind {
                DefKind::Struct(fs) => Some(fs.iter().map(|(n, _)| n.to_string()).collect()),
                DefKind::Enum(_) => None,
            },
            _ => None,
        }
    }

    /// Reports a diagnostic from the exhaustiveness checker.
    pub(crate) fn report(&mut self, d: Diagnostic) {
        self.error(d);
    }
}

fn tail_span(e: &Expr) -> Span {
    match e.kind {
        ExprKind::Block(b) => b.tail.map_or(e.span, |t| tail_span(&t)),
        _ => e.span,
    }
}

fn callee_name<'a>(e: &Expr<'a>) -> Option<&'a str> {
    match e.kind {
        ExprKind::Var(i) => Some(i.name),
        _ => None,
    }
}

/// True when `p` matches every value of its type (A9's `let` rule).
fn irrefutable(p: &Pattern, defs: &[TypeDef], cx: &Cx) -> bool {
    match p.kind {
        PatKind::Wild | PatKind::Bind(_) | PatKind::Unit | PatKind::Error => true,
        PatKind::Tuple(l) => l.items.iter().all(|q| irrefutable(q, defs, cx)),
        PatKind::Struct(s) => s.fields.iter().all(|f| irrefutable(&f.pattern, defs, cx)),
        PatKind::Ctor(c) => match cx.type_lookup(c.name.name) {
            Some(TEntry::Variant(d, _)) => {
                matches!(&defs[d as usize].kind, DefKind::Enum(vs) if vs.len() == 1)
                    && c.args.iter().all(|q| irrefutable(q, defs, cx))
            }
            _ => true,
        },
        PatKind::Or(l) => l.items.iter().any(|q| irrefutable(q, defs, cx)),
        PatKind::List(l) => l.items.is_empty() && l.rest.is_some(),
        PatKind::Int(_) | PatKind::Float(_) | PatKind::Bool(_) | PatKind::Str(_) => false,
    }
}

/// The closest candidate within a small edit distance, for `did you mean`.
fn suggest<'s>(name: &str, candidates: impl Iterator<Item = &'s str>) -> Option<&'s str> {
    let max = (name.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let d = strsim::damerau_levenshtein(name, c);
        if d <= max && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::arena::Arena;
    use crate::syntax::parser::parse;

    fn check(src: &str) -> CheckOutcome {
        let arena = Arena::new();
        let p = parse(&arena, src);
        assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
        Checker::new().check_unit(&p.program, false)
    }

    fn ty(src: &str) -> String {
        let o = check(src);
        assert!(!o.has_errors(), "{src}: {:?}", o.diagnostics);
        o.result_type.unwrap_or_default()
    }

    fn codes_of(src: &str) -> Vec<&'static str> {
        check(src).diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn basic_inference() {
        assert_eq!(ty("1 + 2"), "Int");
        assert_eq!(ty("let id = |x| x; (id(1), id(true))"), "(Int, Bool)");
        assert_eq!(ty("|x| x + x"), "fn(Int) -> Int");
        assert_eq!(ty("[]"), "[a]");
        assert_eq!(ty("map"), "fn([a], fn(a) -> b) -> [b]");
        assert_eq!(ty("[1, 2].map(|x| float(x))"), "[Float]");
        assert_eq!(
            ty(
                "fn even(n) = if n == 0 { true } else { odd(n - 1) }; fn odd(n) = if n == 0 { false } else { even(n - 1) }; odd"
            ),
            "fn(Int) -> Bool"
        );
    }

    #[test]
    fn generalised_bindings_print_with_classes() {
        let o = check("let z = |x| x + x; fn pair(a, b) = (a, b); fn eq(a, b) = a == b;");
        assert_eq!(
            o.bindings,
            vec![
                ("z".to_string(), "fn(a) -> a where a: Num".to_string()),
                ("pair".to_string(), "fn(a, b) -> (a, b)".to_string()),
                ("eq".to_string(), "fn(a, a) -> Bool where a: Eq".to_string()),
            ]
        );
    }

    #[test]
    fn errors_are_independent() {
        let src = "let a = 1 + 2.0;\nlet b = \"x\" - 1;\nlet c = undefined_name;\nlet d = len(5);\nlet e = if true { 1 } else { \"no\" };\n";
        assert_eq!(codes_of(src).len(), 5, "{:?}", check(src).diagnostics);
    }

    #[test]
    fn occurs_check_is_an_error_not_a_crash() {
        assert_eq!(codes_of("|x| x(x)"), vec![codes::INFINITE_TYPE]);
    }

    #[test]
    fn rigid_parameters() {
        let o = check("fn bump<T>(x: T) -> T { x + 1 }");
        assert_eq!(o.diagnostics[0].code, codes::CLASS);
        assert!(o.diagnostics[0].help.as_deref().unwrap().contains("T: Num"));
        assert!(!check("fn add<T: Num>(a: T, b: T) -> T { a + b } add(1, 2)").has_errors());
        assert!(
            check("fn id<T>(x: T) -> T { 1 }").has_errors(),
            "more general than the body"
        );
    }

    #[test]
    fn fn_used_before_captured_let() {
        let o = check("let x = f(); let k = 1; fn f() = k; x");
        assert_eq!(o.diagnostics.len(), 1);
        assert_eq!(o.diagnostics[0].code, codes::DEFINED_LATER);
        assert!(
            o.diagnostics[0]
                .message
                .contains("`f` uses `k`, which is defined later")
        );
        assert!(!check("let k = 1; fn f() = k; f()").has_errors());
    }

    #[test]
    fn did_you_mean() {
        let o = check("let count = 1; cuont + 1");
        assert_eq!(
            o.diagnostics[0].help.as_deref(),
            Some("did you mean `count`?")
        );
    }

    #[test]
    fn user_types() {
        assert_eq!(
            ty("struct P { x: Float, y: Float } let p = P { x: 1.0, y: 2.0 }; p.x"),
            "Float"
        );
        assert_eq!(ty("enum T<A> { L, N(T<A>, A, T<A>) } N(L, 1, L)"), "T<Int>");
        assert_eq!(ty("map([1, 2], Some)"), "[Option<Int>]");
        assert_eq!(ty("struct P { x: Int } |p| p.x"), "fn(P) -> Int");
        assert_eq!(
            codes_of("struct P { x: Int } struct Q { x: Int } |p| p.x"),
            vec![codes::ANNOTATION_NEEDED]
        );
    }

    #[test]
    fn ten_thousand_deep_nesting_checks() {
        let src = format!("{}1{}", "(".repeat(10_000), " + 1)".repeat(10_000));
        assert_eq!(ty(&src), "Int");
    }
}
