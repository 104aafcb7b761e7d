"""Silent: `render` fills a list of its own after the await and publishes it in `_peaks` with one
store; a request that runs during the await never sees or touches another request's list."""
import asyncio

from fastapi import FastAPI

app = FastAPI()


def _decode(track_id: int) -> list[float]:
    return [abs(((track_id * 7919 + i) % 200) - 100) / 100 for i in range(48_000)]


class WaveformService:
    def __init__(self):
        self._peaks = []

    async def render(self, track_id: int, width: int) -> list[float]:
        samples = await asyncio.to_thread(_decode, track_id)
        step = max(1, len(samples) // width)
        peaks = [max(samples[i:i + step]) for i in range(0, len(samples), step)]
        self._peaks = peaks
        return peaks

    def last_peaks(self) -> list[float]:
        return list(self._peaks)


service = WaveformService()


@app.get("/waveform/{track_id}")
async def waveform(track_id: int, width: int = 800):
    return {"peaks": await service.render(track_id, width)}


@app.get("/waveform/last")
async def last_waveform():
    return {"peaks": service.last_peaks()}
