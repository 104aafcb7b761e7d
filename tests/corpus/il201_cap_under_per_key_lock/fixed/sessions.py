"""One session per user, each user's login under that user's lock (`defaultdict(threading.Lock)`),
so a user never gets two sessions and slow logins of different users run in parallel. The cap on
open sessions tests the whole table: the test and the insert hold the table's own lock too."""
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

MAX_SESSIONS = 100


class SessionTable:
    def __init__(self, authenticate):
        self._authenticate = authenticate
        self._user_locks = defaultdict(threading.Lock)
        self._lock = threading.Lock()
        self._sessions = {}

    def login(self, user, password):
        with self._user_locks[user]:
            if user in self._sessions:
                return self._sessions[user]
            token = self._authenticate(user, password)
            with self._lock:
                if len(self._sessions) >= MAX_SESSIONS:
                    raise RuntimeError("too many sessions")
                self._sessions[user] = token
            return token

    def logout(self, user):
        with self._user_locks[user]:
            with self._lock:
                self._sessions.pop(user, None)


def serve(table: SessionTable, requests):
    with ThreadPoolExecutor(max_workers=8) as pool:
        for kind, user, password in requests:
            if kind == "login":
                pool.submit(table.login, user, password)
            else:
                pool.submit(table.logout, user)
