//! The abstract syntax tree, allocated in a compilation unit's arena.
//!
//! Owns the shape of parsed programs. Every node lives in the unit's
//! [`crate::syntax::arena::Arena`] and is referenced as `&'a T`; children are arena
//! slices `&'a [T]`. No type here owns heap memory (`Box`, `Vec`, `Rc`,
//! `String`) or needs `Drop`: the arena never runs destructors, and dropping a
//! tree is O(1) (the arena is reset). All node types are `Copy`.
//!
//! This module must not contain behaviour beyond tiny accessors: parsing lives
//! in `parser`, typing in `check`, evaluation in `eval`. Later stages never
//! mutate the tree; what they learn goes into side tables indexed by
//! [`NodeId`].
//!
//! Size: [`Expr`] is 24 bytes (a 16-byte [`ExprKind`] plus an 8-byte span);
//! large variants are boxed into the arena to keep it there, except a
//! variable use, whose interned [`Name`] and [`NodeId`] are stored inline
//! (no allocation; [`Expr::var`] gives it as an [`Ident`]), and a binary
//! operation's operator and its start offset (only its [`Operands`] are
//! allocated). Names are 8-byte handles to one arena entry per distinct
//! name ([`crate::syntax::name`]), so an [`Ident`] is 24 bytes; operators
//! keep only their start offset; optional annotations are `Option<&Type>`
//! (8 bytes, as they are rare); a parameter's, a `fn` item's and a method
//! call's name are stored by value. On the benchmark program the tree takes
//! 9.75 arena bytes per source byte (15.0 before these choices;
//! `tests/arena_density.rs` keeps it at most 10). `const` assertions below
//! pin the sizes (a layout change fails the build).

use crate::span::Span;
pub use crate::syntax::name::Name;

/// A per-unit node identity, assigned densely (0, 1, 2, …) by the parser.
///
/// Carried by [`Ident`], [`Closure`], [`FnItem`] and [`Block`]; later stages
/// index side tables (`Vec<T>` of length `node_count`) with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    /// The id as a `usize`, for indexing side tables.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One occurrence of a name: a variable use, a binding, a field, a type or
/// constructor name, a method name. Each occurrence has its own [`NodeId`].
#[derive(Clone, Copy, Debug)]
pub struct Ident<'a> {
    /// The name as written (`"_"` for a wildcard parameter), interned.
    pub name: Name<'a>,
    /// Where it is written.
    pub span: Span,
    /// Side-table key for this occurrence.
    pub id: NodeId,
}

/// A parsed compilation unit: a file or one REPL input, which is a block body.
#[derive(Clone, Copy, Debug)]
pub struct Program<'a> {
    /// The statements and final expression of the unit.
    pub body: &'a Block<'a>,
    /// Number of [`NodeId`]s handed out; side tables have this length.
    pub node_count: u32,
    /// Number of distinct names ([`Name::sym`] is below it).
    pub name_count: u32,
}

/// An expression with its span.
#[derive(Clone, Copy, Debug)]
pub struct Expr<'a> {
    /// What kind of expression this is.
    pub kind: ExprKind<'a>,
    /// The whole expression's source range.
    pub span: Span,
}

impl<'a> Expr<'a> {
    /// The variable use this expression is, as an [`Ident`] with the
    /// expression's span; `None` for any other form.
    #[inline]
    pub fn var(&self) -> Option<Ident<'a>> {
        match self.kind {
            ExprKind::Var { name, id } => Some(Ident {
                name,
                span: self.span,
                id,
            }),
            _ => None,
        }
    }
}

/// Expression forms. Payloads larger than a pointer are boxed in the arena.
#[derive(Clone, Copy, Debug)]
pub enum ExprKind<'a> {
    /// Integer literal (already range-checked; `-9223372036854775808` folded).
    Int(i64),
    /// Float literal.
    Float(f64),
    /// `true` / `false`.
    Bool(bool),
    /// String literal, escapes decoded.
    Str(&'a StrLit<'a>),
    /// `()`.
    Unit,
    /// A name: a value (`x`, `len`) or a constructor (`Some`, `None`),
    /// stored inline (its span is the expression's; [`Expr::var`] gives it
    /// as an [`Ident`]).
    Var {
        /// The name.
        name: Name<'a>,
        /// Side-table key for this occurrence.
        id: NodeId,
    },
    /// `-e`, `!e`.
    Unary(&'a Unary<'a>),
    /// `a op b` (the operator inline, the operands in the arena).
    Binary(Binary<'a>),
    /// `f(a, b)`.
    Call(&'a Call<'a>),
    /// `x.f(a, b)`, meaning `f(x, a, b)`.
    MethodCall(&'a MethodCall<'a>),
    /// `p.x` (struct field access).
    Field(&'a FieldAccess<'a>),
    /// `xs[i]`.
    Index(&'a Index<'a>),
    /// `(a, b, …)` with at least two elements.
    Tuple(&'a ExprList<'a>),
    /// `[a, b, …]`.
    List(&'a ExprList<'a>),
    /// `{ stmts; tail }`.
    Block(&'a Block<'a>),
    /// `if c { … } else …`.
    If(&'a If<'a>),
    /// `match e { arms }`.
    Match(&'a Match<'a>),
    /// `|params| body`.
    Closure(&'a Closure<'a>),
    /// `Point { x: 1, y }`.
    StructLit(&'a StructLit<'a>),
    /// Placeholder for input that failed to parse (already diagnosed).
    Error,
}

/// A decoded string literal.
#[derive(Clone, Copy, Debug)]
pub struct StrLit<'a> {
    /// The text with escapes decoded.
    pub value: &'a str,
}

/// Prefix operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-`
    Neg,
    /// `!`
    Not,
}

/// A prefix operation.
#[derive(Clone, Copy, Debug)]
pub struct Unary<'a> {
    /// The operator.
    pub op: UnaryOp,
    /// Where the operator token starts (its span is [`Unary::op_span`]).
    pub op_start: u32,
    /// The operand.
    pub operand: Expr<'a>,
}

impl Unary<'_> {
    /// Span of the operator token (one byte).
    pub fn op_span(&self) -> Span {
        Span::new(self.op_start, self.op_start + 1)
    }
}

/// Binary operators, in the order of the precedence table (A5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `||`
    Or,
    /// `&&`
    And,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `++`
    Concat,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
    /// `**`
    Pow,
}

impl BinOp {
    /// The operator as written in source.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "||",
            BinOp::And => "&&",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Concat => "++",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Rem => "%",
            BinOp::Pow => "**",
        }
    }
}

/// A binary operation: the operator, where it starts, and its operands.
///
/// Stored inline in [`ExprKind::Binary`] (packed, 13 bytes, so `ExprKind`
/// stays 16); only the [`Operands`] are allocated, so a binary node takes
/// 48 arena bytes. It dereferences to its operands (`b.lhs`, `b.rhs`);
/// [`Binary::operands`] gives them for the arena's lifetime. Fields are
/// read by value (`b.op`, `b.op_start`): the struct is packed. Hot code
/// takes it by reference (`ExprKind::Binary(ref b)`): copying the packed
/// 13 bytes into an argument made the evaluator 10–30 % slower (the copy
/// is stored in pieces and read back whole).
#[derive(Clone, Copy)]
#[repr(C, packed)]
pub struct Binary<'a> {
    /// The operator.
    pub op: BinOp,
    /// Where the operator token starts (its span is [`Binary::op_span`]).
    pub op_start: u32,
    /// The operands, in the arena.
    operands: &'a Operands<'a>,
}

impl<'a> Binary<'a> {
    /// A binary operation `lhs op rhs` with its operator at `op_start`.
    pub fn new(op: BinOp, op_start: u32, operands: &'a Operands<'a>) -> Binary<'a> {
        Binary {
            op,
            op_start,
            operands,
        }
    }

    /// The operands, for the arena's lifetime.
    #[inline]
    pub fn operands(&self) -> &'a Operands<'a> {
        self.operands
    }

    /// Span of the operator token (its length is the symbol's).
    pub fn op_span(&self) -> Span {
        let (op, start) = (self.op, self.op_start);
        Span::new(start, start + op.symbol().len() as u32)
    }
}

impl<'a> std::ops::Deref for Binary<'a> {
    type Target = Operands<'a>;
    #[inline]
    fn deref(&self) -> &Operands<'a> {
        self.operands
    }
}

impl std::fmt::Debug for Binary<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (op, op_start, operands) = (self.op, self.op_start, self.operands);
        f.debug_struct("Binary")
            .field("op", &op)
            .field("op_start", &op_start)
            .field("lhs", &operands.lhs)
            .field("rhs", &operands.rhs)
            .finish()
    }
}

/// The operands of a [`Binary`] operation.
#[derive(Clone, Copy, Debug)]
pub struct Operands<'a> {
    /// Left operand.
    pub lhs: Expr<'a>,
    /// Right operand.
    pub rhs: Expr<'a>,
}

/// A call `callee(args)`.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// The function expression.
    pub callee: Expr<'a>,
    /// The arguments, in order.
    pub args: &'a [Expr<'a>],
}

/// A method call `receiver.method(args)`, sugar for `method(receiver, args)`.
#[derive(Clone, Copy, Debug)]
pub struct MethodCall<'a> {
    /// The receiver, passed as the first argument.
    pub receiver: Expr<'a>,
    /// The function's name, looked up in scope like a variable.
    pub method: Ident<'a>,
    /// The remaining arguments.
    pub args: &'a [Expr<'a>],
}

/// A field access `expr.field`.
#[derive(Clone, Copy, Debug)]
pub struct FieldAccess<'a> {
    /// The struct-valued expression.
    pub expr: Expr<'a>,
    /// The field name.
    pub field: &'a Ident<'a>,
}

/// An index `expr[index]`.
#[derive(Clone, Copy, Debug)]
pub struct Index<'a> {
    /// The list.
    pub expr: Expr<'a>,
    /// The index.
    pub index: Expr<'a>,
}

/// Elements of a tuple or list literal.
#[derive(Clone, Copy, Debug)]
pub struct ExprList<'a> {
    /// The elements, in order.
    pub items: &'a [Expr<'a>],
}

/// A block `{ stmts tail }`, also the body of a whole unit.
#[derive(Clone, Copy, Debug)]
pub struct Block<'a> {
    /// The statements, in order.
    pub stmts: &'a [Stmt<'a>],
    /// The final expression, whose value is the block's; `None` means `()`.
    pub tail: Option<Expr<'a>>,
    /// Side-table key (scopes).
    pub id: NodeId,
}

/// `if cond { then } else else_branch`.
#[derive(Clone, Copy, Debug)]
pub struct If<'a> {
    /// The condition.
    pub cond: Expr<'a>,
    /// The then-block.
    pub then_branch: &'a Block<'a>,
    /// The else part: a block expression or another `if`; `None` if absent.
    pub else_branch: Option<Expr<'a>>,
}

/// `match scrutinee { arms }`.
#[derive(Clone, Copy, Debug)]
pub struct Match<'a> {
    /// The value matched on.
    pub scrutinee: Expr<'a>,
    /// The arms, tried in order.
    pub arms: &'a [Arm<'a>],
}

/// One `pattern if guard => body` arm.
#[derive(Clone, Copy, Debug)]
pub struct Arm<'a> {
    /// The pattern (possibly an or-pattern).
    pub pattern: Pattern<'a>,
    /// The optional guard.
    pub guard: Option<Expr<'a>>,
    /// The arm's value.
    pub body: Expr<'a>,
    /// The whole arm.
    pub span: Span,
}

/// A closure `|params| body` or `|params| -> T { body }`.
#[derive(Clone, Copy, Debug)]
pub struct Closure<'a> {
    /// The parameters.
    pub params: &'a [Param<'a>],
    /// The declared return type, if any.
    pub ret: Option<&'a Type<'a>>,
    /// The body.
    pub body: Expr<'a>,
    /// Side-table key (captures, frame size).
    pub id: NodeId,
}

/// A function or closure parameter `name: T` (name may be `_`).
#[derive(Clone, Copy, Debug)]
pub struct Param<'a> {
    /// The bound name (`"_"` binds nothing).
    pub name: Ident<'a>,
    /// The annotation, if any.
    pub ty: Option<&'a Type<'a>>,
    /// The whole parameter.
    pub span: Span,
}

/// A struct literal `Name { field: expr, shorthand, … }`.
#[derive(Clone, Copy, Debug)]
pub struct StructLit<'a> {
    /// The struct's name.
    pub name: &'a Ident<'a>,
    /// The fields as written, in source order.
    pub fields: &'a [FieldInit<'a>],
}

/// One `field: value` (or shorthand `field`) of a struct literal.
#[derive(Clone, Copy, Debug)]
pub struct FieldInit<'a> {
    /// The field name.
    pub name: &'a Ident<'a>,
    /// The value; for shorthand, a `Var` with its own [`NodeId`] and the same name.
    pub value: Expr<'a>,
    /// True for the shorthand form `Point { x }`.
    pub shorthand: bool,
}

/// A statement of a block body.
#[derive(Clone, Copy, Debug)]
pub enum Stmt<'a> {
    /// `let pattern: T = value;`
    Let(&'a Let<'a>),
    /// `fn name(…) …`
    Fn(&'a FnItem<'a>),
    /// `struct Name { … }`
    Struct(&'a StructItem<'a>),
    /// `enum Name { … }`
    Enum(&'a EnumItem<'a>),
    /// An expression statement (`expr;` or a block-like expression); its
    /// value is discarded. Boxed, so a statement is 16 bytes.
    Expr(&'a Expr<'a>),
    /// A lone `;`.
    Empty(Span),
    /// A statement that failed to parse (already diagnosed).
    Error(Span),
}

/// `let pattern: ty = value;`
#[derive(Clone, Copy, Debug)]
pub struct Let<'a> {
    /// The (irrefutable) pattern.
    pub pattern: Pattern<'a>,
    /// The annotation, if any.
    pub ty: Option<&'a Type<'a>>,
    /// The bound value.
    pub value: Expr<'a>,
    /// The whole statement.
    pub span: Span,
}

/// A function item, `fn name<T: Num>(params) -> R { body }` or `… = expr;`.
#[derive(Clone, Copy, Debug)]
pub struct FnItem<'a> {
    /// The function's name.
    pub name: Ident<'a>,
    /// Declared type parameters.
    pub generics: &'a [TypeParam<'a>],
    /// Parameters.
    pub params: &'a [Param<'a>],
    /// Declared return type, if any.
    pub ret: Option<&'a Type<'a>>,
    /// The body (a `Block` expression for the block form).
    pub body: Expr<'a>,
    /// The whole item.
    pub span: Span,
    /// Side-table key (captures, frame size).
    pub id: NodeId,
}

/// A declared type parameter `T: Num + Ord`.
#[derive(Clone, Copy, Debug)]
pub struct TypeParam<'a> {
    /// The parameter's name.
    pub name: &'a Ident<'a>,
    /// The class bounds as written (`Num`, `Ord`, `Eq`, `Seq`).
    pub bounds: &'a [Ident<'a>],
}

/// `struct Name<T> { field: T, … }`
#[derive(Clone, Copy, Debug)]
pub struct StructItem<'a> {
    /// The type's name.
    pub name: &'a Ident<'a>,
    /// Type parameters.
    pub params: &'a [Ident<'a>],
    /// Fields in declaration order.
    pub fields: &'a [FieldDecl<'a>],
    /// The whole item.
    pub span: Span,
}

/// One `name: T` field declaration.
#[derive(Clone, Copy, Debug)]
pub struct FieldDecl<'a> {
    /// The field's name.
    pub name: &'a Ident<'a>,
    /// The field's type.
    pub ty: Type<'a>,
}

/// `enum Name<T> { Variant(T), … }`
#[derive(Clone, Copy, Debug)]
pub struct EnumItem<'a> {
    /// The type's name.
    pub name: &'a Ident<'a>,
    /// Type parameters.
    pub params: &'a [Ident<'a>],
    /// Variants in declaration order.
    pub variants: &'a [Variant<'a>],
    /// The whole item.
    pub span: Span,
}

/// One variant `Name` or `Name(T1, T2)`.
#[derive(Clone, Copy, Debug)]
pub struct Variant<'a> {
    /// The constructor's name.
    pub name: &'a Ident<'a>,
    /// Payload types (empty for a constant variant).
    pub fields: &'a [Type<'a>],
    /// The whole variant.
    pub span: Span,
}

/// A type annotation with its span.
#[derive(Clone, Copy, Debug)]
pub struct Type<'a> {
    /// The form of the type.
    pub kind: TypeKind<'a>,
    /// Where it is written.
    pub span: Span,
}

/// Type annotation forms.
#[derive(Clone, Copy, Debug)]
pub enum TypeKind<'a> {
    /// `Int`, `T`, `Option<Int>`: a name with optional arguments.
    Named {
        /// The type's name.
        name: &'a Ident<'a>,
        /// Type arguments (empty when none are written).
        args: &'a [Type<'a>],
    },
    /// `[T]`
    List(&'a Type<'a>),
    /// `(T1, T2, …)`, two or more.
    Tuple(&'a [Type<'a>]),
    /// `()`
    Unit,
    /// `fn(T1, …) -> R`
    Fn {
        /// Parameter types.
        params: &'a [Type<'a>],
        /// Result type.
        ret: &'a Type<'a>,
    },
    /// Placeholder for a type that failed to parse (already diagnosed).
    Error,
}

/// A pattern with its span.
#[derive(Clone, Copy, Debug)]
pub struct Pattern<'a> {
    /// The form of the pattern.
    pub kind: PatKind<'a>,
    /// Where it is written.
    pub span: Span,
}

/// Pattern forms (A6, B).
#[derive(Clone, Copy, Debug)]
pub enum PatKind<'a> {
    /// `_`
    Wild,
    /// A lowercase name that binds the matched value.
    Bind(&'a Ident<'a>),
    /// An Int literal, possibly negative (`-1`).
    Int(i64),
    /// A Float literal, possibly negative.
    Float(f64),
    /// `true` / `false`.
    Bool(bool),
    /// A string literal.
    Str(&'a StrLit<'a>),
    /// `()`
    Unit,
    /// `(p1, p2, …)`, two or more.
    Tuple(&'a PatList<'a>),
    /// `[p1, p2, ..rest]`
    List(&'a ListPat<'a>),
    /// `p1 | p2 | …`, two or more alternatives.
    Or(&'a PatList<'a>),
    /// `Name` or `Name(p1, …)`: an enum variant.
    Ctor(&'a CtorPat<'a>),
    /// `Name { field: p, field, .. }`
    Struct(&'a StructPat<'a>),
    /// Placeholder for a pattern that failed to parse (already diagnosed).
    Error,
}

/// Sub-patterns of a tuple or or-pattern.
#[derive(Clone, Copy, Debug)]
pub struct PatList<'a> {
    /// The sub-patterns, in order.
    pub items: &'a [Pattern<'a>],
}

/// A list pattern `[p1, …, ..rest]`.
#[derive(Clone, Copy, Debug)]
pub struct ListPat<'a> {
    /// The fixed leading elements.
    pub items: &'a [Pattern<'a>],
    /// The `..` or `..name` tail, if present (only last).
    pub rest: Option<Rest<'a>>,
}

/// The `..name` part of a list pattern.
#[derive(Clone, Copy, Debug)]
pub struct Rest<'a> {
    /// The name bound to the remaining elements, if any.
    pub binding: Option<&'a Ident<'a>>,
    /// Where `..name` is written.
    pub span: Span,
}

/// A constructor pattern `Name` or `Name(p1, …)`.
#[derive(Clone, Copy, Debug)]
pub struct CtorPat<'a> {
    /// The variant's name.
    pub name: &'a Ident<'a>,
    /// Sub-patterns (empty for `Name`).
    pub args: &'a [Pattern<'a>],
}

/// A struct pattern `Name { a, b: p, .. }`.
#[derive(Clone, Copy, Debug)]
pub struct StructPat<'a> {
    /// The struct's name.
    pub name: &'a Ident<'a>,
    /// The listed fields.
    pub fields: &'a [FieldPat<'a>],
    /// True when `..` ignores the remaining fields.
    pub has_rest: bool,
}

/// One field of a struct pattern.
#[derive(Clone, Copy, Debug)]
pub struct FieldPat<'a> {
    /// The field's name.
    pub field: &'a Ident<'a>,
    /// The sub-pattern; for shorthand, a `Bind` with its own [`Ident`].
    pub pattern: Pattern<'a>,
    /// True for the shorthand form `{ a }`.
    pub shorthand: bool,
}

// Layout facts, checked when the crate is built (a change fails the build,
// not a test): `Expr` stays 24 bytes (a 16-byte `ExprKind`, whose largest
// payload is a variable use's 12-byte name and id, plus an 8-byte span), a
// name is one pointer, an `Ident` 24 bytes, the most frequent boxed nodes
// keep the sizes below, and no node needs `Drop` (the arena never runs
// destructors).
const _: () = {
    use std::mem::{needs_drop, size_of};
    assert!(size_of::<Name>() == 8);
    assert!(size_of::<Ident>() == 24);
    assert!(size_of::<ExprKind>() == 16);
    assert!(size_of::<Expr>() == 24);
    assert!(size_of::<Pattern>() == 24);
    assert!(size_of::<Stmt>() == 16);
    assert!(size_of::<Binary>() == 13);
    assert!(size_of::<Operands>() == 48);
    assert!(size_of::<Unary>() == 32);
    assert!(size_of::<Param>() == 40);
    assert!(size_of::<Let>() == 64);
    assert!(size_of::<FnItem>() == 104);
    assert!(size_of::<Closure>() == 56);
    assert!(size_of::<Block>() == 48);
    assert!(!needs_drop::<Expr>());
    assert!(!needs_drop::<Stmt>());
    assert!(!needs_drop::<Pattern>());
    assert!(!needs_drop::<Type>());
};
