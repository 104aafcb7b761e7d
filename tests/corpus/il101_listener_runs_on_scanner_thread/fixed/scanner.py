"""Walks a folder on a thread of its own and hands every file it finds to its handlers (a copy of
the handler list taken under the scanner's lock, called after releasing it)."""
import os
import threading


class FolderScanner:
    def __init__(self, root):
        self.root = root
        self._lock = threading.Lock()
        self._handlers = []
        self._thread = threading.Thread(target=self._scan, daemon=True)

    def when_found(self, handler):
        with self._lock:
            self._handlers.append(handler)

    def start(self):
        self._thread.start()

    def _scan(self):
        for folder, _subdirs, names in os.walk(self.root):
            for name in names:
                with self._lock:
                    handlers = self._handlers.copy()
                for handler in handlers:
                    handler(os.path.join(folder, name))
