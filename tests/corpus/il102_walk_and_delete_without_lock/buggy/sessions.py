"""IL102 on `SessionTable._sessions`: every method takes `_lock` except `reap`, which the reaper
thread runs with no lock at all: it walks the table and deletes from it. The bug is the missing
lock in `reap` (one IL102 there, its walk included), not a walk that alone escaped the lock."""
import threading
import time


class SessionTable:
    def __init__(self, idle_limit=300.0):
        self._lock = threading.Lock()
        self._sessions = {}
        self.idle_limit = idle_limit
        threading.Thread(target=self._reaper, daemon=True).start()

    def open(self, sid, user):
        with self._lock:
            self._sessions[sid] = (user, time.monotonic())

    def touch(self, sid):
        with self._lock:
            user, _ = self._sessions[sid]
            self._sessions[sid] = (user, time.monotonic())

    def close(self, sid):
        with self._lock:
            self._sessions.pop(sid, None)

    def reap(self):
        cutoff = time.monotonic() - self.idle_limit
        idle = [sid for sid, (_, seen) in self._sessions.items() if seen < cutoff]
        for sid in idle:
            del self._sessions[sid]
        return idle

    def _reaper(self):
        while True:
            time.sleep(30)
            self.reap()
