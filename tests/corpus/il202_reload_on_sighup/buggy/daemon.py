"""IL202 on `Daemon._jobs`: the SIGHUP reload clears and refills the table while the worker
thread walks it (dictionary changed size during iteration)."""
import signal
import threading
import time


class Daemon:
    """A daemon's worker thread runs due jobs; SIGHUP (handled on the main thread, while the worker
    runs) reloads the job table under the lock, but the worker walks it without the lock."""

    def __init__(self, loader):
        self._loader = loader
        self._lock = threading.Lock()
        self._jobs = dict(loader())
        self._worker = threading.Thread(target=self._loop, daemon=True)

    def install(self):
        signal.signal(signal.SIGHUP, self._on_hup)
        self._worker.start()

    def _on_hup(self, signum, frame):
        fresh = dict(self._loader())
        with self._lock:
            self._jobs.clear()
            self._jobs.update(fresh)

    def _loop(self):
        while True:
            due = [name for name, at in self._jobs.items() if at <= time.time()]
            for name in due:
                print("run", name)
            time.sleep(1)
