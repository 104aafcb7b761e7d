"""IL101: the receiver thread files its fresh `Frame` first and decodes into it afterwards, with
no lock: `snapshot` can encode the filed frame on another thread while `decode` is still
writing its fields (a half-decoded reading)."""
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
            with self._lock:
                self._frames.append(frame)
            frame.decode(raw)

    def snapshot(self) -> list[bytes]:
        with self._lock:
            frames = list(self._frames)
        return [self._encode(fr) for fr in frames]

    def _encode(self, frame: Frame) -> bytes:
        return frame.encode()
