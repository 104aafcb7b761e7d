"""Loads the speech model on a worker thread at startup."""
import threading
import time


class ModelLoader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.loaded = threading.Event()
        self._thread = threading.Thread(target=self._load, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _load(self) -> None:
        time.sleep(2.0)                 # stands for reading the weights
        self.loaded.set()
