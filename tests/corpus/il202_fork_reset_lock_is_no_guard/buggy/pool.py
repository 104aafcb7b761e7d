"""A fork-safe connection pool: `_checkpid` resets the pool once in a forked child, under
`_fork_lock`, and stores the new pid last: `_fork_lock` guards no field. `reauth` walks the idle
list under `_lock` without the pid check. `_lock` guards the idle list; `retune` walks it
with no lock while another thread checks a connection out."""
import os
import threading


class Conn:
    def __init__(self, host):
        self.host = host
        self.timeout = 5.0
        self.token = None

    def close(self):
        self.host = None


class Pool:
    def __init__(self, host):
        self.host = host
        self._lock = threading.Lock()
        self._fork_lock = threading.Lock()
        self.pid = os.getpid()
        self.reset()

    def reset(self):
        self._idle = []
        self._busy = set()
        self.pid = os.getpid()

    def _checkpid(self):
        if self.pid != os.getpid():
            with self._fork_lock:
                if self.pid != os.getpid():
                    self.reset()

    def get_connection(self):
        self._checkpid()
        with self._lock:
            try:
                conn = self._idle.pop()
            except IndexError:
                conn = Conn(self.host)
            self._busy.add(conn)
        return conn

    def release(self, conn):
        self._checkpid()
        with self._lock:
            self._busy.discard(conn)
            self._idle.append(conn)

    def reauth(self, token):
        with self._lock:
            for conn in self._idle:
                conn.token = token

    def retune(self, timeout):
        for conn in self._idle:
            conn.timeout = timeout
