"""Silent: `export` stores the path before it starts the export thread (the start publishes it to
the thread), and reads the thread's `written` count only after joining it (the join publishes it
back); the thread runs once per exporter."""
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
        self._thread.join()
        return self.written

    def _write(self):
        with open(self._path, "w") as fh:
            for row in self.rows:
                fh.write(f"{row}\n")
        self.written = len(self.rows)
