//! Name resolution for the evaluator: every variable use becomes a slot.
//!
//! Owns the mapping from identifier occurrences (by [`NodeId`]) to runtime
//! [`Slot`]s, the frame size of every function, the capture lists of closures
//! and of `fn`-item groups, and the owned declaration data of `struct` and
//! `enum` items. The evaluator then never looks a name up by string.
//!
//! Model: each function body (closure, `fn` item, or the unit's top level) has
//! a frame of local slots. A closure captures the values of its free
//! variables when it is created (flat closures; the language has no mutation,
//! so capture by value is exact). The `fn` items of one block form one
//! *group* sharing one capture environment: members call each other through
//! [`Slot::Sibling`], which builds the function value from the current group
//! without creating reference cycles. A group is created at the first point
//! of its block where every `let` it captures has been evaluated.
//!
//! Names the checker would reject resolve to [`Slot::Unresolved`]; the
//! evaluator reports them at run time instead of crashing. This module must
//! not evaluate or type anything.

use crate::sema::descriptor::{StructInfo, VariantInfo};
use crate::sema::prelude::Builtin;
use crate::syntax::ast::*;
use std::rc::Rc;
use std::sync::Arc;

/// Where a name's value lives at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// Not a resolved occurrence (or a binding that binds nothing).
    None,
    /// Local slot `i` of the current frame (also used for binding sites).
    Local(u32),
    /// Captured value `i` of the current function's environment.
    Capture(u32),
    /// Member `i` of the current function's `fn` group.
    Sibling(u32),
    /// Prelude function or constant.
    Builtin(Builtin),
    /// A persistent global from an earlier unit (REPL).
    Global(u32),
    /// Enum variant `i` of this unit's variant table.
    Variant(u32),
    /// Struct `i` of this unit's struct table.
    Struct(u32),
    /// A name the checker rejects; reading it is a runtime error.
    Unresolved,
}

/// A function's code: a `fn` item or a closure.
#[derive(Clone, Copy, Debug)]
pub enum FnCode<'a> {
    /// A named `fn` item.
    Item(&'a FnItem<'a>),
    /// An anonymous closure.
    Closure(&'a Closure<'a>),
}

impl<'a> FnCode<'a> {
    /// The parameters.
    pub fn params(&self) -> &'a [Param<'a>] {
        match self {
            FnCode::Item(f) => f.params,
            FnCode::Closure(c) => c.params,
        }
    }

    /// The body expression.
    pub fn body(&self) -> &'a Expr<'a> {
        match self {
            FnCode::Item(f) => &f.body,
            FnCode::Closure(c) => &c.body,
        }
    }

    /// The name of a `fn` item; `None` for closures.
    pub fn name(&self) -> Option<&'a str> {
        match self {
            FnCode::Item(f) => Some(f.name.name),
            FnCode::Closure(_) => None,
        }
    }
}

/// One function of a group.
#[derive(Debug)]
pub struct FnInfo<'a> {
    /// Its code.
    pub code: FnCode<'a>,
    /// Number of local slots its frame needs (parameters first).
    pub frame_size: u32,
}

/// A group of functions sharing one capture environment.
#[derive(Debug)]
pub struct Group<'a> {
    /// The members (one for a closure).
    pub members: Vec<FnInfo<'a>>,
    /// Where each captured value comes from, in the creating frame.
    pub captures: Vec<Slot>,
}

/// The `fn` items of a block: which group, when to create it, and the local
/// slots of the block's frame that receive the member values.
#[derive(Debug)]
pub struct BlockFns {
    /// The group index.
    pub group: u32,
    /// Create the group before statement `create_at` (== `stmts.len()`:
    /// after all statements).
    pub create_at: u32,
    /// Local slot of each member in the enclosing frame.
    pub member_slots: Vec<u32>,
}

/// Everything the evaluator needs to know about names in one unit.
#[derive(Debug)]
pub struct Resolution<'a> {
    /// Slot of every identifier occurrence and binding site, by NodeId.
    pub slots: Vec<Slot>,
    /// Group of every closure, by the closure's NodeId.
    pub closure_group: Vec<u32>,
    /// Index into `block_fns` of every block's `fn` items, by the block's
    /// NodeId (`u32::MAX`: none).
    pub block_fns_index: Vec<u32>,
    /// The `fn` items of the blocks that have some.
    pub block_fns: Vec<BlockFns>,
    /// All function groups of the unit.
    pub groups: Vec<Group<'a>>,
    /// Enum variants declared in the unit (and the prelude's).
    pub variants: Vec<Arc<VariantInfo>>,
    /// Structs declared in the unit.
    pub structs: Vec<Arc<StructInfo>>,
    /// Frame size of the unit's top level.
    pub top_frame: u32,
    /// Top-level names the unit defines, with their local slots (for REPL
    /// persistence), in definition order.
    pub top_bindings: Vec<(String, u32)>,
}

impl Resolution<'_> {
    /// The `fn` items of block `id`, if it has some.
    #[inline]
    pub fn fns_of(&self, id: NodeId) -> Option<&BlockFns> {
        match self.block_fns_index.get(id.index()) {
            Some(&i) if i != u32::MAX => self.block_fns.get(i as usize),
            _ => None,
        }
    }
}

/// Names persisted from earlier units (REPL): value globals and types.
#[derive(Default, Clone, Debug)]
pub struct Globals {
    /// Value names with their global index, later entries shadow earlier.
    pub values: Vec<(Rc<str>, u32)>,
    /// Enum variants by name.
    pub variants: Vec<Arc<VariantInfo>>,
    /// Structs by name.
    pub structs: Vec<Arc<StructInfo>>,
}

#[derive(Clone, Copy)]
enum Binding {
    Local(u32),
    Item { group: u32, member: u32, slot: u32 },
}

#[derive(Clone, Copy)]
enum TypeBinding {
    Variant(u32),
    Struct(u32),
}

struct FnCtx<'a> {
    scopes: Vec<Vec<(&'a str, Binding)>>,
    next_slot: u32,
    /// The group this function belongs to (`None` at the top level).
    group: Option<u32>,
    /// True when the group is a `fn`-item group (siblings visible).
    item_group: bool,
}

struct Resolver<'a, 'g> {
    res: Resolution<'a>,
    ctxs: Vec<FnCtx<'a>>,
    types: Vec<Vec<(&'a str, TypeBinding)>>,
    globals: &'g Globals,
}

/// The prelude's enum variants, in the order `Some`, `None`, `Ok`, `Err`.
pub fn prelude_variants() -> Vec<Arc<VariantInfo>> {
    let option: Arc<str> = Arc::from("Option");
    let result: Arc<str> = Arc::from("Result");
    let v = |name: &str, enum_name: &Arc<str>, tag, arity| {
        Arc::new(VariantInfo {
            name: Arc::from(name),
            enum_name: enum_name.clone(),
            tag,
            arity,
        })
    };
    vec![
        v("Some", &option, 0, 1),
        v("None", &option, 1, 0),
        v("Ok", &result, 0, 1),
        v("Err", &result, 1, 1),
    ]
}

/// Resolves a parsed unit against the prelude and `globals`.
pub fn resolve<'a>(program: &Program<'a>, globals: &Globals) -> Resolution<'a> {
    let n = program.node_count as usize;
    let mut r = Resolver {
        res: Resolution {
            slots: vec![Slot::None; n],
            closure_group: vec![u32::MAX; n],
            block_fns_index: vec![u32::MAX; n],
            block_fns: Vec::new(),
            groups: Vec::new(),
            variants: Vec::new(),
            structs: Vec::new(),
            top_frame: 0,
            top_bindings: Vec::new(),
        },
        ctxs: vec![FnCtx {
            scopes: vec![Vec::new()],
            next_slot: 0,
            group: None,
            item_group: false,
        }],
        types: vec![Vec::new()],
        globals,
    };
    r.res.variants = prelude_variants();
    r.res.variants.extend(globals.variants.iter().cloned());
    r.res.structs.extend(globals.structs.iter().cloned());
    r.block(program.body, true);
    r.res.top_frame = r.ctxs[0].next_slot;
    r.res
}

impl<'a> Resolver<'a, '_> {
    fn ctx(&mut self) -> &mut FnCtx<'a> {
        self.ctxs
            .last_mut()
            .expect("the top-level context is never popped")
    }

    fn new_slot(&mut self) -> u32 {
        let ctx = self.ctx();
        let s = ctx.next_slot;
        ctx.next_slot += 1;
        s
    }

    fn declare(&mut self, name: &'a str, b: Binding) {
        self.ctx()
            .scopes
            .last_mut()
            .expect("a function context always has a scope")
            .push((name, b));
    }

    /// Binds `ident` to a fresh local slot.
    fn bind(&mut self, ident: &'a Ident<'a>) -> u32 {
        let s = self.new_slot();
        if ident.name != "_" {
            self.declare(ident.name, Binding::Local(s));
        }
        self.res.slots[ident.id.index()] = Slot::Local(s);
        s
    }

    fn lookup(&mut self, name: &str, ctx_idx: usize) -> Slot {
        for scope in self.ctxs[ctx_idx].scopes.iter().rev() {
            for (n, b) in scope.iter().rev() {
                if *n == name {
                    return match *b {
                        Binding::Local(s) => Slot::Local(s),
                        Binding::Item { slot, .. } => Slot::Local(slot),
                    };
                }
            }
        }
        if ctx_idx == 0 {
            return self.global_lookup(name);
        }
        let group = self.ctxs[ctx_idx]
            .group
            .expect("nested contexts belong to a group");
        if self.ctxs[ctx_idx].item_group {
            // Siblings are declared in the parent's innermost scopes as items.
            for scope in self.ctxs[ctx_idx - 1].scopes.iter().rev() {
                for (n, b) in scope.iter().rev() {
                    if *n == name {
                        if let Binding::Item {
                            group: g, member, ..
                        } = *b
                            && g == group
                        {
                            return Slot::Sibling(member);
                        }
                        break;
                    }
                }
            }
        }
        let src = self.lookup(name, ctx_idx - 1);
        match src {
            // Globals are captured too: a function keeps the binding it saw
            // when it was created, even if a later REPL input shadows it.
            Slot::Local(_) | Slot::Capture(_) | Slot::Sibling(_) | Slot::Global(_) => {
                let caps = &mut self.res.groups[group as usize].captures;
                let idx = match caps.iter().position(|c| *c == src) {
                    Some(i) => i,
                    None => {
                        caps.push(src);
                        caps.len() - 1
                    }
                };
                Slot::Capture(idx as u32)
            }
            other => other,
        }
    }

    fn global_lookup(&self, name: &str) -> Slot {
        if let Some((_, idx)) = self.globals.values.iter().rev().find(|(n, _)| &**n == name) {
            return Slot::Global(*idx);
        }
        match Builtin::from_name(name) {
            Some(b) => Slot::Builtin(b),
            None => Slot::Unresolved,
        }
    }

    fn type_lookup(&self, name: &str) -> Option<TypeBinding> {
        for scope in self.types.iter().rev() {
            if let Some((_, b)) = scope.iter().rev().find(|(n, _)| *n == name) {
                return Some(*b);
            }
        }
        if let Some(i) = self.res.variants.iter().rposition(|v| &*v.name == name) {
            return Some(TypeBinding::Variant(i as u32));
        }
        self.res
            .structs
            .iter()
            .rposition(|s| &*s.name == name)
            .map(|i| TypeBinding::Struct(i as u32))
    }

    fn block(&mut self, b: &'a Block<'a>, top: bool) {
        self.ctx().scopes.push(Vec::new());
        self.types.push(Vec::new());
        // Type items are visible throughout their block.
        for s in b.stmts {
            match s {
                Stmt::Struct(item) => {
                    let idx = self.res.structs.len() as u32;
                    self.res.structs.push(Arc::new(StructInfo {
                        name: Arc::from(item.name.name),
                        fields: item.fields.iter().map(|f| Arc::from(f.name.name)).collect(),
                    }));
                    self.types
                        .last_mut()
                        .expect("pushed above")
                        .push((item.name.name, TypeBinding::Struct(idx)));
                }
                Stmt::Enum(item) => {
                    let enum_name: Arc<str> = Arc::from(item.name.name);
                    for (tag, v) in item.variants.iter().enumerate() {
                        let idx = self.res.variants.len() as u32;
                        self.res.variants.push(Arc::new(VariantInfo {
                            name: Arc::from(v.name.name),
                            enum_name: enum_name.clone(),
                            tag: tag as u32,
                            arity: v.fields.len() as u32,
                        }));
                        self.types
                            .last_mut()
                            .expect("pushed above")
                            .push((v.name.name, TypeBinding::Variant(idx)));
                    }
                }
                _ => {}
            }
        }
        // The block's fn items: one group, members declared up front.
        let items: Vec<&'a FnItem<'a>> = b
            .stmts
            .iter()
            .filter_map(|s| match s {
                Stmt::Fn(f) => Some(*f),
                _ => None,
            })
            .collect();
        let mut block_fns = None;
        if !items.is_empty() {
            let group = self.res.groups.len() as u32;
            self.res.groups.push(Group {
                members: Vec::new(),
                captures: Vec::new(),
            });
            let mut member_slots = Vec::new();
            for (m, f) in items.iter().enumerate() {
                let slot = self.new_slot();
                member_slots.push(slot);
                self.declare(
                    f.name.name,
                    Binding::Item {
                        group,
                        member: m as u32,
                        slot,
                    },
                );
                self.res.slots[f.name.id.index()] = Slot::Local(slot);
                if top {
                    self.res.top_bindings.push((f.name.name.to_string(), slot));
                }
                self.res.groups[group as usize].members.push(FnInfo {
                    code: FnCode::Item(f),
                    frame_size: 0,
                });
            }
            block_fns = Some(BlockFns {
                group,
                create_at: 0,
                member_slots,
            });
        }
        // Statements in order; remember which statement defines each slot.
        let first_slot = self.ctx().next_slot;
        let mut defined_at: Vec<(u32, u32)> = Vec::new();
        let mut member = 0u32;
        for (i, s) in b.stmts.iter().enumerate() {
            match s {
                Stmt::Let(l) => {
                    self.expr(&l.value);
                    let before = self.ctx().next_slot;
                    let mut names = Vec::new();
                    self.pattern(&l.pattern, None, &mut names);
                    let after = self.ctx().next_slot;
                    for slot in before..after {
                        defined_at.push((slot, i as u32));
                    }
                    if top {
                        for (name, slot) in names {
                            self.res.top_bindings.push((name.to_string(), slot));
                        }
                    }
                }
                Stmt::Fn(f) => {
                    let group = block_fns.as_ref().map_or(0, |b| b.group);
                    self.function(FnCode::Item(f), group, member, true);
                    member += 1;
                }
                Stmt::Expr(e) => self.expr(e),
                Stmt::Struct(_) | Stmt::Enum(_) | Stmt::Empty(_) | Stmt::Error(_) => {}
            }
        }
        if let Some(bf) = &mut block_fns {
            let caps = &self.res.groups[bf.group as usize].captures;
            let mut create_at = 0;
            for c in caps {
                if let Slot::Local(s) = c
                    && *s >= first_slot
                    && let Some((_, at)) = defined_at.iter().find(|(slot, _)| slot == s)
                {
                    create_at = create_at.max(at + 1);
                }
            }
            bf.create_at = create_at;
        }
        if let Some(t) = &b.tail {
            self.expr(t);
        }
        if let Some(bf) = block_fns {
            self.res.block_fns_index[b.id.index()] = self.res.block_fns.len() as u32;
            self.res.block_fns.push(bf);
        }
        self.types.pop();
        if !top {
            self.ctx().scopes.pop();
        }
    }

    /// Resolves a function body in a new context.
    fn function(&mut self, code: FnCode<'a>, group: u32, member: u32, item_group: bool) {
        self.ctxs.push(FnCtx {
            scopes: vec![Vec::new()],
            next_slot: 0,
            group: Some(group),
            item_group,
        });
        for p in code.params() {
            self.bind(p.name);
        }
        self.expr(code.body());
        let ctx = self.ctxs.pop().expect("pushed above");
        self.res.groups[group as usize].members[member as usize].frame_size = ctx.next_slot;
    }

    fn pattern(
        &mut self,
        p: &'a Pattern<'a>,
        or_names: Option<&[(&'a str, u32)]>,
        names: &mut Vec<(&'a str, u32)>,
    ) {
        match p.kind {
            PatKind::Bind(ident) => {
                let existing = or_names.and_then(|ns| ns.iter().find(|(n, _)| *n == ident.name));
                let s = match existing {
                    Some(&(_, s)) => {
                        self.res.slots[ident.id.index()] = Slot::Local(s);
                        s
                    }
                    None => self.bind(ident),
                };
                names.push((ident.name, s));
            }
            PatKind::Tuple(l) => {
                for q in l.items {
                    self.pattern(q, or_names, names);
                }
            }
            PatKind::Or(l) => {
                let start = names.len();
                let mut first: Vec<(&'a str, u32)> = Vec::new();
                for (i, q) in l.items.iter().enumerate() {
                    if i == 0 {
                        self.pattern(q, or_names, names);
                        first = names[start..].to_vec();
                    } else {
                        let mut alt = Vec::new();
                        self.pattern(q, Some(&first), &mut alt);
                    }
                }
            }
            PatKind::List(l) => {
                for q in l.items {
                    self.pattern(q, or_names, names);
                }
                if let Some(rest) = &l.rest
                    && let Some(b) = rest.binding
                {
                    let existing = or_names.and_then(|ns| ns.iter().find(|(n, _)| *n == b.name));
                    let s = match existing {
                        Some(&(_, s)) => {
                            self.res.slots[b.id.index()] = Slot::Local(s);
                            s
                        }
                        None => self.bind(b),
                    };
                    names.push((b.name, s));
                }
            }
            PatKind::Ctor(c) => {
                self.res.slots[c.name.id.index()] = match self.type_lookup(c.name.name) {
                    Some(TypeBinding::Variant(i)) => Slot::Variant(i),
                    _ => Slot::Unresolved,
                };
                for q in c.args {
                    self.pattern(q, or_names, names);
                }
            }
            PatKind::Struct(s) => {
                self.res.slots[s.name.id.index()] = match self.type_lookup(s.name.name) {
                    Some(TypeBinding::Struct(i)) => Slot::Struct(i),
                    _ => Slot::Unresolved,
                };
                for f in s.fields {
                    self.pattern(&f.pattern, or_names, names);
                }
            }
            PatKind::Wild
            | PatKind::Int(_)
            | PatKind::Float(_)
            | PatKind::Bool(_)
            | PatKind::Str(_)
            | PatKind::Unit
            | PatKind::Error => {}
        }
    }

    fn use_var(&mut self, ident: &'a Ident<'a>) {
        let first = ident.name.as_bytes().first().copied().unwrap_or(b'a');
        let slot = if first.is_ascii_uppercase() {
            match self.type_lookup(ident.name) {
                Some(TypeBinding::Variant(i)) => Slot::Variant(i),
                _ => Slot::Unresolved,
            }
        } else {
            let top = self.ctxs.len() - 1;
            self.lookup(ident.name, top)
        };
        self.res.slots[ident.id.index()] = slot;
    }

    fn expr(&mut self, e: &'a Expr<'a>) {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.expr_inner(e));
    }

    fn expr_inner(&mut self, e: &'a Expr<'a>) {
        match e.kind {
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Bool(_)
            | ExprKind::Str(_)
            | ExprKind::Unit
            | ExprKind::Error => {}
            ExprKind::Var(ident) => self.use_var(ident),
            ExprKind::Unary(u) => self.expr(&u.operand),
            ExprKind::Binary(b) => {
                self.expr(&b.lhs);
                self.expr(&b.rhs);
            }
            ExprKind::Call(c) => {
                self.expr(&c.callee);
                for a in c.args {
                    self.expr(a);
                }
            }
            ExprKind::MethodCall(m) => {
                self.expr(&m.receiver);
                self.use_var(m.method);
                for a in m.args {
                    self.expr(a);
                }
            }
            ExprKind::Field(f) => self.expr(&f.expr),
            ExprKind::Index(i) => {
                self.expr(&i.expr);
                self.expr(&i.index);
            }
            ExprKind::Tuple(l) | ExprKind::List(l) => {
                for x in l.items {
                    self.expr(x);
                }
            }
            ExprKind::Block(b) => self.block(b, false),
            ExprKind::If(i) => {
                self.expr(&i.cond);
                self.block(i.then_branch, false);
                if let Some(e) = &i.else_branch {
                    self.expr(e);
                }
            }
            ExprKind::Match(m) => {
                self.expr(&m.scrutinee);
                for arm in m.arms {
                    self.ctx().scopes.push(Vec::new());
                    let mut names = Vec::new();
                    self.pattern(&arm.pattern, None, &mut names);
                    if let Some(g) = &arm.guard {
                        self.expr(g);
                    }
                    self.expr(&arm.body);
                    self.ctx().scopes.pop();
                }
            }
            ExprKind::Closure(c) => {
                let group = self.res.groups.len() as u32;
                self.res.groups.push(Group {
                    members: vec![FnInfo {
                        code: FnCode::Closure(c),
                        frame_size: 0,
                    }],
                    captures: Vec::new(),
                });
                self.res.closure_group[c.id.index()] = group;
                self.function(FnCode::Closure(c), group, 0, false);
            }
            ExprKind::StructLit(s) => {
                self.res.slots[s.name.id.index()] = match self.type_lookup(s.name.name) {
                    Some(TypeBinding::Struct(i)) => Slot::Struct(i),
                    _ => Slot::Unresolved,
                };
                for f in s.fields {
                    self.expr(&f.value);
                }
            }
        }
    }
}
