"""IL103: `record` runs on many pool threads and bumps a page's count outside `_guarded()`;
`snapshot` copies the counts under it."""
from concurrent.futures import ThreadPoolExecutor

from guarding import GuardedMixin


class HitCounter(GuardedMixin):
    def __init__(self):
        self._setup_guard()
        self._hits: dict = {}

    def record(self, page: str) -> None:
        self._hits[page] = self._hits.get(page, 0) + 1

    def snapshot(self) -> dict:
        with self._guarded():
            return dict(self._hits)


def replay(pages: list) -> dict:
    counter = HitCounter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(counter.record, pages))
    return counter.snapshot()
