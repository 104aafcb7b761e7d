"""IL402 on `Bridge.results`: `start` hands its bound method `on_data` to the reader thread's
target, which calls it for every line: `asyncio.Queue.put_nowait` from another thread than the
loop's (not thread-safe: a waiting `next()` may never wake)."""
import asyncio
import threading


def read_lines(sock, on_line):
    for line in sock.makefile():
        on_line(line)


class Bridge:
    def __init__(self):
        self.results = asyncio.Queue()

    def on_data(self, data):            # called from the reader thread
        self.results.put_nowait(data)

    def start(self, sock):
        threading.Thread(target=read_lines, args=(sock, self.on_data)).start()

    async def next(self):
        return await self.results.get()
