import asyncio
import socket
import threading


class Beacon:
    """A receiver thread hands the first datagram to the loop; one task notifies watchers.

    The thread takes one datagram and ends: when that one notification comes before a watcher
    waits, nothing ever notifies again and the watcher waits for good.
    """

    def __init__(self, port):
        self.port = port
        self.seen = {}
        self.changed = asyncio.Condition()
        self.loop = None

    def _receive(self, sock):
        data, addr = sock.recvfrom(512)
        self._deliver(addr[0], data)

    def _deliver(self, host, data):
        self.loop.call_soon_threadsafe(self._store, host, data)

    def _store(self, host, data):
        self.seen[host] = data
        asyncio.ensure_future(self._announce())

    async def _announce(self):
        async with self.changed:
            self.changed.notify_all()

    async def next_change(self):
        async with self.changed:
            await self.changed.wait()
            return dict(self.seen)

    async def run(self):
        self.loop = asyncio.get_running_loop()
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("0.0.0.0", self.port))
        threading.Thread(target=self._receive, args=(sock,), daemon=True).start()
        while True:
            print(await self.next_change())


if __name__ == "__main__":
    asyncio.run(Beacon(9999).run())
