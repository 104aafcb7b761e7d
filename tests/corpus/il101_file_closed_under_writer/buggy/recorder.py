"""IL101 on `TraceRecorder._out`: `stop` closes the trace file while the writer thread may still be
writing a line to it (it only set the stop Event; ValueError: I/O operation on closed file)."""
import queue
import threading


class TraceRecorder:
    def __init__(self, path):
        self._lines = queue.Queue()
        self._out = open(path, "w", encoding="utf-8")
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._write_loop, daemon=True)
        self._thread.start()

    def trace(self, text):
        self._lines.put(text)

    def _write_loop(self):
        while not self._done.is_set():
            try:
                line = self._lines.get(timeout=0.1)
            except queue.Empty:
                continue
            self._out.write(line + "\n")

    def stop(self):
        self._done.set()
        self._out.close()


def main():
    rec = TraceRecorder("/tmp/trace.txt")
    workers = [threading.Thread(target=lambda n=n: [rec.trace(f"{n}:{i}") for i in range(50)])
               for n in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    rec.stop()


if __name__ == "__main__":
    main()
