"""IL304 on `ThumbnailService._lock`: `request` holds the lock while it puts on a bounded queue
(maxsize=32); when the worker falls behind, `put` waits for room with the lock held, and every
`status` caller, and the worker itself when it records a result, waits behind it."""
import queue
import threading


class ThumbnailService:
    def __init__(self, renderer):
        self._renderer = renderer
        self._lock = threading.Lock()
        self._jobs = queue.Queue(maxsize=32)
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
