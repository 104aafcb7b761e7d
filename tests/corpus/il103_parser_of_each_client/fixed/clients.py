"""Nothing to report: a line `Parser` is the sans-I/O state of one connection. The asyncio client
and the threaded client keep theirs in `self.parser` (set by their common base), and each
`connect_*` factory builds a new parser for the one client it makes, through the client class it
is given (`create_client`, by default the library's own). `Parser.buffer` has one name but one
object per client, so the reader task of an asyncio client and the reader thread of a threaded
client never feed the same parser."""
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


async def connect_async(host, port, create_client: type[AsyncClient] | None = None):
    if create_client is None:
        create_client = AsyncClient
    reader, _ = await asyncio.open_connection(host, port)
    parser = Parser()
    client = create_client(reader, parser)
    client.start()
    return client


class ThreadedConnector:
    def __init__(self, create_client: type[ThreadedClient] | None = None):
        if create_client is None:
            create_client = ThreadedClient
        self.create_client = create_client

    def connect(self, sock):
        parser = Parser()
        client = self.create_client(sock, parser)
        client.start()
        return client
