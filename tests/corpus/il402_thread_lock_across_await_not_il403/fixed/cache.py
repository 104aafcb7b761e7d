import asyncio
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
    """`get` takes the threading lock only briefly, and an asyncio lock over the refill."""

    def __init__(self, fetch):
        self._fetch = fetch
        self._lock = threading.Lock()
        self._fill_lock = asyncio.Lock()
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
        async with self._fill_lock:
            with self._lock:
                sess = self._sessions.get(user)
            if sess is None or sess.stale():
                token = await self._fetch(user)
                sess = Session(user, token)
                with self._lock:
                    self._sessions[user] = sess
        return sess
