"""Fixed twin: every thread gets the position `enumerate` gives its root, so each one adds
only to its own slot, `self.hits[n]`."""
import os
import threading


class Scanner:
    def __init__(self, roots, groups):
        self.roots = roots
        self.groups = groups
        self.hits = [0] * len(roots)

    def _scan(self, slot, root):
        for _dirpath, _dirs, files in os.walk(root):
            self.hits[slot] += len(files)

    def scan(self):
        threads = []
        for n, root in enumerate(self.roots):
            t = threading.Thread(target=self._scan, args=(n, root))
            t.start()
            threads.append(t)
        for t in threads:
            t.join()
        return sum(self.hits)


def main(roots, groups):
    return Scanner(roots, groups).scan()
