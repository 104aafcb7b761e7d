"""IL101 on `MediaLibrary.latest`: `_add` is registered with the scanner and runs on the
scanner's thread, while the library's own status thread reads the field, no lock in common."""
import threading
import time

from scanner import FolderScanner


class MediaLibrary:
    def __init__(self, scanner: FolderScanner):
        self.latest = None
        self.found = []
        scanner.when_found(self._add)
        self._status = threading.Thread(target=self._report, daemon=True)

    def _add(self, path):
        self.latest = path

    def _report(self):
        while True:
            time.sleep(1.0)
            print("last file found:", self.latest)


def main():
    scanner = FolderScanner("/srv/music")
    library = MediaLibrary(scanner)
    library._status.start()
    scanner.start()
