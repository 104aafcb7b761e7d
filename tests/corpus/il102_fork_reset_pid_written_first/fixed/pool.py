"""Fixed: `reset` writes `pid` last. A thread that sees `pid` match the process id sees the
whole reset; one that sees it differ waits on `_fork_lock` until the reset is done, and the
re-check under that lock keeps a second thread from resetting again."""
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
        self._created = 0
        self._available = []
        self._in_use = set()
        self.pid = os.getpid()

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
