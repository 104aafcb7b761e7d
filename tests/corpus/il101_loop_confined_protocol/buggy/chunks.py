"""IL202 and IL101 on `ChunkSender._pending`: `send` hands the encoding to an executor, whose
worker thread appends to `_pending` (IL101 in `_encode`) while the loop callback `_flush`
iterates it and then clears it (IL202 in `_flush`; a chunk appended in between is lost). The
rest of the class is confined to the event loop and stays silent."""
import asyncio
import zlib


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
        self._loop.run_in_executor(None, self._encode, chunk)
        if self._flush_handle is None and not self._paused:
            self._flush_handle = self._loop.call_soon(self._flush)

    def _encode(self, chunk: bytes):
        self._pending.append(zlib.compress(chunk))      # worker thread

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
