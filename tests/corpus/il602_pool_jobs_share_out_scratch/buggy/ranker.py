"""A search ranker scores query batches on a thread pool. Every job projects its batch into one
scratch array kept on the ranker (`np.matmul(..., out=self._proj)`) and then reads it back to
pick the top hits: two jobs running at once write the same array in place, so one query gets
the other's scores."""
from concurrent.futures import ThreadPoolExecutor

import numpy as np


class Ranker:
    def __init__(self, index: np.ndarray, batch: int):
        self._index = index
        self._proj = np.zeros((batch, index.shape[1]), dtype=np.float32)
        self._jobs = ThreadPoolExecutor(max_workers=8)

    def _score(self, queries: np.ndarray) -> np.ndarray:
        np.matmul(queries, self._index, out=self._proj)
        return np.argsort(-self._proj, axis=1)[:, :10]

    def rank(self, batches: list) -> list:
        return list(self._jobs.map(self._score, batches))
