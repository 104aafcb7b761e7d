"""Fixed: the callback the Downloader's workers run counts under a lock of the App."""
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
        self._count_lock = threading.Lock()
        self.dl = Downloader()
        self.dl.add_done_callback(self._on_done)

    def _on_done(self, url: str, size: int) -> None:
        with self._count_lock:
            self.finished += 1

    def run(self, urls) -> None:
        for u in urls:
            self.dl.add(u)
        self.dl.start()
