//! Placeholder module; see the issue plan.
