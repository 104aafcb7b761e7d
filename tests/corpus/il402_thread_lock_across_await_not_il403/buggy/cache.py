import threading
import time


class Session:
    def __init__(self, user, token, ttl=300):
        self.user = user
        self.token = token
        self.expires = time.monotonic() + ttl

    def stale(self):
        return time.monotonic() > self.expires


class SessionCache:
    """`get` holds the threading lock across the fetch: another request blocks the loop on it
    (IL402); no task or thread can write the sessions during that await, so no IL403 besides."""

    def __init__(self, fetch):
        self._fetch = fetch
        self._lock = threading.Lock()
        self._sessions = {}
        self._janitor = threading.Thread(target=self._expire_loop, daemon=True)

    def start(self):
        self._janitor.start()

    def _expire_loop(self):
        while True:
            time.sleep(30)
            with self._lock:
                dead = [k for k, s in self._sessions.items() if s.stale()]
                for k in dead:
                    del self._sessions[k]

    async def get(self, user):
        with self._lock:
            sess = self._sessions.get(user)
            if sess is None or sess.stale():
                token = await self._fetch(user)
                sess = Session(user, token)
                self._sessions[user] = sess
        return sess
