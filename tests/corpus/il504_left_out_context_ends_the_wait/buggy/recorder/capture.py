import threading
from collections import deque


class Recorder:
    """The camera thread opens the device (which fixes the frame size) and then grabs frames;
    the encoder thread sets up its codec for that size and says when it is ready."""

    def __init__(self, device: str):
        self.device = device
        self._lock = threading.Lock()
        self._frames = deque()
        self._camera_open = threading.Event()
        self._encoder_ready = threading.Event()
        self._stopped = threading.Event()
        self.frame_size = None
        self._workers = [
            threading.Thread(target=self._camera_loop, name="camera"),
            threading.Thread(target=self._encoder_loop, name="encoder"),
        ]

    def start(self):
        for w in self._workers:
            w.start()

    def wait(self):
        for w in self._workers:
            w.join()

    def _grab(self):
        return bytes(16)

    def _camera_loop(self):
        # waits for the encoder before announcing the camera: the encoder waits for the camera
        self._encoder_ready.wait()
        self.frame_size = (640, 480)
        self._camera_open.set()
        for _ in range(100):
            frame = self._grab()
            with self._lock:
                self._frames.append(frame)
        self._stopped.set()

    def _encoder_loop(self):
        self._camera_open.wait()
        size = self.frame_size
        print("codec for", size)
        self._encoder_ready.set()
        while not self._stopped.is_set():
            with self._lock:
                frame = self._frames.popleft() if self._frames else None
            if frame is not None:
                print(len(frame))
