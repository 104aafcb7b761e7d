"""IL102 on `Recorder._rows`: `record` appends through a local alias without the lock that
`drain` holds; the module ledger's alias is bound outside the lock and used under it (fine)."""
import threading

LEDGER = []
_LOCK = threading.Lock()


class Recorder:
    def __init__(self):
        self._rows = []
        self._lock = threading.Lock()

    def record(self, row):
        rows = self._rows
        rows.append(row)

    def drain(self):
        with self._lock:
            out = list(self._rows)
            self._rows.clear()
        return out


def worker(items, recorder: Recorder):
    ledger = LEDGER
    for item in items:
        with _LOCK:
            ledger.append(item)
        recorder.record(item)


def run(batches):
    recorder = Recorder()
    threads = [threading.Thread(target=worker, args=(b, recorder)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return recorder.drain()
