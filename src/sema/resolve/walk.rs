//! The walk over a unit: blocks, statements, expressions and function
//! bodies, in source order. It creates bindings, maps every name use to one,
//! records what the `fn` items of each block use (for [`super::order`]) and
//! assigns local slots; uses that cross a function boundary are resolved to
//! captures afterwards ([`super::layout`]).
//!
//! Creating bindings and resolving uses is in [`super::lookup`]; patterns,
//! parameters, annotations and type declarations are in [`super::bind`].
//! This module must not type or evaluate anything.

use super::lookup::{Pending, Want};
use super::scope::Namespace;
use super::{
    BindingId, BindingKind, Duplicate, FnCode, FnInfo, Globals, Group, NameError, Resolution, Slot,
};
use crate::span::Span;
use crate::syntax::ast::*;
use std::collections::HashMap;
use std::rc::Rc;

/// `u32::MAX`: no function, item, group or statement.
pub(super) const NO: u32 = u32::MAX;

/// Where a value binding is declared, for the `fn`-item rules of A9.
#[derive(Clone, Copy)]
pub(super) enum Place {
    /// Anywhere else (parameters, `match` arms, the prelude, globals).
    Other,
    /// A `let` of the block at depth `depth` of the block stack, statement
    /// `stmt`.
    Let { depth: u32, stmt: u32 },
    /// Item `index` (in statement order) of the block at depth `depth`.
    Item { depth: u32, index: u32 },
}

/// Per binding: the function whose frame holds it, its slot there, and
/// where it is declared.
#[derive(Clone, Copy)]
pub(super) struct Info {
    /// The owning function (`0`: the unit's top level).
    pub(super) owner: u32,
    /// Its local slot in the owner's frame.
    pub(super) slot: u32,
    /// Its place, for `let`s and items.
    pub(super) place: Place,
}

/// A function being walked or walked: the unit's top level, a closure or a
/// `fn` item.
pub(super) struct Func {
    /// The function it is written in (`NO` for the top level).
    pub(super) parent: u32,
    /// Its group (set at the end of the block for `fn` items).
    pub(super) group: u32,
    /// Its member index in the group.
    pub(super) member: u32,
    /// The `fn` item it is the body of (`NO` for closures and the top).
    pub(super) item: u32,
    /// Local slots used so far.
    pub(super) next_slot: u32,
}

/// The `let` an item needs last, with the use that needs it.
#[derive(Clone, Copy)]
pub(super) struct Need<'a> {
    /// The `let`'s statement.
    pub(super) stmt: u32,
    /// The variable's binding site.
    pub(super) var: &'a Ident<'a>,
    /// Where the item uses it.
    pub(super) at: Span,
}

/// A use of an item of a block on the block stack.
#[derive(Clone, Copy)]
pub(super) struct ItemUse<'a> {
    /// The use.
    pub(super) ident: Ident<'a>,
    /// The item used (its index in the block).
    pub(super) item: u32,
    /// The statement of the block the use is in.
    pub(super) pos: u32,
    /// The item of the block whose body the use is in (`NO`: none).
    pub(super) from: u32,
}

/// A block being walked, with what its `fn` items use.
#[derive(Default)]
pub(super) struct BlockCx<'a> {
    /// The statement being walked (`stmts.len()`: the tail).
    pub(super) stmt: u32,
    /// The item whose body is being walked (`NO`: none).
    pub(super) inside: u32,
    /// The items, in statement order, as indices of `Resolution::items`.
    pub(super) items: Vec<u32>,
    /// The function of each item.
    pub(super) fns: Vec<u32>,
    /// The frame size of each item.
    pub(super) frames: Vec<u32>,
    /// The local slot of each item in the block's frame.
    pub(super) slots: Vec<u32>,
    /// True for an item whose name another item of the block already has.
    pub(super) duplicate: Vec<bool>,
    /// The items each item uses (anywhere in its body).
    pub(super) edges: Vec<Vec<u32>>,
    /// The last `let` of the block each item uses directly.
    pub(super) needs: Vec<Option<Need<'a>>>,
    /// Every use of an item of the block.
    pub(super) uses: Vec<ItemUse<'a>>,
}

/// The state of the walk.
pub(super) struct Resolver<'a, 'g> {
    /// What is being built.
    pub(super) res: Resolution<'a>,
    /// Names of earlier units.
    pub(super) globals: &'g Globals,
    /// Value names in scope.
    pub(super) values: Namespace<'a>,
    /// Type names in scope.
    pub(super) types: Namespace<'a>,
    /// Constructor names in scope.
    pub(super) ctors: Namespace<'a>,
    /// Global types by name.
    pub(super) root_types: HashMap<Rc<str>, BindingId>,
    /// Global constructors by name.
    pub(super) root_ctors: HashMap<Rc<str>, BindingId>,
    /// Bindings of prelude and global values, by name.
    pub(super) externals: HashMap<&'a str, BindingId>,
    /// Per binding: owner, slot and place.
    pub(super) info: Vec<Info>,
    /// Every function, by id (`0`: the top level).
    pub(super) funcs: Vec<Func>,
    /// The function being walked and its enclosing ones.
    pub(super) fn_stack: Vec<u32>,
    /// The enclosing blocks, innermost last.
    pub(super) blocks: Vec<BlockCx<'a>>,
    /// Uses in a function other than their binding's owner:
    /// `(use, binding, function)`, resolved after the walk.
    pub(super) deferred: Vec<(NodeId, BindingId, u32)>,
    /// The function of each item, by item index.
    pub(super) item_fn: Vec<u32>,
    /// Unresolved uses that want a `did you mean`.
    pub(super) pending: Vec<Pending<'a>>,
}

impl<'a, 'g> Resolver<'a, 'g> {
    /// A resolver for `program` that sees the prelude and `globals`.
    pub(super) fn new(program: &Program<'a>, globals: &'g Globals) -> Resolver<'a, 'g> {
        let n = program.node_count as usize;
        let mut r = Resolver {
            res: Resolution {
                bindings: Vec::new(),
                binding_of: vec![BindingId::NONE; n],
                items: Vec::new(),
                sccs: Vec::new(),
                scc_items: Vec::new(),
                type_items: Vec::new(),
                first_def: globals.defs,
                errors: Vec::new(),
                suggestions: Vec::new(),
                slots: vec![Slot::None; n],
                closure_group: vec![NO; n],
                block_fns_index: vec![NO; n],
                block_fns: Vec::new(),
                groups: Vec::new(),
                variants: Vec::new(),
                structs: Vec::new(),
                top_frame: 0,
                top: Vec::new(),
                top_types: Vec::new(),
            },
            globals,
            values: Namespace::new(BindingId::NONE),
            types: Namespace::new(BindingId::NONE),
            ctors: Namespace::new(BindingId::NONE),
            root_types: HashMap::new(),
            root_ctors: HashMap::new(),
            externals: HashMap::new(),
            info: Vec::new(),
            funcs: vec![Func {
                parent: NO,
                group: NO,
                member: 0,
                item: NO,
                next_slot: 0,
            }],
            fn_stack: vec![0],
            blocks: Vec::new(),
            deferred: Vec::new(),
            item_fn: Vec::new(),
            pending: Vec::new(),
        };
        r.declare_roots();
        r
    }

    /// Resolves the whole unit.
    pub(super) fn run(mut self, program: &Program<'a>) -> Resolution<'a> {
        self.block(program.body, true);
        self.resolve_deferred();
        self.suggest_pending();
        self.res.top_frame = self.funcs[0].next_slot;
        self.res
    }

    /// The function being walked.
    #[inline]
    pub(super) fn cur_fn(&self) -> u32 {
        *self.fn_stack.last().expect("the top level is never popped")
    }

    /// Walks block `b` (the unit's top level when `top`).
    pub(super) fn block(&mut self, b: &'a Block<'a>, top: bool) {
        let (vm, tm, cm) = (self.values.mark(), self.types.mark(), self.ctors.mark());
        let depth = self.blocks.len() as u32;
        let first = BindingId(self.res.bindings.len() as u32);
        self.declare_types(b, top, first);
        let mut cx = BlockCx {
            inside: NO,
            ..BlockCx::default()
        };
        for s in b.stmts {
            if let Stmt::Fn(f) = s {
                self.declare_item(f, depth, first, &mut cx);
            }
        }
        self.blocks.push(cx);
        let mut index = 0;
        for (i, s) in b.stmts.iter().enumerate() {
            self.blocks[depth as usize].stmt = i as u32;
            match s {
                Stmt::Let(l) => {
                    self.expr(&l.value);
                    if let Some(t) = &l.ty {
                        self.ty(t, false);
                    }
                    let binders = self.let_pattern(&l.pattern, depth, i as u32);
                    if top {
                        for (ident, b) in binders {
                            self.top_binding(ident, b);
                        }
                    }
                }
                Stmt::Fn(f) => {
                    let blk = &mut self.blocks[depth as usize];
                    blk.inside = index;
                    let item = blk.items[index as usize];
                    let (fun, frame) = self.function(FnCode::Item(f), item);
                    let blk = &mut self.blocks[depth as usize];
                    blk.inside = NO;
                    blk.fns[index as usize] = fun;
                    blk.frames[index as usize] = frame;
                    let duplicate = blk.duplicate[index as usize];
                    if top && !duplicate {
                        let b = self.res.items[item as usize].binding;
                        self.top_binding(&f.name, b);
                    }
                    index += 1;
                }
                Stmt::Expr(e) => self.expr(e),
                Stmt::Struct(_) | Stmt::Enum(_) | Stmt::Empty(_) | Stmt::Error(_) => {}
            }
        }
        self.blocks[depth as usize].stmt = b.stmts.len() as u32;
        if let Some(t) = &b.tail {
            self.expr(t);
        }
        let cx = self.blocks.pop().expect("pushed above");
        if !cx.items.is_empty() {
            self.finish_block(b, cx);
        }
        // The unit's own scope ends with the walk: nothing to pop.
        if !top {
            self.values.pop_to(vm);
            self.types.pop_to(tm);
            self.ctors.pop_to(cm);
        }
    }

    /// Declares `fn` item `f` of the block at `depth` (bindings from `first`
    /// on are the block's): the first item with a name is the one in scope.
    fn declare_item(
        &mut self,
        f: &'a FnItem<'a>,
        depth: u32,
        first: BindingId,
        cx: &mut BlockCx<'a>,
    ) {
        let index = cx.items.len() as u32;
        let item = self.res.items.len() as u32;
        let b = self.local(
            &f.name,
            BindingKind::FnItem(item),
            Place::Item { depth, index },
        );
        self.res.items.push(super::Item {
            code: f,
            binding: b,
            block: NO,
            scc: NO,
        });
        self.item_fn.push(NO);
        let earlier = self
            .values
            .get(f.name.name.as_str())
            .filter(|e| *e >= first);
        if let Some(e) = earlier {
            self.res.errors.push(NameError::Duplicate {
                what: Duplicate::Fn,
                name: f.name.name.as_str(),
                first: self.site_span(e),
                second: f.name.span,
            });
        } else {
            self.declare_value(f.name.name.as_str(), b);
        }
        cx.items.push(item);
        cx.fns.push(NO);
        cx.frames.push(0);
        cx.slots.push(self.info[b.index()].slot);
        cx.duplicate.push(earlier.is_some());
        cx.edges.push(Vec::new());
        cx.needs.push(None);
    }

    /// Walks a function body in a new frame; returns the function's id and
    /// frame size. `item` is the `fn` item's index (`NO` for a closure).
    pub(super) fn function(&mut self, code: FnCode<'a>, item: u32) -> (u32, u32) {
        let id = self.funcs.len() as u32;
        self.funcs.push(Func {
            parent: self.cur_fn(),
            group: NO,
            member: 0,
            item,
            next_slot: 0,
        });
        self.fn_stack.push(id);
        let (vm, tm) = (self.values.mark(), self.types.mark());
        if let FnCode::Item(f) = code {
            self.item_generics(f);
            if let Some(t) = &f.ret {
                self.ty(t, false);
            }
        }
        if let FnCode::Closure(c) = code
            && let Some(t) = &c.ret
        {
            self.ty(t, false);
        }
        self.params(code.params());
        self.expr(code.body());
        self.values.pop_to(vm);
        self.types.pop_to(tm);
        self.fn_stack.pop();
        (id, self.funcs[id as usize].next_slot)
    }

    /// Walks expression `e`, growing the stack for deep nesting.
    pub(super) fn expr(&mut self, e: &'a Expr<'a>) {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.expr_inner(e));
    }

    /// One step of [`Resolver::expr`].
    fn expr_inner(&mut self, e: &'a Expr<'a>) {
        match e.kind {
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Bool(_)
            | ExprKind::Str(_)
            | ExprKind::Unit
            | ExprKind::Error => {}
            ExprKind::Var { name, id } => self.use_name(Ident {
                name,
                span: e.span,
                id,
            }),
            ExprKind::Unary(u) => self.expr(&u.operand),
            ExprKind::Binary(b) => {
                self.expr(&b.operands().lhs);
                self.expr(&b.operands().rhs);
            }
            ExprKind::Call(c) => {
                self.expr(&c.callee);
                for a in c.args {
                    self.expr(a);
                }
            }
            ExprKind::MethodCall(m) => {
                self.expr(&m.receiver);
                self.use_name(m.method);
                for a in m.args {
                    self.expr(a);
                }
            }
            ExprKind::Field(f) => {
                self.expr(&f.expr);
                self.res.binding_of[f.field.id.index()] = self.types.head;
            }
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
                    let mark = self.values.mark();
                    self.arm_pattern(&arm.pattern);
                    if let Some(g) = &arm.guard {
                        self.expr(g);
                    }
                    self.expr(&arm.body);
                    self.values.pop_to(mark);
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
                let (id, frame) = self.function(FnCode::Closure(c), NO);
                self.funcs[id as usize].group = group;
                self.res.groups[group as usize].members[0].frame_size = frame;
            }
            ExprKind::StructLit(s) => {
                self.struct_name(s.name);
                for f in s.fields {
                    self.expr(&f.value);
                }
            }
        }
    }

    /// Resolves the name of a struct literal or struct pattern: a type
    /// name, which the checker requires to be a struct.
    pub(super) fn struct_name(&mut self, ident: &'a Ident<'a>) {
        let b = match self.type_binding(ident.name.as_str()) {
            Some(b) => b,
            None => self.unresolved(*ident, Want::Nothing),
        };
        self.res.binding_of[ident.id.index()] = b;
        self.res.slots[ident.id.index()] = match self.kind(b) {
            BindingKind::Struct { desc, .. } => Slot::Struct(desc),
            _ => Slot::Unresolved,
        };
    }
}
