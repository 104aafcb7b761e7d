"""No finding: `Stats.dump` reads the counters without the lock, but the program only hands it to
`atexit.register`, which runs it after the interpreter has joined the (non-daemon) workers. No code
calls it beside them, so the public method has no outside caller on another thread."""
import atexit
import sys
import threading


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


def main(paths):
    for i in range(4):
        threading.Thread(target=worker, args=(paths[i::4],)).start()


if __name__ == "__main__":
    main(sys.argv[1:])
