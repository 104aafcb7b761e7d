"""Each file is rendered and read under a lock of its own, taken from a dict of locks with
`setdefault` (atomic under the GIL: whichever run stores first, every run gets that lock), and
never replaced: invalidating a file drops its thumbnail under the file's lock."""
import threading
from concurrent.futures import ThreadPoolExecutor


class Thumbnails:
    def __init__(self, render):
        self._render = render
        self._file_locks = {}
        self._thumbs = {}

    def build(self, path):
        lock = self._file_locks.setdefault(path, threading.Lock())
        with lock:
            self._thumbs[path] = self._render(path)

    def read(self, path):
        lock = self._file_locks.setdefault(path, threading.Lock())
        with lock:
            return self._thumbs.get(path)

    def invalidate(self, path):
        lock = self._file_locks.setdefault(path, threading.Lock())
        with lock:
            self._thumbs.pop(path, None)


def refresh(thumbs: Thumbnails, paths):
    with ThreadPoolExecutor(max_workers=4) as pool:
        for path in paths:
            pool.submit(thumbs.invalidate, path)
            pool.submit(thumbs.build, path)
            pool.submit(thumbs.read, path)
