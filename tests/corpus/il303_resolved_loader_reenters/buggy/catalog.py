"""IL303: `Memo` calls its stored `fill` under `Memo._latch`. The only `Memo` in scope is built
by `Catalog` with its own `lookup`, which asks the memo for `size()` and so takes `_latch` again:
the first miss hangs the request thread on its own lock."""
import threading


class Memo:
    def __init__(self, fill):
        self._latch = threading.Lock()
        self._fill = fill
        self._slots = {}

    def fetch(self, key):
        with self._latch:
            if key not in self._slots:
                self._slots[key] = self._fill(key)
            return self._slots[key]

    def size(self):
        with self._latch:
            return len(self._slots)


class Catalog:
    def __init__(self):
        self._books_lock = threading.Lock()
        self._books = {}
        self.memo = Memo(self.lookup)

    def lookup(self, isbn):
        print("memo holds", self.memo.size())
        with self._books_lock:
            return self._books.get(isbn)

    def add(self, isbn, title):
        with self._books_lock:
            self._books[isbn] = title


def serve(catalog: Catalog):
    for isbn in ("1", "2"):
        threading.Thread(target=catalog.memo.fetch, args=(isbn,)).start()
    threading.Thread(target=catalog.add, args=("3", "Dune")).start()
