"""A ticker on an asyncio loop: `add()` may be called from any thread, and `wakeup` is decorated
so that its body runs on the loop (`call_soon_threadsafe`), where the loop's timer callback runs it
too: the timer handle is only ever touched on the loop's thread."""
import functools
import threading


def on_loop(func):
    @functools.wraps(func)
    def wrapper(self, *args, **kwargs):
        self._loop.call_soon_threadsafe(functools.partial(func, self, *args, **kwargs))
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
