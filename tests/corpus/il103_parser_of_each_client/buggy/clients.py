"""IL103 on `Parser.buffer`: `connect_pair` hands ONE parser to both the asyncio client and the
threaded client it makes, so the reader task (on the event loop) and the reader thread both run
`buffer += data` on the same object with no lock in common."""
import asyncio
import threading


class Parser:
    def __init__(self):
        self.buffer = b""
        self.lines = []

    def feed(self, data):
        self.buffer += data
        while b"\n" in self.buffer:
            line, _, self.buffer = self.buffer.partition(b"\n")
            self.lines.append(line)

    def next_line(self):
        if self.lines:
            return self.lines.pop(0)
        return None


class Client:
    def __init__(self, parser: Parser):
        self.parser = parser


class AsyncClient(Client):
    def __init__(self, reader, parser: Parser):
        super().__init__(parser)
        self.reader = reader
        self.task = None

    def start(self):
        self.task = asyncio.create_task(self._read_loop())

    async def _read_loop(self):
        while True:
            data = await self.reader.read(4096)
            if not data:
                break
            self.parser.feed(data)


class ThreadedClient(Client):
    def __init__(self, sock, parser: Parser):
        super().__init__(parser)
        self.sock = sock
        self.thread = threading.Thread(target=self._read_loop, daemon=True)

    def start(self):
        self.thread.start()

    def _read_loop(self):
        while True:
            data = self.sock.recv(4096)
            if not data:
                break
            self.parser.feed(data)


def connect_pair(reader, sock, create_async: type[AsyncClient] | None = None):
    if create_async is None:
        create_async = AsyncClient
    parser = Parser()
    aio = create_async(reader, parser)
    threaded = ThreadedClient(sock, parser)
    aio.start()
    threaded.start()
    return aio, threaded
