"""Silent: the pool's lock is taken through helpers rather than `with`: `_try_lock` hands back
the result of a timed `acquire`, `_lock_or_fail` raises when it failed (one more level), and
`_unlock` gives the lock back. The idle list is touched only where the helpers show the lock
is held: after `if not self._try_lock(): raise`, after `self._lock_or_fail()`, and in the arm
where `got = self._try_lock()` is true."""
import threading
import time


class PoolTimeout(Exception):
    pass


class Pool:
    def __init__(self, make, timeout=2.0):
        self._make = make
        self._guard = threading.Lock()
        self.timeout = timeout
        self._idle = []
        self.created = 0
        self.returned = 0
        threading.Thread(target=self._reap_forever, daemon=True).start()

    def _try_lock(self):
        return self._guard.acquire(timeout=self.timeout)

    def _lock_or_fail(self):
        if not self._try_lock():
            raise PoolTimeout(self.timeout)

    def _unlock(self):
        self._guard.release()

    def checkout(self):
        if not self._try_lock():
            raise PoolTimeout(self.timeout)
        try:
            if self._idle:
                return self._idle.pop()
            self.created += 1
        finally:
            self._unlock()
        return self._make()

    def checkin(self, conn):
        self._lock_or_fail()
        try:
            self._idle.append(conn)
            self.returned += 1
        finally:
            self._unlock()

    def trim(self):
        got = self._try_lock()
        if got:
            try:
                del self._idle[4:]
            finally:
                self._unlock()
        return got

    def _reap_forever(self):
        while True:
            time.sleep(30)
            with self._guard:
                self._idle.clear()
                self.created = 0
                self.returned = 0


def client(pool):
    for _ in range(100):
        conn = pool.checkout()
        pool.checkin(conn)


p = Pool(object)
for _ in range(4):
    threading.Thread(target=client, args=(p,)).start()
