"""IL102 on `Downloader._fetched`: the downloader thread stores how many files it fetched without
the condition, while `wait_fetched` reads it in the `wait_for` predicate, which runs holding the
condition's lock (and the thread never notifies, so the waiter sleeps until its timeout)."""
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
            self._fetched = i
