//! A unit that passed every check: the only form the evaluator accepts.
//!
//! Owns [`CheckedUnit`], whose one constructor ([`CheckedUnit::check`])
//! type-checks the unit and refuses it on any syntax or type error, so
//! holding a `CheckedUnit` proves the unit is well typed: the evaluator's
//! entry points take one, and nothing runs an unchecked unit. This module
//! must not evaluate.

use crate::diag::Diagnostic;
use crate::sema::check::{CheckOutcome, Checker};
use crate::sema::unit::Unit;
use std::sync::Arc;

/// A parsed, resolved and type-checked unit without errors (it may have
/// warnings).
#[derive(Debug)]
pub struct CheckedUnit {
    unit: Arc<Unit>,
    outcome: CheckOutcome,
}

/// A unit refused by [`CheckedUnit::check`], with why.
#[derive(Debug)]
pub struct Rejected {
    /// The unit (so its arena can be recycled).
    pub unit: Arc<Unit>,
    /// Its syntax errors, or its type errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// What the checker found; `None` when parsing failed (nothing was
    /// checked).
    pub outcome: Option<CheckOutcome>,
}

impl CheckedUnit {
    /// Type-checks `unit` (resolved against `checker`'s globals) without
    /// committing anything; refuses it when it has a syntax or type error.
    /// A unit that passes gets the checker's field indices.
    pub fn check(unit: Arc<Unit>, checker: &mut Checker) -> Result<CheckedUnit, Box<Rejected>> {
        if !unit.diagnostics().is_empty() {
            let diagnostics = unit.diagnostics().to_vec();
            return Err(Box::new(Rejected {
                unit,
                diagnostics,
                outcome: None,
            }));
        }
        let (name, source) = (unit.name(), unit.source());
        let mut outcome = unit.with_compiled(|c| {
            checker.check_resolved_named(&c.program, &c.resolution, false, name, source)
        });
        if outcome.has_errors() {
            let diagnostics = std::mem::take(&mut outcome.diagnostics);
            return Err(Box::new(Rejected {
                unit,
                diagnostics,
                outcome: Some(outcome),
            }));
        }
        unit.set_field_slots(std::mem::take(&mut outcome.field_slots));
        Ok(CheckedUnit { unit, outcome })
    }

    /// Makes the unit's top-level definitions visible to the units
    /// `checker` checks later (the REPL, once the unit has run).
    pub fn commit(&self, checker: &mut Checker) {
        let (name, source) = (self.unit.name(), self.unit.source());
        self.unit.with_compiled(|c| {
            checker.check_resolved_named(&c.program, &c.resolution, true, name, source)
        });
    }

    /// A unit that was NOT type-checked, wrapped as if it had been: only
    /// for the evaluator's tests that drive an ill-typed program into the
    /// "cannot happen" branches and show they all end at the one internal
    /// error marker.
    #[cfg(test)]
    pub(crate) fn unchecked_for_tests(unit: Arc<Unit>) -> CheckedUnit {
        CheckedUnit {
            unit,
            outcome: CheckOutcome::default(),
        }
    }

    /// The unit.
    pub fn unit(&self) -> &Arc<Unit> {
        &self.unit
    }

    /// What the checker found: warnings, the result type, the bindings.
    pub fn outcome(&self) -> &CheckOutcome {
        &self.outcome
    }

    /// The unit and what the checker found, giving up the proof that the
    /// unit was checked.
    pub fn into_parts(self) -> (Arc<Unit>, CheckOutcome) {
        (self.unit, self.outcome)
    }

    /// The unit, giving up the proof that it was checked.
    pub fn into_unit(self) -> Arc<Unit> {
        self.unit
    }
}
