"""Fixed twin: double-checked locking, the re-check sits inside the critical section."""
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
                if self._session is None:
                    self._session = open_session(self.url)
        with self._lock:
            return self._session

    def close(self):
        with self._lock:
            session, self._session = self._session, None
        if session is not None:
            session.clear()
