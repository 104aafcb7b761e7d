"""IL101/IL103 on `Exporter.done`: the request handler builds its own exporter, starts its thread,
then cancels it; `cancel` resets `done` while the thread increments it. The object is the
handler's own (no public caller reaches it), but it is shared with the thread its `start` runs on
`self._run`."""
import time

from fastapi import FastAPI

app = FastAPI()


class Exporter:
    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.done = 0
        self.cancelled = False
        self._t = threading.Thread(target=self._run)

    def start(self) -> None:
        self._t.start()

    def _run(self) -> None:
        for _ in range(self.rows):
            if self.cancelled:
                return
            time.sleep(0.01)
            self.done += 1

    def progress(self) -> float:
        return self.done / max(self.rows, 1)

    def cancel(self) -> None:
        self.cancelled = True
        self.done = 0


@app.post("/export")
def export(rows: int):
    exp = Exporter(rows)
    exp.start()
    time.sleep(0.5)
    p = exp.progress()
    exp.cancel()
    return {"progress": p}
