"""Call arguments as source text: which argument a call or a spawn passes for which parameter.

Shared by the extractor (typing parameters from their callers) and the checker (following an
object handed to concurrent runs), so it lives with the models.
"""
from __future__ import annotations

import ast

TASK_VIAS = frozenset({"create_task", "ensure_future", "gather", "start_soon", "run_coroutine_threadsafe"})
THREAD_VIAS = frozenset({"threading.Thread", "threading.Timer", "multiprocessing.Process",
                      "multiprocessing.context.Process"})


def spawn_args(ev) -> tuple[str, ...] | None:
    """The arguments the spawned function gets, as source; None when they are not known."""
    spawn, args = ev.spawn, ev.args
    if spawn.via in THREAD_VIAS:
        kws = dict(a.split("=", 1) for a in args if is_keyword(a))
        if "kwargs" in kws or len(args) - len(kws) > (2 if spawn.via == "threading.Timer" else 0):
            return None         # `Thread(None, worker, ...)`: positions not followed
        return elements(kws["args"]) if "args" in kws else ()
    skip = {"submit": 1, "to_thread": 1, "run_in_executor": 2}.get(spawn.via.rsplit(".", 1)[-1])
    if skip is not None:
        return args[skip:] if len(args) >= skip and args[skip - 1] == spawn.target else None
    if spawn.via.rsplit(".", 1)[-1] in TASK_VIAS:
        if spawn.via.endswith("start_soon"):
            return args[1:] if args and args[0] == spawn.target else None
        return coroutine_args(args, spawn.target)
    return None


def is_keyword(arg: str) -> bool:
    key, eq, value = arg.partition("=")
    return bool(eq) and key.strip().isidentifier() and not value.startswith("=")


def elements(text: str) -> tuple[str, ...] | None:
    """`(a, b)` / `[a, b]` -> ("a", "b")."""
    node = parse_expr(text)
    if not isinstance(node, (ast.Tuple, ast.List)) or any(isinstance(e, ast.Starred) for e in node.elts):
        return None
    return tuple(ast.unparse(e) for e in node.elts)


def coroutine_args(args: tuple[str, ...], target: str) -> tuple[str, ...] | None:
    """The arguments of the one call of `target` among a task spawn's arguments
    (`create_task(upload(slots, n))`, `gather(*(upload(slots, n) for n in names))`)."""
    calls = [c for a in args if (node := parse_expr(a.lstrip("*"))) is not None for c in ast.walk(node)
             if isinstance(c, ast.Call) and ast.unparse(c.func) == target]
    if len(calls) != 1 or any(isinstance(a, ast.Starred) for a in calls[0].args):
        return None
    call = calls[0]
    return tuple(ast.unparse(a) for a in call.args) + tuple(
        f"{k.arg}={ast.unparse(k.value)}" if k.arg else "**" for k in call.keywords)


def parse_expr(text: str | None) -> ast.expr | None:
    """The expression `text` is the source of; None for no text (a `while` loop's target) or bad syntax."""
    if not text:
        return None
    try:
        return ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):    # NUL bytes, too deeply nested
        return None


def bind_params(params: list[str], args: tuple[str, ...], partial: bool = False) -> dict[str, str] | None:
    """Arguments by parameter (positional, then `k=v`). With `*args`/`**kw` at the call: None, or
    with `partial` the keywords and the positions before the star."""
    out: dict[str, str] = {}
    positional = True
    for i, arg in enumerate(args):
        if is_keyword(arg):
            key, _, value = arg.partition("=")
            out[key.strip()] = value.strip()
        elif arg.startswith("*"):
            if not partial:
                return None
            positional = False
        elif positional and i < len(params) and not params[i].startswith("*"):
            out[params[i]] = arg.strip()
    return out


def bind_arguments(method, args: tuple[str, ...]) -> dict[str, str]:
    """The arguments of a call of a method by parameter; `self` is bound by the receiver."""
    return bind_params(list(method.params[1:]), args, partial=True)
