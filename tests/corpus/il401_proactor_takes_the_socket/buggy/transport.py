"""A completion-port style transport: the proactor takes the socket and returns a future
(`self._proactor.recv(self._sock, n)`, `self._proactor.accept(sock)`); it does not block the loop.
Reading the greeting straight from the socket in a loop callback does."""
import asyncio
import socket


class Proactor:
    """Overlapped I/O: every operation returns a future resolved by the completion port."""

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._loop = loop

    def recv(self, conn: socket.socket, nbytes: int) -> asyncio.Future:
        fut = self._loop.create_future()
        self._loop.run_in_executor(None, self._complete, fut, conn.recv, nbytes)
        return fut

    def accept(self, listener: socket.socket) -> asyncio.Future:
        fut = self._loop.create_future()
        self._loop.run_in_executor(None, self._complete, fut, listener.accept)
        return fut

    def _complete(self, fut, op, *args):
        try:
            value = op(*args)
        except OSError as exc:
            self._loop.call_soon_threadsafe(fut.set_exception, exc)
        else:
            self._loop.call_soon_threadsafe(fut.set_result, value)


class ReadTransport:
    max_size = 64 * 1024

    def __init__(self, loop, proactor: Proactor, sock: socket.socket, on_data):
        self._loop = loop
        self._proactor = proactor
        self._sock = sock
        self._on_data = on_data
        self._read_fut = None
        self._closing = False
        loop.call_soon(self._read_greeting)

    def _read_greeting(self):
        greeting = self._sock.recv(16)
        self._on_data(greeting)
        self._loop.call_soon(self._loop_reading)

    def _loop_reading(self, fut=None):
        if fut is not None:
            data = fut.result()
            if not data:
                self._closing = True
                return
            self._on_data(data)
        if not self._closing:
            self._read_fut = self._proactor.recv(self._sock, self.max_size)
            self._read_fut.add_done_callback(self._loop_reading)


class Server:
    def __init__(self, loop, proactor: Proactor, listener: socket.socket, on_data):
        self._loop = loop
        self._proactor = proactor
        self._listener = listener
        self._on_data = on_data
        self.transports = []

    def start(self):
        self._loop.call_soon(self._accept_loop)

    def _accept_loop(self, fut=None):
        if fut is not None:
            conn, _addr = fut.result()
            conn.setblocking(False)
            self.transports.append(ReadTransport(self._loop, self._proactor, conn, self._on_data))
        fut = self._proactor.accept(self._listener)
        fut.add_done_callback(self._accept_loop)


async def main():
    loop = asyncio.get_running_loop()
    listener = socket.create_server(("127.0.0.1", 8700))
    Server(loop, Proactor(loop), listener, print).start()
    await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main())
