"""IL201: `login()` runs on one thread per client. It asks `_room_for()` whether the user may
join (not logged in yet, and fewer than `cap` sessions), and then `_register()` stores the
session: the test and the store are in two helpers, with no lock around the pair. Two clients
both see one free seat and both take it, past the cap (the same user can also log in twice)."""
import threading
import time


class SessionTable:
    def __init__(self, cap: int = 8):
        self._cap = cap
        self._active = {}
        self._threads = []

    def _room_for(self, user: str) -> bool:
        return user not in self._active and len(self._active) < self._cap

    def _register(self, user: str) -> None:
        self._active[user] = time.time()

    def login(self, user: str) -> bool:
        if self._room_for(user):
            self._register(user)
            return True
        return False

    def serve(self, users) -> None:
        for u in users:
            t = threading.Thread(target=self.login, args=(u,))
            self._threads.append(t)
            t.start()
