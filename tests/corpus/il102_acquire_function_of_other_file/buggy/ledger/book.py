"""IL102 on `Book.entries`: the book's lock is taken by `acquire_with_deadline` of another
module, which returns whether it got it; when the wait ran out `void` still drops the last entry,
without the lock, while the audit thread rewrites the list holding it."""
import threading
import time

from .waiting import acquire_with_deadline


class Busy(Exception):
    pass


class Book:
    def __init__(self, timeout=1.0):
        self._mutex = threading.Lock()
        self.timeout = timeout
        self.entries = []
        self.total = 0
        threading.Thread(target=self._audit_forever, daemon=True).start()

    def _enter(self):
        if not acquire_with_deadline(self._mutex, timeout=self.timeout):
            raise Busy(self.timeout)

    def post(self, amount):
        self._enter()
        try:
            self.entries.append(amount)
            self.total += amount
        finally:
            self._mutex.release()

    def void(self):
        if not acquire_with_deadline(self._mutex, timeout=self.timeout):
            return self.entries.pop() if self.entries else None     # the wait ran out: no lock
        try:
            if not self.entries:
                return None
            amount = self.entries.pop()
            self.total -= amount
            return amount
        finally:
            self._mutex.release()

    def _audit_forever(self):
        while True:
            time.sleep(5)
            with self._mutex:
                self.total = sum(self.entries)
                self.entries = self.entries[-100:]


def teller(book):
    for i in range(100):
        book.post(i)
        book.void()


b = Book()
for _ in range(3):
    threading.Thread(target=teller, args=(b,)).start()
