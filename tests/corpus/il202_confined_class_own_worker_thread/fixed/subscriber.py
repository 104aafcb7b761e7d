"""Silent: the subscriber says it is not thread-safe, so its callers keep each one to one thread
(`pending` and `acked`, touched only by them). The worker `run_in_thread` starts walks a copy of
`channels` taken under the lock that `subscribe` holds to change it."""
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
        with self._lock:
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
            with self._lock:
                current = list(self.channels.items())
            for name, handler in current:
                handler(name)
            self._stop.wait(0.1)

    def stop(self) -> None:
        self._stop.set()
