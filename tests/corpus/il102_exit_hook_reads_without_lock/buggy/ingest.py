"""IL102 on `Stats.files`/`Stats.bytes`: `dump` reads the counters without the lock. It is an
exit hook, but a progress thread also calls it every few seconds while the workers still write
them under the lock."""
import atexit
import sys
import threading
import time


class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self.files = 0
        self.bytes = 0

    def record(self, size):
        with self._lock:
            self.files += 1
            self.bytes += size

    def dump(self):
        sys.stderr.write("ingested %d files, %d bytes\n" % (self.files, self.bytes))


STATS = Stats()
atexit.register(STATS.dump)


def worker(paths):
    for path in paths:
        with open(path, "rb") as fh:
            STATS.record(len(fh.read()))


def progress():
    while True:
        time.sleep(5)
        STATS.dump()


def main(paths):
    threading.Thread(target=progress, daemon=True).start()
    for i in range(4):
        threading.Thread(target=worker, args=(paths[i::4],)).start()


if __name__ == "__main__":
    main(sys.argv[1:])
