import queue
import threading


class Shot:
    def __init__(self, exposure):
        self.exposure = exposure
        self.frame = None
        self.done = threading.Event()


class Camera:
    def __init__(self, grab):
        self._grab = grab
        self._triggers = queue.Queue()
        threading.Thread(target=self._capture_loop, daemon=True).start()

    def snapshot(self, exposure):
        shot = Shot(exposure)
        self._triggers.put(shot)
        shot.done.wait()
        return shot.frame

    def _capture_loop(self):
        while True:
            shot = self._triggers.get()
            shot.frame = self._grab(shot.exposure)
            shot.done.set()


def shooter(cam, exposure):
    for _ in range(10):
        print(len(cam.snapshot(exposure)))


if __name__ == "__main__":
    cam = Camera(lambda e: b"x" * e)
    for e in (10, 20):
        threading.Thread(target=shooter, args=(cam, e)).start()
