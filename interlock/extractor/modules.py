"""`extract_file`: one source file -> FileExtract (module, own classes, functions, events).

Never raises on bad input: undecodable bytes, null bytes, syntax errors and absurd nesting
become an error Diagnostic on an empty module. Never imports or runs the target code.
"""
from __future__ import annotations

import libcst as cst

from interlock.extractor.cstwalk import DEFS, LINES
from interlock.extractor.sync_threads import inline_joined_threads
from interlock.extractor.app_state import recorded as app_state_records, uses_aiohttp, uses_starlette
from interlock.extractor.attributes import AttributeBuilder, _kept_global, factories, walk_returns, fresh_products, returned_classes, thread_local_classes, value_facts
from interlock.extractor.events import FunctionWalker
from interlock.extractor.filemodel import FileExtract
from interlock.extractor.imports import ImportTable, blocks, gather_imports
from interlock.extractor.lockhelpers import find_lock_helpers, find_lock_takers
from interlock.extractor.orderers import order_helpers
from interlock.extractor.parse import ParseFailure, build_positions, decode, parse
from interlock.extractor.scope import FileScope
from interlock.models.program import AttrKind, Diagnostic, ModuleInfo
from interlock.extractor.records import construct


def extract_file(source: str | bytes, path: str, module: str) -> FileExtract:
    """Everything one file says on its own; `link.py` resolves across files."""
    try:
        text = decode(source)
        tree, ast_tree = parse(text)
        return _extract(text, tree, ast_tree, path, module)
    except ParseFailure as exc:
        return failed(path, module, exc.line, str(exc))
    except RecursionError:
        return failed(path, module, 0, "too deeply nested to analyse")


def failed(path: str, module: str, line: int, message: str) -> FileExtract:
    diag = Diagnostic(path=path, line=line, severity="error", message=message)
    return FileExtract(module=ModuleInfo(name=module, path=path), diagnostics=(diag,))


def _extract(text: str, tree: cst.Module, ast_tree, path: str, module: str) -> FileExtract:
    imports = ImportTable(module, path.endswith("__init__.py") or path == "__init__.py")
    gather_imports(tree, imports)
    scope = FileScope(path, module, tree, build_positions(path, text, tree, ast_tree), imports)
    scope.starlette, scope.aiohttp = uses_starlette(imports), uses_aiohttp(imports)
    scope.module_defs = _module_defs(tree.body)
    globals_ = AttributeBuilder(module)
    _gather_globals(scope, tree.body, globals_)
    scope.globals = globals_.build({None})
    defs = [s for s in _module_level(tree.body) if isinstance(s, cst.FunctionDef)]
    scope.lock_helpers = find_lock_helpers(scope, defs, is_method=False)
    scope.lock_takers = find_lock_takers(scope, defs, is_method=False)
    scope.orderers = order_helpers(scope, defs, is_method=False)
    scope.returns = returned_classes(scope, defs)
    scope.confined = confined_globals(scope, tree.body)
    scope.fresh = factories(defs, scope.returns, scope.confined, scope)
    scope.products = fresh_products(scope, defs)
    scope.cells = AttributeBuilder(module)
    walker = ModuleWalker(scope, globals_)
    body = inline_joined_threads(walker.walk(list(tree.body)))
    scope.globals = {**walker.final_globals(), **scope.cells.build({None}), **app_state_records(scope)}
    _singleton_accessors(scope, defs)
    info = construct(ModuleInfo, 
        name=module, path=path, imports=dict(imports.names), globals=scope.globals,
        functions=tuple(q for q in scope.functions if q.count(".") == module.count(".") + 1 and "<" not in q),
        classes=tuple(scope.class_infos), body=body)
    return construct(FileExtract, module=info, classes=scope.class_infos, functions=scope.functions,
                                       diagnostics=())


def _singleton_accessors(scope: FileScope, defs) -> None:
    """A module function that hands out the object a global holds, which its own body (or another
    function's) binds lazily (`_engine = Engine(...)` under `global _engine`): its type is known
    only once every function is walked, so callers in other modules learn it from `hands_out`
    (attributes._kept_global)."""
    for d in defs:
        q = f"{scope.module}.{d.name.value}"
        fn = scope.functions.get(q)
        if fn is None or fn.hands_out or fn.builds or d.returns is not None:
            continue
        kept = _kept_global(scope, walk_returns(scope, d))
        if kept is not None:
            scope.functions[q] = fn.model_copy(update={"hands_out": kept})


def confined_globals(scope: FileScope, stmts) -> frozenset[str]:
    """Module globals holding a `threading.local` (or an instance of a subclass of it defined here)."""
    local_classes = thread_local_classes(scope, stmts)
    return frozenset(n for n, a in scope.globals.items() if a.kind is AttrKind.THREAD_LOCAL
                     or (a.type_name or "").rpartition(".")[2] in local_classes)


def _module_level(stmts):
    """Module-level statements, looking inside if/try/with but not into defs and classes."""
    for s in stmts:
        yield s
        if type(s) not in DEFS and type(s) not in LINES:
            for block in blocks(s):
                yield from _module_level(block)


def _module_defs(stmts) -> set[str]:
    return {s.name.value for s in _module_level(stmts) if isinstance(s, (cst.FunctionDef, cst.ClassDef))}


def _gather_globals(scope: FileScope, stmts, builder: AttributeBuilder) -> None:
    from interlock.extractor.classes import _record

    for s in _module_level(stmts):
        if not isinstance(s, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            continue
        for small in s.body:
            if isinstance(small, cst.Assign):
                for t in small.targets:
                    pairs = _unpacked(t.target, small.value)
                    for name in _names(t.target):
                        value = small.value if isinstance(t.target, cst.Name) else pairs.get(name)
                        _record(scope, builder, small, name, name, value, None, None)
            elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                _record(scope, builder, small, small.target.value, small.target.value, small.value,
                        small.annotation.annotation, None)


def _unpacked(target, value) -> dict:
    """`OPEN, CLOSED = "open", "closed"`: each name's own element (tests/corpus/il502_unpacked_string_states);
    `IDLE, BUSY, DONE = range(3)`: each name's number (il502_range_unpacked_int_states)."""
    if not isinstance(target, (cst.Tuple, cst.List)):
        return {}
    numbers = _range_values(value)
    if numbers is not None and len(numbers) == len(target.elements):
        return {n.value.value: cst.parse_expression(str(i)) for n, i in zip(target.elements, numbers)
                if isinstance(n.value, cst.Name)}
    if not isinstance(value, (cst.Tuple, cst.List)):
        return {}
    names, values = target.elements, value.elements
    if len(names) != len(values) or any(isinstance(e, cst.StarredElement) for e in (*names, *values)):
        return {}
    return {n.value.value: v.value for n, v in zip(names, values) if isinstance(n.value, cst.Name)}


def _range_values(value) -> list[int] | None:
    """The numbers of `range(n)`, `range(a, b)` or `range(a, b, step)` over int literals, else None."""
    if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "range"
            and 1 <= len(value.args) <= 3 and all(a.keyword is None and not a.star for a in value.args)):
        return None
    bounds = []
    for a in value.args:
        v = a.value
        neg = isinstance(v, cst.UnaryOperation) and isinstance(v.operator, cst.Minus)
        v = v.expression if neg else v
        if not isinstance(v, cst.Integer):
            return None
        bounds.append(-int(v.value, 0) if neg else int(v.value, 0))
    if len(bounds) == 3 and bounds[2] == 0:
        return None
    numbers = list(range(*bounds))
    return numbers if len(numbers) <= 64 else None


def _names(target) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for el in target.elements for n in _names(el.value)]
    if isinstance(target, cst.StarredElement):
        return _names(target.value)
    return []


class ModuleWalker(FunctionWalker):
    """The module body: import-time statements; `global` writes from functions are collected."""

    def __init__(self, scope: FileScope, builder: AttributeBuilder) -> None:
        super().__init__(scope, scope.module, None, [], is_module=True)
        self.builder = builder

    def final_globals(self):
        for name, loc, function, facts in self.scope.global_writes:
            if name in self.builder.attrs:    # `global player; player = Player()` types `player`
                self.builder.record(name, facts or value_facts(self.scope, None), None, None, loc, function)
        return self.builder.build({None})
