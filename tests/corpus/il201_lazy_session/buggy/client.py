"""IL201 on `StreamClient._session`: `session` checks it without the lock and assigns it under
`_lock`; two callers can both see None and open two sessions (one leaks). `close` writes it."""
import threading


def open_session(url):
    return {"url": url}


class StreamClient:
    def __init__(self, url):
        self._lock = threading.Lock()
        self.url = url
        self._session = None

    def session(self):
        if self._session is None:
            with self._lock:
                self._session = open_session(self.url)
        return self._session

    def close(self):
        with self._lock:
            session, self._session = self._session, None
        if session is not None:
            session.clear()
