"""Silent: `ArtworkFetcher._session` is built lazily with double-checked locking. The fast path
copies the field to a local and tests it for None; every later write (the build, `reset`) holds
`_lock`, so a reader sees either None (and takes the lock) or a fully built session."""
import queue
import threading


class HttpSession:
    def __init__(self, base_url):
        self.base_url = base_url

    def get(self, path):
        return f"{self.base_url}/{path}"


class ArtworkFetcher:
    def __init__(self, base_url):
        self._base_url = base_url
        self._lock = threading.Lock()
        self._session = None
        self._pending = queue.Queue()
        self._worker = threading.Thread(target=self._prefetch_loop, daemon=True)

    def start(self):
        self._worker.start()

    def _prefetch_loop(self):
        while True:
            album = self._pending.get()
            self.session().get(album)

    def session(self):
        session = self._session
        if session is not None:
            return session
        with self._lock:
            if self._session is None:
                self._session = HttpSession(self._base_url)
            return self._session

    def fetch(self, album):
        return self.session().get(album)

    def reset(self):
        with self._lock:
            self._session = None
