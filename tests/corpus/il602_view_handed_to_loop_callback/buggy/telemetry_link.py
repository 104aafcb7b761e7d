"""A radio telemetry link: a receiver thread reads datagrams into one reusable `bytearray`
(`recv_into`) and hands a memoryview of it to the asyncio side with `call_soon_threadsafe`.
The callback runs later on the loop thread; by then `recv_into` may already have written the
next datagram into the same memory, so the decoder sees the wrong (or a half-new) packet."""
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
                self._loop.call_soon_threadsafe(self._deliver, memoryview(self._packet)[:size])

    async def frames(self):
        while True:
            yield await self._frames.get()
