"""Fixed twin: the test and the pop are one critical section."""
import threading


class ConnectionPool:
    def __init__(self, connect, size=4):
        self._lock = threading.Lock()
        self._connect = connect
        self._free = [connect() for _ in range(size)]

    def checkout(self):
        with self._lock:
            if self._free:
                return self._free.pop()
        return self._connect()

    def checkin(self, conn):
        with self._lock:
            self._free.append(conn)
