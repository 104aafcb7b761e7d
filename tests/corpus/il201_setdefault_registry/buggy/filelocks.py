"""IL201 on `FileLocks._locks`: `lock_for` looks the path up under `_guard`, and when it is missing
stores a new lock under `_guard` again; two taggers of one file both miss, each stores its own
lock, and they write the file at the same time. `dict.setdefault` in one critical section keeps
the first lock (see the fixed twin)."""
import threading
from concurrent.futures import ThreadPoolExecutor


class FileLocks:
    def __init__(self):
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    def lock_for(self, path: str) -> threading.Lock:
        with self._guard:
            lock = self._locks.get(path)
        if lock is None:
            lock = threading.Lock()
            with self._guard:
                self._locks[path] = lock
        return lock

    def forget(self, path: str) -> None:
        with self._guard:
            self._locks.pop(path, None)


def write_tag(locks: FileLocks, path: str, tag: str) -> None:
    with locks.lock_for(path):
        with open(path, "a") as f:
            f.write(tag + "\n")


def tag_all(jobs: list[tuple[str, str]]) -> None:
    locks = FileLocks()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for path, tag in jobs:
            pool.submit(write_tag, locks, path, tag)
