import threading


class Preloader:
    def __init__(self):
        self.loaded = False
        self._finished = threading.Event()
        self._worker = None

    def start(self) -> None:
        self._worker = threading.Thread(target=self._load)
        self._worker.start()

    def _load(self) -> None:
        self.loaded = True
        self._finished.set()

    def wait_loaded(self) -> None:
        if not self.loaded:
            self._finished.clear()
            self._finished.wait()
