"""Whether a rival write can land while a field holds the value a thread claimed.

    with lock:
        if self.state != IDLE:          # the check
            return
        self.state = RUNNING            # the claim
    work()                              # lock released: the claim alone protects what follows
    with lock:
        self.state = DONE               # the act

The act relies on the state still being RUNNING. That holds when every rival write of the field
is kept off a RUNNING field by a test of its own (`if self.state != IDLE: return` in a second
`run`, `if self.state == DONE:` in a `reset`), or stores RUNNING itself: the first of them to
land in the window sees RUNNING and is turned away. A rival that stores whatever the state
(`self.state = IDLE`), or under a test that lets RUNNING through (`if self.state in (PENDING,
RUNNING): self.state = CANCELLED`), ends the claim, and the act overwrites its move
(tests/corpus/il503_claimed_state_cancelled_during_work).

The tests are evaluated three-valued on the source (`ast`): a comparison of the field with a
constant (`==`, `is`, `in (..)`, their negations), `not`, `and`, `or`, and the field's truth
when the value is a literal; anything else is not known, and a write under it is not kept off.
A claimed value that is no constant (a thread id, a token) is compared with nothing: the old
trust in any test of the field stays, and only a store that tests nothing ends such a claim.
"""
from __future__ import annotations

import ast

from interlock.checker.accessors import mentions
from interlock.checker.rules._body import FunctionShape, _waits_on_held
from interlock.models.arguments import parse_expr
from interlock.models.program import Branch, Event, EventKind, iter_events


def kept_off(sh: FunctionShape, write: Event, value: str | None) -> bool:
    """`write` (a plain store of a field, in the function `sh` is the shape of) cannot land while
    the field holds `value`: it stores that value itself, or a test of the field that controls it
    is false for that value. A claimed value that is no constant (`self._owner = me`, a thread
    id) cannot be compared: any test of the field is trusted to turn it away, and only a store
    that tests nothing ends the claim (tests/corpus/il201_owner_token_cleared_by_rival)."""
    claimed = parse_expr(value)
    known = claimed is not None and _constant(claimed)
    stored = parse_expr(write.value)
    if known and stored is not None and _same(stored, claimed) is True:
        return True
    path = write.target or ""
    for branch in sh.controls.get(id(write), ()):
        taken = _arm(branch, write)
        local = _locals(sh, branch, path)
        if taken is None or not (mentions(branch.cond.value, path) or local):
            continue
        if not known or _truth(parse_expr(branch.cond.value), path, claimed, local) is (not taken):
            return True
    return False


def _arm(branch: Branch, ev: Event) -> bool | None:
    """The value of the branch's test on the way to `ev`: True in its then-arm; False in its
    else-arm or after a guard clause or `while` wait that lets it through; None after
    `if not ready: cond.wait()`, which goes on whether the test passed or not."""
    if any(e is ev for e in iter_events(branch.then)):
        return True
    if any(e is ev for e in iter_events(branch.orelse)):
        return False
    return None if _waits_on_held(branch) else False


def _locals(sh: FunctionShape, branch: Branch, path: str) -> dict[str, ast.expr]:
    """Locals the test names that were computed from the field (`idle = self.state == IDLE`), by
    name, with the expression that computed them: the latest store of each before the test."""
    out: dict[str, ast.expr] = {}
    for prior in sh.events[:sh.order.get(id(branch.cond), 0)]:
        if prior.kind is EventKind.WRITE and prior.target and "." not in prior.target \
                and mentions(prior.value, path) and mentions(branch.cond.value, prior.target):
            node = parse_expr(prior.value)
            if node is not None:
                out[prior.target] = node
    return out


def _truth(node: ast.expr | None, path: str, value: ast.expr, local: dict[str, ast.expr]) -> bool | None:
    """The test's value when the field `path` holds `value`; None when it is not known."""
    if isinstance(node, ast.Name) and node.id in local:
        return _truth(local[node.id], path, value, {})
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = _truth(node.operand, path, value, local)
        return None if inner is None else not inner
    if isinstance(node, ast.BoolOp):
        parts = [_truth(v, path, value, local) for v in node.values]
        stop = isinstance(node.op, ast.Or)      # `or` is decided by a true part, `and` by a false one
        if stop in parts:
            return stop
        return None if None in parts else not stop
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        return _compare(node, path, value)
    if node is not None and ast.unparse(node) == path and isinstance(value, ast.Constant):
        return bool(value.value)
    return None


def _compare(node: ast.Compare, path: str, value: ast.expr) -> bool | None:
    """`field == C`, `C is field`, `field in (A, B)` and their negations, for the field = `value`."""
    left, op, right = node.left, node.ops[0], node.comparators[0]
    if ast.unparse(right) == path and not isinstance(op, (ast.In, ast.NotIn)):
        left, right = right, left
    if ast.unparse(left) != path:
        return None
    if isinstance(op, (ast.Eq, ast.Is, ast.NotEq, ast.IsNot)):
        same = _same(value, right)
    elif isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
        found = [_same(value, item) for item in right.elts]
        same = True if True in found else (None if None in found else False)
    else:
        return None
    if same is None:
        return None
    return same if isinstance(op, (ast.Eq, ast.Is, ast.In)) else not same


def _same(a: ast.expr, b: ast.expr) -> bool | None:
    """Two constants are the same value when they are spelled alike; different spellings of two
    constants are different values; anything else is not known."""
    if ast.dump(a) == ast.dump(b):
        return True if _constant(a) else None
    return False if _constant(a) and _constant(b) else None


def _constant(node: ast.expr) -> bool:
    """A literal (`"idle"`, `3`, `None`, `True`), an enum member or class constant (`State.IDLE`,
    `self.IDLE`), or a module constant named in capitals (`IDLE`)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return isinstance(node.operand, ast.Constant)
    if isinstance(node, ast.Name):
        return node.id.isupper()
    if isinstance(node, ast.Attribute):
        root = node.value
        while isinstance(root, ast.Attribute):
            root = root.value
        return node.attr.isupper() or (isinstance(root, ast.Name) and root.id[:1].isupper())
    return False
