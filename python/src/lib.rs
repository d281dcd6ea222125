//! Placeholder until the bindings land.
