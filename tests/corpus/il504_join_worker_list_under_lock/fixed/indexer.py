"""Silent: `close` sets the stop flag under the lock and joins the scanner threads after
releasing it, so a scanner that still needs the lock to record its file can finish."""
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
        with self._lock:
            return self._indexed
