"""Fixed twin: the reader thread's callback hands each line to the loop with
`call_soon_threadsafe`; the queue is only touched on the loop."""
import asyncio
import threading


def read_lines(sock, on_line):
    for line in sock.makefile():
        on_line(line)


class Bridge:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.results = asyncio.Queue()

    def on_data(self, data):            # called from the reader thread
        self.loop.call_soon_threadsafe(self.results.put_nowait, data)

    def start(self, sock):
        threading.Thread(target=read_lines, args=(sock, self.on_data)).start()

    async def next(self):
        return await self.results.get()
