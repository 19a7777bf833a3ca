//! Lists: elements in one buffer, shared by views.
//!
//! Owns [`List`], the payload of [`Value::List`]: either the owner of its
//! elements, or a view of the elements `start..` of an owning list, which is
//! what `tail` and the rest of a `[x, ..rest]` pattern make, in O(1), so a
//! recursive walk over a list is linear (A6: "the rest shares the list's
//! storage"). A view always refers to the owner itself, never to another
//! view, so reading a view's elements takes one pointer more than reading
//! an owner's. It must not evaluate.

use crate::eval::value::Value;
use std::ops::Deref;
use std::rc::Rc;

/// An immutable list: its elements, or a view of another list's. Derefs to
/// the elements as a slice.
#[derive(Debug)]
pub struct List(Repr);

#[derive(Debug)]
enum Repr {
    /// The list owns its elements.
    Owned(Vec<Value>),
    /// The elements `start..` of `base`, which owns them.
    View { base: Rc<List>, start: usize },
}

impl List {
    /// A list owning `items`.
    pub fn new(items: Vec<Value>) -> List {
        List(Repr::Owned(items))
    }

    /// The elements. An owner's are read inline; a view's through a call,
    /// which keeps this small enough to inline everywhere.
    #[inline(always)]
    pub fn as_slice(&self) -> &[Value] {
        match &self.0 {
            Repr::Owned(items) => items,
            Repr::View { base, start } => base.elements_from(*start),
        }
    }

    /// The elements of this list from index `start` on.
    #[inline(never)]
    fn elements_from(&self, start: usize) -> &[Value] {
        &self.as_slice()[start..]
    }

    /// `list` without its first `n` elements (`n <= len`), sharing its
    /// storage: O(1) whatever the length. An empty rest owns nothing, so it
    /// does not keep the storage alive.
    pub fn skip(list: &Rc<List>, n: usize) -> Rc<List> {
        if n == 0 {
            return list.clone();
        }
        if n >= list.len() {
            return Rc::new(List::new(Vec::new()));
        }
        let (base, start) = match &list.0 {
            Repr::Owned(_) => (list.clone(), n),
            Repr::View { base, start } => (base.clone(), start + n),
        };
        Rc::new(List(Repr::View { base, start }))
    }

    /// The elements, writable, when nothing else shares them: neither
    /// `list` nor, for a view, its owner. A view gives only its own
    /// elements.
    pub fn get_mut(list: &mut Rc<List>) -> Option<&mut [Value]> {
        match &mut Rc::get_mut(list)?.0 {
            Repr::Owned(items) => Some(items),
            Repr::View { base, start } => {
                let start = *start;
                match &mut Rc::get_mut(base)?.0 {
                    Repr::Owned(items) => Some(&mut items[start..]),
                    Repr::View { .. } => None,
                }
            }
        }
    }

    /// `list ++ more`: appended in place when `list` owns its elements and
    /// nothing shares it, else copied.
    pub fn append(mut list: Rc<List>, more: &[Value]) -> Rc<List> {
        if let Some(List(Repr::Owned(items))) = Rc::get_mut(&mut list) {
            items.extend_from_slice(more);
            return list;
        }
        let mut items = Vec::with_capacity(list.len() + more.len());
        items.extend_from_slice(&list);
        items.extend_from_slice(more);
        Rc::new(List::new(items))
    }

    /// Moves what this list holds onto `work` (for freeing long chains of
    /// values without recursion): its elements, or a view's owner.
    pub(super) fn take_children(self, work: &mut Vec<Value>) {
        match self.0 {
            Repr::Owned(items) => work.extend(items),
            Repr::View { base, .. } => work.push(Value::List(base)),
        }
    }
}

impl Deref for List {
    type Target = [Value];

    #[inline(always)]
    fn deref(&self) -> &[Value] {
        self.as_slice()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(l: &List) -> Vec<i64> {
        l.iter()
            .map(|v| match v {
                Value::Int(i) => *i,
                _ => panic!("not an Int"),
            })
            .collect()
    }

    #[test]
    fn views_share_the_owner_and_never_nest() {
        let l = Rc::new(List::new((0..5).map(Value::Int).collect()));
        let a = List::skip(&l, 1);
        let b = List::skip(&a, 2);
        assert_eq!(ints(&b), [3, 4]);
        match &b.0 {
            Repr::View { base, start } => {
                assert!(Rc::ptr_eq(base, &l), "a view of a view refers to the owner");
                assert_eq!(*start, 3);
            }
            Repr::Owned(_) => panic!("skip made a copy"),
        }
        assert!(List::skip(&b, 2).is_empty());
        assert!(Rc::ptr_eq(&List::skip(&b, 0), &b));
    }

    #[test]
    fn only_an_unshared_view_of_an_unshared_owner_is_writable() {
        let l = Rc::new(List::new((0..4).map(Value::Int).collect()));
        let mut v = List::skip(&l, 2);
        assert!(List::get_mut(&mut v).is_none(), "the owner is shared");
        drop(l);
        let items = List::get_mut(&mut v).expect("nothing else holds the owner");
        assert_eq!(items.len(), 2, "only the view's elements");
        items[0] = Value::Int(7);
        assert_eq!(ints(&v), [7, 3]);
    }

    #[test]
    fn append_in_place_only_when_unshared() {
        let l = Rc::new(List::new(vec![Value::Int(1)]));
        let l = List::append(l, &[Value::Int(2)]);
        let view = List::skip(&l, 1);
        let grown = List::append(view.clone(), &[Value::Int(3)]);
        assert_eq!(ints(&grown), [2, 3]);
        assert_eq!(ints(&view), [2]);
        assert_eq!(ints(&l), [1, 2]);
    }
}
