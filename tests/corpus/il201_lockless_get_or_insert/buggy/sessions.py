"""IL201 twice, no lock anywhere: two request threads both find the key missing (through
`.get()` and `is None`, or `not in`) and both insert, so one caller keeps a session or a counter
bucket that the table no longer holds."""
import threading


class Session:
    def __init__(self, user):
        self.user = user
        self.hits = []


class SessionTable:
    def __init__(self):
        self._sessions = {}
        self._buckets = {}

    def session_for(self, user):
        sess = self._sessions.get(user)
        if sess is None:
            sess = Session(user)
            self._sessions[user] = sess
        return sess

    def bucket_for(self, route):
        if route not in self._buckets:
            self._buckets[route] = []
        return self._buckets[route]


def handle(table, user, route):
    return table.session_for(user), table.bucket_for(route)


table = SessionTable()
for n in range(4):
    threading.Thread(target=handle, args=(table, "ann", "/home")).start()
