"""Call arguments as source text: which argument a call or a spawn passes for which parameter.

Shared by the extractor (typing parameters from their callers) and the checker (following an
object handed to concurrent runs), so it lives with the models.
"""
from __future__ import annotations

import ast

TASK_VIAS = frozenset({"create_task", "ensure_future", "gather", "start_soon", "run_coroutine_threadsafe"})
THREAD_VIAS = frozenset({"threading.Thread", "threading.Timer", "multiprocessing.Process",
                      "multiprocessing.context.Process"})


#: pool methods that call the function once per item of their iterables (`pool.map(fn, items)`)
MAP_VIAS = frozenset({"map", "imap", "imap_unordered"})
#: an argument whose value is not known at the spawn: an item `map` takes from an iterable
UNKNOWN_ITEM = "..."


def spawn_args(ev) -> tuple[str, ...] | None:
    """The arguments the spawned function gets, as source; None when they are not known. A
    `functools.partial(fn, a, k=v)` target adds the arguments it binds (`pool.map(partial(job,
    repo), ids)` runs `job(repo, <item>)`: tests/corpus/il702_session_used_by_partial_map_jobs)."""
    args = _spawn_args(ev)
    bound = _partial_args(ev.spawn.target)
    if bound is None or args is None:
        return args
    return (*[a for a in bound if not is_keyword(a)], *args, *[a for a in bound if is_keyword(a)])


def _partial_args(target: str | None) -> tuple[str, ...] | None:
    node = parse_expr(target)
    if not isinstance(node, ast.Call) or ast.unparse(node.func) not in ("functools.partial", "partial") \
            or not node.args or any(isinstance(a, ast.Starred) for a in node.args) \
            or any(k.arg is None for k in node.keywords):
        return None
    return (*(ast.unparse(a) for a in node.args[1:]), *(f"{k.arg}={ast.unparse(k.value)}" for k in node.keywords))


def _spawn_args(ev) -> tuple[str, ...] | None:
    spawn, args = ev.spawn, ev.args
    if spawn.via in THREAD_VIAS:
        kws = dict(a.split("=", 1) for a in args if is_keyword(a))
        if "kwargs" in kws or len(args) - len(kws) > (2 if spawn.via == "threading.Timer" else 0):
            return None         # `Thread(None, worker, ...)`: positions not followed
        return elements(kws["args"]) if "args" in kws else ()
    if spawn.via.rsplit(".", 1)[-1] in MAP_VIAS:
        items = [a for a in args[1:] if not is_keyword(a)]
        return (UNKNOWN_ITEM,) * len(items) if args and args[0] == spawn.target and items else None
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
