"""All rules, ordered by code. Add a module here to register it; nothing registers at import time."""
from __future__ import annotations

import importlib
from types import ModuleType

#: module names under interlock.checker.rules, ordered by code
RULE_MODULES: tuple[str, ...] = (
    "unguarded_shared_state",        # IL101
    "inconsistent_lock",             # IL102
    "lost_update",                   # IL103
    "check_then_act",                # IL201
    "iteration_during_mutation",     # IL202
    "lock_order_deadlock",           # IL301
    "self_deadlock",                 # IL302
    "lock_held_during_callback",     # IL303
    "blocking_under_lock",           # IL304
    "blocking_call_in_async",        # IL401
    "threading_primitive_in_async",  # IL402
    "race_across_await",             # IL403
    "resource_cleanup_on_cancel",    # IL404
    "invariant_violation",           # IL501
    "illegal_transition",            # IL502
    "non_atomic_transition",         # IL503
    "interleaving_deadlock",         # IL504
    "list_multiplication_alias",     # IL601
    "shared_buffer_in_place",        # IL602
    "sqlite_cross_thread",           # IL701
    "session_shared_across_threads", # IL702
    "pool_config",                   # IL703
)


#: their codes, in the same order (selection is checked against these without importing the
#: rules, which pull in z3; tests/test_registry.py keeps the two lists in step)
RULE_CODES: tuple[str, ...] = (
    "IL101", "IL102", "IL103", "IL201", "IL202", "IL301", "IL302", "IL303", "IL304", "IL401", "IL402",
    "IL403", "IL404", "IL501", "IL502", "IL503", "IL504", "IL601", "IL602", "IL701", "IL702", "IL703",
)


def all_rules() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(f"interlock.checker.rules.{m}") for m in RULE_MODULES)
