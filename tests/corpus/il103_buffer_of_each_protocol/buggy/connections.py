"""IL103 on `StreamBuffer.buffer`: `open_pair` hands ONE protocol to an asyncio connection and to
a threaded one, so the reader task and the reader thread both run `buffer += data` on that
protocol's buffer with no lock in common."""
import asyncio
import threading


class StreamBuffer:
    def __init__(self):
        self.buffer = b""
        self.eof = False

    def feed(self, data):
        self.buffer += data

    def feed_eof(self):
        self.eof = True


class Protocol:
    def __init__(self):
        self.stream = StreamBuffer()

    def receive_data(self, data):
        if data:
            self.stream.feed(data)
        else:
            self.stream.feed_eof()


class ClientProtocol(Protocol):
    def connect_request(self):
        return b"HELLO\n"


class AsyncConnection:
    def __init__(self, reader, protocol: Protocol):
        self.reader = reader
        self.protocol = protocol
        self.task = None

    def start(self):
        self.task = asyncio.create_task(self._recv_events())

    async def _recv_events(self):
        while True:
            data = await self.reader.read(4096)
            self.protocol.receive_data(data)
            if not data:
                break


class ThreadedClientConnection:
    def __init__(self, sock, protocol: ClientProtocol):
        self.sock = sock
        self.protocol = protocol
        self.thread = threading.Thread(target=self._recv_events, daemon=True)

    def start(self):
        self.thread.start()

    def _recv_events(self):
        while True:
            data = self.sock.recv(4096)
            self.protocol.receive_data(data)
            if not data:
                break


async def open_pair(host, port, sock):
    reader, _ = await asyncio.open_connection(host, port)
    protocol = ClientProtocol()
    aio = AsyncConnection(reader, protocol)
    threaded = ThreadedClientConnection(sock, protocol)
    aio.start()
    threaded.start()
    return aio, threaded
