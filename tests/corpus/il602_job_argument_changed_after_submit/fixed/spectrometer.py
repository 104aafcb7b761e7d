"""A spectrometer: the capture thread hands the archive pool its own copy of each raw spectrum
before calibrating the live one in place. The camera streamer subtracts the background before
starting the encoder thread on the frame. The reference exporter waits for its job (or awaits
the worker thread) before it rescales the array it passed."""
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np


class Spectrometer:
    def __init__(self, detector, gain: np.ndarray):
        self._detector = detector
        self._gain = gain
        self._archiver = ThreadPoolExecutor(max_workers=2)
        self._running = threading.Event()
        self.live = None
        self._worker = threading.Thread(target=self._capture, daemon=True)

    def start(self) -> None:
        self._running.set()
        self._worker.start()

    def _archive(self, spectrum: np.ndarray, seq: int) -> None:
        np.save(f"spectrum_{seq:05d}.npy", spectrum)

    def _capture(self) -> None:
        seq = 0
        while self._running.is_set():
            spectrum = self._detector.acquire()
            self._archiver.submit(self._archive, spectrum.copy(), seq)
            np.multiply(spectrum, self._gain, out=spectrum)
            self.live = spectrum
            seq += 1

    def export_reference(self) -> np.ndarray:
        reference = self._detector.acquire()
        job = self._archiver.submit(self._archive, reference, -1)
        job.result()
        np.multiply(reference, self._gain, out=reference)
        return reference

    async def export_dark(self) -> np.ndarray:
        dark = self._detector.acquire()
        await asyncio.to_thread(self._archive, dark, -2)
        dark *= 0.5
        return dark


def encode(frame: np.ndarray, path: str) -> None:
    with open(path, "wb") as fh:
        fh.write(frame.tobytes())


def stream(camera, background, count):
    for n in range(count):
        frame = camera.grab()
        frame -= background
        threading.Thread(target=encode, args=(frame, f"raw_{n}.bin")).start()
        camera.show(frame)
