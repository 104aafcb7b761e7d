"""IL402 on `ClipPlayer.finished`: sounddevice runs `_fill` on its own audio thread (the
`callback=` of the OutputStream), and `_fill` sets the asyncio Event that `play` awaits; asyncio
primitives are not thread-safe, so the waiting coroutine may never wake."""
import asyncio

import numpy as np
import sounddevice as sd


class ClipPlayer:
    def __init__(self, clip: np.ndarray, samplerate: int = 48000):
        self._clip = clip
        self._pos = 0
        self.finished = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stream = sd.OutputStream(samplerate=samplerate, channels=1, callback=self._fill)

    def _fill(self, outdata: np.ndarray, frames: int, time_info, status) -> None:
        chunk = self._clip[self._pos:self._pos + frames]
        outdata[:len(chunk), 0] = chunk
        outdata[len(chunk):] = 0
        self._pos += frames
        if self._pos >= len(self._clip):
            self.finished.set()
            raise sd.CallbackStop

    async def play(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stream.start()
        try:
            await self.finished.wait()
        finally:
            self._stream.close()


if __name__ == "__main__":
    asyncio.run(ClipPlayer(np.zeros(48000, dtype="float32")).play())
