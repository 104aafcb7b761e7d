"""IL302: add holds Store._lock, a multiprocessing.Lock (not reentrant), and calls _put, which
acquires it again: the worker thread blocks on itself forever."""
import multiprocessing
import threading


class Store:
    def __init__(self):
        self._lock = multiprocessing.Lock()
        self.items = []

    def start(self):
        threading.Thread(target=self.add, args=(1,)).start()

    def add(self, item):
        with self._lock:
            self._put(item)

    def _put(self, item):
        with self._lock:
            self.items.append(item)

    def snapshot(self):
        with self._lock:
            return list(self.items)
