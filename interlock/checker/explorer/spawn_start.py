"""Where a spawned thread or task starts: the fields its spawner stores before starting it.

`start_scan` sets `state = SCANNING`, `progress = 0`, `total = 0`, `found = []` and then starts
`Thread(target=self._scan)`: the scan never runs from a state in which `progress` is left over
from an earlier run, nor from IDLE. A scenario with such a thread starts from those values (its
partners still run from there, interleaved as they like: what they could do between the
spawner's stores and the start they can as well do before the thread's first step).

Only plain stores on `self` that every run of the spawner makes before the spawn count (top-level
statements of its body, or inside the `with` block that holds the spawn), of constants, enum
members, module constants or empty containers; a statement before them that may store the field
otherwise (a branch, a loop, a call of another method of the class) drops what it may touch. A
thread started by a constructor is left alone (numbers there stay generic: the pair models the
object after some use), and so is a target that several spawners start with different values.

A second copy of an asyncio task in one scenario (`task || task#2`) was started by another run of
its spawner, so it first replays what that run does before the spawn (`respawn_prefix`): the
guard clauses that refuse (`if self.state == SCANNING: return False` ends the copy: no task was
started) and the pinned stores, atomically on the loop, then switches before the task's first
step. Without it the copy would start from whatever the first left behind (`progress` of a
finished run against the next run's `total`), a state no run of the program starts a task from.
"""
from __future__ import annotations

import ast

from interlock.models.program import EventKind, ProgramModel

from .universe import Universe

_EMPTY = ("list", "dict", "set", "deque", "tuple")


def spawn_pins(model: ProgramModel, uni: Universe, entry: str) -> tuple[tuple[str, ast.expr], ...]:
    """(field key, stored value) pairs every spawner of the thread or task running `entry` makes
    before starting it; () when some spawner is unknown or a constructor."""
    found: dict[str, ast.expr] | None = None
    for fn, line in _spawners(model, uni, entry):
        pins = _pins(uni, fn, line)
        if pins is None:
            return ()
        if found is None:
            found = pins
        else:
            found = {k: v for k, v in found.items() if k in pins and ast.dump(pins[k]) == ast.dump(v)}
    return tuple(sorted(found.items())) if found else ()


def _spawners(model: ProgramModel, uni: Universe, entry: str) -> list:
    """(function, line) of each spawn of `entry`, in the order of the model's functions and their
    events: one pass over the model's events per universe, not one per spawned context."""
    index = uni.spawners.get(id(model))
    if index is None:
        index = {}
        for fn in model.functions.values():
            for ev in fn.events():
                if ev.kind is EventKind.SPAWN and ev.spawn is not None:
                    index.setdefault(ev.spawn.resolved, []).append((fn, ev.loc.line))
        uni.spawners.clear()
        uni.spawners[id(model)] = index
    return index.get(entry, [])


def _pins(uni: Universe, fn, line: int) -> dict[str, ast.expr] | None:
    if fn.cls is None or fn.name == "__init__":
        return None
    cls = uni.classes.get(fn.cls)
    node = cls.methods.get(fn.name) if cls is not None else None
    if node is None:
        return None
    out: dict[str, ast.expr] = {}
    if not _walk(uni, cls, node.body, line, out):
        return None
    return {f"{cls.short}.{k}": v for k, v in out.items()}


def _walk(uni: Universe, cls, body: list[ast.stmt], line: int, out: dict) -> bool:
    """Collect the pins of `body` up to the statement holding `line` (False when none holds it)."""
    for stmt in body:
        if stmt.lineno <= line <= (stmt.end_lineno or stmt.lineno):
            if isinstance(stmt, (ast.With, ast.AsyncWith)):
                return _walk(uni, cls, stmt.body, line, out)
            _drop_stored(stmt, cls, out, calls=False)   # `self._task = create_task(self._scan())`
            return True
        attr = _self_store(stmt)
        if attr is not None and _pinnable(uni, stmt.value):
            out[attr] = stmt.value
            continue
        _drop_stored(stmt, cls, out)
    return False


def _self_store(stmt: ast.stmt) -> str | None:
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        tgt = stmt.targets[0]
        if isinstance(tgt, ast.Attribute) and isinstance(tgt.value, ast.Name) and tgt.value.id == "self":
            return tgt.attr
    return None


def _pinnable(uni: Universe, v: ast.expr) -> bool:
    if isinstance(v, ast.Constant):
        return isinstance(v.value, (int, float, str, bool)) or v.value is None
    if isinstance(v, ast.UnaryOp) and isinstance(v.op, ast.USub) and isinstance(v.operand, ast.Constant):
        return isinstance(v.operand.value, (int, float))
    if isinstance(v, ast.Attribute) and isinstance(v.value, ast.Name):
        return v.attr in uni.enums.get(v.value.id, ())
    if isinstance(v, ast.Name):
        return v.id in uni.consts
    if isinstance(v, (ast.List, ast.Dict, ast.Set)):
        return not (v.keys if isinstance(v, ast.Dict) else v.elts)
    return isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id in _EMPTY and not v.args \
        and not v.keywords


def _drop_stored(stmt: ast.stmt, cls, out: dict, calls: bool = True) -> None:
    """Forget the pins `stmt` may change: fields it stores or mutates; all of them when it calls
    another method of the class (not in the statement that spawns: its call of the target only
    makes the coroutine the task runs)."""
    for n in ast.walk(stmt):
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self":
            if isinstance(n.ctx, ast.Store):
                out.pop(n.attr, None)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute):
            recv = n.func.value
            if calls and isinstance(recv, ast.Name) and recv.id == "self" and n.func.attr in cls.methods:
                out.clear()
            elif isinstance(recv, ast.Attribute) and isinstance(recv.value, ast.Name) and recv.value.id == "self":
                out.pop(recv.attr, None)        # `self.found.clear()`, `self.found.append(x)`
        if isinstance(n, (ast.AugAssign,)) and isinstance(n.target, ast.Attribute):
            out.pop(n.target.attr, None)


def respawn_prefix(model: ProgramModel, uni: Universe, entry: str) -> tuple | None:
    """What the one spawner of the task running `entry` does before it starts another copy:
    (class qualname, spawner method, its guard clauses and pinned stores, as statements). A second
    copy of the task in a scenario runs them first (tests/corpus/il501_second_task_copy_after_its_spawner):
    its spawner stored the pins again right before starting it, and refused (returned) when a guard
    (`if self.state == SCANNING: return False`) failed. Only a plain (not async) method spawns it
    in ways this models: guards are top-level `if` clauses (or inside the `with` block holding the
    spawn) that end in `return` or `raise`; None when the task has several or unknown spawners."""
    found = _spawners(model, uni, entry)
    if len(found) != 1:
        return None
    fn, line = found[0]
    if fn.cls is None or fn.name == "__init__" or fn.is_async:
        return None
    cls = uni.classes.get(fn.cls)
    node = cls.methods.get(fn.name) if cls is not None else None
    if node is None or isinstance(node, ast.AsyncFunctionDef):
        return None
    pins: dict[str, ast.stmt] = {}
    guards: list[ast.stmt] = []
    if not _walk_prefix(uni, cls, node.body, line, pins, guards):
        return None
    if not guards and not pins:
        return None
    return cls.qualname, fn.name, tuple(guards) + tuple(pins.values())


def _walk_prefix(uni: Universe, cls, body: list[ast.stmt], line: int, pins: dict, guards: list) -> bool:
    """`_walk`, keeping the store statements of the pins, and the guard clauses."""
    for stmt in body:
        if stmt.lineno <= line <= (stmt.end_lineno or stmt.lineno):
            if isinstance(stmt, (ast.With, ast.AsyncWith)):
                return _walk_prefix(uni, cls, stmt.body, line, pins, guards)
            _drop_stored(stmt, cls, pins, calls=False)
            return True
        attr = _self_store(stmt)
        if attr is not None and _pinnable(uni, stmt.value):
            pins.pop(attr, None)
            pins[attr] = stmt
            continue
        if isinstance(stmt, ast.If) and not stmt.orelse and stmt.body \
                and isinstance(stmt.body[-1], (ast.Return, ast.Raise)) and len(stmt.body) == 1:
            guards.append(stmt)
            continue
        _drop_stored(stmt, cls, pins)
    return False
