"""Fixed: `reap` walks and deletes under `_lock`, like every other method."""
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
        with self._lock:
            idle = [sid for sid, (_, seen) in self._sessions.items() if seen < cutoff]
            for sid in idle:
                del self._sessions[sid]
        return idle

    def _reaper(self):
        while True:
            time.sleep(30)
            self.reap()
