"""`_add` runs on the scanner's thread and the status thread reads what it wrote, both under
`MediaLibrary._lock`."""
import threading
import time

from scanner import FolderScanner


class MediaLibrary:
    def __init__(self, scanner: FolderScanner):
        self._lock = threading.Lock()
        self.latest = None
        self.found = []
        scanner.when_found(self._add)
        self._status = threading.Thread(target=self._report, daemon=True)

    def _add(self, path):
        with self._lock:
            self.latest = path

    def _report(self):
        while True:
            time.sleep(1.0)
            with self._lock:
                latest = self.latest
            print("last file found:", latest)


def main():
    scanner = FolderScanner("/srv/music")
    library = MediaLibrary(scanner)
    library._status.start()
    scanner.start()
