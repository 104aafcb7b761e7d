"""IL504 on `PrintRoom._lock`/`_printers`: `checkout` waits for a free printer (the semaphore)
while holding `_lock`, and `checkin` needs `_lock` before it gives a printer back. With every
printer out, a clerk blocks in `acquire()` holding the lock, and the desk that would free a
printer blocks on the lock: both wait forever."""
import threading


class PrintRoom:
    def __init__(self, printers):
        self._lock = threading.Lock()
        self._printers = threading.Semaphore(printers)
        self.out = 0

    def checkout(self):
        with self._lock:
            self._printers.acquire()
            self.out += 1

    def checkin(self):
        with self._lock:
            self.out -= 1
            self._printers.release()

    def print_batch(self, pages):
        with self._printers:
            for page in pages:
                page.render()
