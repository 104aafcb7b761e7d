"""IL102 on `ArtworkFetcher._session`: the session is built with double-checked locking under
`_lock`, but `reset` (api) clears it without the lock; the build in `session` can return the
None that `reset` stored between its test and its return, and the fast path races too."""
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
        self._session = None
