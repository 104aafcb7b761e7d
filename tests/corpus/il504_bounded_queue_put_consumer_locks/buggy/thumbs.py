"""IL504 on `ThumbnailService._lock` and `_jobs`: `request` holds the lock while it puts on a
bounded queue (maxsize=32). When the worker falls behind, the queue is full and `put` waits for
room with the lock held; the worker, after its `get`, needs the same lock to record the result
before it takes the next job, and the requests keep the queue full: both wait forever."""
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
