"""No finding: the progress lock is an RLock, which the main thread may take again from
the signal handler that interrupted it; the handler of the mirror tool only sets an Event that
its loop checks."""
import shutil
import signal
import threading


class Progress:
    def __init__(self, total):
        self._lock = threading.RLock()
        self.total = total
        self.done = 0

    def add(self, n):
        with self._lock:
            self.done += n

    def _summary(self):
        with self._lock:
            return f"{self.done}/{self.total} bytes"

    def _on_usr2(self, signum, frame):
        print(self._summary())

    def install(self):
        signal.signal(signal.SIGUSR2, self._on_usr2)


def back_up(files, dest, total):
    progress = Progress(total)
    progress.install()
    for src in files:
        with open(src, "rb") as fin, open(dest / src.name, "wb") as fout:
            while chunk := fin.read(1 << 20):
                fout.write(chunk)
                progress.add(len(chunk))
    shutil.copystat(files[0], dest)


class Mirror:
    def __init__(self):
        self._lock = threading.Lock()
        self.copied = 0
        self._report = threading.Event()

    def _on_usr1(self, signum, frame):
        self._report.set()

    def install(self):
        signal.signal(signal.SIGUSR1, self._on_usr1)

    def step(self, n):
        with self._lock:
            self.copied += n
            if self._report.is_set():
                self._report.clear()
                print(self.copied)


def mirror(chunks):
    m = Mirror()
    m.install()
    for c in chunks:
        m.step(len(c))
