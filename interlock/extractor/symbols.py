"""Lock symbols and access-path rebasing shared by locksets, the lock graph and contexts.

A lock symbol is `owner.attr` as `ProgramModel.resolve` gives it for the class `self` really is
(a mixin's `self._lock` is the concrete class's lock); a Condition maps to its underlying lock.
Rebasing moves a path between a caller's and a callee's `self` for `self.m()` / `self.a.m()`.
"""
from __future__ import annotations

from interlock.models.program import AttrKind, FunctionInfo, ProgramModel

CONDITION_KINDS = (AttrKind.CONDITION, AttrKind.ASYNC_CONDITION)


def lock_symbol(model: ProgramModel, cls: str | None, path: str) -> tuple[str, AttrKind] | None:
    """(symbol, kind) of the lock `path` names in a method running with `self` of class `cls`."""
    resolved = model.resolve(cls, path)
    if resolved is None:
        return None
    owner, attr = model.same_lock(*resolved)
    info = model.attribute(owner, attr)
    if info is None:
        return None
    if info.kind in CONDITION_KINDS:
        if info.lock_of == "<Lock>":          # Condition(threading.Lock()): not re-entrant
            return f"{owner}.{attr}", AttrKind.LOCK
        if info.lock_of:
            inner = model.resolve(owner if owner in model.classes else None, info.lock_of)
            inner_info = model.attribute(*inner) if inner else None
            if inner is not None and inner_info is not None:
                return f"{inner[0]}.{inner[1]}", inner_info.kind
        # threading.Condition() without a lock owns an RLock: re-entry is fine.
        return f"{owner}.{attr}", AttrKind.RLOCK if info.kind == AttrKind.CONDITION else info.kind
    return f"{owner}.{attr}", info.kind


def receiver(callee: str | None) -> str | None:
    """The object a method call goes to, as an access path: `self.a.m` -> `self.a`; `super().m` -> `self`."""
    if not callee:
        return None
    if callee.startswith(("super().", "super.")):
        return "self"
    if callee.startswith(("self.", "cls.")) and "(" not in callee:
        head = callee.rsplit(".", 1)[0]
        return "self" + head[len(head.split(".", 1)[0]):]
    return None


def to_callee(path: str, recv: str | None) -> str | None:
    """A caller's path in the callee's terms, or None when the callee cannot name it."""
    if _is_global(path):
        return path
    if recv is None:
        return None
    if path == recv:
        return None
    if path.startswith(recv + "."):
        return "self" + path[len(recv):]
    return None


def to_caller(path: str | None, recv: str | None) -> str | None:
    """A callee's path in the caller's terms (the inverse of `to_callee`)."""
    if path is None or _is_global(path):
        return path
    if recv is None or not path.startswith("self."):
        return None
    return recv + path[4:]


def _is_global(path: str) -> bool:
    return "." in path and not path.startswith(("self.", "cls."))


class Hierarchy:
    """Subclass lookups for one model, computed once (the model's classes never change)."""

    def __init__(self, model: ProgramModel) -> None:
        self.model = model
        self.subclasses: dict[str, list[str]] = {}
        for q in sorted(model.classes):
            for anc in model.classes[q].ancestors[1:]:
                self.subclasses.setdefault(anc, []).append(q)

    def concrete_classes(self, fn: FunctionInfo) -> list[str | None]:
        """Classes whose instances run `fn` as `self`: its class, or the leaf classes mixing it in."""
        if not fn.cls:
            return [None]
        users = [q for q in self.subclasses.get(fn.cls, ())
                 if self.model.classes[q].methods.get(fn.name) == fn.qualname]
        leaves = [q for q in users if q not in self.subclasses]
        if fn.cls not in self.subclasses or not leaves:
            return [fn.cls]
        return leaves

    def callee_class(self, cls: str | None, callee_path: str | None, callee: FunctionInfo) -> str | None:
        """The class `self` is inside the callee of a call made with `self` of class `cls`."""
        recv = receiver(callee_path)
        info = self.model.classes.get(cls) if cls else None
        if recv == "self" and info is not None:
            return cls if callee.cls in info.ancestors else callee.cls
        if recv and info is not None:
            hit = self.model.resolve(cls, recv + ".__x")
            if hit and hit[0] in self.model.classes:
                # the field is typed with a base whose override runs (extractor/overrides.py): the
                # object is of the override's class
                own = self.model.classes.get(callee.cls or "")
                return callee.cls if own is not None and hit[0] in own.ancestors[1:] else hit[0]
        return callee.cls
