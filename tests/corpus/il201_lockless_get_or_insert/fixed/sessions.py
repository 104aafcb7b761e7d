"""No IL201: the lookup and the insert are one critical section (or one atomic `setdefault`)."""
import threading


class Session:
    def __init__(self, user):
        self.user = user
        self.hits = []


class SessionTable:
    def __init__(self):
        self._sessions = {}
        self._buckets = {}
        self._lock = threading.Lock()

    def session_for(self, user):
        with self._lock:
            sess = self._sessions.get(user)
            if sess is None:
                sess = Session(user)
                self._sessions[user] = sess
            return sess

    def bucket_for(self, route):
        return self._buckets.setdefault(route, [])


def handle(table, user, route):
    return table.session_for(user), table.bucket_for(route)


table = SessionTable()
for n in range(4):
    threading.Thread(target=handle, args=(table, "ann", "/home")).start()
