"""Count words in a set of log files: one pool job per file, each keeping a word tally row of its
own that a helper spills to disk and resets whenever it grows large."""
import json
from concurrent.futures import ThreadPoolExecutor


class WordTally:
    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        self._rows: list[dict[str, int]] = [{} for _ in paths]

    def run(self) -> None:
        with ThreadPoolExecutor(max_workers=4) as pool:
            for k in range(len(self.paths)):
                pool.submit(self._count, k)

    def _count(self, k: int) -> None:
        row = self._rows[k]
        with open(self.paths[k], encoding="utf-8") as fh:
            for line in fh:
                for word in line.split():
                    row[word] = row.get(word, 0) + 1
                if len(row) > 10_000:
                    self._spill(k, row)
        self._spill(k, row)

    def _spill(self, k: int, row: dict[str, int]) -> None:
        with open(f"{self.paths[k]}.counts", "a", encoding="utf-8") as out:
            json.dump(row, out)
            out.write("\n")
        row.clear()


if __name__ == "__main__":
    import sys
    WordTally(sys.argv[1:]).run()
