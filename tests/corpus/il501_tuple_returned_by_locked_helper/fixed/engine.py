import threading
import time

from queue_manager import PlayQueue


class Engine:
    def __init__(self, queue: PlayQueue):
        self.queue = queue
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="playback", daemon=True)

    def start(self):
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            track = self.queue.current()
            if track is None:
                time.sleep(0.05)
                continue
            time.sleep(0.01)          # "play" it
            if not self.queue.advance():
                self._stop.set()


class Api:
    def __init__(self, queue: PlayQueue):
        self.queue = queue

    def delete_track(self, pos: int):
        self.queue.remove(pos)
        return {"ok": True}


def main():
    q = PlayQueue(["a.flac", "b.flac", "c.flac"])
    engine = Engine(q)
    api = Api(q)
    engine.start()
    for _ in range(3):
        api.delete_track(0)


if __name__ == "__main__":
    main()
