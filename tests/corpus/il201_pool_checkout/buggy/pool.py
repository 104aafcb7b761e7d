"""IL201 on `ConnectionPool._free`: `checkout` tests for a free connection in one critical
section and pops it in another; another `checkout` can take the last one in between (IndexError)."""
import threading


class ConnectionPool:
    def __init__(self, connect, size=4):
        self._lock = threading.Lock()
        self._connect = connect
        self._free = [connect() for _ in range(size)]

    def checkout(self):
        with self._lock:
            available = len(self._free) > 0
        if available:
            with self._lock:
                return self._free.pop()
        return self._connect()

    def checkin(self, conn):
        with self._lock:
            self._free.append(conn)
