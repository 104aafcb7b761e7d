"""A directory poller: its thread refreshes the listing, callers drop it to force a full rescan.
The package imports its own modules absolutely (`from feed.utils import ...`), and the tool is
pointed at the package folder itself."""
import os
import time

from feed.utils import BaseThread


class Poller(BaseThread):
    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = path
        self._seen: set[str] = set()

    def run(self) -> None:
        while self.should_keep_running():
            now = set(os.listdir(self._path))
            for name in now - self._seen:
                print("new", name)
            self._seen = now
            time.sleep(1.0)

    def forget(self) -> None:
        """Called by other threads: the next poll reports every file again."""
        self._seen.clear()


def watch(path: str, rescan_every: float = 60.0) -> None:
    poller = Poller(path)
    poller.start()
    while True:
        time.sleep(rescan_every)
        poller.forget()
