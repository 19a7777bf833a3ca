//! What earlier units of a session define: the value and type names a new
//! unit resolves against ([`Globals`]), with the prelude's `Option` and
//! `Result`.
//!
//! Owned data (no arena borrow), so it outlives the units that defined it.
//! The checker holds the session's `Globals` and updates it when a unit is
//! committed, from the unit's [`Resolution`]. This module must not walk the
//! AST.

use super::Resolution;
use crate::sema::descriptor::{StructInfo, VariantInfo};
use crate::sema::prelude;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// The constructors of a global type, as run-time descriptors.
#[derive(Clone, Debug)]
pub enum GlobalCtors {
    /// A struct (its name is its constructor).
    Struct(Arc<StructInfo>),
    /// An enum's variants, in declaration order.
    Enum(Vec<Arc<VariantInfo>>),
}

/// A type declared by an earlier unit (or the prelude).
#[derive(Clone, Debug)]
pub struct GlobalType {
    /// The type's name.
    pub name: Rc<str>,
    /// Its declaration index (the checker's `TypeDef`s).
    pub def: u32,
    /// Its constructors.
    pub ctors: GlobalCtors,
}

/// Names persisted from earlier units (REPL): values and types.
#[derive(Clone, Debug)]
pub struct Globals {
    /// The name of each global value, by global index; a name keeps its
    /// index when it is redefined.
    names: Vec<Rc<str>>,
    /// The global index of each name.
    index: HashMap<Rc<str>, u32>,
    /// When each global value was last defined (a count of definitions),
    /// by global index.
    defined: Vec<u64>,
    /// Definitions committed so far.
    definitions: u64,
    /// Types visible at the top level, the prelude's first, in the order
    /// they were last declared; a later type's constructors hide an earlier
    /// one's.
    pub types: Vec<GlobalType>,
    /// Number of type declarations known (the next declaration index).
    pub defs: u32,
}

impl Default for Globals {
    /// The names visible before any unit: the prelude's types.
    fn default() -> Globals {
        let v = prelude_variants();
        Globals {
            names: Vec::new(),
            index: HashMap::new(),
            defined: Vec::new(),
            definitions: 0,
            types: vec![
                GlobalType {
                    name: Rc::from("Option"),
                    def: prelude::OPTION,
                    ctors: GlobalCtors::Enum(v[..2].to_vec()),
                },
                GlobalType {
                    name: Rc::from("Result"),
                    def: prelude::RESULT,
                    ctors: GlobalCtors::Enum(v[2..].to_vec()),
                },
            ],
            defs: prelude::RESULT + 1,
        }
    }
}

impl Globals {
    /// The global index of value `name`, if an earlier unit defined it.
    pub fn value(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }

    /// The global value names, in no particular order.
    pub fn value_names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|n| &**n)
    }

    /// The global values with their indices, in the order they were last
    /// defined.
    pub fn values(&self) -> Vec<(Rc<str>, u32)> {
        let mut order: Vec<u32> = (0..self.names.len() as u32).collect();
        order.sort_by_key(|&i| self.defined[i as usize]);
        order
            .into_iter()
            .map(|i| (self.names[i as usize].clone(), i))
            .collect()
    }

    /// Makes the top-level definitions of a committed unit visible to later
    /// units; returns the global index of each of its top-level values (in
    /// the order of `res.top`).
    pub fn commit(&mut self, res: &Resolution) -> Vec<u32> {
        for t in &res.top_types {
            self.types.retain(|g| *g.name != *t.name);
            self.types.push(GlobalType {
                name: Rc::from(&*t.name),
                def: t.def,
                ctors: t.ctors.clone(),
            });
        }
        let indices = res.top.iter().map(|b| self.declare(b.name)).collect();
        self.defs = res.first_def + res.type_items.len() as u32;
        indices
    }

    /// Defines global value `name` (again): returns its global index, the
    /// one it already had if it had one.
    pub fn declare(&mut self, name: &str) -> u32 {
        let i = match self.index.get(name) {
            Some(&i) => i,
            None => {
                let i = self.names.len() as u32;
                let name: Rc<str> = Rc::from(name);
                self.names.push(name.clone());
                self.index.insert(name, i);
                self.defined.push(0);
                i
            }
        };
        self.defined[i as usize] = self.definitions;
        self.definitions += 1;
        i
    }
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
