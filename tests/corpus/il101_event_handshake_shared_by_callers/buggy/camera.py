import queue
import threading


class Camera:
    def __init__(self, grab):
        self._grab = grab
        self._triggers = queue.Queue()
        self._captured = threading.Event()
        self.frame = None
        threading.Thread(target=self._capture_loop, daemon=True).start()

    def snapshot(self, exposure):
        self._captured.clear()
        self._triggers.put(exposure)
        self._captured.wait()
        return self.frame

    def _capture_loop(self):
        while True:
            exposure = self._triggers.get()
            self.frame = self._grab(exposure)
            self._captured.set()


def shooter(cam, exposure):
    for _ in range(10):
        print(len(cam.snapshot(exposure)))


if __name__ == "__main__":
    cam = Camera(lambda e: b"x" * e)
    for e in (10, 20):
        threading.Thread(target=shooter, args=(cam, e)).start()
