"""IL103 on `Scanner.hits`: the threads are started in a loop over `enumerate(roots)`, but each
is handed the root's group, not its position; two roots of one group add to one slot at once."""
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
            t = threading.Thread(target=self._scan, args=(self.groups[n], root))
            t.start()
            threads.append(t)
        for t in threads:
            t.join()
        return sum(self.hits)


def main(roots, groups):
    return Scanner(roots, groups).scan()
