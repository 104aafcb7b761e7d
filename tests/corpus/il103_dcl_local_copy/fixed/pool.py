"""A lazily created connection pool shared by request threads: double-checked locking through a
local copy. The fast path reads the global once; the slow path re-reads it under the lock and
tests the copy before building the pool, so only one pool is ever built."""
import threading
from concurrent.futures import ThreadPoolExecutor

_pool = None
_pool_lock = threading.Lock()


class Pool:
    def __init__(self, size):
        self.size = size

    def run(self, query):
        return f"{query} on {self.size}"


def get_pool():
    global _pool
    pool = _pool
    if pool is None:
        with _pool_lock:
            pool = _pool
            if pool is None:
                pool = Pool(8)
                _pool = pool
    return pool


def handle_all(queries):
    with ThreadPoolExecutor(max_workers=8) as ex:
        return list(ex.map(lambda q: get_pool().run(q), queries))
