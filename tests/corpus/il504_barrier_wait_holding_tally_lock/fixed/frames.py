"""Frame tiles are shaded by a fixed crew of threads that meet at a barrier after every frame.

Each shader adds its tile count to the tally under `_tally_lock`, lets go of the lock, and only
then waits at the barrier for the rest of the crew.
"""
import threading


class TileCrew:
    def __init__(self, shaders: int) -> None:
        self._tally_lock = threading.Lock()
        self._frame_done = threading.Barrier(shaders)
        self._shaders = shaders
        self.tiles_shaded = 0

    def _shade(self, tiles: int) -> None:
        for _frame in range(3):
            with self._tally_lock:
                self.tiles_shaded += tiles
            self._frame_done.wait()

    def start(self) -> None:
        for n in range(self._shaders):
            threading.Thread(target=self._shade, args=(n + 1,)).start()
