"""Audio player driven by the UI thread and its playback thread; pause() checks and sets the
state in one critical section (the RLock is re-entered by the setter)."""
import enum
import threading
import time


class State(enum.Enum):
    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"


class Player:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._state = State.STOPPED
        self.position = 0.0
        self.duration = 0.0
        self._thread = None

    @property
    def state(self) -> State:
        with self._lock:
            return self._state

    def _set_state(self, new: State) -> None:
        with self._lock:
            self._state = new

    def play(self, duration: float) -> None:
        with self._lock:
            if self._state is not State.STOPPED:
                return
            self.duration = duration
            self.position = 0.0
            self._state = State.PLAYING
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def pause(self) -> None:
        with self._lock:
            if self._state is State.PLAYING:
                self._set_state(State.PAUSED)

    def resume(self) -> None:
        with self._lock:
            if self._state is State.PAUSED:
                self._state = State.PLAYING

    def stop(self) -> None:
        with self._lock:
            self._state = State.STOPPED

    def _run(self) -> None:
        while True:
            time.sleep(0.05)
            with self._lock:
                if self._state is State.STOPPED:
                    return
                if self._state is State.PAUSED:
                    continue
                self.position += 0.05
                if self.position >= self.duration:
                    self._state = State.STOPPED
                    return
