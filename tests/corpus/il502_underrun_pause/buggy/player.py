"""IL502 on `AudioPlayer.state`: the playback thread pauses on a buffer underrun without
checking the state, so a stopped player goes STOPPED -> PAUSED (not a declared transition)."""
import threading
from enum import Enum


class PlayerState(Enum):
    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"


class AudioPlayer:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = PlayerState.STOPPED
        self.underruns = 0

    def play(self) -> bool:
        with self._lock:
            if self.state == PlayerState.PLAYING:
                return False
            self.state = PlayerState.PLAYING
            return True

    def stop(self) -> None:
        with self._lock:
            if self.state != PlayerState.STOPPED:
                self.state = PlayerState.STOPPED

    def on_underrun(self) -> None:
        with self._lock:
            self.underruns += 1
            self.state = PlayerState.PAUSED
