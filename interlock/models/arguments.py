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
    """The arguments the spawned function gets, as source; None when they are not known."""
    spawn, args = ev.spawn, ev.args
    if spawn.via in THREAD_VIAS:
        kws = dict(a.split("=", 1) for a in args if is_keyword(a))
        if len(args) - len(kws) > (2 if spawn.via == "threading.Timer" else 0):
            return None         # `Thread(None, worker, ...)`: positions not followed
        positional = elements(kws["args"]) if "args" in kws else ()
        keywords = keyword_items(kws["kwargs"]) if "kwargs" in kws else ()
        if positional is None or keywords is None:
            return None
        return through_partial(spawn.target, positional + keywords)
    if spawn.via.rsplit(".", 1)[-1] in ("apply", "apply_async"):
        return _applied(spawn.target, args)
    if spawn.via.rsplit(".", 1)[-1] in MAP_VIAS:     # `pool.map(partial(job, repo), ids)`: job(repo, <item>)
        items = [a for a in args[1:] if not is_keyword(a)]
        return through_partial(spawn.target, (UNKNOWN_ITEM,) * len(items)) \
            if args and args[0] == spawn.target and items else None
    skip = {"submit": 1, "to_thread": 1, "run_in_executor": 2, "add_task": 1}.get(spawn.via.rsplit(".", 1)[-1])
    if skip is not None:
        return through_partial(spawn.target, args[skip:]) \
            if len(args) >= skip and args[skip - 1] == spawn.target else None
    if spawn.via.rsplit(".", 1)[-1] in TASK_VIAS:
        if spawn.via.endswith("start_soon"):
            return args[1:] if args and args[0] == spawn.target else None
        return coroutine_args(args, spawn.target)
    return None


def _applied(target: str, args: tuple[str, ...]) -> tuple[str, ...] | None:
    """A pool's `apply_async(fn, (a, b), {"k": v})` (or `args=`/`kwds=`) runs `fn(a, b, k=v)`."""
    if not args or args[0] != target:
        return None
    kws = dict(a.split("=", 1) for a in args[1:] if is_keyword(a))
    plain = [a for a in args[1:] if not is_keyword(a)]
    if len(plain) > 2:
        return None
    given = plain[0] if plain else kws.get("args")
    named = plain[1] if len(plain) > 1 else kws.get("kwds")
    positional = elements(given) if given is not None else ()
    keywords = keyword_items(named) if named is not None else ()
    if positional is None or keywords is None:
        return None
    return through_partial(target, positional + keywords)


PARTIALS = frozenset({"partial", "functools.partial"})


def through_partial(target: str, args: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The arguments a spawned `functools.partial(fn, a, k=v)` passes `fn` when run with `args`:
    its own positions first, then the run's, then the keywords (`pool.submit(partial(render,
    progress), path)` runs `render(progress, path)`); `args` as they are for any other target."""
    node = parse_expr(target) if args is not None and "(" in target else None
    if not isinstance(node, ast.Call) or ast.unparse(node.func) not in PARTIALS or not node.args:
        return args
    if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        return None
    bound = tuple(ast.unparse(a) for a in node.args[1:])
    late = tuple(a for a in args if is_keyword(a))
    return bound + tuple(a for a in args if not is_keyword(a)) + tuple(
        f"{k.arg}={ast.unparse(k.value)}" for k in node.keywords) + late


def keyword_items(text: str) -> tuple[str, ...] | None:
    """`{"urls": batch, "stats": stats}` / `dict(urls=batch, stats=stats)` (a Thread's `kwargs=`)
    -> ("urls=batch", "stats=stats"); None when the keys are not all known."""
    node = parse_expr(text)
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) and isinstance(k.value, str)
                                          and k.value.isidentifier() for k in node.keys):
        return tuple(f"{k.value}={ast.unparse(v)}" for k, v in zip(node.keys, node.values))
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "dict" and not node.args \
            and all(k.arg is not None for k in node.keywords):
        return tuple(f"{k.arg}={ast.unparse(k.value)}" for k in node.keywords)
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
