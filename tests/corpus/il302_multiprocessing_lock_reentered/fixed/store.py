"""Silent: Store._lock is a multiprocessing.RLock, so _put re-entering it under add is fine."""
import multiprocessing
import threading


class Store:
    def __init__(self):
        self._lock = multiprocessing.RLock()
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
