"""Silent: `render_all_async` builds and starts the gallery's own worker thread, stored on the
object. Like `start`, it is how the gallery's owner drives it, one call after the other, so two
runs of it never overlap on `_worker`; the worker and `done_count` share `_done` under the lock."""
import os
import threading


class Gallery:
    def __init__(self, folder):
        self.folder = folder
        self._lock = threading.Lock()
        self._done = []
        self._worker = None

    def render_all_async(self):
        self._worker = threading.Thread(target=self._render_all, name="thumbs", daemon=True)
        self._worker.start()

    def _render_all(self):
        for name in sorted(os.listdir(self.folder)):
            if name.lower().endswith((".jpg", ".png")):
                with self._lock:
                    self._done.append(name)

    def done_count(self):
        with self._lock:
            return len(self._done)
