"""Spawn sites: threads, processes, executor jobs, asyncio tasks and callback registration.

Each becomes one SPAWN event whose `spawn.target` is the function as written and whose
`spawn.resolved` is its qualname when this file can tell (methods of the enclosing class, nested
and module functions, lambdas, `functools.partial`); the linker resolves the rest.
"""
from __future__ import annotations

import re

import libcst as cst

from interlock.extractor import catalogue as cat
from interlock.extractor.events_calls import _kwarg, _last, _positional
from interlock.extractor.imports import dotted, imports_package
from interlock.models.program import AttrKind, ContextKind, EventKind, Spawn
from interlock.extractor.records import construct

THREAD_CTORS = {"threading.Thread": (1, "target"), "threading.Timer": (1, "function"),
                "multiprocessing.Process": (1, "target"), "multiprocessing.context.Process": (1, "target")}
PARTIALS = frozenset({"functools.partial", "partial"})
#: thread pools whose every worker runs `initializer=` when it starts: the argument's position
THREAD_POOL_INITIALIZERS = {"concurrent.futures.ThreadPoolExecutor": 2, "concurrent.futures.thread.ThreadPoolExecutor": 2,
                            "multiprocessing.pool.ThreadPool": 1, "multiprocessing.dummy.Pool": 1}
THREAD_POOL_WORKERS = {"concurrent.futures.ThreadPoolExecutor": "max_workers",
                       "concurrent.futures.thread.ThreadPoolExecutor": "max_workers",
                       "multiprocessing.pool.ThreadPool": "processes", "multiprocessing.dummy.Pool": "processes"}


_HANDED = re.compile(r"((?:self\.)?\w+)\(.*\)\.(\w+)")


def _calling(method: cst.Attribute) -> cst.Lambda:
    """`lambda *args: <method>(*args)`: a bound method handed over runs as this function would
    (tests/corpus/il102_timer_pops_container_without_lock)."""
    star = cst.Param(name=cst.Name("args"), star="*")
    call = cst.Call(func=method, args=[cst.Arg(value=cst.Name("args"), star="*")])
    return cst.Lambda(params=cst.Parameters(star_arg=star), body=call)


class SpawnWalker:
    """Mixin of FunctionWalker: spawn sites and in-file name resolution."""

    def spawn_op(self, node, callee, method, recv, anchor, awaited) -> bool:
        found = self._spawn_targets(node, callee, method, recv)
        if found is None:
            return False
        kind, via, targets, many = found
        self.walk_func(node.func)
        args = self._task_args(node, targets) if kind is ContextKind.TASK else self.call_args(node)
        spread = [self._ref(e) for expr, _ in targets for e in self._each_of(expr)]
        # one run of each element of the loop's literal tuple, unless another loop repeats it;
        # a job the loop awaits (`await asyncio.to_thread(self._rebuild)`) ends before the next
        # one starts (tests/corpus/il202_awaited_job_in_loop_runs_once)
        many = many or (self.loop_depth > (1 if spread else 0) and not awaited)
        targets = spread or targets
        texts = [text for _, text in targets]
        for expr, text in targets:
            # `[Thread(target=move, args=(a, b)), Thread(target=move, args=(b, a))]`: two sites of
            # one statement share its location, so each counts the other as a second run
            again = self.spawns_here.get((self.span, text), 0)
            self.spawns_here[(self.span, text)] = again + 1
            resolved = self._spawned_function(expr)
            if resolved is None and self._container_method(expr):
                resolved = self.lambda_function(_calling(expr))
            # `gather(attack(boss, 3), attack(boss, 4))`: one site, two runs of `attack` at once
            spawn = construct(Spawn, kind=kind, via=via, target=text, resolved=resolved,
                              many=many or texts.count(text) > 1 or again > 0,
                              receiver=self.built_receiver(text),
                              each=self.comps[0] if len(self.comps) == 1 else None,
                              pool=self._job_pool(node, via, recv) if kind is ContextKind.EXECUTOR else None)
            # `board.submit(x)` on a typed local may be a method of the program's (link.py `_method_not_submit`)
            self.emit(EventKind.SPAWN, anchor or method, callee=callee, args=args, spawn=spawn, awaited=awaited,
                      resolved=self.resolve_callee(callee) if via == "submit" else None,
                      op="queue_get" if self._queue_get(expr) else None)
        if method in cat.POOL_ASYNC:
            self._result_callbacks(node, callee, method, anchor)
        return True

    def pool_initializer(self, node: cst.Call, callee: str, anchor) -> None:
        """`ThreadPoolExecutor(max_workers=4, initializer=self._init_worker)`, `ThreadPool(4,
        init)`: every worker thread of the pool runs the initializer when it starts, at the same
        time as the other workers start or run their jobs: a job context of its own, many runs
        (tests/corpus/il103_thread_pool_initializer_numbers_workers). A pool of one worker runs it
        once, on the thread that then runs the jobs one after the other: left out."""
        position = THREAD_POOL_INITIALIZERS.get(callee)
        if position is None:
            return
        init = _kwarg(node, "initializer") or _positional(node, position)
        workers = _kwarg(node, THREAD_POOL_WORKERS[callee]) or _positional(node, 0)
        if init is None or not self._is_function_ref(init) \
                or (workers is not None and self.scope.code(workers).strip() == "1"):
            return
        text = self.scope.code(init)
        spawn = construct(Spawn, kind=ContextKind.EXECUTOR, via="initializer", target=text,
                          resolved=self._spawned_function(init), many=True)
        self.emit(EventKind.SPAWN, anchor or "initializer", callee=callee, args=(text,), spawn=spawn)

    def _queue_get(self, expr) -> bool:
        """`asyncio.to_thread(q.get)`, `loop.run_in_executor(None, self.q.get)`: the job takes an
        item off a queue and hands it back to the spawner (checker/rules/shared_buffer_in_place.py)."""
        if not isinstance(expr, cst.Attribute) or expr.attr.value not in ("get", "get_nowait"):
            return False
        recv = self.access(expr.value)
        return recv is not None and self.kind_of(recv) is AttrKind.QUEUE

    def _result_callbacks(self, node, callee, via, anchor) -> None:
        """`pool.apply_async(job, args, callback=self._record)`: the pool's result thread runs the
        `callback=`/`error_callback=` functions when the job ends (tests/corpus/il103_pool_result_callback)."""
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in ("callback", "error_callback") \
                    and self._is_function_ref(arg.value):
                text = self.scope.code(arg.value)
                spawn = construct(Spawn, kind=ContextKind.CALLBACK, via=f"{via}.{arg.keyword.value}", target=text,
                                  resolved=self._spawned_function(arg.value))
                self.emit(EventKind.SPAWN, anchor or via, callee=callee, args=(text,), spawn=spawn)

    def _container_method(self, expr) -> bool:
        """`self._data.pop`: a mutating method of a shared container, handed over as the function a
        thread, timer, job or callback runs (`Timer(ttl, self._data.pop, args=(key, None))`)."""
        if not isinstance(expr, cst.Attribute) or expr.attr.value not in cat.MUTATORS:
            return False
        acc = self.access(expr.value)
        return self.is_tracked(acc) and self.kind_of(acc) is AttrKind.CONTAINER

    def _each_of(self, expr) -> tuple:
        """`stage` of `for stage in (self._read, self._write):` (or a comprehension over such a
        tuple) spawned: each element, the functions it runs one after the other
        (tests/corpus/il103_thread_targets_from_tuple_loop). Empty for any other target."""
        items = self.each.get(expr.value, ()) if isinstance(expr, cst.Name) else ()
        return items if items and all(self._is_function_ref(e) for e in items) else ()

    def attribute_callback(self, target, value_node) -> None:
        """`client.on_message = self._on_message` on an object of a library class (not one of this
        file): a callback registration by assignment, run by the library's own thread; the linker
        drops it when the class is the program's (tests/corpus/il101_library_callback_attribute)."""
        if not isinstance(target, cst.Attribute) or value_node is None \
                or not cat.ATTRIBUTE_CALLBACKS.match(target.attr.value) or not self._is_function_ref(value_node):
            return
        owner = self._library_type(self.access(target.value, as_object=True))
        if owner is None:
            return
        text = self.scope.code(value_node)
        spawn = construct(Spawn, kind=ContextKind.CALLBACK, via=f"{owner}.{target.attr.value}", target=text,
                          resolved=self._spawned_function(value_node))
        self.emit(EventKind.SPAWN, target.attr.value, callee=f"{owner}.{target.attr.value}", args=(text,), spawn=spawn)

    def _job_pool(self, node: cst.Call, via: str, recv) -> str | None:
        """The class of the executor an executor job goes to: the receiver of `submit`/`map`/`apply_async`
        ..., the first argument of `loop.run_in_executor(self._procs, f)`."""
        if via == "run_in_executor":
            executor = _positional(node, 0)
            return self._pool_class(self.access(executor, as_object=True)) if executor is not None else None
        if via in ("submit", "map") or via in cat.POOL_APPLY:
            return self._pool_class(recv)
        return None

    def _pool_class(self, acc) -> str | None:
        """The class of the executor a job is submitted to (`pool.submit`, `self._pool.map`,
        `POOL.submit`), when this file built it: a process pool forks (checker/rules/_forks.py)."""
        if acc is not None and acc.root == "global" and acc.depth == 0:
            glob = self.scope.globals.get(acc.path.rsplit(".", 1)[1])
            return glob.type_name if glob is not None else None
        return self._library_type(acc)

    def _library_type(self, acc) -> str | None:
        """The class (imports resolved) of a field or local this file built, when not a class of this file."""
        if acc is None or acc.depth != (1 if acc.root == "self" else 0):
            return None
        if acc.root == "self" and self.cls is not None:
            info = self.cls.attributes.get(acc.path.split(".", 1)[1])
            name = info.type_name if info is not None else None
        else:
            name = self.local_types.get(acc.path) if acc.root == "local" else None
        return name if name and "." in name and self.scope.class_facts(name) is None else None

    def _task_args(self, node: cst.Call, targets) -> tuple[str, ...]:
        """`create_task(stream(ws, i))`: the coroutine's arguments are evaluated here, its body runs
        in the new task (not under this function's locks): no call of `stream` here."""
        coros = {id(expr) for expr, _ in targets if expr is not None}
        deferred = frozenset(id(a.value) for a in node.args if isinstance(a.value, cst.Call)
                             and id(a.value.func) in coros and not self._spawns(a.value))
        return self.call_args(node, deferred)

    def _spawns(self, node: cst.Call) -> bool:
        """`ensure_future(asyncio.to_thread(f))`, `create_task(gather(...))`: the awaitable is itself
        a spawn, made here (its SPAWN event orders the work after what precedes it)."""
        func = node.func
        method = func.attr.value if isinstance(func, cst.Attribute) else None
        recv = self.access(func.value, as_object=True) if isinstance(func, cst.Attribute) else None
        return self._spawn_targets(node, self.callee_text(func), method, recv) is not None

    def _spawn_targets(self, node: cst.Call, callee: str, method: str | None, recv):
        if callee in THREAD_CTORS:
            index, kw = THREAD_CTORS[callee]
            target = _kwarg(node, kw) or _positional(node, index)
            kind = ContextKind.PROCESS if "Process" in callee else ContextKind.THREAD
            return (kind, callee, [self._ref(target)], False) if target is not None else None
        facts = self.scope.class_facts(callee)
        if facts is not None and facts.is_thread:
            return ContextKind.THREAD, callee, [(node.func, callee)], False
        return self._job_targets(node, callee, method, recv)

    def _job_targets(self, node, callee, method, recv):
        first, second = _positional(node, 0), _positional(node, 1)
        if method == "submit" and first is not None:
            return ContextKind.EXECUTOR, "submit", [self._ref(first)], False
        if method in cat.POOL_APPLY and first is not None and recv is not None and (
                self.kind_of(recv) is not None and self.kind_of(recv).value == "executor"
                or cat.EXECUTORISH.search(_last(recv.text))):
            return ContextKind.EXECUTOR, method, [self._ref(first)], False
        if method in cat.POOL_MAPS and first is not None and recv is not None and (
                self.kind_of(recv) is not None and self.kind_of(recv).value == "executor"
                or cat.EXECUTORISH.search(_last(recv.text))):
            return ContextKind.EXECUTOR, "map", [self._ref(first)], True
        if method == "run_in_executor" and second is not None:
            return ContextKind.EXECUTOR, "run_in_executor", [self._ref(second)], False
        if callee == "asyncio.to_thread" and first is not None:
            return ContextKind.EXECUTOR, "to_thread", [self._ref(first)], False
        if callee in cat.TASK_CALLS or method in cat.TASK_METHODS:
            return self._task_targets(node, callee, method)
        if first is not None and (callee in cat.BACKGROUND_TASK_CTORS
                                  or method == "add_task" and self.resolve_callee(callee) in cat.BACKGROUND_TASK_ADDERS):
            return ContextKind.TASK, "add_task", [self._ref(first)], False
        return self._callback_targets(node, callee, method, recv)

    def _task_targets(self, node, callee, method):
        via = _last(callee) if callee in cat.TASK_CALLS else method
        coros = [a for a in node.args if a.keyword is None] if via == "gather" else node.args[:1]
        targets, many = [], False
        for arg in coros:
            value = arg.value
            if arg.star and isinstance(value, (cst.ListComp, cst.GeneratorExp)):
                value, many = value.elt, True
            elif arg.star:
                many = True
            targets.append(self._coroutine_ref(value))
        return (ContextKind.TASK, via, targets, many) if targets else None

    def _coroutine_ref(self, value: cst.BaseExpression):
        if isinstance(value, cst.Call):
            return value.func, self.callee_text(value.func)
        return None, self.scope.code(value)

    def _callback_targets(self, node, callee, method, recv):
        if method in cat.SELECTOR_REGISTRATIONS and self._selector_type(recv):
            return self._selector_data(node, method, recv)
        keywords = self._callback_keywords(node, callee)
        if keywords:
            return ContextKind.CALLBACK, keywords[0], [self._ref(_kwarg(node, k)) for k in keywords], False
        name = method or _last(callee)
        if callee in cat.LIFECYCLE_HOOKS or self._is_stop_signal_hook(node, callee, name):
            return None
        if not name or not (cat.CALLBACK_METHODS.match(name) or callee in cat.SIGNAL_HOOKS
                            or name in cat.IOLOOP_SCHEDULERS and self._imports_tornado()):
            return None             # `signal.signal(SIGUSR1, h)`: h runs on the main thread, alongside
        if isinstance(node.func, cst.Name) and name.startswith("on_"):
            # `on_fresh_item(item, self._alone)`: a plain function named for the event it handles,
            # called now with a predicate it calls at once; registrations are on an emitter
            # (`client.on_message(cb)`, `app.on_event(...)`) (tests/corpus/il103_predicate_handed_to_on_named_helper)
            return None
        handler = _positional(node, 1) if callee in cat.SIGNAL_HOOKS or name in cat.SIGNAL_HOOKS else None
        if handler is not None and self._local_method_ref(handler):
            return ContextKind.CALLBACK, name, [self._ref(handler)], False
        # `fut.add_done_callback(tracker.on_done)` with `tracker = Tracker()` built here: a method of
        # an object of the program held in a local, resolved like a thread's `target=w.run`
        # (tests/corpus/il103_done_callbacks_of_pool_jobs_on_local_object)
        refs = [self._ref(a.value) for a in node.args
                if self._is_function_ref(a.value) or self._local_method_ref(a.value)]
        return (ContextKind.CALLBACK, name, refs[:1], False) if refs else None

    def _imports_tornado(self) -> bool:
        return imports_package(self.scope.imports.names.values(), "tornado")

    def _local_method_ref(self, expr: cst.BaseExpression) -> bool:
        """`fwd.on_sighup` handed to `signal.signal(SIGHUP, ...)`: a method of an object of the
        program that this function holds in a local (`fwd = Forwarder(...)`), which the linker
        resolves like a thread's `target=w.run` (tests/corpus/il202_sighup_handler_of_local_object)."""
        if not isinstance(expr, cst.Attribute) or not isinstance(expr.value, cst.Name):
            return False
        acc = self.access(expr.value, as_object=True)
        if acc is None or acc.root != "local" or acc.depth != 0:
            return False
        return bool(self.local_types.get(acc.path))

    def _selector_type(self, acc) -> str | None:
        """The class of a field or local this file built from the `selectors` module, or None."""
        owner = self._library_type(acc)
        return owner if owner and owner.split(".", 1)[0] == cat.SELECTOR_MODULE else None

    def _selector_data(self, node, method, recv):
        """`self.sel.register(sock, EVENT_READ, self._on_read)` (`data=` too): the callable that the
        loop calling `self.sel.select()` runs, as a spawn whose `via` names the selector's class; the
        linker makes it a call of that loop (extractor/select_loops.py). The data may be a method of
        another object (`self.queue.run_callbacks`), resolved there. No spawn for other data."""
        data = _kwarg(node, "data") or _positional(node, 2)
        if data is None or not (self._is_function_ref(data) or dotted(data)):
            return None
        return ContextKind.CALLBACK, f"{self._selector_type(recv)}.{method}", [self._ref(data)], False

    def _callback_keywords(self, node, callee) -> list[str]:
        """`sd.InputStream(callback=f)`, `pa.open(stream_callback=f)`: the keywords naming
        callbacks a library thread runs (see catalogue.CALLBACK_KEYWORDS)."""
        return [arg.keyword.value for arg in node.args
                if arg.keyword is not None and self._is_function_ref(arg.value)
                and (arg.keyword.value in cat.CALLBACK_KEYWORDS.get(callee, ())
                     or arg.keyword.value in cat.THREAD_CALLBACK_KEYWORDS)]

    def _is_stop_signal_hook(self, node: cst.Call, callee: str, name: str) -> bool:
        """`signal.signal(SIGTERM, h)`, `loop.add_signal_handler(sig, h)`: a handler for a
        termination signal, or for a signal not named as written (`for sig in (...)`)."""
        if callee not in cat.SIGNAL_HOOKS and name not in cat.SIGNAL_HOOKS:
            return False
        signum = _positional(node, 0)
        written = dotted(signum) if signum is not None else None
        name_of = _last(written)
        return not name_of.startswith("SIG") or name_of in cat.TERMINATION_SIGNALS

    def _ref(self, expr: cst.BaseExpression | None):
        if isinstance(expr, cst.Name) and expr.value in self.fn_locals:
            expr = self.fn_locals[expr.value]       # `job = partial(self._count, ...)`; `pool.map(job, xs)`
        return expr, self.scope.code(expr) if expr is not None else ""

    def _is_function_ref(self, expr: cst.BaseExpression) -> bool:
        if isinstance(expr, cst.Lambda) or self._container_method(expr):
            return True
        if isinstance(expr, cst.Call):
            return self.callee_text(expr.func) in PARTIALS
        name = dotted(expr)
        if name is None:
            return False
        if "." not in name:
            return self._local_def(name) is not None or name in self.fn_locals or name in self.scope.module_defs or (
                name in self.scope.imports.names and name[:1].islower())
        acc = self.access(expr)
        return acc is not None and acc.root == "self" and self.is_method_ref(acc)

    def _spawned_function(self, expr: cst.BaseExpression | None) -> str | None:
        """What a spawn runs: the function, or `run` of an in-file Thread subclass."""
        if expr is None:
            return None
        name = dotted(expr)
        facts = self.scope.class_facts(self.callee_text(expr)) if name else None
        if facts is not None and facts.is_thread:
            return f"{facts.qualname}.run" if "run" in facts.methods else None
        return self.resolve_ref(expr)

    # -- resolution inside the file ---------------------------------------------------------
    def _local_def(self, name: str) -> str | None:
        walker = self
        while walker is not None:
            if name in walker.local_defs:
                return f"{walker.qualname}.{name}"
            walker = walker.parent
        return None

    def resolve_ref(self, expr: cst.BaseExpression) -> str | None:
        """Qualname of a function reference (`self._run`, `worker`, a lambda, a partial)."""
        if isinstance(expr, cst.Lambda):
            return self.lambdas.get(id(expr))
        if isinstance(expr, cst.Call):
            if self.callee_text(expr.func) in PARTIALS and expr.args:
                return self.resolve_ref(expr.args[0].value)
            return None
        name = dotted(expr)
        return self.resolve_callee(self.callee_text(expr)) if name else None

    def built_receiver(self, callee: str) -> str | None:
        """`v` of `v.method`, when `v` is a local this function built with `Cls(...)`."""
        head, _, rest = callee.partition(".")
        return head if rest and "." not in rest and head in self.local_types and head in self.locals else None

    def enclosing_type(self, name: str) -> str | None:
        """The class of a free variable of a nested function: the enclosing function's typed
        parameter or built local (`def create_router(manager: Hub)` and its routes' `manager.x()`;
        tests/corpus/il202_router_factory_parameter)."""
        outer = self.enclosing(name)
        return outer.local_types.get(name) or outer.typed.get(name) if outer is not None else None

    def enclosing(self, name: str):
        """The enclosing function whose local a free variable of this nested function is (a
        closure's captured `db`), or None."""
        if name in self.locals or name in self.global_decls:
            return None
        outer = self.parent
        while outer is not None and not outer.is_module:
            if name in outer.locals:
                return outer
            outer = outer.parent
        return None

    def resolve_callee(self, callee: str) -> str | None:
        """Qualname in this file a call reaches: `self.m`, nested/module functions, `Cls()`."""
        head, _, rest = callee.partition(".")
        if head in ("self", "cls") and rest and "." not in rest:
            if self.cls is not None and rest in self.cls.methods:
                return f"{self.cls.qualname}.{rest}"
            return None
        if self.built_receiver(callee):
            # `scanner = Scanner(); scanner.scan()`: provisional `pkg.mod.Scanner.scan`, which the
            # linker resolves once classes are known (or drops)
            return f"{self.local_types[head]}.{rest}"
        if rest and "." not in rest and head in self.typed and head in self.locals:
            return f"{self.typed[head]}.{rest}"          # `repo: UserRepo`: the class's method
        outer = self.enclosing_type(head) if rest and "." not in rest else None
        if outer is not None:
            return f"{outer}.{rest}"
        handed = _HANDED.fullmatch(callee)
        if handed is not None and self.returned_by(handed[1]):
            # `self._stats_for(key).record`: provisional, on the class the call hands out
            return f"{self.returned_by(handed[1])}.{handed[2]}"
        if rest or not head.isidentifier():
            return None
        local = self._local_def(head)
        if local is not None:
            return local
        facts = self.scope.classes.get(head)
        if facts is not None:
            return f"{facts.qualname}.__init__" if "__init__" in facts.methods else None
        if head in self.scope.module_defs:
            return self.scope.qualify(head)
        return None
