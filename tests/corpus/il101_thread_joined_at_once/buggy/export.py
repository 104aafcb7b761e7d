"""IL101: `export` starts the writer thread and only then marks the export as running: the
thread may already have set `status = "done"`, which the caller's late write overwrites."""
import threading


class Exporter:
    def __init__(self, sink):
        self.sink = sink
        self.rows_written = 0
        self.status = "idle"

    def export(self, rows):
        def write_all():
            for row in rows:
                self.sink.write(row)
                self.rows_written += 1
            self.status = "done"

        worker = threading.Thread(target=write_all)
        worker.start()
        self.status = "exporting"
        worker.join()
        return self.rows_written
