"""The engine: what a rule is and reads (registry, context), running the rules (linter, config,
inline comments), and fixing (the fix loop, edits, verification, layout, diffs, writing)."""
