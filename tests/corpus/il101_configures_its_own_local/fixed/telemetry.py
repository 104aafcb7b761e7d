"""Silent: the receiver thread builds a fresh `Frame` in a local and decodes into it before it
files the frame under the lock; until then no other thread can reach that object, so
`decode`'s writes race with nothing. `snapshot` copies the filed frames under the lock and
encodes them afterwards: every frame it sees was complete when it was filed."""
import threading


class Frame:
    def __init__(self) -> None:
        self.channel = 0
        self.reading = 0.0

    def decode(self, raw: bytes) -> None:
        self.channel = raw[0]
        self.reading = int.from_bytes(raw[1:3], "big") / 10.0

    def encode(self) -> bytes:
        return bytes([self.channel]) + int(self.reading * 10).to_bytes(2, "big")


class TelemetryLink:
    def __init__(self, port) -> None:
        self._port = port
        self._lock = threading.Lock()
        self._frames: list[Frame] = []
        self._rx = threading.Thread(target=self._receive, daemon=True)
        self._rx.start()

    def _receive(self) -> None:
        while True:
            raw = self._port.read(3)
            frame = Frame()
            frame.decode(raw)
            with self._lock:
                self._frames.append(frame)

    def snapshot(self) -> list[bytes]:
        with self._lock:
            frames = list(self._frames)
        return [self._encode(fr) for fr in frames]

    def _encode(self, frame: Frame) -> bytes:
        return frame.encode()
