//! Unit tests of `sema::types`.

use super::*;

fn no_names(_: u32) -> String {
    "T".into()
}

#[test]
fn unify_and_print() {
    let mut s = TypeStore::new();
    let a = s.var_with(Classes::NUM, 1);
    let f = s.func(&[a, a], a);
    let mut p = Printer::new(&no_names);
    assert_eq!(p.scheme(&mut s, f), "fn(a, a) -> a where a: Num");
    let i = s.add(Node::Int);
    s.unify(a, i).unwrap();
    let mut p = Printer::new(&no_names);
    assert_eq!(p.scheme(&mut s, f), "fn(Int, Int) -> Int");
}

#[test]
fn classes_are_checked() {
    let mut s = TypeStore::new();
    let a = s.var_with(Classes::NUM, 1);
    let b = s.add(Node::Bool);
    assert!(matches!(
        s.unify(a, b),
        Err(UnifyError::Class { class: "Num", .. })
    ));
    let e = s.var_with(Classes::EQ, 1);
    let x = s.var(1);
    let f = s.func(&[x], x);
    assert!(s.unify(e, f).is_err());
    let q = s.var_with(Classes::EQ, 1);
    let y = s.var(1);
    let l = s.add(Node::List(y));
    s.unify(q, l).unwrap();
    let fy = s.func(&[], y);
    assert!(
        s.unify(y, fy).is_err(),
        "Eq propagated into the list element"
    );
}

#[test]
fn occurs_check() {
    let mut s = TypeStore::new();
    let a = s.var(1);
    let f = s.func(&[a], a);
    assert!(matches!(s.unify(a, f), Err(UnifyError::Occurs)));
}

#[test]
fn owned_schemes_round_trip() {
    let mut s = TypeStore::new();
    let a = s.var_with(Classes::ORD, 1);
    let l = s.add(Node::List(a));
    let f = s.func(&[l], l);
    let g = s.to_gscheme(f);
    let mut s2 = TypeStore::new();
    let t = s2.instantiate_g(&g, 0);
    let mut p = Printer::new(&no_names);
    assert_eq!(p.scheme(&mut s2, t), "fn([a]) -> [a] where a: Ord");
}

#[test]
fn nodes_are_small_and_parts_shared() {
    // Parts and names live in the store's side tables.
    assert_eq!(std::mem::size_of::<Node>(), 16);
    let mut s = TypeStore::new();
    let a = s.var(1);
    let b = s.var(1);
    let t = s.tuple(&[a, b]);
    let f = s.func(&[t, a], b);
    let r = s.rigid("T", Classes::EQ, 1);
    let Node::Fn(ps, ret) = s.node(f) else {
        panic!("a function type");
    };
    assert_eq!((s.parts(ps), ret), (&[t, a][..], b));
    let Node::Rigid { name, .. } = s.node(r) else {
        panic!("a rigid parameter");
    };
    assert_eq!(&**s.rigid_name(name), "T");
    let mut p = Printer::new(&no_names);
    assert_eq!(p.scheme(&mut s, f), "fn((a, b), a) -> b");
}

#[test]
fn a_region_is_reclaimed_keeping_the_wanted_types() {
    let mut s = TypeStore::new();
    let old = s.var(0);
    let r = s.begin_region();
    let made = s.len();
    // Garbage: nodes nothing kept reaches.
    for _ in 0..100 {
        let v = s.var(1);
        let l = s.add(Node::List(v));
        let int = s.add(Node::Int);
        s.unify(v, int).unwrap();
        s.tuple(&[l, l, old]);
    }
    // Kept: `fn(a, [a], T, old) -> Int` through links and sharing.
    let a = s.var_with(Classes::NUM, 1);
    let b = s.var(1);
    s.unify(b, a).unwrap();
    let list = s.add(Node::List(b));
    let t = s.rigid("T", Classes::EQ, 1);
    let ret = s.var(1);
    let int = s.add(Node::Int);
    s.unify(ret, int).unwrap();
    let f = s.func(&[a, list, t, old], ret);
    let before = Printer::new(&no_names).scheme(&mut s, f);
    let mut keep = [f, a];
    assert!(s.reclaim(r, &mut keep));
    // The copy: `a`, `[a]`, `T` and the function, nothing else.
    assert_eq!(s.len(), made + 4);
    assert_eq!(Printer::new(&no_names).scheme(&mut s, keep[0]), before);
    assert_eq!(before, "fn(a, [a], T, b) -> Int where a: Num");
    // The kept variable is the copy's: binding it binds the function's.
    let float = s.add(Node::Float);
    s.unify(keep[1], float).unwrap();
    assert_eq!(
        Printer::new(&no_names).scheme(&mut s, keep[0]),
        "fn(Float, [Float], T, a) -> Int"
    );
}

#[test]
fn a_region_an_older_node_links_into_is_kept_whole() {
    let mut s = TypeStore::new();
    let old = s.var(0);
    let r = s.begin_region();
    let v = s.var(1);
    let l = s.add(Node::List(v));
    s.unify(old, l).unwrap();
    let len = s.len();
    let mut keep = [];
    assert!(!s.reclaim(r, &mut keep));
    assert_eq!(s.len(), len);
    assert_eq!(Printer::new(&no_names).scheme(&mut s, old), "[a]");
    // A link the other way (a new variable bound to an old type) is fine.
    let r = s.begin_region();
    let w = s.var(1);
    s.unify(w, old).unwrap();
    assert!(s.reclaim(r, &mut keep));
    assert_eq!(s.len(), len);
}
