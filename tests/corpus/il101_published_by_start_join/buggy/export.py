"""IL101 on `Exporter.written`: `export` returns `written` without joining the export thread,
which may still be writing it."""
import threading


class Exporter:
    def __init__(self, rows):
        self.rows = rows
        self._path = None
        self.written = 0
        self._thread = threading.Thread(target=self._write, daemon=True)

    def export(self, path):
        self._path = path
        self._thread.start()
        return self.written

    def _write(self):
        with open(self._path, "w") as fh:
            for row in self.rows:
                fh.write(f"{row}\n")
        self.written = len(self.rows)
