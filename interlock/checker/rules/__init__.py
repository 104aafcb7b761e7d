"""All rules, ordered by code. Add a module here to register it; nothing registers at import time."""
from __future__ import annotations

import importlib
from types import ModuleType

#: module names under interlock.checker.rules, ordered by code
RULE_MODULES: tuple[str, ...] = (
)


def all_rules() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(f"interlock.checker.rules.{m}") for m in RULE_MODULES)
