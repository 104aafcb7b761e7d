"""Import tables: local aliases -> dotted names, relative imports resolved against the module.

`import numpy as np` maps `np` -> `numpy`; `from time import sleep` maps `sleep` -> `time.sleep`;
`from .base import Mixin` in `pkg.engine` maps `Mixin` -> `pkg.base.Mixin`. Imports anywhere in
the file (functions, `try`, `if TYPE_CHECKING`) count: one table per file.
"""
from __future__ import annotations

import sys

import libcst as cst


def dotted(node: cst.BaseExpression | None) -> str | None:
    """`a.b.c` for a Name/Attribute chain, else None."""
    parts: list[str] = []
    # by exact class (no subclasses): a missed `isinstance` on a libcst ABC runs Python code
    while type(node) is cst.Attribute:
        parts.append(node.attr.value)
        node = node.value
    if type(node) is not cst.Name:
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


class ImportTable:
    """Aliases of one module, and name resolution through them."""

    def __init__(self, module: str, is_package: bool) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.names: dict[str, str] = {}
        self.modules: set[str] = set()           # aliases bound by `import x` / `import x as y`

    def is_module(self, alias: str) -> bool:
        return alias in self.modules

    def add(self, node: cst.Import | cst.ImportFrom) -> None:
        if isinstance(node, cst.Import):
            for alias in node.names:
                full = dotted(alias.name) or ""
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    self.names[alias.asname.name.value] = full
                    self.modules.add(alias.asname.name.value)
                else:
                    head = full.split(".")[0]
                    self.names[head] = head
                    self.modules.add(head)
            return
        base = self._from_base(node)
        if base is None or isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = dotted(alias.name) or ""
            local = alias.asname.name.value if alias.asname is not None and isinstance(alias.asname.name, cst.Name) else name
            self.names[local] = f"{base}.{name}" if base else name

    def scoped(self, nodes) -> dict[str, str]:
        """Apply the imports of one function body over the file's table; returns what to restore."""
        before = dict(self.names)
        for node in nodes:
            self.add(node)
        return before

    def _from_base(self, node: cst.ImportFrom) -> str | None:
        mod = dotted(node.module) if node.module is not None else ""
        level = len(node.relative)
        if level == 0:
            return mod
        parts = self.package.split(".") if self.package else []
        if level - 1 > len(parts):
            return None
        base = ".".join(parts[: len(parts) - (level - 1)])
        return ".".join(p for p in (base, mod) if p)

    def resolve(self, name: str) -> str:
        """`np.copyto` -> `numpy.copyto`; names that are not imported stay as written."""
        head, dot, rest = name.partition(".")
        full = self.names.get(head)
        if full is None:
            return name
        return f"{full}.{rest}" if dot else full

    def is_in_package(self, name: str) -> bool:
        """Whether a resolved dotted name points into this file's own top-level package."""
        top = self.module.split(".")[0]
        return bool(top) and name.split(".")[0] == top

    def is_flat_sibling(self, alias: str) -> bool:
        """`metrics` of `import metrics` (or `import metrics as m`): a top-level module that is not
        the standard library's, as a sibling module of a flat layout is; one outside the tree
        resolves to nothing when the model is linked."""
        full = self.names.get(alias, "")
        return alias in self.modules and bool(full) and "." not in full and full not in sys.stdlib_module_names


def gather_imports(module: cst.Module, table: ImportTable) -> None:
    """Fill `table` from every import statement of the file (any depth of statements)."""
    _gather(module.body, table)


def _gather(stmts, table: ImportTable) -> None:
    for s in stmts:
        if type(s) is cst.SimpleStatementLine or type(s) is cst.SimpleStatementSuite:
            for small in s.body:
                if type(small) is cst.Import or type(small) is cst.ImportFrom:
                    table.add(small)
            continue
        for block in blocks(s):
            _gather(block, table)


def imports_package(names, package: str) -> bool:
    """Among a file's imported full names (`ImportTable.names` / `ModuleInfo.imports` values), one of
    `package` or a module under it."""
    return any(q == package or q.startswith(package + ".") for q in names)


def is_docstring(s: cst.CSTNode) -> bool:
    """A statement that is only a string literal (a docstring in first place)."""
    return (isinstance(s, cst.SimpleStatementLine) and len(s.body) == 1 and isinstance(s.body[0], cst.Expr)
            and isinstance(s.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


def blocks(s: cst.CSTNode):
    """Statement lists nested in a compound statement."""
    body = getattr(s, "body", None)
    if type(body) is cst.SimpleStatementSuite:       # by exact class: see `dotted`
        yield [body]
    elif type(body) is cst.IndentedBlock:
        yield body.body
    for name in ("orelse", "finalbody"):
        sub = getattr(s, name, None)
        if type(sub) is cst.If:
            yield [sub]
        elif sub is not None:
            yield from blocks(sub)
    for h in getattr(s, "handlers", ()) or ():
        yield from blocks(h)
    for case in getattr(s, "cases", ()) or ():
        yield from blocks(case)
