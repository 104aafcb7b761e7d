"""IL201 on `SessionTable._sessions`: `renew` tests membership into a flag under the lock, lets
go, and looks the session up under the lock again; the expiry thread can drop it in between,
and `self._sessions[sid]` raises KeyError."""
import threading
import time


class Session:
    def __init__(self):
        self.deadline = time.monotonic() + 60

    def keep_alive(self):
        self.deadline = time.monotonic() + 60


class SessionTable:
    def __init__(self):
        self._lock = threading.Lock()
        self._sessions = {}
        threading.Thread(target=self._expire_loop, daemon=True).start()

    def open(self, sid):
        with self._lock:
            self._sessions[sid] = Session()

    def renew(self, sid):
        with self._lock:
            alive = sid in self._sessions
        if alive:
            with self._lock:
                self._sessions[sid].keep_alive()
        return alive

    def _expire_loop(self):
        while True:
            time.sleep(1)
            now = time.monotonic()
            with self._lock:
                for sid in [s for s, v in self._sessions.items() if v.deadline < now]:
                    del self._sessions[sid]
