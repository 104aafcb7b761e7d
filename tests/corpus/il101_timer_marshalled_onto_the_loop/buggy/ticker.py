"""A ticker on an asyncio loop whose `wakeup` decorator only logs and then runs the body in the
caller's thread: `add()` from another thread cancels and re-arms the timer handle while the
loop's timer callback does the same."""
import functools
import threading


def on_loop(func):
    @functools.wraps(func)
    def wrapper(self, *args, **kwargs):
        print("wakeup", self._loop)
        return func(self, *args, **kwargs)
    return wrapper


class LoopTicker:
    def __init__(self, loop) -> None:
        self._loop = loop
        self._lock = threading.Lock()
        self._jobs: list = []
        self._handle = None

    def add(self, job) -> None:
        with self._lock:
            self._jobs.append(job)
        self.wakeup()

    @on_loop
    def wakeup(self) -> None:
        self._cancel_timer()
        with self._lock:
            due = list(self._jobs)
            self._jobs.clear()
        for job in due:
            job()
        self._arm_timer(1.0)

    def _cancel_timer(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _arm_timer(self, delay: float) -> None:
        self._handle = self._loop.call_later(delay, self.wakeup)
