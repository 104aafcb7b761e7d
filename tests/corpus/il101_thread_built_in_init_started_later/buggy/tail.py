"""IL101 on `LogTailer.interval`: the constructor only builds the follower thread; `start` starts
it and only then stores the polling interval the thread sleeps on, so the first polls may use
the old one."""
import os
import threading
import time


class LogTailer:
    def __init__(self, path):
        self.path = path
        self.interval = 1.0
        self._offset = 0
        self._lock = threading.Lock()
        self._lines = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._follow, name="tail", daemon=True)

    def start(self, interval):
        self._thread.start()
        self.interval = interval

    def _follow(self):
        while not self._stop.is_set():
            if os.path.getsize(self.path) > self._offset:
                with open(self.path) as fh:
                    fh.seek(self._offset)
                    chunk = fh.read()
                    self._offset = fh.tell()
                with self._lock:
                    self._lines.extend(chunk.splitlines())
            time.sleep(self.interval)

    def lines(self):
        with self._lock:
            return list(self._lines)

    def stop(self):
        self._stop.set()
        self._thread.join()


def main():
    tailer = LogTailer("/var/log/syslog")
    tailer.start(0.2)
    time.sleep(2)
    print(tailer.lines())
    tailer.stop()


if __name__ == "__main__":
    main()
