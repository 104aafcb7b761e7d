"""IL103 on `App.finished`: the App registers its bound method on the Downloader it holds
(`self.dl.add_done_callback(self._on_done)`, a registry on another object, not on the App
itself); the Downloader's several worker threads call every registered callback, so
`_on_done` runs on the App from all of them at once and `finished += 1` loses counts."""
import threading
import urllib.request


class Downloader:
    def __init__(self, workers: int = 4):
        self._callbacks = []
        self._urls: list[str] = []
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._work) for _ in range(workers)]

    def add_done_callback(self, fn) -> None:
        with self._lock:
            self._callbacks.append(fn)

    def add(self, url: str) -> None:
        with self._lock:
            self._urls.append(url)

    def start(self) -> None:
        for t in self._threads:
            t.start()

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._urls:
                    return
                url = self._urls.pop()
                callbacks = list(self._callbacks)
            data = urllib.request.urlopen(url, timeout=5).read()
            for cb in callbacks:
                cb(url, len(data))


class App:
    def __init__(self):
        self.finished = 0
        self.dl = Downloader()
        self.dl.add_done_callback(self._on_done)

    def _on_done(self, url: str, size: int) -> None:
        self.finished += 1

    def run(self, urls) -> None:
        for u in urls:
            self.dl.add(u)
        self.dl.start()
