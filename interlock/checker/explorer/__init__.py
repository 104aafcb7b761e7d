"""The interleaving explorer: methods compiled to a small IR, run by a POR model checker with z3.

`ir` (ops and programs), `compile` (Python ast -> ops), `semantics` + `primitives/` (one step),
`por` (persistent sets), `scheduler` (preemption-bounded best-first search), `smt` (z3),
`scenario` (contexts -> scenarios), `path` (traces), `promela` (export for SPIN).
"""
