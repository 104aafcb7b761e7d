"""A search ranker scores query batches on a thread pool; each job projects into an array of
its own, so concurrent jobs never write each other's scores."""
from concurrent.futures import ThreadPoolExecutor

import numpy as np


class Ranker:
    def __init__(self, index: np.ndarray, batch: int):
        self._index = index
        self._batch = batch
        self._jobs = ThreadPoolExecutor(max_workers=8)

    def _score(self, queries: np.ndarray) -> np.ndarray:
        proj = np.empty((self._batch, self._index.shape[1]), dtype=np.float32)
        np.matmul(queries, self._index, out=proj)
        return np.argsort(-proj, axis=1)[:, :10]

    def rank(self, batches: list) -> list:
        return list(self._jobs.map(self._score, batches))
