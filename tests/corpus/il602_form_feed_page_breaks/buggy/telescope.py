"""A telescope recorder laid out in pages: form feeds (^L) split the file into sections, the
way older modules are. Each exposure is handed to a writer thread and then dark-subtracted in
place while the writer may still be saving it; the flat-field job gets the frame from the pool
and the frame is rescaled before the job is known to be done."""
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
        threading.Thread(target=save, args=(frame, f"exp_{n}.bin")).start()
        frame -= dark
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
        self._pool.submit(self._store, flat, 0)
        np.multiply(flat, self._scale, out=flat)
        return flat
