"""IL504 on `LibraryIndexer._lock`: `close` holds the lock while it joins every scanner thread
of `_scanners`, and a scanner takes the same lock to record each file it indexed. A scanner
that is between two files when `close` starts waits for the lock forever, and `close` waits
for that scanner forever."""
import threading


class LibraryIndexer:
    def __init__(self, paths, workers=3):
        self._lock = threading.Lock()
        self._pending = list(paths)
        self._indexed = 0
        self._stopping = False
        self._scanners = []
        for _ in range(workers):
            scanner = threading.Thread(target=self._scan)
            scanner.start()
            self._scanners.append(scanner)

    def _scan(self):
        while True:
            with self._lock:
                if self._stopping or not self._pending:
                    return
                path = self._pending.pop()
            self._index_file(path)
            with self._lock:
                self._indexed += 1

    def _index_file(self, path):
        return len(path)

    def close(self):
        with self._lock:
            self._stopping = True
            for scanner in self._scanners:
                scanner.join()
            return self._indexed
