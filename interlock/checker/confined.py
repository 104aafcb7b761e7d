"""Classes confined to one thread: what the code (or the config) says of them.

    class Pipeline:
        \"\"\"Queue commands, send them in one go. Not thread-safe: use one per thread.\"\"\"

RacerD stays quiet on a class annotated `@NotThreadSafe`. Here a class is *confined* when its
docstring says so plainly (extractor/thread_notes.py), or another class's docstring names it
("It is not safe to pass PubSub or Pipeline objects between threads"), or the config lists it
(`confined = ["Pipeline", "pkg.client.PubSub"]` in `[tool.interlock]`), and so is every subclass
of such a class. Its users keep each object to one thread, so two of its callers never touch one
object: accesses to the object's fields from two contexts that merely *use* it (public callers, other
classes' threads, handlers, main flows) are on two objects (`ConcurrencyIndex.same_object`).

What it does not silence: (1) the work the class starts itself - a thread, job or task spawned in
its own methods (`PubSub.run_in_thread`'s worker against the owner's `subscribe()`), or a callback it
registers anywhere but on one of its own fields: that context runs beside its owner by the class's
own doing; (2) two tasks on one event loop (IL403: one thread, interleaved at awaits); (3) its
accesses to *other* objects: a shared pool, a module global, a field of another class
(tests/corpus/il101_documented_not_thread_safe_class, il101_config_confined_class).
"""
from __future__ import annotations

import re
from pathlib import Path

from interlock.models.program import ContextKind, Diagnostic, ProgramModel

#: the contexts a class can start for itself
_SPAWNED = frozenset({ContextKind.THREAD, ContextKind.EXECUTOR, ContextKind.PROCESS, ContextKind.TASK,
                      ContextKind.CALLBACK})
#: a registration on a field of the registering object (`self.connection.register_connect_callback(
#: self.on_connect)`): the sub-object calls back while its owner drives it, on the owner's thread
_ON_OWN_FIELD = re.compile(r"^self\.\w+\.\w+$")

_CACHE: dict[int, tuple[ProgramModel, frozenset[str]]] = {}


def confined_classes(model: ProgramModel) -> frozenset[str]:
    """Every class in scope that is confined (see the module docstring), subclasses included."""
    hit = _CACHE.get(id(model))
    if hit is not None and hit[0] is model:
        return hit[1]
    roots = {q for c in model.classes.values() for q in c.confines if q in model.classes}
    out = frozenset(q for q, c in model.classes.items() if roots.intersection(c.ancestors or (q,)))
    _CACHE.clear()
    _CACHE[id(model)] = (model, out)
    return out


def own_context(model: ProgramModel, sites: dict, context, cls: str) -> bool:
    """`context` is work an object of `cls` starts for itself: a spawn of one of its entries sits
    in a method (or a function nested in one) of `cls`, of a base or of a subclass of it."""
    if context.kind not in _SPAWNED:
        return False
    info = model.classes.get(cls)
    if info is None:
        return False
    family = set(info.ancestors or (cls,)) | {q for q, c in model.classes.items() if cls in c.ancestors}
    for entry in context.entries:
        for fn, ev in sites.get(entry, ()):
            if ev.spawn.kind is ContextKind.CALLBACK and _ON_OWN_FIELD.match(ev.callee or ""):
                continue
            owner = fn.cls or ""
            if owner in family or any(fn.qualname.startswith(f + ".") for f in family):
                return True
    return False


def apply_config(model: ProgramModel, names: list[str], source: Path | None = None) -> ProgramModel:
    """The model with the config's `confined` classes marked (by qualified name, a dotted tail of
    one - `client.PubSub` - or a class name, which takes every class so named), and a warning
    diagnostic for each name that matches no class in scope."""
    if not names:
        return model
    marked: dict[str, tuple[str, ...]] = {}
    missing = []
    for name in names:
        hits = [q for q in model.classes if q == name or q.endswith("." + name)]
        if not hits:
            missing.append(name)
        for q in hits:
            marked[q] = tuple(dict.fromkeys((*marked.get(q, model.classes[q].confines), q)))
    classes = {q: (c.model_copy(update={"confines": marked[q]}) if q in marked else c)
               for q, c in model.classes.items()}
    where = str(source) if source is not None else ""
    notes = tuple(Diagnostic(path=where, severity="warning",
                             message=f"tool.interlock.confined: {n!r} names no class in the analysed code")
                  for n in missing)
    return model.model_copy(update={"classes": classes, "diagnostics": model.diagnostics + notes})
