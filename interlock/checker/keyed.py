"""Locks per key guard the elements of their key, not the state every key shares.

    with self._locks[k]:                                    # a lock of a table: one per key
        self._data[k] = self._data.get(k, 0) + n            # the element at `k`: guarded
        self.total += n                                     # every key's runs meet here: not guarded
        for key in self._data: ...                          # the whole dict: not guarded

A lock taken from a container of locks (`defaultdict(threading.Lock)`, `self._locks.setdefault(k,
Lock())`, a `_lock_for(k)` helper) is named by its table, like every lock of the table: two runs
with one key hold one lock, two runs with different keys hold two. What one key's lock
serialises is what is reached through that key: an access of one element of a container
(`self._data[k]`, `.get(k)`, `.setdefault(k, v)`, `.pop(k)`, `del self._data[k]`, `k in
self._data`, `self._data[k].count += 1`) keeps the table's lock among the locks that guard it,
since runs of other keys reach other elements. An access of anything else (another field, the
container as a whole: `len()`, iteration, `.values()`, `.clear()`, a rebinding) is not guarded
by it (tests/corpus/il103_total_under_per_key_lock, il202_sum_under_per_key_lock). When the
function takes the lock itself with an index it names, the element's index must be one of those
(`with self._locks[user]: self._counts[group] += 1` is not guarded); a lock its caller or a helper
took for an index it does not see guards any element.
"""
from __future__ import annotations

import re
from pathlib import Path

from interlock.checker.context import source_lines
from interlock.models.program import Event, EventKind, FunctionInfo

#: mutations of one element: the key is the event's own (`d[k] = v`, `del d[k]`, `d[k] += 1`)
_KEYED_MUTATIONS = frozenset({"setitem", "delitem"})
#: methods whose first argument is the key of the one element they touch
_KEY_FIRST = frozenset({"get", "setdefault", "pop", "__getitem__"})
#: right after a path: a subscript with one index (`[k]`, `[a, b]`), no slice
_SUBSCRIPT = re.compile(r"\[([^\[\]:]+)\]")
#: right after a path: a lookup of one key (`.get(k`, `.setdefault(k,`, `.pop(k)`)
_KEY_CALL = re.compile(r"\.(?:get|setdefault|pop)\(\s*([^,()\s][^,()]*?)\s*[,)]")
#: a method called on (a part of) one element: `self._d[k].items.append`
_SUBSCRIPTED_CALL = re.compile(r"[\w.]+\[([^\[\]:]+)\]")
#: a name and its attributes: `user`, `track.album.id`
_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
#: right before a path: a membership test of one key (`k in`, `key not in`, `(host, port) in`),
#: not a loop's target
_MEMBERSHIP = re.compile(r"(?<![\w.)])(?<!\bfor )(\([^()]*\)|[\w.]+)\s+(?:not\s+)?in\s+$")


def element_of(root: Path | None, ev: Event) -> str | None:
    """The index, as source, of the one element of a container `ev` reads or changes; None when it
    touches the field as a whole (`len(self._d)`, `for k in self._d`, `self._d.clear()`)."""
    if ev.kind is EventKind.MUTATE:
        if ev.slot:
            return ev.slot
        if ev.op in _KEYED_MUTATIONS or (ev.key and ev.op and ev.op.endswith("=")):
            return ev.key
        if ev.op in _KEY_FIRST and ev.args:
            return ev.args[0]
        if ev.callee and (inner := _SUBSCRIPTED_CALL.match(ev.callee)) is not None:
            return inner.group(1).strip()     # `self._d[k].items.append(v)`: the element's own list
    elif ev.kind is EventKind.READ and ev.key:
        return ev.key                      # the read half of `self._d[k] += 1`
    elif ev.kind not in (EventKind.READ, EventKind.WRITE, EventKind.MUTATE):
        return None
    return _index_in_source(root, ev)


def _index_in_source(root: Path | None, ev: Event) -> str | None:
    """The index written around the path `ev` names: `[k]` or `.get(k)` after it, `k in` before it."""
    loc = ev.loc
    if root is None or not loc.end_line:
        return None
    lines = source_lines(root / loc.path)
    if not 0 < loc.end_line <= len(lines):
        return None
    after = lines[loc.end_line - 1][loc.end_column:]
    found = _SUBSCRIPT.match(after) or _KEY_CALL.match(after)
    if found is None and ev.kind is EventKind.READ and loc.line == loc.end_line:
        found = _MEMBERSHIP.search(lines[loc.line - 1][:loc.column])
    return found.group(1).strip() if found is not None else None


def table_keys(fn: FunctionInfo, symbol_of) -> dict[str, frozenset[str] | None]:
    """Lock symbol of each lock table `fn` takes -> the indexes it takes its locks with (as
    source, blanks dropped); None when one acquisition names none (a helper's `with
    self._lock_for(k):`, `lock.acquire()`)."""
    out: dict[str, frozenset[str] | None] = {}
    for ev in fn.events():
        if ev.kind is not EventKind.ACQUIRE or not ev.target:
            continue
        sym = symbol_of(ev.target)
        if sym is None:
            continue
        known = out.get(sym, frozenset())
        out[sym] = None if known is None or not ev.key else known | {_plain(ev.key)}
    return out


def same_index(fn: FunctionInfo, index: str, taken: frozenset[str]) -> bool:
    """`index` (as source) may be one of the indexes `taken`: it is among them, or it or one of
    them is not a plain path from a parameter of `fn` (`lo` of `lo, hi = sorted((src, dst))`,
    `norm(k)`), whose value the source does not pin down."""
    index = _plain(index)
    return index in taken or not _from_param(fn, index) or not all(_from_param(fn, k) for k in taken)


def _from_param(fn: FunctionInfo, source: str) -> bool:
    """`source` is a parameter or a path from one (`user`, `track.id`), not `self`'s."""
    return _PATH.fullmatch(source) is not None and source.partition(".")[0] in fn.params \
        and source.partition(".")[0] not in ("self", "cls")


def _plain(source: str) -> str:
    return re.sub(r"\s+", "", source)
