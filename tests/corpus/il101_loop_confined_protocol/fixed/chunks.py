"""Silent: ChunkSender is confined to the event loop. asyncio calls its protocol methods on the
loop thread, and the callbacks it schedules (`call_soon`, `add_done_callback`) run there too, one
at a time; no thread, executor job or `call_soon_threadsafe` ever touches its state."""
import asyncio


class ChunkSender(asyncio.Protocol):
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._loop = loop
        self._transport = None
        self._pending = []
        self._paused = False
        self._flush_handle = None
        self._sent = 0

    def connection_made(self, transport):
        self._transport = transport

    def send(self, chunk: bytes):
        self._pending.append(chunk)
        if self._flush_handle is None and not self._paused:
            self._flush_handle = self._loop.call_soon(self._flush)

    def pause_writing(self):
        self._paused = True

    def resume_writing(self):
        self._paused = False
        if self._pending and self._flush_handle is None:
            self._flush_handle = self._loop.call_soon(self._flush)

    def _flush(self):
        self._flush_handle = None
        if self._paused or self._transport is None:
            return
        for chunk in self._pending:
            self._transport.write(chunk)
        self._pending.clear()
        waiter = self._loop.create_future()
        waiter.add_done_callback(self._on_drained)

    def _on_drained(self, fut):
        self._sent += 1
