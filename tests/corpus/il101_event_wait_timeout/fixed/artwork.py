"""Silent: `result` reads `_image` only when `wait` returned True, i.e. after the fetch thread
stored it and set `_done` (which it never writes again); a timeout raises instead of reading."""
import threading


class ArtworkFetch:
    def __init__(self, url, download):
        self._url = url
        self._download = download
        self._image = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def _run(self):
        data = self._download(self._url)
        self._image = data
        self._done.set()

    def result(self, timeout=5.0):
        if not self._done.wait(timeout):
            raise TimeoutError(f"artwork {self._url} not ready after {timeout}s")
        return self._image
