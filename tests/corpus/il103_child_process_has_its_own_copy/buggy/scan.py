"""Scan directories in worker threads and count the files; the report is read while they run."""
import os
import threading


class Scan:
    def __init__(self):
        self.files = 0

    def _walk(self, root: str) -> None:
        for _dirpath, _dirs, names in os.walk(root):
            self.files += len(names)

    def run(self, roots: list[str]) -> int:
        workers = [threading.Thread(target=self._walk, args=(r,)) for r in roots]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return self.files


if __name__ == "__main__":
    import sys

    print(Scan().run(sys.argv[1:]))
