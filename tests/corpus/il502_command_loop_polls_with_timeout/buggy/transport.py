"""A playback engine thread that polls its request queue (so it can also notice `shutdown`):
play/pause/stop are queued to it and it applies them in order.

Bug: `pause` checks that playback is running when it is called; a `stop` queued before it is
applied first, and the engine then pauses a stopped transport (STOPPED -> PAUSED)."""
import enum
import queue
import threading


class State(enum.Enum):
    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"


class Transport:
    def __init__(self, output):
        self._output = output
        self._lock = threading.Lock()
        self.state = State.STOPPED
        self._running = True
        self._requests = queue.Queue()
        threading.Thread(target=self._engine, daemon=True).start()

    def play(self) -> None:
        self._requests.put("play")

    def stop(self) -> None:
        self._requests.put("stop")

    def pause(self) -> None:
        with self._lock:
            playing = self.state is State.PLAYING
        if playing:
            self._requests.put("pause")

    def shutdown(self) -> None:
        self._running = False

    def _engine(self) -> None:
        while self._running:
            try:
                request = self._requests.get(timeout=0.1)
            except queue.Empty:
                continue
            if request == "play":
                self._do_play()
            elif request == "pause":
                self._do_pause()
            elif request == "stop":
                self._do_stop()

    def _do_play(self) -> None:
        self._output.start()
        with self._lock:
            self.state = State.PLAYING

    def _do_pause(self) -> None:
        self._output.hold()
        with self._lock:
            self.state = State.PAUSED

    def _do_stop(self) -> None:
        self._output.stop()
        with self._lock:
            self.state = State.STOPPED
