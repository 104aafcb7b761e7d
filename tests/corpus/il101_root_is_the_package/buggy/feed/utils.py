"""Thread helpers shared by the package's workers."""
import threading


class BaseThread(threading.Thread):
    """A daemon thread that can be asked to stop."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self._stopped = threading.Event()

    def stop(self) -> None:
        self._stopped.set()

    def should_keep_running(self) -> bool:
        return not self._stopped.is_set()
