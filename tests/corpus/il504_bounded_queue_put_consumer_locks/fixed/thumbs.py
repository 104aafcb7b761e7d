import queue
import threading


class ThumbnailService:
    def __init__(self, renderer):
        self._renderer = renderer
        self._lock = threading.Lock()
        self._jobs = queue.Queue()  # unbounded: put never waits
        self._pending: set[str] = set()
        self._done: dict[str, bytes] = {}
        threading.Thread(target=self._work, daemon=True).start()

    def request(self, path: str) -> None:
        with self._lock:
            if path in self._pending or path in self._done:
                return
            self._pending.add(path)
            self._jobs.put(path)

    def status(self, path: str) -> str:
        with self._lock:
            if path in self._done:
                return "ready"
            return "pending" if path in self._pending else "unknown"

    def _work(self) -> None:
        while True:
            path = self._jobs.get()
            image = self._renderer.render(path)
            with self._lock:
                self._pending.discard(path)
                self._done[path] = image
