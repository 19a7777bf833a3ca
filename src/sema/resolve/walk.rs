//! The walk over a unit: blocks, statements, expressions and function
//! bodies, in source order. It creates bindings, maps every name use to one,
//! records what the `fn` items of each block use (for [`super::order`]) and
//! assigns local slots; uses that cross a function boundary are resolved to
//! captures afterwards ([`super::layout`]).
//!
//! Creating bindings and resolving uses is in [`super::lookup`]; patterns,
//! parameters, annotations and type declarations are in [`super::bind`].
//! This module must not type or evaluate anything.

use super::bind::Binders;
use super::lookup::{Pending, Want, key, site_keys, text};
use super::order::OrderScratch;
use super::scope::{Namespace, SymTable};
use super::slots::SlotTable;
use super::{
    BindingId, BindingKind, Duplicate, FnCode, FnInfo, Globals, Group, NameError, Resolution, Slot,
};
use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::spine::walk_left_spine;
use rustc_hash::FxHashMap;

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

/// Per binding: the function whose frame holds it, its slot there, where
/// it is declared and the binding before it in its namespace's chain.
#[derive(Clone, Copy)]
pub(super) struct Info {
    /// The owning function (`0`: the unit's top level).
    pub(super) owner: u32,
    /// Its local slot in the owner's frame.
    pub(super) slot: u32,
    /// Its place, for `let`s and items, packed (see [`Info::place`]).
    place: (u32, u32),
    /// The binding declared just before it in scope, in its namespace (a
    /// chain through every binding visible where it was declared, for `did
    /// you mean`).
    pub(super) prev: BindingId,
}

/// The tag of [`Place::Let`] and [`Place::Item`] in the top bits of a
/// packed place's first word (below them: the depth).
const LET: u32 = 1 << 30;
const ITEM: u32 = 2 << 30;

impl Info {
    /// A binding's record, not yet in a chain.
    pub(super) fn new(owner: u32, slot: u32, place: Place) -> Info {
        let place = match place {
            Place::Other => (0, 0),
            Place::Let { depth, stmt } => (LET | depth, stmt),
            Place::Item { depth, index } => (ITEM | depth, index),
        };
        Info {
            owner,
            slot,
            place,
            prev: BindingId::NONE,
        }
    }

    /// Where the binding is declared.
    #[inline]
    pub(super) fn place(&self) -> Place {
        let (tagged, at) = self.place;
        let depth = tagged & (LET - 1);
        match tagged & !(LET - 1) {
            LET => Place::Let { depth, stmt: at },
            ITEM => Place::Item { depth, index: at },
            _ => Place::Other,
        }
    }
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
pub(super) struct Need {
    /// The `let`'s statement.
    pub(super) stmt: u32,
    /// The variable's binding (a `let`, which has a site).
    pub(super) var: BindingId,
    /// Where the item uses it.
    pub(super) at: Span,
}

/// A use of an item of a block on the block stack.
#[derive(Clone, Copy)]
pub(super) struct ItemUse {
    /// Where the use is written.
    pub(super) at: Span,
    /// The item used (its index in the block).
    pub(super) item: u32,
    /// The statement of the block the use is in.
    pub(super) pos: u32,
    /// The item of the block whose body the use is in (`NO`: none).
    pub(super) from: u32,
}

/// One `fn` item of a block being walked (its index in
/// `Resolution::items` is [`BlockCx::first_item`] plus its index in the
/// block; its function is in `Resolver::item_fn`).
#[derive(Clone, Copy)]
pub(super) struct ItemCx {
    /// The items it uses (anywhere in its body), as `(start, end)` in
    /// [`BlockCx::edges`].
    pub(super) edges: (u32, u32),
    /// The last `let` of the block it uses directly, as an index in
    /// [`BlockCx::needs`] (`NO`: none).
    pub(super) need: u32,
    /// True when an earlier item of the block has its name.
    pub(super) duplicate: bool,
}

/// A block being walked, with what its `fn` items use. The walk keeps one
/// per depth and reuses its vectors from block to block.
#[derive(Default)]
pub(super) struct BlockCx {
    /// The statement being walked (`stmts.len()`: the tail).
    pub(super) stmt: u32,
    /// The item whose body is being walked (`NO`: none).
    pub(super) inside: u32,
    /// The index in `Resolution::items` of its first item (the items of a
    /// block are declared together).
    pub(super) first_item: u32,
    /// The items, in statement order.
    pub(super) items: Vec<ItemCx>,
    /// The `let`s the items need (see [`ItemCx::need`]).
    pub(super) needs: Vec<Need>,
    /// The items each item uses, item after item (see [`ItemCx::edges`]).
    pub(super) edges: Vec<u32>,
    /// Every use of an item of the block.
    pub(super) uses: Vec<ItemUse>,
}

impl BlockCx {
    /// Starts a new block.
    fn reset(&mut self) {
        self.stmt = 0;
        self.inside = NO;
        self.items.clear();
        self.needs.clear();
        self.edges.clear();
        self.uses.clear();
    }
}

/// The state of the walk.
pub(super) struct Resolver<'a, 'g> {
    /// What is being built.
    pub(super) res: Resolution<'a>,
    /// Names of earlier units.
    pub(super) globals: &'g Globals,
    /// Value names in scope.
    pub(super) values: Namespace,
    /// Type names in scope.
    pub(super) types: Namespace,
    /// Constructor names in scope.
    pub(super) ctors: Namespace,
    /// Global types by name.
    pub(super) root_types: FxHashMap<&'g str, BindingId>,
    /// Global constructors by name.
    pub(super) root_ctors: FxHashMap<&'g str, BindingId>,
    /// Bindings of prelude and global values, by name.
    pub(super) externals: SymTable,
    /// Per binding: owner, slot and place.
    pub(super) info: Vec<Info>,
    /// Every function, by id (`0`: the top level).
    pub(super) funcs: Vec<Func>,
    /// The function being walked and its enclosing ones.
    pub(super) fn_stack: Vec<u32>,
    /// The enclosing blocks, innermost at `depth - 1`; entries from `depth`
    /// on are kept for reuse.
    pub(super) blocks: Vec<BlockCx>,
    /// The number of enclosing blocks.
    pub(super) depth: u32,
    /// Uses in a function other than their binding's owner:
    /// `(use, binding, function)`, resolved after the walk.
    pub(super) deferred: Vec<(NodeId, BindingId, u32)>,
    /// The function of each item, by item index.
    pub(super) item_fn: Vec<u32>,
    /// Unresolved uses that want a `did you mean`.
    pub(super) pending: Vec<Pending<'a>>,
    /// The binders of the pattern being bound, reused from pattern to
    /// pattern.
    pub(super) binders: Binders<'a>,
    /// The buffers of [`Resolver::finish_block`], reused from block to
    /// block.
    pub(super) order: OrderScratch,
    /// The right operands of the binary chains being walked
    /// ([`walk_left_spine`]), innermost last, stacked chain on chain.
    pub(super) spine: Vec<&'a Expr<'a>>,
}

impl<'a, 'g> Resolver<'a, 'g> {
    /// A resolver for `program` that sees the prelude and `globals`.
    pub(super) fn new(program: &Program<'a>, globals: &'g Globals) -> Resolver<'a, 'g> {
        let n = program.node_count as usize;
        // About one binding per five NodeIds in typical code (the 10 MB
        // benchmark: 0.19): reserving that much up front saves the copies
        // and twice-touched pages of growing by doubling; a unit with more
        // grows as usual.
        let bindings = n / 4;
        let mut r = Resolver {
            res: Resolution {
                bindings: Vec::with_capacity(bindings),
                external_names: Vec::new(),
                binding_of: vec![BindingId::NONE; n],
                items: Vec::new(),
                sccs: Vec::new(),
                scc_items: Vec::new(),
                type_items: Vec::new(),
                first_def: globals.defs,
                errors: Vec::new(),
                suggestions: Vec::new(),
                slots: SlotTable::new(n),
                closure_groups: FxHashMap::default(),
                block_indices: FxHashMap::default(),
                block_fns: Vec::new(),
                fns: Vec::new(),
                member_slots: Vec::new(),
                groups: Vec::new(),
                members: Vec::new(),
                captures: Vec::new(),
                variants: Vec::new(),
                structs: Vec::new(),
                top_frame: 0,
                top: Vec::new(),
                top_types: Vec::new(),
                type_links: FxHashMap::default(),
            },
            globals,
            values: Namespace::new(BindingId::NONE, program.name_count),
            types: Namespace::new(BindingId::NONE, program.name_count),
            ctors: Namespace::new(BindingId::NONE, program.name_count),
            root_types: FxHashMap::default(),
            root_ctors: FxHashMap::default(),
            externals: SymTable::new(program.name_count),
            info: Vec::with_capacity(bindings),
            funcs: vec![Func {
                parent: NO,
                group: NO,
                member: 0,
                item: NO,
                next_slot: 0,
            }],
            fn_stack: vec![0],
            blocks: Vec::new(),
            depth: 0,
            deferred: Vec::new(),
            item_fn: Vec::new(),
            pending: Vec::new(),
            binders: Vec::new(),
            order: OrderScratch::default(),
            spine: Vec::new(),
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
        let depth = self.depth;
        let d = depth as usize;
        self.depth += 1;
        if self.blocks.len() == d {
            self.blocks.push(BlockCx::default());
        }
        self.blocks[d].reset();
        let first = BindingId(self.res.bindings.len() as u32);
        self.declare_types(b, top, first);
        self.blocks[d].first_item = self.res.items.len() as u32;
        // A block's items, and at the top level its names, are counted
        // before their tables grow: a large unit's tables are then made
        // once, not copied as they double.
        let items = b.stmts.iter().filter(|s| matches!(s, Stmt::Fn(_))).count();
        self.reserve_items(d, items);
        if top {
            self.res.top.reserve_exact(b.stmts.len());
        }
        for s in b.stmts {
            if let Stmt::Fn(f) = s {
                self.declare_item(f, depth, first);
            }
        }
        let mut index = 0;
        for (i, s) in b.stmts.iter().enumerate() {
            self.blocks[d].stmt = i as u32;
            match s {
                Stmt::Let(l) => {
                    self.expr(&l.value);
                    if let Some(t) = &l.ty {
                        self.ty(t, false);
                    }
                    self.let_pattern(&l.pattern, depth, i as u32, top);
                }
                Stmt::Fn(f) => {
                    let blk = &mut self.blocks[d];
                    blk.inside = index;
                    let start = blk.edges.len() as u32;
                    blk.items[index as usize].edges = (start, start);
                    let item = blk.first_item + index;
                    let (fun, _) = self.function(FnCode::Item(f), item);
                    self.item_fn[item as usize] = fun;
                    let blk = &mut self.blocks[d];
                    blk.inside = NO;
                    let end = blk.edges.len() as u32;
                    let it = &mut blk.items[index as usize];
                    it.edges = (start, end);
                    if top && !it.duplicate {
                        let b = self.res.items[item as usize].binding;
                        self.top_binding(&f.name, b);
                    }
                    index += 1;
                }
                Stmt::Expr(e) => self.expr(e),
                Stmt::Struct(_) | Stmt::Enum(_) | Stmt::Empty(_) | Stmt::Error(_) => {}
            }
        }
        self.blocks[d].stmt = b.stmts.len() as u32;
        if let Some(t) = &b.tail {
            self.expr(t);
        }
        self.depth -= 1;
        if !self.blocks[d].items.is_empty() {
            let cx = std::mem::take(&mut self.blocks[d]);
            self.finish_block(b, &cx);
            self.blocks[d] = cx;
        }
        // The unit's own scope ends with the walk: nothing to pop.
        if !top {
            let key_of = site_keys(&self.res.bindings);
            self.values.pop_to(vm, &key_of);
            self.types.pop_to(tm, &key_of);
            self.ctors.pop_to(cm, &key_of);
        }
    }

    /// Makes room for the `n` items of the block at depth `d` in the tables
    /// the walk fills per item.
    fn reserve_items(&mut self, d: usize, n: usize) {
        if n == 0 {
            return;
        }
        self.res.items.reserve(n);
        self.item_fn.reserve(n);
        self.funcs.reserve(n);
        self.blocks[d].items.reserve(n);
    }

    /// Declares `fn` item `f` of the block at `depth` (bindings from `first`
    /// on are the block's): the first item with a name is the one in scope.
    fn declare_item(&mut self, f: &'a FnItem<'a>, depth: u32, first: BindingId) {
        let cx = &self.blocks[depth as usize];
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
        let earlier = self.values.get(key(&f.name)).filter(|e| *e >= first);
        if let Some(e) = earlier {
            self.res.errors.push(NameError::Duplicate {
                what: Duplicate::Fn,
                name: text(&f.name),
                first: self.site_span(e),
                second: f.name.span,
            });
        } else {
            self.declare_value(&f.name, b);
        }
        self.blocks[depth as usize].items.push(ItemCx {
            edges: (0, 0),
            need: NO,
            duplicate: earlier.is_some(),
        });
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
        let key_of = site_keys(&self.res.bindings);
        self.values.pop_to(vm, &key_of);
        self.types.pop_to(tm, &key_of);
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
            ExprKind::Binary(b) if !matches!(b.lhs.kind, ExprKind::Binary(_)) => {
                self.expr(&b.operands().lhs);
                self.expr(&b.operands().rhs);
            }
            ExprKind::Binary(_) => self.binary_chain(e),
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
                    self.values.pop_to(mark, &site_keys(&self.res.bindings));
                }
            }
            ExprKind::Closure(c) => {
                let group = self.res.groups.len() as u32;
                let member = self.res.members.len();
                self.res.members.push(FnInfo {
                    code: FnCode::Closure(c),
                    frame_size: 0,
                });
                self.res.groups.push(Group {
                    members: (member as u32, 1),
                    captures: (0, 0),
                });
                self.res.closure_groups.insert(c.id, group);
                let (id, frame) = self.function(FnCode::Closure(c), NO);
                self.funcs[id as usize].group = group;
                self.res.members[member].frame_size = frame;
            }
            ExprKind::StructLit(s) => {
                self.struct_name(s.name);
                for f in s.fields {
                    self.expr(&f.value);
                }
            }
        }
    }

    /// Walks the chain of binary operations `e` heads in a loop: its first
    /// operand, then each operation's right operand, innermost first (the
    /// order of recursing on the left operand first), so a chain as long
    /// as the source takes no native stack per operator.
    fn binary_chain(&mut self, e: &'a Expr<'a>) {
        let base = self.spine.len();
        let first = walk_left_spine(e, |_, b| {
            self.spine.push(&b.operands().rhs);
            true
        });
        self.expr(first);
        while self.spine.len() > base {
            let rhs = self
                .spine
                .pop()
                .expect("the loop runs while the chain has operands");
            self.expr(rhs);
        }
    }

    /// Resolves the name of a struct literal or struct pattern: a type
    /// name, which the checker requires to be a struct.
    pub(super) fn struct_name(&mut self, ident: &'a Ident<'a>) {
        let b = match self.type_binding(ident) {
            Some(b) => b,
            None => self.unresolved(*ident, Want::Nothing),
        };
        self.res.binding_of[ident.id.index()] = b;
        let slot = match self.kind(b) {
            BindingKind::Struct { desc, .. } => Slot::Struct(desc),
            _ => Slot::Unresolved,
        };
        self.res.slots.set(ident.id, slot);
    }
}
