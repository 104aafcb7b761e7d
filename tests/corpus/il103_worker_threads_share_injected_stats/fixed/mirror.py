"""Two mirror workers, each on a thread of its own, handed one counter object to share,
which locks its total."""
import shutil
import threading


class CopyCounter:
    def __init__(self):
        self.copied = 0
        self._lock = threading.Lock()

    def tally(self, n):
        with self._lock:
            self.copied += n


class MirrorWorker:
    def __init__(self, pairs, counter):
        self.pairs = list(pairs)
        self.counter = counter
        self.errors = []
        self.copied_here = 0
        self._thread = None

    def start(self):
        self._thread = threading.Thread(target=self._copy_all, daemon=True)
        self._thread.start()

    def join(self):
        if self._thread is not None:
            self._thread.join()

    def _copy_all(self):
        for src, dst in self.pairs:
            try:
                shutil.copyfile(src, dst)
            except OSError as exc:
                self.errors.append((src, exc))
                continue
            self.copied_here += 1
            self.counter.tally(1)


def mirror(primary, backup):
    counter = CopyCounter()
    first = MirrorWorker(primary, counter)
    second = MirrorWorker(backup, counter)
    first.start()
    second.start()
    first.join()
    second.join()
    return counter.copied
