"""Fixed twin: the downloader thread stores the count under the condition and notifies, so the
`wait_for` predicate (run holding the condition's lock) sees every update."""
import threading
import urllib.request


class Downloader:
    def __init__(self, urls: list[str]):
        self._cond = threading.Condition()
        self._fetched = 0
        self._urls = list(urls)
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wait_fetched(self, n: int, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self._fetched >= n, timeout)

    def _run(self) -> None:
        for i, url in enumerate(self._urls, 1):
            with urllib.request.urlopen(url) as resp:
                resp.read()
            with self._cond:
                self._fetched = i
                self._cond.notify_all()
