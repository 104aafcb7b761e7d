"""Own slots: jobs that each get an index of their own touch disjoint elements of one field.

    def _fill(self, i):
        self.reports[i]["score"] = compute(i)     # the dict in slot i: this job's own
    ...
    pool.map(self._fill, range(n))               # every job a different i

Two runs of one job context meet on `self.reports`. When both accesses mutate the element at the
job's index parameter, and the only spawn site of the job maps it once over `range(...)` (or
submits it, or starts it as a thread, with the loop variable of a `for` loop or a comprehension
over `range(...)`),
the runs hold different indices, so different elements (tests/corpus/il101_nested_slot_same_index).
The element may reach a helper the job calls: the index passed down for one of its parameters,
or the element itself, in a local the job bound once (`row = self.rows[i]; self._spill(row)`,
then `row.clear()`; tests/corpus/il101_worker_row_handed_to_helper). A field built as `[{}] * n`
anywhere holds one object in every slot: no index is a job's own (IL601).
A constant or computed index (`self.reports[0]`, `self.reports[i + 1]`), a rebound parameter,
or a second spawn site gives no such guarantee and stays reported.
Known limit: a spawner that runs twice at once (two calls of `run`) hands out each index twice.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from interlock.checker.keyed import element_of
from interlock.checker.rules._multiply import _multiplied
from interlock.models.program import Branch, Event, EventKind, FunctionInfo, Loop, ProgramModel, Try

if TYPE_CHECKING:
    from interlock.checker.analysis import Access, ConcurrencyIndex

#: element mutations whose key is the slot itself (`self.xs[i] = v`, `counts[i] += 1`); `del
#: self.xs[i]` shifts the elements after it, so it is no store in one slot
_KEYED = frozenset({"setitem", "+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", "<<=", ">>=", "@="})


def own_slots(idx: "ConcurrencyIndex", a: "Access", b: "Access") -> bool:
    """`a` and `b` are two runs of one job, each in the element at its own distinct index."""
    if a.context.name != b.context.name:
        return False
    at = _entry_slot(idx, a)
    if at is None or at != _entry_slot(idx, b) or at[0] not in a.context.entries or _one_object(idx, a):
        return False
    return _distinct_per_run(idx, idx.model.functions[at[0]], at[1])


def _one_object(idx: "ConcurrencyIndex", a: "Access") -> bool:
    """The field is built as `[[]] * n` somewhere: every slot holds one object, so distinct
    indices reach the same element (IL601; tests/corpus/il101_worker_row_handed_to_helper)."""
    memo = idx.__dict__.setdefault("_multiplied_fields", {})
    key = (a.owner, a.attr)
    if key not in memo:
        values = [info.value] if (info := idx.model.attribute(*key)) is not None else []
        by_attr = idx.__dict__.get("_writes_by_attr")
        if by_attr is None:
            by_attr = idx.__dict__["_writes_by_attr"] = {}
            for fn in idx.model.functions.values():
                for ev in fn.events():
                    if ev.kind is EventKind.WRITE and ev.target:
                        by_attr.setdefault(ev.target.rpartition(".")[2], []).append((fn, ev))
        values += [ev.value for fn, ev in by_attr.get(a.attr, ()) if idx.model.resolve(fn.cls, ev.target) == key]
        memo[key] = any(_multiplied(node) is not None for v in values if v
                        for node in [_parse(v)] if node is not None)
    return memo[key]


def _parse(value: str) -> ast.expr | None:
    try:
        return ast.parse(value.strip(), mode="eval").body
    except SyntaxError:
        return None


def _slot(a: "Access", root=None) -> str | None:
    """The index of the element `a` mutates: `i` of `self.xs[i][k] = v` or `self.xs[i] = v`; or
    reads: `i` of `self.xs[i]` (given the analysed folder, the element a plain read names)."""
    ev = a.event
    if ev.kind is EventKind.READ:           # the read half of `counts[i] += 1`
        return ev.slot or ev.key or (element_of(root, ev) if root is not None and ev.op is None else None)
    if ev.kind is not EventKind.MUTATE:
        return None
    return ev.slot or (ev.key if ev.op in _KEYED else None)


def _entry_slot(idx: "ConcurrencyIndex", a: "Access") -> tuple[str, str] | None:
    """(entry function, its index parameter) of the element `a` touches. In the entry itself,
    the index of the access. In a helper it calls, the element reaches the helper as an argument:
    the index passed down for a parameter (`self._drain(k)` ... `self.xs[k].clear()`), or the
    element itself, in a local the caller bound once to `self.xs[k]` (`row = self.xs[k];
    self._drain(row)` ... `row.clear()`; tests/corpus/il101_worker_row_handed_to_helper)."""
    if not a.reach.chain:
        index = _slot(a, idx.root)
        return (a.function.qualname, index) if index is not None else None
    from interlock.checker.analysis import argument
    from interlock.checker.callgraph import frames
    fs = frames(idx.model, a.reach)
    fn, ev = fs[-1], a.event
    index = _slot(a)
    if index is not None:
        name, element = index, False
    elif ev.kind is EventKind.MUTATE and ev.target and ev.target.isidentifier():
        name, element = ev.target, True       # `row.clear()` on a parameter: the element the caller passed
    else:
        return None
    for i in range(len(fs) - 1, 0, -1):
        fn, caller = fs[i], fs[i - 1]
        if name not in fn.params or _rebinds(fn, name):
            return None
        arg = argument(a.reach.chain[i - 1], fn, name)
        if arg is None:
            return None
        if element:
            slot = _element_bound(idx, a, caller, arg)
            if slot is not None:
                name, element = slot, False
                continue
        if not arg.isidentifier():
            return None
        name = arg
    if element or _rebinds(fs[0], name):
        return None
    return fs[0].qualname, name


def _rebinds(fn: FunctionInfo, name: str) -> bool:
    return any(ev.kind is EventKind.WRITE and ev.target == name for ev in fn.events())


def _element_bound(idx: "ConcurrencyIndex", a: "Access", fn: FunctionInfo, arg: str) -> str | None:
    """The index `i` when `arg` in `fn` is `self.xs[i]` of `a`'s field, written in the call or in
    a local `fn` binds only there (`row = self.xs[i]`)."""
    value = arg
    if arg.isidentifier():
        writes = [ev for ev in fn.events() if ev.kind is EventKind.WRITE and ev.target == arg]
        if len(writes) != 1 or writes[0].op != "=":
            return None
        value = writes[0].value or ""
    try:
        node = ast.parse(value.strip(), mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(node, ast.Subscript) or not isinstance(node.slice, ast.Name):
        return None
    base = ast.unparse(node.value)
    cls = a.reach.cls if fn.cls else None
    hit = idx.model.resolve(cls, base if "." in base else f"{fn.module}.{base}")
    return node.slice.id if hit is not None and hit[1] == a.attr else None


def _distinct_per_run(idx: "ConcurrencyIndex", fn: FunctionInfo, index: str) -> bool:
    """`index` is a parameter of `fn` it never rebinds, and every run of `fn` gets its own value."""
    cache = idx.__dict__.setdefault("_own_slot_params", {})     # per index, like a cached_property
    key = (fn.qualname, index)
    if key not in cache:
        cache[key] = _distinct_param(idx.model, fn, index)
    return cache[key]


def _distinct_param(model: ProgramModel, fn: FunctionInfo, index: str) -> bool:
    """The uncached `_distinct_per_run`: one spawn site, outside other loops, counting the parameter."""
    params = [p for p in fn.params if p not in ("self", "cls")] if fn.cls else list(fn.params)
    if index not in params or any(ev.kind is EventKind.WRITE and ev.target == index for ev in fn.events()):
        return False
    sites = [(f, ev) for f in model.functions.values() for ev in f.events()
             if ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.resolved == fn.qualname]
    if len(sites) != 1:
        return False
    (spawner, site), = sites
    loops = _enclosing_loops(spawner.body, site)
    position = params.index(index)
    if loops is not None and not loops and (site.repeated or site.spawn.many):
        # `[Thread(target=job, args=(i,)) for i in range(n)]`: the comprehension's variable
        target = _spawn_counter(site) or _comprehension_over_range(spawner, site)
        if target is not None:
            return _passed(site, position) == target
    if loops is None or len(loops) > 1 or site.repeated:
        return False
    if not loops:
        return _maps_over_range(site, position)
    counter = _loop_counter(loops[0])
    return counter is not None and _passed(site, position) == counter


def _spawn_counter(site: Event) -> str | None:
    """The counting variable of the comprehension the extractor saw the spawn repeat in
    (`[pool.submit(job, slot, off) for slot, (off, n) in enumerate(ranges)]`)."""
    if site.spawn is None or site.spawn.each is None:
        return None
    target, iterable = site.spawn.each
    try:
        node = ast.parse(target.strip(), mode="eval").body
    except SyntaxError:
        return None
    return _counter(iterable, node)


def _comprehension_over_range(spawner: FunctionInfo, site: Event) -> str | None:
    """The variable of the one comprehension over `range(...)` that makes the spawn `site`
    (`[Thread(target=job, args=(i,)) for i in range(n)]`), from the source of the statement's
    events on the site's line; None when there is none, or more than one loop."""
    for ev in spawner.events():
        last = max(ev.loc.end_line or ev.loc.line, ev.loc.line + (ev.value or "").count("\n"))
        if ev.loc.line > site.loc.line or last < site.loc.line:     # a store's loc is its first line
            continue
        for text in (ev.value, *ev.args):
            if not text or " for " not in text:
                continue
            try:
                node = ast.parse(text.strip(), mode="eval").body
            except SyntaxError:
                continue
            for comp in ast.walk(node):
                if isinstance(comp, (ast.ListComp, ast.GeneratorExp, ast.SetComp)) and len(comp.generators) == 1:
                    gen = comp.generators[0]
                    if not gen.is_async:
                        counter = _counter(ast.unparse(gen.iter), gen.target)
                        if counter is not None:
                            return counter
    return None


def _counts(ev: Event) -> bool:
    """A loop or map over `range(...)`: a different integer each time round."""
    text = (ev.value or "").replace(" ", "")
    return text.startswith("range(") and text.endswith(")")


def _loop_counter(loop: Loop) -> str | None:
    """The variable of a `for` loop that holds a different integer each time round: `i` of
    `for i in range(n)` or of `for i, item in enumerate(items)`."""
    header = loop.header
    text = f"enumerate({header.target})" if header.op == "enumerate" and header.target else header.value
    if not text or not loop.target:
        return None
    try:
        target = ast.parse(loop.target.strip(), mode="eval").body
    except SyntaxError:
        return None
    return _counter(text, target)


def _counter(iterable: str, target: ast.expr) -> str | None:
    """The name in a loop `target` that counts: the target of a loop over `range(...)`, or the
    position `enumerate(...)` pairs with each item (`for slot, (off, n) in enumerate(ranges)`)."""
    if isinstance(target, ast.Name):
        text = iterable.replace(" ", "")
        return target.id if text.startswith("range(") and text.endswith(")") else None
    try:
        call = ast.parse(iterable.strip(), mode="eval").body
    except SyntaxError:
        return None
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "enumerate" \
            and len(call.args) in (1, 2) and not call.keywords and isinstance(target, (ast.Tuple, ast.List)) \
            and len(target.elts) == 2 and isinstance(target.elts[0], ast.Name):
        return target.elts[0].id
    return None


def _maps_over_range(site: Event, position: int) -> bool:
    """`pool.map(job, range(n), ...)`: the parameter at `position` gets a different integer in every job."""
    args = site.args
    if site.spawn.via != "map" or len(args) <= position + 1 or "=" in args[position + 1].partition("(")[0]:
        return False
    return _counts(Event(kind=EventKind.ITERATE, loc=site.loc, value=args[position + 1]))


def _passed(site: Event, position: int) -> str | None:
    """The argument a spawn hands the job's parameter at `position`, as source: `submit(job, i)`,
    `Thread(target=job, args=(i,))`."""
    keyword = next((a.partition("=")[2] for a in site.args if a.startswith("args=")), None)
    if keyword is None:
        positional = [a for a in site.args[1:] if "=" not in a.partition("(")[0]]
        return positional[position] if site.spawn.via == "submit" and position < len(positional) else None
    try:
        packed = ast.parse(keyword, mode="eval").body
    except SyntaxError:
        return None
    items = packed.elts if isinstance(packed, (ast.Tuple, ast.List)) else []
    return ast.unparse(items[position]) if position < len(items) else None


def _enclosing_loops(nodes, site: Event, outer: tuple[Loop, ...] = ()) -> tuple[Loop, ...] | None:
    """The loops around `site` in a function body, outermost first; None when it is not there."""
    for node in nodes:
        if node is site:
            return outer
        inner = outer + (node,) if isinstance(node, Loop) else outer
        for child in _children(node):
            found = _enclosing_loops(child, site, inner)
            if found is not None:
                return found
    return None


def _children(node) -> list[tuple]:
    """The blocks nested in one node of a function body."""
    if isinstance(node, Loop):
        return [node.body, node.orelse]
    if isinstance(node, Branch):
        return [node.then, node.orelse]
    if isinstance(node, Try):
        return [node.body, *(h.body for h in node.handlers), node.orelse, node.final]
    return []
