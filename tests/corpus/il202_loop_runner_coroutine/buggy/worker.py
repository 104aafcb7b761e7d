"""IL202 on `Worker.servers`: `stop_listening`, called from another thread (a signal handler's
or the supervisor's), empties the list while the loop's `_shutdown` walks it across awaits."""
import asyncio
from concurrent.futures import ThreadPoolExecutor


class Worker:
    def __init__(self, sockets) -> None:
        self.sockets = sockets
        self.loop = asyncio.new_event_loop()
        self.pool = ThreadPoolExecutor(max_workers=4)
        self.servers = []
        self.alive = True

    def run(self) -> None:
        self.loop.set_default_executor(self.pool)
        try:
            self.loop.run_until_complete(self._serve())
        finally:
            self.loop.close()

    def stop_listening(self) -> None:
        for server in self.servers:
            server.close()
        self.servers.clear()

    async def _serve(self) -> None:
        for sock in self.sockets:
            server = await self.loop.create_server(asyncio.Protocol, sock=sock)
            self.servers.append(server)
        while self.alive:
            await asyncio.sleep(1.0)
        await self._shutdown()

    async def _shutdown(self) -> None:
        for server in self.servers:
            server.close()
        for server in self.servers:
            await server.wait_closed()
