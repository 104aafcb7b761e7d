"""A modem bridge, built on the event loop with a loop future for the connection; `dial` starts
a reader thread that waits for the modem's CONNECT banner. The thread hands the result to the loop with
`call_soon_threadsafe`, which resolves the future on the loop's own thread."""
import asyncio
import threading


class ModemLink:
    def __init__(self, port):
        self._port = port
        self._loop = asyncio.get_running_loop()
        self._connected = asyncio.get_running_loop().create_future()

    def _read_banner(self):
        banner = self._port.readline()
        if banner.startswith(b"CONNECT"):
            self._loop.call_soon_threadsafe(self._connected.set_result, banner)
        else:
            self._loop.call_soon_threadsafe(self._connected.set_exception, ConnectionError(banner))

    async def dial(self, number):
        self._port.write(b"ATD" + number + b"\r")
        threading.Thread(target=self._read_banner, daemon=True).start()
        return await asyncio.wait_for(self._connected, 30)
