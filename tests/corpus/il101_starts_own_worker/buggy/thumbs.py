"""IL101 on `Gallery._worker`: `render_all_async` (the owner starting the gallery's own worker)
rebinds `_worker` while `is_rendering`, which any thread may call, reads it with no lock in
common: it can see the old finished thread and answer False for a run just started."""
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

    def is_rendering(self):
        return self._worker is not None and self._worker.is_alive()
