"""A poller whose `configure()` refuses to run once it has started: the state check at its top
makes its writes set-up code (like the constructor's), done before the polling thread exists."""
import threading

STOPPED = 0
RUNNING = 1


class AlreadyRunning(Exception):
    pass


class Poller:
    def __init__(self, **options) -> None:
        self._lock = threading.Lock()
        self._seen: list = []
        self.state = STOPPED
        self.configure(**options)

    def configure(self, **options) -> None:
        if self.state != STOPPED:
            raise AlreadyRunning("stop the poller before configuring it")
        self.interval = float(options.get("interval", 1.0))
        self._source = options.get("source")

    def start(self) -> None:
        with self._lock:
            if self.state != STOPPED:
                raise AlreadyRunning("already started")
            self.state = RUNNING
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def seen(self) -> list:
        with self._lock:
            return list(self._seen)

    def _run(self) -> None:
        stop = threading.Event()
        while not stop.wait(self.interval):
            item = self._source() if self._source else None
            with self._lock:
                self._seen.append(item)
