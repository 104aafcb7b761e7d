"""A telescope recorder laid out in pages: form feeds (^L) split the file into sections, the
way older modules are. Each exposure is handed to a writer thread and then dark-subtracted in
place only before the writer thread starts; the flat-field job is waited for before the frame is
rescaled."""
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

# -- saving ------------------------------------------------------------------------------------

def save(frame: np.ndarray, path: str) -> None:
    with open(path, "wb") as fh:
        fh.write(frame.tobytes())

# -- recording ---------------------------------------------------------------------------------

def record(camera, dark, count):
    for n in range(count):
        frame = camera.expose()
        frame -= dark
        threading.Thread(target=save, args=(frame, f"exp_{n}.bin")).start()
        camera.preview(frame)


class FlatFielder:
    def __init__(self, camera, scale: np.ndarray):
        self._camera = camera
        self._scale = scale
        self._pool = ThreadPoolExecutor(max_workers=2)

    def _store(self, flat: np.ndarray, seq: int) -> None:
        np.save(f"flat_{seq:04d}.npy", flat)

    def reference(self) -> np.ndarray:
        flat = self._camera.expose()
        job = self._pool.submit(self._store, flat, 0)
        job.result()
        np.multiply(flat, self._scale, out=flat)
        return flat
