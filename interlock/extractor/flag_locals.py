"""Per-thread state chosen by a flag, and the lock taken on the other arm of that flag.

`self._state = (_PerThreadState if per_thread else _State)(path)` (or `_PerThreadState(path) if
per_thread else _State(path)`), where `_PerThreadState` subclasses `threading.local`: when the flag
is true each thread sees its own object, when false the threads share one `_State`. The object is
typed as the shared class (a race is possible when the flag is false), and the flag is recorded.
A `with nullcontext() if self._settings.per_thread else self._gate:` then takes the gate exactly
when the state is shared: its conditional ACQUIRE (events_stmt._conditional_lock) is kept as a lock
held only when the program's own code chooses a `threading.local` subclass under the same flag (by
its last name and polarity); any other conditional lock is dropped, as the `with` takes no lock on
one arm (tests/corpus/il103_flag_chosen_thread_local_state).
"""
from __future__ import annotations

import ast

from interlock.models.program import AttrKind, AttributeInfo, Event, EventKind, FunctionInfo
from interlock.extractor.tree import drop_events, map_events

UNLESS = "unless:"


def flag_choice(value: str | None, resolve, thread_locals: frozenset[str]) -> tuple[str, str] | None:
    """(the shared class, the flag under which the `threading.local` subclass is chosen) for an
    attribute built as `(Local if flag else Shared)(...)` / `Local(...) if flag else Shared(...)`."""
    if not value or " if " not in value:
        return None
    try:
        node = ast.parse(value.strip(), mode="eval").body
    except SyntaxError:
        return None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.IfExp):
        test, body, orelse = node.func.test, node.func.body, node.func.orelse
    elif isinstance(node, ast.IfExp) and isinstance(node.body, ast.Call) and isinstance(node.orelse, ast.Call):
        test, body, orelse = node.test, node.body.func, node.orelse.func
    else:
        return None
    flag = _flag(test)
    names = [_dotted(body), _dotted(orelse)]
    if flag is None or None in names:
        return None
    classes = [resolve(n) for n in names]
    local = [c in thread_locals for c in classes]
    if local == [True, False]:
        return classes[1], flag
    if local == [False, True]:
        return classes[0], negate(flag)
    return None


def type_flag_choices(attrs: dict[str, AttributeInfo], resolve, thread_locals: frozenset[str],
                      flags: set[str]) -> dict[str, AttributeInfo]:
    """Attributes built by a flag choice typed as the shared class (when nothing typed them),
    their flags added to `flags`."""
    out = {}
    for name, attr in attrs.items():
        choice = flag_choice(attr.value, resolve, thread_locals)
        if choice is not None:
            flags.add(choice[1])
            if attr.type_name is None and attr.annotation is None and attr.kind is AttrKind.OTHER:
                attr = attr.model_copy(update={"type_name": choice[0]})
        out[name] = attr
    return out


def confirm(fn: FunctionInfo, flags: set[str]) -> FunctionInfo:
    """`fn` without the conditional locks whose skipping flag chooses no per-thread state."""
    if not any(e.kind is EventKind.ACQUIRE and (e.value or "").startswith(UNLESS) for e in _events(fn.body)):
        return fn
    dropped: list[str] = []
    gone: set[int] = set()

    def visit(ev: Event) -> Event:
        if ev.kind is EventKind.ACQUIRE and (ev.value or "").startswith(UNLESS):
            if ev.value[len(UNLESS):] in flags:
                return ev
            dropped.append(ev.target)
            gone.add(id(ev))
            return ev
        if ev.kind is EventKind.RELEASE and dropped and ev.target == dropped[-1] and ev.op in ("with", "async with"):
            dropped.pop()
            gone.add(id(ev))
            return ev
        if not dropped or not ev.held:
            return ev
        held = list(ev.held)
        for path in dropped:
            if path in held:
                del held[len(held) - 1 - held[::-1].index(path)]
        return ev.model_copy(update={"held": tuple(held)})

    body = map_events(fn.body, visit)
    body = drop_events(body, lambda e: id(e) in gone)
    return fn.model_copy(update={"body": body})


def _events(nodes):
    from interlock.extractor.index import flatten
    return flatten(nodes)


def _flag(test: ast.expr) -> str | None:
    negated = False
    while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        negated, test = not negated, test.operand
    name = _dotted(test)
    if name is None:
        return None
    last = name.rsplit(".", 1)[-1].lstrip("_")     # `self._per_thread` keeps the parameter `per_thread`
    return f"not {last}" if negated else last


def negate(flag: str) -> str:
    return flag.removeprefix("not ") if flag.startswith("not ") else f"not {flag}"


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return f"{head}.{node.attr}" if head else None
    return None
