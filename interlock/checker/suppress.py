"""Inline suppressions (`# interlock: ignore[IL101] reason`), select/ignore and per-path ignores."""
from __future__ import annotations

import fnmatch
import io
import re
import tokenize
from pathlib import Path

from interlock.checker.context import _read
from interlock.checker.registry import is_selected
from interlock.models.finding import Finding
from interlock.models.program import Diagnostic

_INLINE = re.compile(r"#\s*interlock:\s*ignore(?:\s*\[([^\]]*)\])?", re.I)


def _codes(group: str) -> list[str]:
    return list(dict.fromkeys(c.strip().upper() for c in group.split(",") if c.strip()))


class Suppressions:
    """The inline suppressions of one run: `keep` drops a finding that a comment on its line (or
    on a comment-only line above it) names by code (any case, or a prefix of it, as `--ignore`
    takes) or ignores whole, and remembers each (path, comment line, code) that matched, so the
    ones that matched nothing can be reported (`suppression_diagnostics`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.used: set[tuple[str, int, str | None]] = set()      # code None: a bare `ignore`
        self._lines: dict[str, list[str]] = {}

    def keep(self, finding: Finding) -> bool:
        path, line = finding.location.path, finding.location.line
        lines = self._lines.get(path)
        if lines is None:
            lines = self._lines[path] = _read(self.root / path)
        hit = False
        for n in (line, line - 1):
            if not 1 <= n <= len(lines):
                continue
            m = _INLINE.search(lines[n - 1])
            if m is None or (n != line and not lines[n - 1].lstrip().startswith("#")):
                continue
            if m.group(1) is None:
                self.used.add((path, n, None))
                hit = True
            for code in _codes(m.group(1) or ""):
                if finding.code.startswith(code):
                    self.used.add((path, n, code))
                    hit = True
        return not hit


def is_suppressed_inline(root: Path, finding: Finding) -> bool:
    return not Suppressions(root).keep(finding)


def _comments(text: str) -> list[tuple[int, bool, list[str] | None]]:
    """The suppression comments of a source, as (line, alone on its line, codes or None for a bare
    `ignore`): comment tokens only, so a string or docstring that shows the syntax is none."""
    out = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type != tokenize.COMMENT:
                continue
            m = _INLINE.search(tok.string)
            if m is not None:
                alone = not tok.line[:tok.start[1]].strip()
                out.append((tok.start[0], alone, None if m.group(1) is None else _codes(m.group(1))))
    except (tokenize.TokenError, SyntaxError, ValueError):
        return []
    return out


def suppression_diagnostics(root: Path, paths, ran: dict[str, set[str]] | None = None,
                            used: set[tuple[str, int, str | None]] = frozenset()) -> list[Diagnostic]:
    """Warnings for suppression comments that suppress nothing:

    - a code that is no rule (`ignore[IL1O1]`, a typo): the finding it was meant for stays reported;
    - (as ruff's RUF100) a code, or a bare `ignore`, that matched no finding of the run, in a file
      a component verified (`ran`: path -> the codes of the rules that ran to completion on it).
      A code is only called unused when every rule it names ran there (a rule left out by
      `--select`, `--ignore` or a per-path ignore, or whose exploration was bounded, might have
      matched), a bare `ignore` only when every rule did."""
    from interlock.checker.rules import RULE_CODES

    out = []
    ran = ran or {}
    for path in sorted(paths):
        try:
            text = (root / path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "interlock" not in text.lower():
            continue
        checked = ran.get(path)
        for n, alone, codes in _comments(text):
            where = "the next line" if alone else "this line"
            if codes is None:
                if checked is not None and checked >= set(RULE_CODES) and (path, n, None) not in used:
                    out.append(Diagnostic(path=path, line=n, severity="warning",
                                          message=f"unused suppression: no finding on {where} "
                                                  f"(remove the comment)"))
                continue
            stale = []
            for code in codes:
                rules = [known for known in RULE_CODES if known.startswith(code)]
                if not rules:
                    out.append(Diagnostic(path=path, line=n, severity="warning",
                                          message=f"suppression comment names no rule: {code!r} "
                                                  f"(`interlock rules` lists the codes)"))
                elif checked is not None and checked.issuperset(rules) and (path, n, code) not in used:
                    stale.append(code)
            if stale:
                hint = ("remove the comment" if len(stale) == len(codes)
                        else "remove it from the comment" if len(stale) == 1 else "remove them from the comment")
                out.append(Diagnostic(path=path, line=n, severity="warning",
                                      message=f"unused suppression: no {', '.join(stale)} finding on {where} ({hint})"))
    return out


def in_scope(finding: Finding, select: list[str], ignore: list[str], per_path: dict[str, list[str]]) -> bool:
    """Selected, and not ignored for its path (inline suppressions are `Suppressions.keep`)."""
    if not is_selected(finding.code, select, ignore):
        return False
    return not ignored_for_path(finding.location.path, finding.code, per_path)


def ignored_for_path(path: str, code: str, per_path: dict[str, list[str]]) -> bool:
    return any(fnmatch.fnmatch(path, pattern) and any(code.startswith(c) for c in codes)
               for pattern, codes in per_path.items())


def keep(finding: Finding, root: Path, select: list[str], ignore: list[str],
         per_path: dict[str, list[str]]) -> bool:
    return in_scope(finding, select, ignore, per_path) and not is_suppressed_inline(root, finding)
