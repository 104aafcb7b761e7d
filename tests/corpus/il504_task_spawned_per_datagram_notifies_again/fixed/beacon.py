import asyncio
import socket
import threading


class Beacon:
    """A receiver thread hands each datagram to the loop; a task per datagram notifies watchers.

    The thread loops, so every datagram schedules another `_store` and another `_announce`
    task: a watcher that waits after one notification is woken by the next one.
    """

    def __init__(self, port):
        self.port = port
        self.seen = {}
        self.changed = asyncio.Condition()
        self.loop = None

    def _receive(self, sock):
        while True:
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
