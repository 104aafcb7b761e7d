"""Call classification: lock operations, waits/notifies, container mutation and iteration,
numpy in-place writes, blocking calls and plain calls. Spawns live in `events_spawn.py`.

Kinds come from this file's own attributes/globals/locals; a receiver defined elsewhere is
recognised by name only where the method name alone is ambiguous (`t.join()` vs `", ".join`).
"""
from __future__ import annotations

import re

import libcst as cst

from interlock.extractor import catalogue as cat
from interlock.extractor import events_format as fmt
from interlock.extractor.imports import dotted
from interlock.models.program import LOCK_KINDS, THREAD_SAFE_KINDS, AttrKind, EventKind, is_unbounded_queue

WAITS = frozenset({"wait", "wait_for"})
NOTIFIES = frozenset({"notify", "notify_all", "notifyAll"})
_FILE_OPEN = re.compile(r"(?:io\.|gzip\.|bz2\.|lzma\.|codecs\.)?open\(")
NO_MUTATE_KINDS = THREAD_SAFE_KINDS | {AttrKind.THREAD, AttrKind.SQLITE_CONNECTION, AttrKind.SQL_ENGINE,
                                        AttrKind.SQL_SESSION, AttrKind.SESSION_FACTORY, AttrKind.OBJECT}
QUEUEISH = ("queue", "_q")
_CONDITIONS = frozenset({AttrKind.CONDITION, AttrKind.ASYNC_CONDITION})


#: the classes whose `join` walks its argument
_STRINGS = frozenset({"str", "bytes", "bytearray", "builtins.str", "builtins.bytes"})


def _last(text: str | None) -> str:
    return (text or "").rsplit(".", 1)[-1]


def _kwarg(node: cst.Call, name: str) -> cst.BaseExpression | None:
    return next((a.value for a in node.args if a.keyword is not None and a.keyword.value == name), None)


def _positional(node: cst.Call, index: int) -> cst.BaseExpression | None:
    pos = [a.value for a in node.args if a.keyword is None and not a.star]
    return pos[index] if index < len(pos) else None


def _is_false(node: cst.BaseExpression | None) -> bool:
    return isinstance(node, cst.Name) and node.value == "False"


def _polls(node: cst.Call, callee: str) -> bool:
    """`os.waitpid(-1, os.WNOHANG)` (or `WNOHANG | WUNTRACED`): a poll for exited children that
    returns at once, `(0, 0)` when none has, so it does not block (tests/corpus/il401_waitpid_nohang)."""
    index = cat.NOHANG_WAITS.get(callee)
    options = _kwarg(node, "options") or _positional(node, index) if index is not None else None
    return options is not None and _mentions(options, "WNOHANG")


#: kernel pseudo-filesystems held in memory (procfs, sysfs): their metadata never waits on a disk
_PSEUDO_FS = re.compile(r"^/(?:proc|sys)(?:/|$)")


def _pseudo_fs(node: cst.Call | None) -> bool:
    """A filesystem metadata call on a literal path under `/proc` or `/sys`: `os.stat("/proc/self/ns/pid")`,
    `pathlib.Path("/proc/self/ns/pid").stat()` (the node is the call that takes the path). The kernel
    answers from memory, so it does not block the loop (tests/corpus/il401_procfs_metadata)."""
    first = _positional(node, 0) if isinstance(node, cst.Call) else None
    if isinstance(first, cst.SimpleString):
        value = first.evaluated_value
        return isinstance(value, str) and bool(_PSEUDO_FS.match(value))
    return False


def _mentions(node: cst.CSTNode, name: str) -> bool:
    """`node` holds the name `name`, bare or as an attribute (`os.WNOHANG`)."""
    if isinstance(node, cst.Name) and node.value == name:
        return True
    return any(_mentions(child, name) for child in node.children)


def _submitted(receiver) -> bool:
    """`pool.submit(f, x)` as a receiver (`pool.submit(f, x).result()`): the job's future."""
    return isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Attribute) \
        and receiver.func.attr.value == "submit"


#: container methods that read without changing or walking: `counts.get(k, 0)`
_LOOKUPS = frozenset({"get", "copy", "count", "index"})


#: calls handing back an asyncio future or task, whose `result()` never blocks (it raises when not done)
ASYNCIO_FUTURE_MAKERS = frozenset({"ensure_future", "create_task", "create_future", "shield", "gather", "wrap_future"})


class CallWalker:
    """Mixin of FunctionWalker: calls."""

    def callee_text(self, func: cst.BaseExpression) -> str:
        name = dotted(func)
        if name is None:
            return self.scope.code(func)
        head, dot, rest = name.partition(".")
        alias = self.field_aliases.get(head)
        if alias is not None and dot and alias.root != "appstate":   # `repo: Repo = request.app.state.repo`
            return alias.path + dot + rest
        if dot and head in self.param_aliases:
            head = self.param_aliases[head]
            name = head + dot + rest
        if head in self.self_names:
            return self.self_names[head] + dot + rest
        if head in self.locals and head not in self.global_decls:
            return name
        return self.scope.imports.resolve(name)

    def call(self, node: cst.Call, awaited: bool = False) -> None:
        func = node.func
        callee = self.callee_text(func)
        method = func.attr.value if isinstance(func, cst.Attribute) else None
        recv = self.access(func.value, as_object=True) if isinstance(func, cst.Attribute) else None
        anchor = dotted(func)
        call = (node, callee, method, recv, anchor, awaited)
        for handler in (self._lock_op, self.spawn_op, self._collection_op, self._advance_op):
            if handler(*call):
                return
        self._close_op(*call)
        self._plain_call(*call)
        self.pool_initializer(node, callee, anchor)
        self._lock_taker_call(node, anchor)

    def _acquiring_call(self, node: cst.Call, anchor) -> None:
        """`acquire_thread_lock(self._lock, timeout=t)`: a function of another file named for
        taking the lock it is handed, returning whether it did (lockhelpers.acquiring_call): a
        try-acquire of that lock, held where the result is tested true."""
        from interlock.extractor.lockhelpers import acquiring_call

        arg = acquiring_call(node, self.scope.module_defs)
        if arg is None or (isinstance(node.func, cst.Name) and node.func.value in self.locals):
            return
        acc = self.access(arg, as_object=True)
        if acc is None or self.kind_of(acc) not in LOCK_KINDS:
            return
        self.emit(EventKind.ACQUIRE, anchor, target=acc.path, op="try", callee=f"{acc.path}.acquire")
        self.held.append(acc.path)
        self.tried_calls.add(id(node))

    def _lock_taker_call(self, node: cst.Call, anchor) -> None:
        """`self._acquire()` / `self._try_lock()` of a helper of this file that returns holding a
        lock (lockhelpers.LockTaker): after the call, the lock is taken here as the helper took it,
        `try` when the helper hands back the acquire's result (held where it is tested true)."""
        from interlock.extractor.events_expr import GLOBAL, IMPORTED, SELF
        from interlock.extractor.lockhelpers import _is_lock, lock_access

        func, taker = node.func, None
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and self.cls is not None \
                and self.self_names.get(func.value.value) == "self":
            taker = self.cls.lock_takers.get(func.attr.value)
        elif isinstance(func, cst.Name) and func.value in self.scope.module_defs and func.value not in self.locals \
                and self.root_of(func.value)[1] != IMPORTED:
            taker = self.scope.lock_takers.get(func.value)
        if taker is None:
            self._acquiring_call(node, anchor)
            return
        locks = [lock_access(self, path, GLOBAL, SELF) for path in taker.locks]
        if not all(_is_lock(self, lock) for lock in locks):
            return
        if taker.releases:
            for lock in reversed(locks):
                if lock.path in self.held:
                    del self.held[len(self.held) - 1 - self.held[::-1].index(lock.path)]
                    self.emit(EventKind.RELEASE, anchor, target=lock.path, op="call", callee=f"{lock.path}.release")
            return
        for lock in locks:
            self.emit(EventKind.ACQUIRE, anchor, target=lock.path, op="try" if taker.tries else "call",
                      callee=f"{lock.path}.acquire")
            self.held.append(lock.path)
        if taker.tries:
            self.tried_calls.add(id(node))

    def call_args(self, node: cst.Call, deferred: frozenset[int] = frozenset(),
                  awaited: frozenset[int] = frozenset()) -> tuple[str, ...]:
        """Walk the arguments (their reads and calls come first) and return their sources. A call
        in `deferred` (ids of argument calls) is made later, elsewhere (`create_task(stream(ws))`):
        only its own function and arguments are evaluated here. A call in `awaited` makes the
        awaitable the outer call waits for (`asyncio.wait_for(ws.recv(), 30)`): a coroutine call,
        awaited, not a blocking one."""
        out = []
        for arg in node.args:
            if id(arg.value) in deferred:
                self.walk_func(arg.value.func)
                self.call_args(arg.value)
            elif id(arg.value) in awaited:
                self.call(arg.value, awaited=True)
            else:
                self.expr(arg.value)
            text = self.scope.code(arg.value)
            if arg.keyword is not None:
                text = f"{arg.keyword.value}={text}"
            out.append(f"{arg.star}{text}")
        return tuple(out)

    def walk_func(self, func: cst.BaseExpression) -> None:
        """Reads made to find the function: `self.ctl.play()` reads `self.ctl`; `counts.get(k)`
        on a parameter used as a container reads what the caller passed (`param_container`)."""
        if isinstance(func, cst.Attribute):
            self.expr(func.value)
            if func.attr.value in _LOOKUPS and isinstance(func.value, cst.Name):
                acc = self.access(func.value)
                if self.param_container(acc):
                    self.read(acc)
        elif not isinstance(func, cst.Name):
            self.expr(func)

    # -- locks, waits, notifies ------------------------------------------------------------
    def _lock_op(self, node, callee, method, recv, anchor, awaited) -> bool:
        if method in ("enter_context", "enter_async_context") and self._stack_enters_lock(node, method):
            return True
        if recv is not None and recv.root == "self" and recv.depth == 0 and method in ("acquire", "release"):
            library = self._library_lock(method)
            return library is not None and self._acquire_release(node, method, library, anchor, awaited,
                                                                   own=f"self.{method}")
        if recv is None or method is None or (recv.root == "self" and recv.depth == 0):
            return False              # `self.acquire()` is a method of this class, not a lock op
        kind = self.kind_of(recv)
        if method in ("acquire", "release") and (kind is None or kind in LOCK_KINDS or self._lock_element_local(node)):
            return self._acquire_release(node, method, recv, anchor, awaited)
        # `concurrent.futures.wait(fs)` is a module's blocking function (the catalogue's), not an
        # object's wait (tests/corpus/il401_futures_wait_in_handler)
        if method in WAITS and kind not in (AttrKind.THREAD, AttrKind.QUEUE, AttrKind.CONTAINER) \
                and self.local_types.get(recv.path) != "subprocess.Popen" and callee not in cat.BLOCKING:
            args = self.call_args(node, awaited=self._awaitable_args(node, callee))
            self.emit(EventKind.WAIT, anchor, target=recv.path, op=method, callee=callee, args=args,
                      awaited=awaited)
            if method == "wait_for" and (kind in _CONDITIONS or recv.path in self.held):
                self._wait_predicate(node)
            return True
        is_event = kind in cat.EVENT_KINDS or (kind is None and cat.EVENTISH.search(_last(recv.text)))
        if method in NOTIFIES or (method in ("set", "clear") and is_event):
            args = self.call_args(node)
            self.emit(EventKind.NOTIFY, anchor, target=recv.path, op=method, callee=callee, args=args)
            return True
        return False

    def _stack_enters_lock(self, node: cst.Call, method: str) -> bool:
        """`stack.enter_context(self._lock)` on the `ExitStack` of an enclosing `with ... as stack:`
        takes the lock until that `with` ends, as `with self._lock:` would
        (tests/corpus/il103_lock_entered_on_exit_stack); `await stack.enter_async_context(lock)` of
        an `AsyncExitStack` as `async with lock:`."""
        stack = node.func.value if isinstance(node.func, cst.Attribute) else None
        if not isinstance(stack, cst.Name) or stack.value not in self.exit_stacks or len(node.args) != 1:
            return False
        expr = node.args[0].value
        acc = self.access(expr, as_object=True) if not isinstance(expr, cst.Call) else None
        if acc is None or not self._is_lock_item(expr, acc):
            return False
        op = "async with" if method == "enter_async_context" else "with"
        self.emit(EventKind.ACQUIRE, acc.text, target=acc.path, op=op)
        self.held.append(acc.path)
        self.exit_stacks[stack.value].append(acc.path)
        return True

    def _lock_element_local(self, node: cst.Call) -> bool:
        """`lock.acquire()` on a local holding a lock of a table (`lock = self._locks.setdefault(k,
        Lock())`, or what a helper handing one out returns): the table's lock, as `with lock:` is."""
        recv = node.func.value if isinstance(node.func, cst.Attribute) else None
        return isinstance(recv, cst.Name) and recv.value in self.lock_elements

    def _library_lock(self, method: str):
        """`self.acquire()` / `self.release()` inherited from a library base that makes the
        object's lock (logging's Handler): the lock op on that field, as the library method does.
        When the base is in scope after all (the standard library's own `logging/handlers.py`),
        the linker makes it a call of the base's method again."""
        cls = self.cls
        if cls is None or cls.library_lock is None or method in cls.methods:
            return None
        from interlock.extractor.events_expr import GLOBAL, SELF
        from interlock.extractor.lockhelpers import lock_access

        return lock_access(self, f"self.{cls.library_lock[0]}", GLOBAL, SELF)

    def _wait_predicate(self, node: cst.Call) -> None:
        """`cond.wait_for(pred, timeout)` returns once `pred()`, run holding the condition's lock,
        is true: the predicate's reads are the caller's, under the locks held here, after the
        wait (tests/corpus/il102_wait_for_predicate_read). A lambda's body is walked in place; a
        nested function or a method of the object is called; a predicate handed in is not ours."""
        pred = _kwarg(node, "predicate") or _positional(node, 0)
        if isinstance(pred, cst.Lambda) and all(p.default is not None for p in (
                *pred.params.posonly_params, *pred.params.params, *pred.params.kwonly_params)):
            self.expr(pred.body)        # called with no arguments (`lambda n=n: ...` binds its default)
        elif isinstance(pred, cst.Name) and pred.value in self.local_defs or self._own_method_ref(pred):
            self.call(cst.Call(func=pred))

    def _own_method_ref(self, expr) -> bool:
        """`self.m`: a method of the object (no field of it holds a callable of that name)."""
        return isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) \
            and self.self_names.get(expr.value.value) == "self" and self.cls is not None \
            and expr.attr.value not in self.cls.attributes

    def _acquire_release(self, node, method, recv, anchor, awaited, own: str | None = None) -> bool:
        """A lock op on `recv`; `own`: the method of the object that does it, which the linker
        calls instead when it is in scope after all (`_own_acquire_methods` in link.py)."""
        args = self.call_args(node)
        if method == "release":
            if recv.path in self.held:
                idx = len(self.held) - 1 - self.held[::-1].index(recv.path)
                del self.held[idx]
            self.emit(EventKind.RELEASE, anchor, target=recv.path, op="call", callee=own or f"{recv.path}.release",
                      resolved=own or self._own_method(recv, method))
            return True
        blocking = _kwarg(node, "blocking") or _kwarg(node, "block") or _positional(node, 0)   # block: multiprocessing
        timeout = _kwarg(node, "timeout") or _positional(node, 1)
        op = "try" if _is_false(blocking) or timeout is not None else "call"
        key = self._element_key(node.func.value) if own is None and self._lock_element_local(node) else None
        self.emit(EventKind.ACQUIRE, anchor, target=recv.path, op=op, callee=own or f"{recv.path}.acquire",
                  args=args, awaited=awaited, resolved=own or self._own_method(recv, method), key=key)
        self.held.append(recv.path)
        return True

    def _own_method(self, recv, method: str) -> str | None:
        """A provisional `pkg.Cls.acquire` when the receiver is a typed or built local: the linker
        turns the lock op into a call if that class in scope defines the method."""
        if recv.root != "local" or recv.depth != 0:
            return None
        return self.resolve_callee(f"{recv.path}.{method}")

    # -- containers ------------------------------------------------------------------------
    def _collection_op(self, node, callee, method, recv, anchor, awaited) -> bool:
        if method is not None and (self.is_tracked(recv) or self.param_container(recv)) and self._mutable(recv):
            if method in cat.MUTATORS:
                args = self._copy_into(node, method, callee) or self.call_args(node)
                slot = fmt.element_index(self.scope, node.func.value) if isinstance(node.func, cst.Attribute) else None
                self.emit(EventKind.MUTATE, anchor, target=recv.path, op=method, callee=callee, args=args, slot=slot)
                return True
            if method in cat.ITERATING_METHODS and method != "join" and not node.args:
                self.reads.append(recv.path)
                self.emit(EventKind.ITERATE, anchor, target=recv.path, op=method, callee=callee)
                return True
        if callee == "numpy.copyto" and node.args:
            dest = self.access(node.args[0].value)
            if self.is_tracked(dest):
                args = self.call_args(node)
                self.emit(EventKind.MUTATE, dest.text, target=dest.path, op="copyto", callee=callee, args=args)
                return True
        if callee in cat.ARGUMENT_MUTATORS and node.args and self._mutates_argument(node, callee, anchor):
            return True
        return self._iterating_call(node, callee, method, recv, anchor)

    def _mutates_argument(self, node, callee: str, anchor) -> bool:
        """`heapq.heappush(self._heap, x)`, `bisect.insort(self._items, x)`: a MUTATE of the
        tracked container the first argument names (op: the function's short name)."""
        dest = self.access(node.args[0].value)
        if not self.is_tracked(dest) or not self._mutable(dest):
            return False
        self.emit(EventKind.MUTATE, anchor, target=dest.path, op=callee.rsplit(".", 1)[-1], callee=callee,
                  args=self.call_args(node))
        return True

    def _close_op(self, node, callee, method, recv, anchor, awaited) -> None:
        """`self._fh.close()` on a field the constructor bound to a file it opened
        (`self._fh = open(path, "a")`): closing changes the file's state under any thread still
        writing or reading it (ValueError: I/O operation on closed file), a MUTATE "close" besides
        the call (tests/corpus/il101_file_closed_under_writer)."""
        if method != "close" or node.args or recv is None or recv.root != "self" or recv.depth != 1 \
                or self.cls is None:
            return
        attr = self.cls.attributes.get(recv.path.split(".", 1)[1])
        if attr is not None and _FILE_OPEN.match(attr.value or ""):
            self.emit(EventKind.MUTATE, anchor, target=recv.path, op="close", callee=callee)

    def _advance_op(self, node, callee, method, recv, anchor, awaited) -> bool:
        """`next(self._gen)` / `next(self._gen, None)` advances the iterator a field holds: a
        change of its state (MUTATE "next"); the checker keeps it when the field holds a
        generator (a C iterator's step is atomic; checker/analysis.py)."""
        if callee != "next" or "next" in self.locals or method is not None or not 1 <= len(node.args) <= 2 \
                or any(a.keyword or a.star for a in node.args):
            return False
        it = self.access(node.args[0].value)
        if not self.is_tracked(it) or it.root == "local" and not it.depth:
            return False
        args = self.call_args(node)
        self.emit(EventKind.MUTATE, anchor, target=it.path, op="next", callee=callee, args=args)
        return True

    def _copy_into(self, node, method, callee) -> tuple[str, ...] | None:
        """`a.extend(shared)`, `a.update(shared)`: `shared` is copied in one C call, a snapshot
        like `list(shared)` (tests/corpus/il202_copy_into_local)."""
        if method not in cat.COPY_INTO_METHODS or len(node.args) != 1 or node.args[0].keyword is not None:
            return None
        source = self.access(node.args[0].value)
        if not self.is_tracked(source):
            return None
        self.reads.append(source.path)
        self.emit(EventKind.ITERATE, source.text, target=source.path, op=method, callee=callee)
        return (self.scope.code(node.args[0].value),)

    def _mutable(self, recv) -> bool:
        kind = self.kind_of(recv)
        return kind is None or kind not in NO_MUTATE_KINDS and not (
            kind is AttrKind.OTHER and self._typed_object(recv))

    def _typed_object(self, recv) -> bool:
        """An object of a known class (`self.x = Cls()`, `store = Store()`): `store.resize(...)` is
        a call of its method, not a container mutation (tests/corpus/il403_aiohttp_routes)."""
        attr = None
        if recv.root == "self" and recv.depth == 1 and self.cls is not None:
            attr = self.cls.attributes.get(recv.path.split(".", 1)[1])
        elif recv.root == "global" and recv.depth == 0:
            attr = self.scope.globals.get(recv.path.rsplit(".", 1)[1])
        return attr is not None and attr.type_name is not None

    def _iterating_call(self, node, callee, method, recv, anchor) -> bool:
        first = node.args[0].value if node.args and node.args[0].keyword is None else None
        # `sep.join(items)` walks `items`; `presence.join(user)` on an object of a known class
        # (a typed local, field or global) is that class's method (tests/corpus/il404_join_leave_on_typed_local)
        held = self.type_of(recv) if recv is not None else None
        is_join = method == "join" and len(node.args) == 1 and not cat.THREADISH.search(_last(recv.text if recv else "")) \
            and (held is None or held in _STRINGS)
        # `out.extend(shared)` / `out.update(shared)` into an untracked (local) container: one C
        # call copies `shared`, like `list(shared)` (tests/corpus/il202_copy_into_local)
        is_copy_into = method in cat.COPY_INTO_METHODS and len(node.args) == 1 and not self.is_tracked(recv)
        if first is None or not (callee in cat.ITERATING_CALLS or is_join or is_copy_into):
            return False
        target = self.access(first)
        if isinstance(first, cst.Call) and isinstance(first.func, cst.Attribute) \
                and first.func.attr.value in cat.ITERATING_METHODS and not first.args:
            target = self.access(first.func.value)
        if not self.is_tracked(target):
            return False
        if recv is not None and not is_join:
            self.walk_func(node.func)
        for arg in node.args[1:]:
            self.expr(arg.value)
        self.reads.append(target.path)
        self.emit(EventKind.ITERATE, target.text, target=target.path, op=_last(callee),
                  callee=callee, args=tuple(self.scope.code(a.value) for a in node.args))
        return True

    # -- everything else -------------------------------------------------------------------
    def _plain_call(self, node, callee, method, recv, anchor, awaited) -> None:
        self.walk_func(node.func)
        args = self.call_args(node, awaited=self._awaitable_args(node, callee))
        self.formats(fmt.call_formats(node, callee, method, self.locals.__contains__))
        category = None if awaited else self._blocking(node, callee, method, recv)
        if method in cat.NONBLOCKING_SETTERS and recv is not None and len(node.args) == 1 \
                and self.scope.code(node.args[0].value) in cat.NONBLOCKING_SETTERS[method]:
            self.nonblocking_paths.add(recv.path)
        kind = EventKind.BLOCKING if category else EventKind.CALL
        on_object = recv is not None and not (recv.root in ("imported", "other") and recv.depth == 0)
        target = recv.path if on_object and category else self._captured(recv) if category else None
        self.emit(kind, anchor or method, callee=callee, resolved=self.resolve_callee(callee), args=args,
                  awaited=awaited, op=category, target=target, receiver=self.built_receiver(callee or ""),
                  repeated=self.loop_depth > 0)
        out = _kwarg(node, "out")
        dest = self.access(out) if out is not None else None
        if self.is_tracked(dest):
            self.emit(EventKind.MUTATE, dest.text, target=dest.path, op="out", callee=callee)

    def _awaitable_args(self, node: cst.Call, callee: str | None) -> frozenset[int]:
        """The call that makes the awaitable of `asyncio.wait_for(...)`/`asyncio.shield(...)`: its
        first argument is a coroutine or future, so a call there (`self.ws.recv()`) makes a
        coroutine that the wrapper awaits, whatever its method's name
        (tests/corpus/il401_wait_for_wraps_coroutine_call)."""
        first = node.args[0] if node.args else None
        if callee not in cat.AWAITABLE_WRAPPERS or first is None or first.keyword is not None or first.star \
                or not isinstance(first.value, cst.Call):
            return frozenset()
        return frozenset({id(first.value)})

    def _captured(self, recv) -> str | None:
        """`outer.db` for a closure's call on the enclosing function's local `db`: that one
        object, whichever thread runs the closure (tests/corpus/il702_session_captured_by_pool_job)."""
        outer = self.enclosing(recv.path) if recv is not None and recv.root == "other" and recv.depth == 0 else None
        return f"{outer.qualname}.{recv.path}" if outer is not None else None

    def _blocking(self, node, callee, method, recv) -> str | None:
        # the catalogue names functions: a method called on a call result or subscript
        # (`scipy.signal.sosfiltfilt(sos, x).tolist()`) is not one, whatever its text starts with
        # (tests/corpus/il401_method_on_call_result); it is classified by its method alone
        if dotted(node.func) is not None:
            category = self._named_blocking(callee)
            if category is not None:
                return None if _polls(node, callee) or (category == "fs" and _pseudo_fs(node)) else category
        if method is None:
            return None
        return self._method_blocking(node, method, recv)

    def _named_blocking(self, callee: str) -> str | None:
        hit = cat.BLOCKING.get(callee)
        if hit is not None:
            return None if callee == "open" and "open" in self.locals else hit
        for prefix, category in cat.BLOCKING_PREFIXES:
            if callee.startswith(prefix) and not cat.NOT_BLOCKING.match(callee):
                return category
        return None

    def _is_unbounded(self, recv) -> bool:
        """A queue this file builds without a bound (its attribute or global)."""
        info = None
        if recv.root == "self" and recv.depth == 1 and self.cls is not None:
            info = self.cls.attributes.get(recv.path.split(".", 1)[1])
        elif recv.root == "global" and recv.depth == 0:
            info = self.scope.globals.get(recv.path.rsplit(".", 1)[1])
        return info is not None and info.kind is AttrKind.QUEUE and is_unbounded_queue(info.type_name, info.call_kwargs)

    def _is_path(self, receiver, recv, local_type: str | None) -> bool:
        """A `pathlib.Path`: built here (`Path(x).exists()`, `p = Path(x)`) or declared (`p: Path`)."""
        if isinstance(receiver, cst.Call):
            name = dotted(receiver.func)
            return name is not None and self.scope.imports.resolve(name) in cat.PATH_TYPES
        if recv is None or recv.root != "local":
            return False
        return (local_type or self.typed.get(recv.path)) in cat.PATH_TYPES

    def _takes_a_socket(self, node: cst.Call, method: str) -> bool:
        """`proactor.recv(self._sock, n)`, `proactor.accept(sock)`: a socket's own `accept()` takes
        no argument and its `recv`/`recv_into`/`recvfrom`/`sendall` take a size, a buffer or the
        data, never a socket; a call handing one a socket (named so, or built by `socket.socket`)
        goes to an object that works on sockets, such as a proactor whose operations return
        futures (tests/corpus/il401_proactor_takes_the_socket)."""
        first = _positional(node, 0)
        if first is None:
            return False
        if method == "accept":
            return True
        acc = self.access(first, as_object=True)
        if acc is not None and acc.root == "local" and self.local_types.get(acc.path) in cat.SOCKET_TYPES:
            return True
        return bool(cat.SOCKETISH.search(_last(self.scope.code(first))))

    def _defines_method(self, recv, method: str) -> bool:
        """The receiver holds an object of a class of this file that defines `method` itself: the call
        runs that method (the call graph follows it), not a socket's."""
        held = self.type_of(recv)
        facts = self.scope.class_facts(held) if held else None
        return facts is not None and method in facts.methods

    def _method_blocking(self, node, method, recv) -> str | None:
        kind = self.kind_of(recv)
        name = _last(recv.text) if recv is not None else ""
        local_type = self.local_types.get(recv.path) if recv is not None and recv.root == "local" else None
        if local_type == "subprocess.Popen" and method in ("wait", "communicate"):
            return "subprocess"
        if method in ("result", "exception") and (local_type == "concurrent.futures.Future"
                                                  or _submitted(getattr(node.func, "value", None))):
            return "join"
        if method in cat.PATH_FS_METHODS and self._is_path(getattr(node.func, "value", None), recv, local_type):
            return None if _pseudo_fs(getattr(node.func, "value", None)) else "fs"
        held = self.type_of(recv)
        if held is not None and self._named_blocking(f"{held}.{method}"):
            return self._named_blocking(f"{held}.{method}")     # `self.http.get()` of an `httpx.Client`
        if kind is None and name.lower().endswith(QUEUEISH) and method in ("get", "put"):
            kind = AttrKind.QUEUE
        table = cat.KIND_METHODS.get(kind) if kind is not None else None
        if kind in (AttrKind.SQL_ENGINE, AttrKind.SQL_SESSION) and (held or "").startswith("sqlalchemy.ext.asyncio."):
            return None             # an AsyncEngine/AsyncSession: its I/O is awaited (il401_async_engine_connection_opened)
        if table and method in table:
            if kind is AttrKind.QUEUE and _is_false(_kwarg(node, "block") or _positional(node, 0 if method == "get" else 1)):
                return None
            if kind is AttrKind.QUEUE and method == "put" and self._is_unbounded(recv):
                return None
            if kind is AttrKind.EXECUTOR and method == "shutdown" \
                    and _is_false(_kwarg(node, "wait") or _positional(node, 0)):
                return None          # `shutdown(wait=False)` returns at once (il304_executor_shutdown_without_wait)
            return table[method]
        if method in cat.BLOCKING_METHODS:
            category = cat.BLOCKING_METHODS[method]
            if category == "socket" and (self.nonblocking or (recv is not None and recv.path in self.nonblocking_paths)):
                return None          # a non-blocking socket: the call returns (or raises) at once
            if category == "socket" and (self._takes_a_socket(node, method) or self._defines_method(recv, method)):
                return None          # a proactor's `recv(sock, n)`: the receiver is no socket
            return category
        if kind in (None, AttrKind.OTHER) and recv is not None:      # (a local of no known kind)
            if method == "join" and cat.THREADISH.search(name):
                return "join"
            if method == "result" and cat.FUTUREISH.search(name) and not (
                    kind is AttrKind.OTHER and recv.root == "local"
                    and (self.made.get(recv.path) or "").rpartition(".")[2] in ASYNCIO_FUTURE_MAKERS):
                return "join"
        return None
