"""An append-only journal whose one writer thread (a single-worker executor kept in a field) owns
the file: `append` only submits; `close` shuts the executor
down too, but closes the file first: a job still queued or running may open or write it then."""
import json
from concurrent.futures import ThreadPoolExecutor


class Journal:
    def __init__(self, path):
        self.path = path
        self._writer = ThreadPoolExecutor(max_workers=1)
        self._fh = None

    def _write(self, entry):
        if self._fh is None:
            self._fh = open(self.path, "a", encoding="utf-8")
        self._fh.write(json.dumps(entry) + "\n")

    def append(self, entry):
        return self._writer.submit(self._write, dict(entry))

    def close(self):
        if self._fh is not None:
            self._fh.close()
        self._writer.shutdown(wait=True)


if __name__ == "__main__":
    j = Journal("/tmp/journal.jsonl")
    for i in range(100):
        j.append({"seq": i})
    j.close()
