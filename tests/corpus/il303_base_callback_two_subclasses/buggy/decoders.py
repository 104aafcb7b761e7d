"""IL303 once, on `Decoder.on_frame` under `Decoder._lock`: `feed` calls the user's frame callback
while holding the lock that `reset` needs. The code is `Decoder`'s, so two subclasses (each with
a lock of its own at run time) still make one finding, named after the declaring class."""
import threading


class Decoder:
    def __init__(self, on_frame):
        self._lock = threading.Lock()
        self.on_frame = on_frame
        self._pending = b""

    def feed(self, chunk):
        with self._lock:
            self._pending += chunk
            frame, self._pending = self._split(self._pending)
            if frame:
                self.on_frame(frame)

    def reset(self):
        with self._lock:
            self._pending = b""

    def _split(self, data):
        return data, b""


class FlacDecoder(Decoder):
    def _split(self, data):
        cut = data.rfind(b"\xff\xf8")
        return (data[:cut], data[cut:]) if cut > 0 else (b"", data)


class Mp3Decoder(Decoder):
    def _split(self, data):
        cut = data.rfind(b"\xff\xfb")
        return (data[:cut], data[cut:]) if cut > 0 else (b"", data)
