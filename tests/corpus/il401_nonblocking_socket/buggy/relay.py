"""A line relay: each client connection is served by a task on the event loop."""
import asyncio
import socket


class Relay:
    def __init__(self, host: str, port: int) -> None:
        self.upstream = socket.create_connection((host, port))

    async def pump(self, writer: asyncio.StreamWriter) -> None:
        while True:
            # the upstream socket is in blocking mode: recv parks the whole event loop
            data = self.upstream.recv(4096)
            if not data:
                break
            writer.write(data)
            await writer.drain()


async def serve(relay: Relay) -> None:
    async def on_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await relay.pump(writer)

    server = await asyncio.start_server(on_client, "127.0.0.1", 9000)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(serve(Relay("example.org", 7)))
