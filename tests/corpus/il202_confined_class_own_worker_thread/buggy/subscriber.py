"""Reported: the subscriber says it is not thread-safe, so its callers keep each one to one thread
(`pending` and `acked`, touched only by them, stay silent). But `run_in_thread` starts a worker of
its own that walks `channels` while the thread that owns the subscriber goes on subscribing: that
race is the class's own doing, and no docstring excuses it."""
import threading


class Subscriber:
    """Listens to channels. Not thread-safe: use one per thread."""

    def __init__(self) -> None:
        self.channels: dict[str, object] = {}
        self.pending = 0
        self.acked = 0
        self._stop = threading.Event()
        self._lock = threading.Lock()

    def subscribe(self, name: str, handler) -> None:
        self.channels[name] = handler
        self.pending += 1

    def ack(self) -> None:
        self.acked += 1
        self.pending -= 1

    def backlog(self) -> int:
        return self.pending - self.acked

    def run_in_thread(self) -> threading.Thread:
        t = threading.Thread(target=self._work, daemon=True)
        t.start()
        return t

    def _work(self) -> None:
        while not self._stop.is_set():
            for name, handler in self.channels.items():
                handler(name)
            self._stop.wait(0.1)

    def stop(self) -> None:
        self._stop.set()
