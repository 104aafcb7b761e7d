"""A job runner built on a scheduler's event loop: `_dispatch` starts each job on the loop
(`create_task` / `run_in_executor`, calls only the loop's own thread may make), so it runs on
that thread; the done-callback of those loop futures runs there too, and so does `stop`, which
cancels them. The pending set is only ever touched from the loop thread: no finding. The class
inherits a lock from its base (used by `submit` for the counters), which does not make
its loop-side methods thread code."""
import logging
import sys
import threading


def execute(job):
    return job.run()


class RunnerBase:
    _lock = None

    def __init__(self):
        self._counts = {}

    def start(self, owner):
        self._owner = owner
        self._lock = threading.RLock()

    def submit(self, job):
        assert self._lock is not None, "not started"
        with self._lock:
            self._counts[job.key] = self._counts.get(job.key, 0) + 1
            self._dispatch(job)

    def finished(self, key):
        with self._lock:
            self._counts[key] -= 1

    def _dispatch(self, job):
        raise NotImplementedError


class LoopRunner(RunnerBase):
    def start(self, owner):
        super().start(owner)
        self._loop = owner.loop
        self._running = set()

    def stop(self):
        for fut in self._running:
            if not fut.done():
                fut.cancel()
        self._running.clear()

    def _dispatch(self, job):
        def on_done(fut):
            self._running.discard(fut)
            try:
                fut.result()
            except BaseException:
                logging.getLogger(__name__).error("job failed", exc_info=sys.exc_info())
            self.finished(job.key)

        if job.is_coroutine:
            fut = self._loop.create_task(job.coroutine())
        else:
            fut = self._loop.run_in_executor(None, execute, job)
        fut.add_done_callback(on_done)
        self._running.add(fut)
