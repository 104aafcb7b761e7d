"""A UDP telemetry relay: datagrams read when the socket is ready, forwarded to a collector."""
import asyncio
import os
import signal
import socket

import requests


class Relay:
    def __init__(self, port: int, collector: str):
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sock.bind(("0.0.0.0", port))
        self._sock.setblocking(False)
        self._collector = collector
        self._rfd, self._wfd = os.pipe()
        os.set_blocking(self._wfd, False)
        self.forwarded = 0

    def install(self, loop: asyncio.AbstractEventLoop) -> None:
        loop.add_reader(self._sock.fileno(), self._on_readable)
        signal.signal(signal.SIGUSR1, self._on_usr1)

    def _on_usr1(self, signum, frame) -> None:
        # a signal handler: wakes the loop through the self-pipe
        os.write(self._wfd, b"\0")

    def _on_readable(self) -> None:
        data, _ = self._sock.recvfrom(65536)     # ready, non-blocking: returns at once
        asyncio.get_running_loop().run_in_executor(None, self._forward, data)
        self.forwarded += 1

    def _forward(self, data: bytes) -> None:
        requests.post(self._collector, data=data, timeout=5)   # on a worker thread


async def main() -> None:
    relay = Relay(9999, "http://collector.local/ingest")
    relay.install(asyncio.get_running_loop())
    while True:
        await asyncio.sleep(60)
        print("forwarded", relay.forwarded)


if __name__ == "__main__":
    asyncio.run(main())
