"""A radio telemetry link: the receiver thread copies each datagram out of its reusable buffer
(`bytes(...)`) before handing it to the loop thread, so the next `recv_into` cannot change it."""
import asyncio
import socket
import threading


class TelemetryLink:
    def __init__(self, loop: asyncio.AbstractEventLoop, port: int):
        self._loop = loop
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sock.bind(("0.0.0.0", port))
        self._packet = bytearray(1500)
        self._frames: asyncio.Queue = asyncio.Queue()
        self._rx = threading.Thread(target=self._receive, daemon=True)

    def start(self) -> None:
        self._rx.start()

    def _deliver(self, payload) -> None:
        self._frames.put_nowait(bytes(payload))

    def _receive(self) -> None:
        while True:
            size = self._sock.recv_into(self._packet)
            if size:
                self._loop.call_soon_threadsafe(self._deliver, bytes(self._packet[:size]))

    async def frames(self):
        while True:
            yield await self._frames.get()
