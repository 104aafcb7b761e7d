"""IL101 on `ArtworkFetch._image`: `result` waits for `_done` with a timeout and reads `_image`
without testing what `wait` returned; when the download is slow the wait times out and `result`
reads `_image` while the fetch thread may be storing it (the Event orders nothing then)."""
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
        self._done.wait(timeout)
        return self._image
