"""A logging handler that batches formatted records and ships them to a collector, from `emit`
when the batch is full and from a background flusher every few seconds."""
import json
import logging
import threading
import urllib.request


class BatchHandler(logging.Handler):
    def __init__(self, url: str, capacity: int = 100, interval: float = 5.0) -> None:
        super().__init__()
        self.url = url
        self.capacity = capacity
        self.interval = interval
        self.batch: list[str] = []
        self._stop = threading.Event()
        self._flusher = threading.Thread(target=self._flush_periodically, daemon=True)
        self._flusher.start()

    def emit(self, record: logging.LogRecord) -> None:
        self.batch.append(self.format(record))      # handle() holds self.lock here
        if len(self.batch) >= self.capacity:
            self.flush()

    def flush(self) -> None:
        with self.lock:                              # the handler's own RLock, as handle() takes it
            if not self.batch:
                return
            body = json.dumps(self.batch).encode()
            self.batch.clear()
        urllib.request.urlopen(self.url, data=body, timeout=5)

    def _flush_periodically(self) -> None:
        while not self._stop.wait(self.interval):
            self.flush()

    def close(self) -> None:
        self._stop.set()
        self._flusher.join()
        self.flush()
        super().close()


def install(url: str) -> None:
    logging.getLogger().addHandler(BatchHandler(url))
