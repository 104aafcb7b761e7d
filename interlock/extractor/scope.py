"""What one file knows while it is being extracted: names, imports, positions, own classes.

Shared by the attribute pre-pass and the event walkers; nothing here outlives `extract_file`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from interlock.extractor.imports import ImportTable
from interlock.extractor.parse import Positions
from interlock.extractor.unparse import fast_code
from interlock.models.program import AttributeInfo, AttrKind, ClassInfo, FunctionInfo

MAX_SOURCE = 240      # longest source snippet kept in `value`/`args`


@dataclass
class ClassFacts:
    """A class of this file as the walkers need it (own members only)."""

    qualname: str
    methods: set[str] = field(default_factory=set)
    attributes: dict[str, AttributeInfo] = field(default_factory=dict)
    is_thread: bool = False
    properties: set[str] = field(default_factory=set)     # methods that are properties (read = call)
    lock_helpers: dict = field(default_factory=dict)   # method name -> LockHelper (lockhelpers.py)
    lock_takers: dict = field(default_factory=dict)    # method name -> LockTaker (lockhelpers.py)
    orderers: frozenset[str] = frozenset()             # methods handing back their arguments sorted (orderers.py)
    returns: dict[str, str] = field(default_factory=dict)  # method name -> class its annotation returns
    #: methods that hand out a new lock each call (`def _create_lock(self): return RLock()`) -> its kind
    lock_makers: dict = field(default_factory=dict)
    fresh: set[str] = field(default_factory=set)           # of those, factories: a new object per call
    #: the field holding the lock a library base makes for each instance (`lock` of a logging
    #: handler), and the methods the library calls holding it (catalogue.LOCKED_LIBRARY_BASES)
    library_lock: tuple[str, tuple[str, ...]] | None = None
    #: its socket fields some method puts in non-blocking mode (`self._sock.setblocking(False)`):
    #: their `recv`/`send`/`accept` return at once in every method (classes.nonblocking_fields)
    nonblocking: frozenset[str] = frozenset()
    #: the AttributeBuilder of the attribute pre-pass while it runs: `self.session = self.Session()`
    #: in `__init__` sees the kind `self.Session = sessionmaker(...)` got a line before
    pending: object = None

    def kind(self, name: str) -> AttrKind | None:
        attr = self.attributes.get(name)
        if attr is None and self.pending is not None:
            rec = self.pending.attrs.get(name)
            return rec["kind"] if rec is not None else None
        return attr.kind if attr is not None else None


@dataclass
class FileScope:
    path: str
    module: str
    tree: cst.Module
    positions: Positions
    imports: ImportTable
    globals: dict[str, AttributeInfo] = field(default_factory=dict)
    module_defs: set[str] = field(default_factory=set)           # top-level functions and classes
    classes: dict[str, ClassFacts] = field(default_factory=dict)  # local name (`Outer.Inner`) -> facts
    functions: dict[str, FunctionInfo] = field(default_factory=dict)
    class_infos: dict[str, ClassInfo] = field(default_factory=dict)
    global_writes: list = field(default_factory=list)   # (name, Location, function qualname, ValueFacts|None)
    lock_helpers: dict = field(default_factory=dict)    # module function name -> LockHelper
    lock_takers: dict = field(default_factory=dict)     # module function name -> LockTaker
    orderers: frozenset[str] = frozenset()                  # module functions handing back their arguments sorted
    returns: dict[str, str] = field(default_factory=dict)   # module function name -> class it returns
    return_walks: dict = field(default_factory=dict)        # id(def node) -> attributes._Returns of its body
    fresh: set[str] = field(default_factory=set)            # of those, factories: a new object per call
    products: dict[str, str] = field(default_factory=dict)  # module function -> class of the new object it returns or yields
    confined: frozenset[str] = frozenset()                  # module globals holding a threading.local
    cells: object = None          # AttributeBuilder of the closure cells (cells.py), set per file
    starlette: bool = False       # the file imports fastapi/starlette: `app.state` is the app's (app_state.py)
    aiohttp: bool = False         # the file imports aiohttp: `request.app[key]` is the app's item (app_state.py)
    app_state: object = None      # AttributeBuilder of its writes of `app.state` attributes (app_state.py)
    calls: dict | None = None     # dotted callee -> construction sites, for lock_params.py (filled on first use)
    plain_defs: dict | None = None  # top-level `def` name -> node, for attributes.py `_engine_maker` (filled on first use)

    def code(self, node: cst.CSTNode) -> str:
        """Source of a node; names, dotted names and literals without libcst's codegen (hot)."""
        text = fast_code(node)
        if text is None:
            text = self.tree.code_for_node(node).strip()
        return text if len(text) <= MAX_SOURCE else text[: MAX_SOURCE - 3] + "..."

    def qualify(self, local: str) -> str:
        return f"{self.module}.{local}" if self.module else local

    def class_facts(self, dotted_name: str) -> ClassFacts | None:
        """An in-file class named as written (`Worker`) or fully qualified."""
        if dotted_name in self.classes:
            return self.classes[dotted_name]
        prefix = self.module + "."
        if dotted_name.startswith(prefix):
            return self.classes.get(dotted_name[len(prefix):])
        return None
