"""Fixed twin: `record` bumps the count inside the mixin's `_guarded()`, which holds
`_state_lock` although the mixin lives in another module."""
from concurrent.futures import ThreadPoolExecutor

from guarding import GuardedMixin


class HitCounter(GuardedMixin):
    def __init__(self):
        self._setup_guard()
        self._hits: dict = {}

    def record(self, page: str) -> None:
        with self._guarded():
            self._hits[page] = self._hits.get(page, 0) + 1

    def snapshot(self) -> dict:
        with self._guarded():
            return dict(self._hits)


def replay(pages: list) -> dict:
    counter = HitCounter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(counter.record, pages))
    return counter.snapshot()
