"""Frame tiles are shaded by a fixed crew of threads that meet at a barrier after every frame.

Each shader adds its tile count to the tally under `_tally_lock` and then waits at the barrier
without letting go of the lock: the first shader to arrive keeps the lock while it waits for the
others, and the others block on the lock before they can reach the barrier. Nobody moves again.
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
