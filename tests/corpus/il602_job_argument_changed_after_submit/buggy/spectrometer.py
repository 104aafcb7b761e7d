"""A spectrometer: the capture thread hands each raw spectrum to the archive pool
(`submit(self._archive, spectrum)`) and then applies the detector gain to the same array in
place (`out=spectrum`) for the live plot; the archive job may not have written it yet, so the
stored spectrum is sometimes calibrated, sometimes raw. The camera streamer starts an encoder
thread on each frame and then subtracts the background from that frame in place."""
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
            self._archiver.submit(self._archive, spectrum, seq)
            np.multiply(spectrum, self._gain, out=spectrum)
            self.live = spectrum
            seq += 1


def encode(frame: np.ndarray, path: str) -> None:
    with open(path, "wb") as fh:
        fh.write(frame.tobytes())


def stream(camera, background, count):
    for n in range(count):
        frame = camera.grab()
        threading.Thread(target=encode, args=(frame, f"raw_{n}.bin")).start()
        frame -= background
        camera.show(frame)
