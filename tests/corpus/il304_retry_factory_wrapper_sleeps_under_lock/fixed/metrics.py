"""A metrics shipper: collector threads add samples, a flusher thread ships batches to the
vendor's ingest API (its SDK raises ConnectionError on a dropped connection)."""
import threading
import time

from ingestkit import IngestClient

from retrying import retry


class Shipper:
    def __init__(self, api_key):
        self._client = IngestClient(api_key)
        self._lock = threading.Lock()
        self._pending = []
        self.shipped = 0

    def add(self, name, value):
        with self._lock:
            self._pending.append((time.time(), name, value))

    @retry(attempts=5, backoff=1.0)
    def _ship(self, batch):
        self._client.send_batch(batch)

    def flush(self):
        with self._lock:
            batch, self._pending = self._pending, []
        if batch:
            self._ship(batch)
            with self._lock:
                self.shipped += len(batch)

    def run_flusher(self, every=10.0):
        while True:
            time.sleep(every)
            self.flush()


def collect(shipper, source):
    while True:
        for name, value in source():
            shipper.add(name, value)
        time.sleep(1)


def main(sources):
    shipper = Shipper("k-123")
    threading.Thread(target=shipper.run_flusher, daemon=True).start()
    for src in sources:
        threading.Thread(target=collect, args=(shipper, src), daemon=True).start()
