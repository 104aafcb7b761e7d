"""Audio player driven by the UI thread (play/pause/resume/stop) and its own playback thread,
which stops the player when the track ends. pause() checks the state through the locked getter
and then sets it through the locked setter: the playback thread can stop the player between the
two, and pause() then moves STOPPED -> PAUSED, which the state machine forbids (the UI shows a
paused player with no track loaded). Reading the property runs its getter, lock and all, as
a call of `get_state()` would."""
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
        if self.state is State.PLAYING:
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
