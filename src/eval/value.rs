//! Runtime values, their display form (A7), structural equality and order.
//!
//! Owns [`Value`] and everything that only looks at values: printing,
//! `==`, `<`, the total order used by `sort`. Values have no lifetime: they
//! may outlive the compilation unit that made them (REPL definitions), so
//! code is referenced through an owned handle to its unit ([`FnVal::unit`]),
//! never by borrowing an arena. It must not evaluate expressions.

use crate::eval::host::HostFn;
use crate::eval::list::List;
use crate::sema::descriptor::{StructInfo, VariantInfo};
use crate::sema::prelude::Builtin;
use crate::sema::unit::Unit;
use std::cmp::Ordering;
use std::fmt::Write;
use std::rc::Rc;
use std::sync::Arc;

/// A Bool stored in a whole aligned word, so that [`Value::Bool`]'s payload
/// sits at offset 8 like every other variant's (see [`FnVal`] for why).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(align(8))]
pub struct B8(pub bool);

/// A builtin stored in a whole aligned word, so that [`Value::Builtin`]'s
/// payload sits at offset 8 like every other variant's (see [`FnVal`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(align(8))]
pub struct BuiltinFn(pub Builtin);

/// A calc value. 16 bytes: scalars inline, everything else behind `Rc`, so a
/// clone is at most a reference-count bump.
#[derive(Clone, Debug)]
pub enum Value {
    /// `()`
    Unit,
    /// `true` / `false`
    Bool(B8),
    /// 64-bit signed integer.
    Int(i64),
    /// IEEE-754 double.
    Float(f64),
    /// Immutable text.
    Str(Rc<String>),
    /// Immutable list (possibly a view sharing another list's elements).
    List(Rc<List>),
    /// Tuple of two or more values.
    Tuple(Rc<Vec<Value>>),
    /// A user function or closure.
    Fn(Rc<FnVal>),
    /// A prelude function (the constants `pi` and `e` are read as Floats).
    Builtin(BuiltinFn),
    /// A function the embedding program registered.
    Host(Rc<HostFn>),
    /// An enum variant with fields used as a function value (`Some`).
    Ctor(Arc<VariantInfo>),
    /// An enum value.
    Enum(Rc<EnumVal>),
    /// A struct value.
    Struct(Rc<StructVal>),
    /// A slot whose binding has not been evaluated yet (read = runtime error).
    Uninit,
    /// Evaluator-internal marker for "a tail call is pending" (see
    /// `eval::Flow`); never stored in a binding, a container or a result.
    TailCall,
}

/// A function value: one member of a group of functions (the `fn` items of
/// one block, mutually recursive, or a single closure) with the group's
/// captured environment.
///
/// The member index lives here rather than beside the pointer in
/// [`Value::Fn`] so that every variant's payload is one aligned word at
/// offset 8: a field in bytes 1–7 of `Value` makes every move of a value
/// copy those bytes in odd-sized pieces, which defeats store-to-load
/// forwarding and cost about a quarter of the evaluator's time.
#[derive(Debug)]
pub struct FnVal {
    /// The unit whose arena holds the code; kept alive by this handle.
    pub unit: Arc<Unit>,
    /// Index of the group in the unit's function tables.
    pub group: u32,
    /// Which member of the group this is.
    pub member: u32,
    /// Captured values, shared by all members of the group.
    pub captures: Rc<[Value]>,
}

impl Value {
    /// Whether the value owns nothing (no reference count to release).
    #[inline]
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            Value::Unit
                | Value::Bool(_)
                | Value::Int(_)
                | Value::Float(_)
                | Value::Builtin(_)
                | Value::Uninit
                | Value::TailCall
        )
    }
}

impl FnVal {
    /// Member `member` of the same group: this value itself when it is
    /// that member (a recursive call), else a new handle sharing the
    /// captures.
    pub fn sibling(self: &Rc<FnVal>, member: u32) -> Rc<FnVal> {
        if member == self.member {
            self.clone()
        } else {
            Rc::new(FnVal {
                unit: self.unit.clone(),
                group: self.group,
                member,
                captures: self.captures.clone(),
            })
        }
    }
}

/// An enum value: its variant and fields.
#[derive(Debug)]
pub struct EnumVal {
    /// Which variant.
    pub variant: Arc<VariantInfo>,
    /// The payload, in declaration order.
    pub fields: Box<[Value]>,
}

/// A struct value: fields in declaration order.
#[derive(Debug)]
pub struct StructVal {
    /// The declaration.
    pub info: Arc<StructInfo>,
    /// Field values, in declaration order.
    pub fields: Box<[Value]>,
}

impl Value {
    /// A string value.
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::new(s.to_string()))
    }

    /// A list value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(List::new(items)))
    }

    /// The display form (A7): strings raw at top level, quoted inside
    /// containers (`quote_top` quotes a top-level string too, as for program
    /// results). Unbounded: for values known to be small; see
    /// [`Value::display_within`].
    pub fn display(&self, quote_top: bool) -> String {
        let mut out = Bounded::new(usize::MAX);
        let _ = self.write(&mut out, quote_top);
        out.text
    }

    /// The display form if it has at most `max` characters (Unicode scalar
    /// values, as `len` counts), else `None`. Writing stops as soon as the
    /// text would pass `max`, so a deep or wide value (a list holding itself
    /// twice, forty levels down) costs at most `max` characters of work.
    pub fn display_within(&self, quote_top: bool, max: usize) -> Option<String> {
        let mut out = Bounded::new(max);
        match self.write(&mut out, quote_top) {
            Ok(()) => Some(out.text),
            Err(std::fmt::Error) => None,
        }
    }

    /// The display form cut to about `max` characters, ending in `…` when
    /// cut: for values quoted in error messages.
    pub fn display_clipped(&self, quote_top: bool, max: usize) -> String {
        let mut out = Bounded::new(max);
        match self.write(&mut out, quote_top) {
            Ok(()) => out.text,
            Err(std::fmt::Error) => out.text + "…",
        }
    }

    /// Appends the display form; fails as soon as `out` is full.
    fn write(&self, out: &mut Bounded, quote: bool) -> std::fmt::Result {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || match self {
            Value::Unit => out.write_str("()"),
            Value::Bool(B8(b)) => write!(out, "{b}"),
            Value::Int(i) => write!(out, "{i}"),
            Value::Float(f) => write!(out, "{f:?}"),
            Value::Str(s) => {
                if quote {
                    write!(out, "{:?}", s.as_str())
                } else {
                    out.write_str(s)
                }
            }
            Value::List(items) => {
                out.write_str("[")?;
                write_seq(out, items)?;
                out.write_str("]")
            }
            Value::Tuple(items) => {
                out.write_str("(")?;
                write_seq(out, items)?;
                out.write_str(")")
            }
            Value::Fn(f) => match f.unit.fn_name(f.group, f.member) {
                Some(name) => write!(out, "<fn {name}>"),
                None => out.write_str("<closure>"),
            },
            Value::Builtin(BuiltinFn(b)) => write!(out, "<fn {}>", b.name()),
            Value::Host(h) => write!(out, "<fn {}>", h.name),
            Value::Ctor(v) => write!(out, "<fn {}>", v.name),
            Value::Enum(e) => {
                out.write_str(&e.variant.name)?;
                if e.fields.is_empty() {
                    return Ok(());
                }
                out.write_str("(")?;
                write_seq(out, &e.fields)?;
                out.write_str(")")
            }
            Value::Struct(s) => {
                out.write_str(&s.info.name)?;
                // Like Rust's `{:?}`: a struct without fields is its name.
                if s.fields.is_empty() {
                    return Ok(());
                }
                out.write_str(" { ")?;
                for (i, (name, v)) in s.info.fields.iter().zip(s.fields.iter()).enumerate() {
                    if i > 0 {
                        out.write_str(", ")?;
                    }
                    out.write_str(name)?;
                    out.write_str(": ")?;
                    v.write(out, true)?;
                }
                out.write_str(" }")
            }
            Value::Uninit | Value::TailCall => out.write_str("<uninitialized>"),
        })
    }

    /// Structural equality (`==`): IEEE for floats, so a value holding NaN
    /// is not equal to itself. Values that share structure (a tuple built
    /// from the same value twice, a value compared with itself) are compared
    /// once per pair of shared parts, so the work is linear in the number of
    /// distinct parts, not exponential in the depth of sharing. Two values
    /// of different kinds (or functions, which have no equality) cannot
    /// meet in a checked program: that is a [`KindMismatch`].
    pub fn equals(&self, other: &Value) -> Result<bool, KindMismatch> {
        Equality::default().eq(self, other)
    }

    /// The order of `<` on Int, Float (IEEE: `None` when unordered) and Str;
    /// other kinds have no order, so meeting them is a [`KindMismatch`].
    pub fn partial_cmp(&self, other: &Value) -> Result<Option<Ordering>, KindMismatch> {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => Ok(Some(a.cmp(b))),
            (Value::Float(a), Value::Float(b)) => Ok(a.partial_cmp(b)),
            (Value::Str(a), Value::Str(b)) => Ok(Some(a.cmp(b))),
            _ => Err(KindMismatch::of(self, other)),
        }
    }

    /// The total order used by `sort`: floats by IEEE total order.
    pub fn total_cmp(&self, other: &Value) -> Result<Ordering, KindMismatch> {
        match (self, other) {
            (Value::Float(a), Value::Float(b)) => Ok(a.total_cmp(b)),
            _ => Ok(self.partial_cmp(other)?.unwrap_or(Ordering::Equal)),
        }
    }

    /// A short name of the value's runtime kind, for internal errors.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Unit => "()",
            Value::Bool(B8(_)) => "Bool",
            Value::Int(_) => "Int",
            Value::Float(_) => "Float",
            Value::Str(_) => "Str",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Fn(..) | Value::Builtin(_) | Value::Host(_) | Value::Ctor(_) => "function",
            Value::Enum(_) => "enum",
            Value::Struct(_) => "struct",
            Value::Uninit | Value::TailCall => "uninitialized",
        }
    }
}

/// Moves the children of a value that is about to be freed onto `work`, if
/// this was the last reference, so long chains (a linked list of a million
/// `Cons` cells) are freed by a loop instead of a million nested drops.
fn take_children(v: Value, work: &mut Vec<Value>) {
    match v {
        Value::Enum(rc) => {
            if let Ok(mut e) = Rc::try_unwrap(rc) {
                work.extend(std::mem::take(&mut e.fields).into_vec());
            }
        }
        Value::Struct(rc) => {
            if let Ok(mut s) = Rc::try_unwrap(rc) {
                work.extend(std::mem::take(&mut s.fields).into_vec());
            }
        }
        Value::List(rc) => {
            if let Ok(list) = Rc::try_unwrap(rc) {
                list.take_children(work);
            }
        }
        Value::Tuple(rc) => {
            if let Ok(items) = Rc::try_unwrap(rc) {
                work.extend(items);
            }
        }
        Value::Fn(rc) => {
            if let Ok(f) = Rc::try_unwrap(rc) {
                let mut captures = f.captures;
                if let Some(items) = Rc::get_mut(&mut captures) {
                    work.extend(items.iter_mut().map(|v| std::mem::replace(v, Value::Unit)));
                }
            }
        }
        _ => {}
    }
}

/// True for a value whose drop could recurse (a container we own alone).
fn owns_container(v: &Value) -> bool {
    match v {
        Value::Enum(rc) => Rc::strong_count(rc) == 1,
        Value::Struct(rc) => Rc::strong_count(rc) == 1,
        Value::List(rc) => Rc::strong_count(rc) == 1,
        Value::Tuple(rc) => Rc::strong_count(rc) == 1,
        Value::Fn(rc) => Rc::strong_count(rc) == 1,
        _ => false,
    }
}

/// Frees `fields` iteratively when some field is a container we own alone.
fn drop_fields(fields: &mut Box<[Value]>) {
    if !fields.iter().any(owns_container) {
        return;
    }
    let mut work: Vec<Value> = std::mem::take(fields).into_vec();
    while let Some(v) = work.pop() {
        take_children(v, &mut work);
    }
}

impl Drop for EnumVal {
    fn drop(&mut self) {
        drop_fields(&mut self.fields);
    }
}

impl Drop for StructVal {
    fn drop(&mut self) {
        drop_fields(&mut self.fields);
    }
}

/// Two values compared (by `==`, `<` or `sort`) whose kinds have no
/// comparison between them: the checker rules this out, so the evaluator
/// reports it as an internal error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindMismatch {
    /// The left value's kind.
    pub left: &'static str,
    /// The right value's kind.
    pub right: &'static str,
}

impl KindMismatch {
    fn of(left: &Value, right: &Value) -> KindMismatch {
        KindMismatch {
            left: left.kind_name(),
            right: right.kind_name(),
        }
    }
}

impl std::fmt::Display for KindMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a {} value compared with a {} value",
            self.left, self.right
        )
    }
}

/// One structural comparison. Remembers the outcome for each pair of
/// shared parts (an `Rc` held more than once) it has compared, so shared
/// structure is compared once per pair; unshared parts (the common case)
/// cost no lookup.
#[derive(Default)]
struct Equality {
    seen: std::collections::HashMap<(usize, usize), bool>,
}

impl Equality {
    fn eq(&mut self, a: &Value, b: &Value) -> Result<bool, KindMismatch> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.eq_inner(a, b))
    }

    fn eq_inner(&mut self, a: &Value, b: &Value) -> Result<bool, KindMismatch> {
        match (a, b) {
            (Value::Unit, Value::Unit) => Ok(true),
            (Value::Bool(B8(x)), Value::Bool(B8(y))) => Ok(x == y),
            (Value::Int(x), Value::Int(y)) => Ok(x == y),
            (Value::Float(x), Value::Float(y)) => Ok(x == y),
            (Value::Str(x), Value::Str(y)) => Ok(x == y),
            (Value::List(x), Value::List(y)) => self.shared(x, y, |e| e.seq(x, y)),
            (Value::Tuple(x), Value::Tuple(y)) => self.shared(x, y, |e| e.seq(x, y)),
            // Both sides have one type (the checker saw to it), so the tag
            // alone tells the variant.
            (Value::Enum(x), Value::Enum(y)) => self.shared(x, y, |e| {
                Ok(x.variant.tag == y.variant.tag && e.seq(&x.fields, &y.fields)?)
            }),
            (Value::Struct(x), Value::Struct(y)) => {
                self.shared(x, y, |e| e.seq(&x.fields, &y.fields))
            }
            _ => Err(KindMismatch::of(a, b)),
        }
    }

    /// Compares the parts behind `x` and `y` with `compare`, once per pair
    /// when either is shared.
    fn shared<T: ?Sized>(
        &mut self,
        x: &Rc<T>,
        y: &Rc<T>,
        compare: impl FnOnce(&mut Self) -> Result<bool, KindMismatch>,
    ) -> Result<bool, KindMismatch> {
        if Rc::strong_count(x) == 1 && Rc::strong_count(y) == 1 {
            return compare(self);
        }
        let key = (
            Rc::as_ptr(x).cast::<u8>() as usize,
            Rc::as_ptr(y).cast::<u8>() as usize,
        );
        if let Some(&known) = self.seen.get(&key) {
            return Ok(known);
        }
        let result = compare(self)?;
        self.seen.insert(key, result);
        Ok(result)
    }

    /// Element-wise equality of two sequences.
    fn seq(&mut self, a: &[Value], b: &[Value]) -> Result<bool, KindMismatch> {
        if a.len() != b.len() {
            return Ok(false);
        }
        for (x, y) in a.iter().zip(b) {
            if !self.eq(x, y)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// Writes `items` separated by `, `, strings quoted.
fn write_seq(out: &mut Bounded, items: &[Value]) -> std::fmt::Result {
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.write_str(", ")?;
        }
        v.write(out, true)?;
    }
    Ok(())
}

/// Display text under construction that refuses to grow past `max`
/// characters (Unicode scalar values): a write that would pass it fails and
/// leaves the text as it was.
struct Bounded {
    text: String,
    chars: usize,
    max: usize,
}

impl Bounded {
    fn new(max: usize) -> Bounded {
        Bounded {
            text: String::new(),
            chars: 0,
            max,
        }
    }
}

impl Write for Bounded {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let n = s.chars().count();
        if n > self.max - self.chars {
            return Err(std::fmt::Error);
        }
        self.chars += n;
        self.text.push_str(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_rust_debug() {
        let cases = [
            (3.0, "3.0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e-7, "1e-7"),
            (1e100, "1e100"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "NaN"),
            (-0.0, "-0.0"),
        ];
        for (f, want) in cases {
            assert_eq!(Value::Float(f).display(false), want);
        }
    }

    #[test]
    fn strings_quoted_only_inside_containers() {
        let s = Value::str("a\n\"b\"");
        assert_eq!(s.display(false), "a\n\"b\"");
        assert_eq!(s.display(true), "\"a\\n\\\"b\\\"\"");
        let l = Value::list(vec![Value::str("x"), Value::str("y")]);
        assert_eq!(l.display(false), "[\"x\", \"y\"]");
        let t = Value::Tuple(Rc::new(vec![
            Value::Int(1),
            Value::str("a"),
            Value::Bool(B8(true)),
        ]));
        assert_eq!(t.display(false), "(1, \"a\", true)");
        assert_eq!(Value::list(vec![]).display(false), "[]");
    }

    #[test]
    fn structural_equality() {
        let a = Value::list(vec![Value::Int(1), Value::Float(f64::NAN)]);
        assert_eq!(
            a.equals(&a.clone()),
            Ok(false),
            "NaN != NaN even through a shared list"
        );
        let b = Value::list(vec![Value::Int(1), Value::Int(2)]);
        assert_eq!(
            b.equals(&Value::list(vec![Value::Int(1), Value::Int(2)])),
            Ok(true)
        );
        assert_eq!(
            Value::Int(1).equals(&Value::Str(Rc::new("1".to_string()))),
            Err(KindMismatch {
                left: "Int",
                right: "Str"
            })
        );
    }

    /// `x(n) = (x(n-1), x(n-1))`: 2^n leaves, n + 1 distinct parts.
    fn doubling(n: u32, leaf: Value) -> Value {
        let mut v = leaf;
        for _ in 0..n {
            v = Value::Tuple(Rc::new(vec![v.clone(), v]));
        }
        v
    }

    #[test]
    fn shared_structure_is_compared_once_per_pair_of_parts() {
        // 2^200 leaves: only sharing-aware comparison can finish.
        let x = doubling(200, Value::Int(7));
        assert_eq!(x.equals(&x.clone()), Ok(true));
        let y = doubling(200, Value::Int(7));
        assert_eq!(x.equals(&y), Ok(true), "two values built alike");
        let z = doubling(200, Value::Int(8));
        assert_eq!(x.equals(&z), Ok(false));
        let nan = doubling(200, Value::Float(f64::NAN));
        assert_eq!(
            nan.equals(&nan.clone()),
            Ok(false),
            "NaN inside stays unequal"
        );
        let one = doubling(200, Value::Float(1.0));
        assert_eq!(one.equals(&one.clone()), Ok(true));
    }

    #[test]
    fn total_order_for_floats() {
        let mut v = [f64::NAN, 1.0, -0.0, 0.0, f64::NEG_INFINITY];
        v.sort_by(|a, b| {
            Value::Float(*a)
                .total_cmp(&Value::Float(*b))
                .expect("two Floats are ordered")
        });
        assert_eq!(format!("{v:?}"), "[-inf, -0.0, 0.0, 1.0, NaN]");
    }

    #[test]
    fn a_million_long_chain_drops_without_recursion() {
        let info = Arc::new(VariantInfo {
            name: Arc::from("Cons"),
            enum_name: Arc::from("L"),
            tag: 1,
            arity: 2,
        });
        let mut v = Value::Unit;
        for i in 0..1_000_000 {
            v = Value::Enum(Rc::new(EnumVal {
                variant: info.clone(),
                fields: Box::new([Value::Int(i), v]),
            }));
        }
        assert_eq!(v.equals(&v.clone()), Ok(true));
        drop(v);
    }

    #[test]
    fn value_is_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }
}
