"""IL101 on `Thumbnails._file_locks`: each file is rendered and read under a lock of its own,
taken from a dict of locks with `setdefault`; but `invalidate` stores a fresh lock for the file
while a render may hold the old one: a read after it takes the new lock and runs alongside the
render, reading a half-written thumbnail."""
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
        self._file_locks[path] = threading.Lock()


def refresh(thumbs: Thumbnails, paths):
    with ThreadPoolExecutor(max_workers=4) as pool:
        for path in paths:
            pool.submit(thumbs.invalidate, path)
            pool.submit(thumbs.build, path)
            pool.submit(thumbs.read, path)
