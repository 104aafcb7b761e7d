"""IL101 and IL202 on `PoolRunner._running`: `_dispatch` hands each job to a thread pool; the
done-callback of a `concurrent.futures` future runs on the worker thread that finished the job,
so `on_done` discards from the pending set while the submitting thread adds to it (IL101) and
`stop` iterates it (IL202)."""
import concurrent.futures
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


class PoolRunner(RunnerBase):
    def start(self, owner):
        super().start(owner)
        self._pool = concurrent.futures.ThreadPoolExecutor(4)
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

        fut = self._pool.submit(execute, job)
        fut.add_done_callback(on_done)
        self._running.add(fut)
