"""A lazily created connection pool shared by request threads: the slow path takes the lock but
does not re-read the global under it, so two threads that both saw None each build a pool and
one request runs on a pool the other replaces."""
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
            pool = Pool(8)
            _pool = pool
    return pool


def handle_all(queries):
    with ThreadPoolExecutor(max_workers=8) as ex:
        return list(ex.map(lambda q: get_pool().run(q), queries))
