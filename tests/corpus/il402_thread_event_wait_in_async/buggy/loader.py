"""IL402: predict waits on a threading.Event inside a coroutine: the event loop thread blocks
until the download thread finishes, stalling every other task."""
import asyncio
import threading
import urllib.request

WEIGHTS_URL = "https://models.example/bpm.bin"
WEIGHTS_PATH = "/tmp/bpm.bin"


class ModelLoader:
    def __init__(self):
        self._ready = threading.Event()
        threading.Thread(target=self._download, daemon=True).start()

    def _download(self):
        urllib.request.urlretrieve(WEIGHTS_URL, WEIGHTS_PATH)
        self._ready.set()

    async def predict(self, features):
        self._ready.wait()
        return await asyncio.to_thread(score, WEIGHTS_PATH, features)


def score(path, features):
    with open(path, "rb") as fh:
        return sum(fh.read(len(features)))
