//! Unit tests of name resolution: which binding each use resolves to
//! (shadowing in blocks, `match` arms, closures and `fn` items), the order
//! of `fn` items (components, ready points, "defined later"), duplicate
//! definitions and bindings, captures, and the names in scope for field
//! access and `did you mean`.

use super::*;
use crate::syntax::arena::Arena;
use crate::syntax::parser::parse;

/// Every identifier occurrence of a program, in source order.
fn idents<'a>(p: &Program<'a>) -> Vec<Ident<'a>> {
    fn ty<'a>(t: &Type<'a>, out: &mut Vec<Ident<'a>>) {
        match t.kind {
            TypeKind::Named { name, args } => {
                out.push(*name);
                args.iter().for_each(|a| ty(a, out));
            }
            TypeKind::List(e) => ty(e, out),
            TypeKind::Tuple(ts) => ts.iter().for_each(|x| ty(x, out)),
            TypeKind::Fn { params, ret } => {
                params.iter().for_each(|x| ty(x, out));
                ty(ret, out);
            }
            TypeKind::Unit | TypeKind::Error => {}
        }
    }
    fn pat<'a>(p: &Pattern<'a>, out: &mut Vec<Ident<'a>>) {
        match p.kind {
            PatKind::Bind(i) => out.push(*i),
            PatKind::Tuple(l) | PatKind::Or(l) => l.items.iter().for_each(|q| pat(q, out)),
            PatKind::List(l) => {
                l.items.iter().for_each(|q| pat(q, out));
                if let Some(Rest {
                    binding: Some(b), ..
                }) = l.rest
                {
                    out.push(*b);
                }
            }
            PatKind::Ctor(c) => {
                out.push(*c.name);
                c.args.iter().for_each(|q| pat(q, out));
            }
            PatKind::Struct(s) => {
                out.push(*s.name);
                s.fields.iter().for_each(|f| pat(&f.pattern, out));
            }
            _ => {}
        }
    }
    fn params<'a>(ps: &[Param<'a>], out: &mut Vec<Ident<'a>>) {
        for p in ps {
            out.push(p.name);
            if let Some(t) = &p.ty {
                ty(t, out);
            }
        }
    }
    fn block<'a>(b: &Block<'a>, out: &mut Vec<Ident<'a>>) {
        for s in b.stmts {
            match s {
                Stmt::Let(l) => {
                    pat(&l.pattern, out);
                    if let Some(t) = &l.ty {
                        ty(t, out);
                    }
                    expr(&l.value, out);
                }
                Stmt::Fn(f) => {
                    out.push(f.name);
                    f.generics.iter().for_each(|g| out.push(*g.name));
                    params(f.params, out);
                    expr(&f.body, out);
                }
                Stmt::Struct(s) => {
                    out.push(*s.name);
                    s.params.iter().for_each(|p| out.push(*p));
                    s.fields.iter().for_each(|f| ty(&f.ty, out));
                }
                Stmt::Enum(e) => {
                    out.push(*e.name);
                    e.params.iter().for_each(|p| out.push(*p));
                    for v in e.variants {
                        out.push(*v.name);
                        v.fields.iter().for_each(|t| ty(t, out));
                    }
                }
                Stmt::Expr(e) => expr(e, out),
                Stmt::Empty(_) | Stmt::Error(_) => {}
            }
        }
        if let Some(t) = &b.tail {
            expr(t, out);
        }
    }
    fn expr<'a>(e: &Expr<'a>, out: &mut Vec<Ident<'a>>) {
        match e.kind {
            ExprKind::Var { .. } => out.extend(e.var()),
            ExprKind::Unary(u) => expr(&u.operand, out),
            ExprKind::Binary(b) => {
                expr(&b.lhs, out);
                expr(&b.rhs, out);
            }
            ExprKind::Call(c) => {
                expr(&c.callee, out);
                c.args.iter().for_each(|a| expr(a, out));
            }
            ExprKind::MethodCall(m) => {
                expr(&m.receiver, out);
                out.push(m.method);
                m.args.iter().for_each(|a| expr(a, out));
            }
            ExprKind::Field(f) => expr(&f.expr, out),
            ExprKind::Index(i) => {
                expr(&i.expr, out);
                expr(&i.index, out);
            }
            ExprKind::Tuple(l) | ExprKind::List(l) => l.items.iter().for_each(|x| expr(x, out)),
            ExprKind::Block(b) => block(b, out),
            ExprKind::If(i) => {
                expr(&i.cond, out);
                block(i.then_branch, out);
                if let Some(e) = &i.else_branch {
                    expr(e, out);
                }
            }
            ExprKind::Match(m) => {
                expr(&m.scrutinee, out);
                for arm in m.arms {
                    pat(&arm.pattern, out);
                    if let Some(g) = &arm.guard {
                        expr(g, out);
                    }
                    expr(&arm.body, out);
                }
            }
            ExprKind::Closure(c) => {
                params(c.params, out);
                expr(&c.body, out);
            }
            ExprKind::StructLit(s) => {
                out.push(*s.name);
                s.fields.iter().for_each(|f| expr(&f.value, out));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    block(p.body, &mut out);
    out.sort_by_key(|i| i.span.start);
    out
}

/// A resolved program with lookups by source position.
struct Resolved<'a> {
    src: &'a str,
    idents: Vec<Ident<'a>>,
    res: Resolution<'a>,
}

impl<'a> Resolved<'a> {
    /// The `n`th (from 0) occurrence of `name` as an identifier.
    fn nth(&self, name: &str, n: usize) -> Ident<'a> {
        self.idents
            .iter()
            .filter(|i| i.name == name)
            .nth(n)
            .copied()
            .unwrap_or_else(|| panic!("no occurrence {n} of `{name}` in {}", self.src))
    }

    /// The binding site (byte offset) occurrence `n` of `name` resolves to.
    fn site_of(&self, name: &str, n: usize) -> Option<u32> {
        let b = self.res.binding(self.nth(name, n).id);
        self.res.bindings[b.index()].site.map(|i| i.span.start)
    }

    /// The kind occurrence `n` of `name` resolves to.
    fn kind_of(&self, name: &str, n: usize) -> BindingKind {
        self.res.kind_of(self.nth(name, n).id).expect("resolved")
    }

    /// The slot of occurrence `n` of `name`.
    fn slot(&self, name: &str, n: usize) -> Slot {
        self.res.slot(self.nth(name, n).id)
    }

    /// The byte offset of the `n`th occurrence of `name` in the source.
    fn at(&self, name: &str, n: usize) -> u32 {
        self.nth(name, n).span.start
    }
}

fn resolved<T>(src: &str, f: impl FnOnce(&Resolved) -> T) -> T {
    let arena = Arena::new();
    let parsed = parse(&arena, src);
    assert!(
        parsed.diagnostics.is_empty(),
        "{src}: {:?}",
        parsed.diagnostics
    );
    let r = Resolved {
        src,
        idents: idents(&parsed.program),
        res: resolve(&parsed.program, &Globals::default()),
    };
    f(&r)
}

fn errors(src: &str) -> Vec<String> {
    resolved(src, |r| {
        r.res.errors.iter().map(|e| format!("{e:?}")).collect()
    })
}

#[test]
fn match_arms_and_closures_shadow_and_end_their_scope() {
    let src = "let x = 1; let y = match (2, 3) { (x, z) => x + z }; let f = |x| x * 10; (f(y), x)";
    resolved(src, |r| {
        // `x` occurrences: let (0), arm pattern (1), arm body (2),
        // closure parameter (3), closure body (4), final use (5).
        assert_eq!(r.site_of("x", 2), Some(r.at("x", 1)));
        assert_eq!(r.kind_of("x", 2), BindingKind::ArmVar);
        assert_eq!(r.site_of("x", 4), Some(r.at("x", 3)));
        assert_eq!(r.kind_of("x", 4), BindingKind::Param);
        assert_eq!(r.site_of("x", 5), Some(r.at("x", 0)));
        assert_eq!(r.kind_of("x", 5), BindingKind::Let);
        assert!(r.res.errors.is_empty());
    });
}

#[test]
fn a_guard_sees_the_arm_and_a_let_does_not_see_itself() {
    resolved(
        "let y = 5; let y = y + 1; match y { y if y > 2 => y, _ => y }",
        |r| {
            // `let y = y + 1` reads the first `y`.
            assert_eq!(r.site_of("y", 2), Some(r.at("y", 0)));
            // The guard and the arm body read the arm's `y`; the last arm the
            // second `let`.
            assert_eq!(r.site_of("y", 5), Some(r.at("y", 4)));
            assert_eq!(r.site_of("y", 6), Some(r.at("y", 4)));
            assert_eq!(r.site_of("y", 7), Some(r.at("y", 1)));
        },
    );
}

#[test]
fn fn_items_see_earlier_lets_and_every_item_of_their_block() {
    let src = "let a = g(1); let k = 1; fn f() = k + g(2); let k = 2; fn g(x) = x; (a, f(), k)";
    resolved(src, |r| {
        // `g` is used before its position, from the top level and from `f`.
        assert_eq!(r.site_of("g", 0), Some(r.at("g", 2)));
        assert_eq!(r.site_of("g", 1), Some(r.at("g", 2)));
        // `f` sees the first `k`; the final use sees the second.
        assert_eq!(r.site_of("k", 1), Some(r.at("k", 0)));
        assert_eq!(r.site_of("k", 3), Some(r.at("k", 2)));
        assert!(r.res.errors.is_empty(), "{:?}", r.res.errors);
    });
    // A `let` after the item is not visible to it.
    resolved("fn f() = k; let k = 1; f()", |r| {
        assert!(matches!(r.kind_of("k", 0), BindingKind::Unresolved { .. }));
    });
}

#[test]
fn items_split_into_components_created_at_their_ready_points() {
    let src = "let a = g(1); let k = 10; fn f(x) = x + k; fn g(x) = 2 * x; a";
    resolved(src, |r| {
        let (start, len) = r.res.block_fns[0];
        let block = &r.res.fns[start as usize..(start + len) as usize];
        assert_eq!(block.len(), 2, "f and g are separate groups");
        let created: Vec<(Option<&str>, u32)> = block
            .iter()
            .map(|bf| (r.res.members_of(bf.group)[0].code.name(), bf.create_at))
            .collect();
        assert_eq!(created, vec![(Some("g"), 0), (Some("f"), 2)]);
        assert!(r.res.errors.is_empty());
    });
    // Mutually recursive items are one group; an item using them is
    // created after them, at the same point.
    let src = "fn c(n) = a(n); fn a(n) = if n == 0 { 0 } else { b(n - 1) }; fn b(n) = a(n); c(3)";
    resolved(src, |r| {
        let (start, len) = r.res.block_fns[0];
        let block = &r.res.fns[start as usize..(start + len) as usize];
        let members: Vec<Vec<&str>> = block
            .iter()
            .map(|bf| {
                r.res
                    .members_of(bf.group)
                    .iter()
                    .filter_map(|m| m.code.name())
                    .collect()
            })
            .collect();
        assert_eq!(members, vec![vec!["a", "b"], vec!["c"]]);
        assert!(block.iter().all(|bf| bf.create_at == 0));
        // Members of one group reach each other as siblings, other groups
        // through captures.
        assert_eq!(r.slot("b", 0), Slot::Sibling(1));
        assert_eq!(r.slot("a", 2), Slot::Sibling(0));
        assert_eq!(r.slot("a", 0), Slot::Capture(0));
    });
}

#[test]
fn a_component_is_ready_after_the_lets_its_members_need() {
    let src = "let k = 1; fn f() = g(); let j = 2; fn g() = h() + k; fn h() = j; f()";
    resolved(src, |r| {
        let (start, len) = r.res.block_fns[0];
        let block = &r.res.fns[start as usize..(start + len) as usize];
        let ready: Vec<(Option<&str>, u32)> = block
            .iter()
            .map(|bf| (r.res.members_of(bf.group)[0].code.name(), bf.create_at))
            .collect();
        // h needs j (statement 2); g needs h; f needs g.
        assert_eq!(ready, vec![(Some("h"), 3), (Some("g"), 3), (Some("f"), 3)]);
        // f is written before `let j`: its use of g is too early.
        assert_eq!(r.res.errors.len(), 1, "{:?}", r.res.errors);
        match r.res.errors[0] {
            NameError::DefinedLater {
                item,
                used,
                var,
                let_span,
                needed,
            } => {
                assert_eq!((item, var), ("g", "j"));
                assert_eq!(used.start, r.at("g", 0));
                assert_eq!(let_span.start, r.at("j", 0));
                assert_eq!(needed.start, r.at("j", 1));
            }
            ref e => panic!("{e:?}"),
        }
    });
}

#[test]
fn defined_later_is_reported_at_each_early_use_but_not_for_recursion() {
    let e = errors("let x = f(); let y = f(); let k = 1; fn f() = k; (x, y, f())");
    assert_eq!(e.len(), 2, "{e:?}");
    // An item calling itself is not a use before its definition.
    assert!(errors("let k = 1; fn f(n) = if n == 0 { k } else { f(n - 1) }; f(3)").is_empty());
    // Through a closure created early.
    assert_eq!(
        errors("let c = || f(); let k = 1; fn f() = k; c()").len(),
        1
    );
    // Uses in nested blocks count at the enclosing statement.
    assert_eq!(errors("let x = { f() }; let k = 1; fn f() = k; x").len(), 1);
    assert!(errors("let k = 1; let x = { f() }; fn f() = k; x").is_empty());
    // An item of an inner block that uses an outer item counts as a use at
    // the outer statement that contains the block.
    assert_eq!(
        errors("let x = { fn g() = f(); g() }; let k = 1; fn f() = k; x").len(),
        1
    );
}

#[test]
fn duplicate_items_types_and_constructors_are_reported_and_the_first_wins() {
    resolved("fn f() = 1; fn f() = 2; f()", |r| {
        assert_eq!(r.site_of("f", 2), Some(r.at("f", 0)));
        assert!(matches!(
            r.res.errors[..],
            [NameError::Duplicate {
                what: Duplicate::Fn,
                ..
            }]
        ));
        assert_eq!(r.res.top.len(), 1, "the duplicate is not a definition");
    });
    resolved(
        "{ struct A { x: Int } struct A { y: Int } A { x: 1 } }",
        |r| {
            assert_eq!(r.site_of("A", 2), Some(r.at("A", 0)));
            match r.res.errors[..] {
                [
                    NameError::Duplicate {
                        what: Duplicate::Type,
                        first,
                        second,
                        ..
                    },
                ] => {
                    assert_eq!(first.start, r.at("A", 0));
                    assert_eq!(second.start, r.at("A", 1));
                }
                ref e => panic!("{e:?}"),
            }
        },
    );
    resolved("enum E { A } struct A { x: Int } A { x: 1 }", |r| {
        match r.res.errors[..] {
            [
                NameError::Duplicate {
                    what: Duplicate::VariantAndStruct,
                    first,
                    second,
                    ..
                },
            ] => {
                assert_eq!(first.start, r.at("A", 0));
                assert_eq!(second.start, r.at("A", 1));
            }
            ref e => panic!("{e:?}"),
        }
        // A struct literal names the struct.
        assert!(matches!(r.kind_of("A", 2), BindingKind::Struct { .. }));
    });
    let dup = |src| {
        resolved(src, |r| {
            r.res
                .errors
                .iter()
                .filter_map(|e| match e {
                    NameError::Duplicate { what, .. } => Some(*what),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(dup("enum E { A, A } 1"), vec![Duplicate::Variant]);
    assert_eq!(dup("enum A { X } enum B { X } 1"), vec![Duplicate::Variant]);
    assert_eq!(dup("struct S { a: Int, a: Int } 1"), vec![Duplicate::Field]);
    assert_eq!(
        dup("struct A { x: Int } enum A { B } 1"),
        vec![Duplicate::Type]
    );
    // Shadowing across blocks, and a type named like its variant, are fine.
    assert_eq!(dup("enum A { X } { enum B { X } X }"), vec![]);
    assert_eq!(dup("enum E { E } let e: E = E; e"), vec![]);
    assert_eq!(dup("fn f() = 1; { fn f() = 2; f() }"), vec![]);
}

#[test]
fn names_bound_twice_in_one_list() {
    let twice = |src| {
        resolved(src, |r| {
            r.res
                .errors
                .iter()
                .filter_map(|e| match *e {
                    NameError::BoundTwice {
                        list,
                        name,
                        first,
                        second,
                    } => Some((list, name.to_string(), first.start, second.start)),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(
        twice("let (a, a) = (1, 2); a"),
        vec![(BoundIn::Pattern, "a".to_string(), 5, 8)]
    );
    assert_eq!(twice("match (1, 2) { (a, a) => a }").len(), 1);
    assert_eq!(
        twice("struct P { x: Int, y: Int } match (P { x: 1, y: 2 }) { P { x: a, y: a } => a }")
            .len(),
        1
    );
    assert_eq!(twice("match [1] { [a, ..a] => 0, _ => 1 }").len(), 1);
    assert_eq!(twice("fn f(x, x) = x; 1")[0].0, BoundIn::Params);
    assert_eq!(twice("(|x, x| x)(1, 2)")[0].0, BoundIn::Params);
    assert_eq!(
        twice("fn f<T, T>(x: T) -> T { x } 1")[0].0,
        BoundIn::TypeParams
    );
    assert_eq!(twice("struct S<T, T> { a: T } 1")[0].0, BoundIn::TypeParams);
    assert_eq!(twice("enum E<T, T> { A(T) } 1")[0].0, BoundIn::TypeParams);
    // Alternatives bind the same names once each; a duplicate inside one
    // alternative is still a duplicate.
    assert!(twice("match Ok(1) { Ok(a) | Err(a) => a }").is_empty());
    assert_eq!(twice("match (1, 2) { (a, a) | (a, a) => a }").len(), 2);
    // `_` binds nothing; the same name in two parameter lists is fine.
    assert!(twice("fn f(_, _) = 1; fn g(x) = x; (|x| x)(f(1, 2) + g(3))").is_empty());
    // Many names: the sorted path.
    let names: Vec<String> = (0..20).map(|i| format!("v{i}")).collect();
    let src = format!("fn f({}, v3) = 1; 1", names.join(", "));
    assert_eq!(twice(&src).len(), 1);
}

#[test]
fn or_pattern_alternatives_share_bindings() {
    resolved("match Ok(1) { Ok(a) | Err(a) => a }", |r| {
        assert_eq!(
            r.res.binding(r.nth("a", 0).id),
            r.res.binding(r.nth("a", 1).id)
        );
        assert_eq!(r.site_of("a", 2), Some(r.at("a", 0)));
        assert_eq!(r.slot("a", 0), r.slot("a", 1));
    });
}

#[test]
fn field_access_sees_only_structs_that_are_not_shadowed() {
    let scope = |src: &str| {
        let arena = Arena::new();
        let parsed = parse(&arena, src);
        let res = resolve(&parsed.program, &Globals::default());
        let mut fields = Vec::new();
        fn find<'a>(e: &Expr<'a>, out: &mut Vec<&'a Ident<'a>>) {
            match e.kind {
                ExprKind::Field(f) => out.push(f.field),
                ExprKind::Closure(c) => find(&c.body, out),
                ExprKind::Block(b) => b.tail.iter().for_each(|t| find(t, out)),
                _ => {}
            }
        }
        find(
            parsed.program.body.tail.as_ref().expect("tail"),
            &mut fields,
        );
        res.structs_in_scope(fields[0]).len()
    };
    assert_eq!(
        scope("struct P { x: Int } { struct P { x: Int } |p| p.x }"),
        1
    );
    assert_eq!(scope("struct P { x: Int } struct Q { x: Int } |p| p.x"), 2);
    assert_eq!(scope("struct P { x: Int } { enum P { A } |p| p.x }"), 0);
}

#[test]
fn unresolved_names_carry_the_closest_name_in_scope() {
    let suggestion = |src: &str, name: &str| {
        resolved(src, |r| {
            r.res.suggestion(r.kind_of(name, 0)).map(str::to_string)
        })
    };
    assert_eq!(
        suggestion("let count = 1; cuont", "cuont").as_deref(),
        Some("count")
    );
    assert_eq!(suggestion("lenn([1])", "lenn").as_deref(), Some("len"));
    assert_eq!(suggestion("Sme(1)", "Sme").as_deref(), Some("Some"));
    assert_eq!(
        suggestion("let x: Optio<Int> = None; x", "Optio").as_deref(),
        Some("Option")
    );
    // A name that went out of scope is not suggested.
    assert_eq!(suggestion("{ let count = 1; count }; cuont", "cuont"), None);
}

#[test]
fn closures_capture_through_every_enclosing_function() {
    resolved("let k = 1; let f = |a| |b| a + b + k; f(1)(2)", |r| {
        // Inner closure: `a` is its first capture, `k` its second; the
        // outer closure captures `k` from the top level.
        assert_eq!(r.slot("a", 1), Slot::Capture(0));
        assert_eq!(r.slot("b", 1), Slot::Local(0));
        assert_eq!(r.slot("k", 1), Slot::Capture(1));
        let inner = r.res.closure_groups.values().max().copied();
        let outer = r.res.closure_groups.values().min().copied();
        let (inner, outer) = (inner.expect("closure"), outer.expect("closure"));
        assert_eq!(r.res.captures_of(inner), [Slot::Local(0), Slot::Capture(0)]);
        assert_eq!(r.res.captures_of(outer), [Slot::Local(0)]);
    });
}

#[test]
fn globals_are_captured_and_builtins_are_not() {
    let arena = Arena::new();
    let parsed = parse(&arena, "fn f() = (g, len); g");
    let mut globals = Globals::default();
    let earlier = Arena::new();
    let first = parse(&earlier, "let g = 1;");
    globals.commit(&resolve(&first.program, &globals));
    let res = resolve(&parsed.program, &globals);
    assert_eq!(res.captures_of(0), [Slot::Global(0)]);
    assert!(
        res.slots.iter().any(|s| s == Slot::Global(0)),
        "the top level reads it directly"
    );
    assert!(res.slots.iter().any(|s| matches!(s, Slot::Builtin(_))));
}
