"""The supervisor reaps with `os.WNOHANG`: `waitpid` returns at once, `(0, 0)` when no child has
exited, so reaping on the event loop never parks it."""
import asyncio
import os
import signal


class Supervisor:
    def __init__(self) -> None:
        self.children: dict[int, str] = {}

    def spawn(self, name: str) -> None:
        pid = os.fork()
        if pid == 0:
            os.execvp(name, [name])
        self.children[pid] = name

    async def reap(self) -> None:
        while self.children:
            pid, _status = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                return
            self.children.pop(pid, None)
            await asyncio.sleep(0)

    async def health(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"%d children\n" % len(self.children))
        await writer.drain()
        writer.close()


async def main() -> None:
    sup = Supervisor()
    sup.spawn("worker")
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGCHLD, lambda: asyncio.ensure_future(sup.reap()))
    server = await asyncio.start_server(sup.health, "127.0.0.1", 9000)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
