"""IL102 on `Pool.reset`: after a fork, the first thread to use the pool resets it under
`_fork_lock`, but it stores the new `pid` first. Another thread of the child that checks the pid
in between sees it match, skips the wait and takes `_lock` while `_available` and `_in_use`
are still the parent's (or half replaced)."""
import os
import threading


class Connection:
    def __init__(self, host):
        self.host = host
        self.pid = os.getpid()


class Pool:
    def __init__(self, host):
        self.host = host
        self._lock = threading.Lock()
        self._fork_lock = threading.Lock()
        self.reset()

    def reset(self):
        self.pid = os.getpid()
        self._created = 0
        self._available = []
        self._in_use = set()

    def _checkpid(self):
        if self.pid != os.getpid():
            with self._fork_lock:
                if self.pid != os.getpid():
                    self.reset()

    def get_connection(self):
        self._checkpid()
        with self._lock:
            if self._available:
                conn = self._available.pop()
            else:
                self._created += 1
                conn = Connection(self.host)
            self._in_use.add(conn)
            return conn

    def release(self, conn):
        self._checkpid()
        with self._lock:
            self._in_use.discard(conn)
            if conn.pid == self.pid:
                self._available.append(conn)
            else:
                self._created -= 1
