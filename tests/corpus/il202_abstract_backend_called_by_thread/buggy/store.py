"""An uploader thread writes into whichever storage backend it is given (an abstract base);
the web routes list what the in-memory backend holds."""
import threading
from abc import ABC, abstractmethod

from fastapi import FastAPI


class Storage(ABC):
    @abstractmethod
    def save(self, key: str, data: bytes) -> None: ...


class DiskStorage(Storage):
    def __init__(self, root: str) -> None:
        self.root = root

    def save(self, key: str, data: bytes) -> None:
        with open(f"{self.root}/{key}", "wb") as f:
            f.write(data)


class MemoryStorage(Storage):
    def __init__(self) -> None:
        self._data: dict[str, bytes] = {}

    def save(self, key: str, data: bytes) -> None:
        self._data[key] = data

    def listing(self) -> list[str]:
        return [k for k in self._data]            # the uploader adds keys meanwhile


class Uploader:
    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        for i in range(1000):
            self.storage.save(f"k{i}", b"x")


app = FastAPI()
memory = MemoryStorage()
uploader = Uploader(memory)
uploader.start()


@app.get("/keys")
def keys() -> list[str]:
    return memory.listing()
