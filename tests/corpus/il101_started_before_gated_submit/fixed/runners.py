"""Runners that a host starts before it hands them any task: `start()` binds the runner to its
host, makes its lock and names its log; `submit()` refuses to run before that, so whatever `start`
wrote is in place when a task is submitted and when the task's done-callback runs."""
import concurrent.futures
import logging
import threading


class NotStarted(Exception):
    pass


class Runner:
    """Runs the tasks of one host on a thread pool."""

    _host = None
    _lock = None
    _log = logging.getLogger("runners")

    def __init__(self, workers=4):
        self._running = {}
        self._pool = concurrent.futures.ThreadPoolExecutor(workers)

    def start(self, host, name):
        self._host = host
        self._lock = threading.RLock()
        self._log = logging.getLogger("runners.%s" % name)

    def submit(self, task):
        if self._lock is None:
            raise NotStarted("this runner has not been started yet")
        with self._lock:
            if self._running.get(task.key, 0) >= task.limit:
                raise RuntimeError("task %s is running too often" % task.key)
            self._do_submit(task)
            self._running[task.key] = self._running.get(task.key, 0) + 1

    def _do_submit(self, task):
        def done(f):
            if f.exception() is not None:
                self._failed(task.key, f.exception())
            else:
                self._finished(task.key, f.result())

        f = self._pool.submit(task.run)
        f.add_done_callback(done)

    def _finished(self, key, result):
        with self._lock:
            self._running[key] -= 1
        self._host.deliver(key, result)

    def _failed(self, key, exc):
        with self._lock:
            self._running[key] -= 1
        self._log.error("task %s failed: %s", key, exc)


class TaggedRunner(Runner):
    """Marks every task with the runner's name."""

    def start(self, host, name):
        super().start(host, name)
        self._tag = "[%s]" % name

    def _do_submit(self, task):
        task.tag = self._tag
        super()._do_submit(task)
