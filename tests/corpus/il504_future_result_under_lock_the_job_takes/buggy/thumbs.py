"""IL504: `Thumbnailer.thumbnail` holds `_lock` while it waits for `fut.result()` of a job it
submitted, and the job (`_render`) needs `_lock` to store its result. Whenever the cache misses,
the caller waits for the job and the job waits for the caller's lock: a certain deadlock."""
import threading
from concurrent.futures import ThreadPoolExecutor


class Thumbnailer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=4)
        self._done: dict[str, bytes] = {}

    def _render(self, path: str) -> None:
        data = path.encode()
        with self._lock:
            self._done[path] = data

    def thumbnail(self, path: str) -> bytes:
        with self._lock:
            if path in self._done:
                return self._done[path]
            fut = self._pool.submit(self._render, path)
            fut.result()
            return self._done[path]
