import threading

from sync import locked


class Playlist:
    def __init__(self):
        self._mutex = threading.Lock()
        self._tracks: list[str] = []
        threading.Thread(target=self._prefetch_loop, daemon=True).start()

    @locked
    def insert(self, index: int, track: str) -> None:
        self._tracks.insert(index, track)

    @locked
    def remove(self, track: str) -> int:
        index = self._tracks.index(track)
        del self._tracks[index]
        return index

    @locked
    def move(self, track: str, to: int) -> None:
        self._tracks.remove(track)
        self._tracks.insert(to, track)

    @locked
    def upcoming(self) -> list[str]:
        return list(self._tracks[:3])

    def _prefetch_loop(self) -> None:
        while True:
            for track in self.upcoming():
                print("prefetch", track)
