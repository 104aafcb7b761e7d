import threading
import time


class SessionTable:
    def __init__(self, cap: int = 8):
        self._cap = cap
        self._active = {}
        self._threads = []
        self._mu = threading.Lock()

    def _room_for(self, user: str) -> bool:
        return user not in self._active and len(self._active) < self._cap

    def _register(self, user: str) -> None:
        self._active[user] = time.time()

    def login(self, user: str) -> bool:
        with self._mu:
            if self._room_for(user):
                self._register(user)
                return True
            return False

    def serve(self, users) -> None:
        for u in users:
            t = threading.Thread(target=self.login, args=(u,))
            self._threads.append(t)
            t.start()
