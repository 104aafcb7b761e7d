import threading
import time


class TokenStore:
    def __init__(self):
        self._mu = threading.Lock()
        self._owners = {}
        self._born = {}
        threading.Thread(target=self._expire, daemon=True).start()

    def issue(self, token: str, user: str) -> None:
        with self._mu:
            self._owners[token] = user
            self._born[token] = time.monotonic()

    def owner(self, token: str):
        with self._mu:
            if token in self._owners:
                return self._owners[token]
            return None

    def age(self, token: str, now: float):
        with self._mu:
            born = self._born.get(token)
        if born is None or now < 0:
            return None
        return now - born

    def _expire(self) -> None:
        while True:
            time.sleep(30)
            cutoff = time.monotonic() - 600
            with self._mu:
                for token in [t for t, b in self._born.items() if b < cutoff]:
                    del self._owners[token]
                    del self._born[token]
