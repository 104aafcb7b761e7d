"""Scan directories in child processes: each child counts into its own copy of the object and
sends its count back through a multiprocessing queue; the parent adds them up."""
import multiprocessing
import os


class Scan:
    def __init__(self):
        self.files = 0

    def _walk(self, root: str, out) -> None:
        for _dirpath, _dirs, names in os.walk(root):
            self.files += len(names)            # the child's own copy
        out.put(self.files)

    def run(self, roots: list[str]) -> int:
        out = multiprocessing.Queue()
        workers = [multiprocessing.Process(target=self._walk, args=(r, out)) for r in roots]
        for w in workers:
            w.start()
        total = sum(out.get() for _ in workers)
        for w in workers:
            w.join()
        return total


if __name__ == "__main__":
    import sys

    print(Scan().run(sys.argv[1:]))
