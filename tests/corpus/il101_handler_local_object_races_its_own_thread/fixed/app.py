"""Fixed twin: a lock around the thread's update and the reset."""
import time

from fastapi import FastAPI

app = FastAPI()


class Exporter:
    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.done = 0
        self.cancelled = False
        self._lock = threading.Lock()
        self._t = threading.Thread(target=self._run)

    def start(self) -> None:
        self._t.start()

    def _run(self) -> None:
        for _ in range(self.rows):
            if self.cancelled:
                return
            time.sleep(0.01)
            with self._lock:
                self.done += 1

    def progress(self) -> float:
        with self._lock:
            return self.done / max(self.rows, 1)

    def cancel(self) -> None:
        self.cancelled = True
        with self._lock:
            self.done = 0


@app.post("/export")
def export(rows: int):
    exp = Exporter(rows)
    exp.start()
    time.sleep(0.5)
    p = exp.progress()
    exp.cancel()
    return {"progress": p}
