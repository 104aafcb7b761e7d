"""IL304 on `Journal._lock`: rotating reopens the journal file under the lock (that is what the
lock is for), but it also copies the whole rotated file into the archive while holding it, and
every `record` caller waits for the copy."""
import os
import threading


class Journal:
    def __init__(self, path: str, limit: int = 1 << 20):
        self.path = path
        self.limit = limit
        self._lock = threading.Lock()
        self._out = open(path, "a")

    def record(self, line: str) -> None:
        with self._lock:
            self._out.write(line + "\n")
            if self._out.tell() > self.limit:
                self._roll()

    def _roll(self) -> None:
        self._out.close()
        os.replace(self.path, self.path + ".old")
        self._out = open(self.path, "a")
        with open(self.path + ".old") as src, open(self.path + ".archive", "a") as dst:
            dst.write(src.read())

    def close(self) -> None:
        with self._lock:
            self._out.close()


def start(journal: Journal) -> None:
    for n in range(4):
        threading.Thread(target=journal.record, args=(f"worker {n}",)).start()
