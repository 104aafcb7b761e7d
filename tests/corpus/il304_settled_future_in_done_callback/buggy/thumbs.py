"""A thumbnail cache renders images on a pool. `refresh` waits for a render's future while
holding the cache lock, so every `cached()` caller stalls until the render ends. The
done-callback reads its own (already fut) future under the same lock: that never blocks."""
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial


def render(path):
    return path.upper()


class ThumbCache:
    def __init__(self):
        self._guard = threading.Lock()
        self._workers = ThreadPoolExecutor(max_workers=4)
        self._ready = {}
        self._pending = {}

    def request(self, path):
        job = self._workers.submit(render, path)
        with self._guard:
            self._pending[path] = job
        job.add_done_callback(partial(self._store, path))

    def _store(self, path, fut):
        with self._guard:
            self._pending.pop(path, None)
            if fut.exception() is None:
                self._ready[path] = fut.result()

    def refresh(self, path):
        with self._guard:
            job = self._workers.submit(render, path)
            self._ready[path] = job.result()

    def cached(self, path):
        with self._guard:
            return self._ready.get(path)
