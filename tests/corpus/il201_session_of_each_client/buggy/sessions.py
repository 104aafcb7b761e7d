"""IL201 on `Session.pending`: `open_clients` hands ONE `Session` to both clients. The threaded
client's sender tests `pending` and claims it in two sections of its lock; the asyncio client's
reader task clears it in between (no lock), so the sender can overwrite a reply's release and
match the next reply to the wrong message."""
import asyncio
import threading


class Session:
    def __init__(self):
        self.pending = None


class AsyncClient:
    def __init__(self, reader, session: Session):
        self.reader = reader
        self.session = session
        self.task = None

    def start(self):
        self.task = asyncio.create_task(self._read_loop())

    async def _read_loop(self):
        while True:
            reply = await self.reader.readline()
            if not reply:
                break
            self.session.pending = None


class ThreadedClient:
    def __init__(self, sock, outbox, session: Session):
        self.sock = sock
        self.outbox = outbox
        self.session = session
        self._lock = threading.Lock()
        self.thread = threading.Thread(target=self._send_loop, daemon=True)

    def start(self):
        self.thread.start()

    def _send_loop(self):
        while True:
            message = self.outbox.get()
            with self._lock:
                idle = self.session.pending is None
            if idle:
                self.sock.sendall(message)
                with self._lock:
                    self.session.pending = message


def open_clients(reader, sock, outbox):
    session = Session()
    aio = AsyncClient(reader, session)
    threaded = ThreadedClient(sock, outbox, session)
    aio.start()
    threaded.start()
    return aio, threaded
