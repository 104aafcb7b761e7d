"""Fixed: the counts are copied under the lock and the callback runs outside it."""
import threading


class LibraryScanner:
    def __init__(self, on_progress):
        self._lock = threading.Lock()
        self.on_progress = on_progress
        self.scanned = 0
        self.total = 0

    def start(self, paths):
        with self._lock:
            self.total = len(paths)
        threading.Thread(target=self._scan, args=(paths,), daemon=True).start()

    def progress(self):
        with self._lock:
            return self.scanned, self.total

    def _scan(self, paths):
        for path in paths:
            with self._lock:
                self.scanned += 1
                done, total = self.scanned, self.total
            self.on_progress(done, total)
