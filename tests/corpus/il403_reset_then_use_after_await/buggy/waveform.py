"""IL403 on `WaveformService._peaks`: `render` resets `_peaks` for its request, awaits the decoder
and then appends to `_peaks` and returns it; a second request that starts during the await resets
`_peaks` too, so both requests fill one list and each returns the other's peaks as well."""
import asyncio

from fastapi import FastAPI

app = FastAPI()


def _decode(track_id: int) -> list[float]:
    return [abs(((track_id * 7919 + i) % 200) - 100) / 100 for i in range(48_000)]


class WaveformService:
    def __init__(self):
        self._peaks = []

    async def render(self, track_id: int, width: int) -> list[float]:
        self._peaks = []
        samples = await asyncio.to_thread(_decode, track_id)
        step = max(1, len(samples) // width)
        for i in range(0, len(samples), step):
            self._peaks.append(max(samples[i:i + step]))
        return self._peaks

    def last_peaks(self) -> list[float]:
        return list(self._peaks)


service = WaveformService()


@app.get("/waveform/{track_id}")
async def waveform(track_id: int, width: int = 800):
    return {"peaks": await service.render(track_id, width)}


@app.get("/waveform/last")
async def last_waveform():
    return {"peaks": service.last_peaks()}
