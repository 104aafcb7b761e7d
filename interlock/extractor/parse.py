"""Parsing one file: bytes -> libcst module, plus statement positions taken from `ast`.

libcst's PositionProvider costs ~2.5x the parse itself, so positions come from the stdlib `ast`
(C, ~0.3x): both trees have the same statements in the same order, and aligning them gives every
libcst statement its span; events inside a statement are located by searching their source text.
"""
from __future__ import annotations

import ast
import io
import tokenize
from contextlib import contextmanager
from dataclasses import dataclass, field

import libcst as cst

from interlock.models.location import Location, code_lines
from interlock.extractor.cstwalk import LINES, leaves
from interlock.extractor.records import construct

Span = tuple[int, int, int, int, int]     # line, column, end line, end column, header end line


class ParseFailure(Exception):
    """The file cannot be analysed; `line` is 1-based or 0 when unknown."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


def decode(source: str | bytes) -> str:
    """Text of a source file, honouring a PEP 263 coding cookie and a BOM."""
    if isinstance(source, str):
        text = source
    else:
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
            text = source.decode(encoding)
        except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
            raise ParseFailure(f"cannot decode: {exc}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\0" in text:
        raise ParseFailure("source contains null bytes", text[: text.index("\0")].count("\n") + 1)
    return text


def parse(text: str) -> tuple[cst.Module, ast.Module]:
    """Both trees of `text`, or ParseFailure with the line of the syntax error."""
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        raise ParseFailure(f"syntax error: {exc.msg}", exc.lineno or 0) from None
    except (MemoryError, RecursionError) as exc:      # CPython's parser stack overflows silently
        raise ParseFailure(f"too deeply nested to analyse ({str(exc) or 'parser stack overflow'})") from None
    except ValueError as exc:
        raise ParseFailure(f"cannot parse: {str(exc) or type(exc).__name__}") from None
    try:
        with _unvalidated():
            module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        raise ParseFailure(f"syntax error: {exc.message}", exc.raw_line) from None
    except RecursionError:
        raise ParseFailure("too deeply nested to analyse") from None
    return module, tree


_VALIDATE = cst.CSTNode.__post_init__


@contextmanager
def _unvalidated():
    """Build the tree without libcst's per-node `_validate` (~11% of a parse's CPU time): the
    parser's own output is valid by construction, and `ast.parse` accepted the text already."""
    cst.CSTNode.__post_init__ = _no_validation
    try:
        yield
    finally:
        cst.CSTNode.__post_init__ = _VALIDATE


def _no_validation(self) -> None:
    pass


@dataclass
class Positions:
    """Spans of libcst statements (by id) and a text search for the expressions inside them."""

    path: str
    lines: list[str]
    spans: dict[int, Span] = field(default_factory=dict)

    def span(self, node: cst.CSTNode) -> Span | None:
        return self.spans.get(id(node))

    def locate(self, span: Span | None, anchor: str | None, header: bool = False) -> Location:
        """The location of `anchor` (source text) inside the statement `span`, else the statement."""
        if span is None:
            return construct(Location, path=self.path, line=0, column=0, end_line=0, end_column=0)
        line, col, end_line, end_col, header_end = span
        last = header_end if header else end_line
        if anchor:
            for ln in range(line, min(last, len(self.lines)) + 1):
                text = self.lines[ln - 1]
                i = text.find(anchor, col if ln == line else 0)
                if i >= 0:
                    return construct(Location, path=self.path, line=ln, column=i, end_line=ln,
                                                    end_column=i + len(anchor))
        return construct(Location, path=self.path, line=line, column=col,
                                        end_line=last, end_column=end_col if last == end_line else 0)


def build_positions(path: str, text: str, module: cst.Module, tree: ast.Module) -> Positions:
    pos = Positions(path, code_lines(text))
    try:
        _align_block(module.body, tree.body, pos)
    except (StopIteration, AttributeError, IndexError, TypeError):
        pass                          # partial spans: unaligned statements fall back to line 0
    return pos


def _span(a: ast.AST, lines: list[str], compound: bool) -> Span:
    col = a.col_offset
    line_text = lines[a.lineno - 1] if 0 < a.lineno <= len(lines) else ""
    if col and not line_text.isascii():
        col = len(line_text.encode()[:col].decode(errors="ignore"))
    header = a.lineno
    if compound:
        body = getattr(a, "body", None) or getattr(a, "cases", None)
        if body:
            header = max(a.lineno, body[0].lineno - (1 if body[0].lineno > a.lineno else 0))
    end = a.end_lineno or a.lineno
    return a.lineno, col, end, a.end_col_offset or 0, header


def _align_block(stmts, ast_stmts: list[ast.stmt], pos: Positions) -> None:
    it = iter(ast_stmts)
    for s in stmts:
        if type(s) in LINES:
            for small in s.body:
                a = next(it)
                pos.spans[id(small)] = _span(a, pos.lines, False)
            if s.body:
                pos.spans[id(s)] = pos.spans[id(s.body[0])]
        else:
            a = next(it)
            pos.spans[id(s)] = _span(a, pos.lines, True)
            _align_children(s, a, pos)


def _body(block) -> list:
    return [block] if type(block) is cst.SimpleStatementSuite else list(block.body)


_BLOCK_ONLY = leaves(cst.FunctionDef, cst.ClassDef, cst.With)     # a body and nothing else to align


def _align_children(s: cst.CSTNode, a: ast.AST, pos: Positions) -> None:
    if type(s) in _BLOCK_ONLY:
        _align_block(_body(s.body), a.body, pos)
    elif isinstance(s, cst.If):
        _align_block(_body(s.body), a.body, pos)
        if isinstance(s.orelse, cst.If):
            _align_block([s.orelse], a.orelse, pos)
        elif s.orelse is not None:
            _align_block(_body(s.orelse.body), a.orelse, pos)
    elif isinstance(s, (cst.For, cst.While)):
        _align_block(_body(s.body), a.body, pos)
        if s.orelse is not None:
            _align_block(_body(s.orelse.body), a.orelse, pos)
    elif isinstance(s, (cst.Try, cst.TryStar)):
        _align_try(s, a, pos)
    elif isinstance(s, cst.Match):
        for case, acase in zip(s.cases, a.cases):
            _align_block(_body(case.body), acase.body, pos)


def _align_try(s, a, pos: Positions) -> None:
    _align_block(_body(s.body), a.body, pos)
    for h, ah in zip(s.handlers, a.handlers):
        pos.spans[id(h)] = _span(ah, pos.lines, True)
        _align_block(_body(h.body), ah.body, pos)
    if s.orelse is not None:
        _align_block(_body(s.orelse.body), a.orelse, pos)
    if s.finalbody is not None:
        _align_block(_body(s.finalbody.body), a.finalbody, pos)
