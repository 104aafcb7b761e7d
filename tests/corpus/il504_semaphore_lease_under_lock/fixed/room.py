"""Fixed twin: `checkout` waits for a printer before it takes the lock. `print_batch` holds a
printer only while it renders (the ordinary throttling `with semaphore:`, no other lock held)."""
import threading


class PrintRoom:
    def __init__(self, printers):
        self._lock = threading.Lock()
        self._printers = threading.Semaphore(printers)
        self.out = 0

    def checkout(self):
        self._printers.acquire()
        with self._lock:
            self.out += 1

    def checkin(self):
        with self._lock:
            self.out -= 1
            self._printers.release()

    def print_batch(self, pages):
        with self._printers:
            for page in pages:
                page.render()
