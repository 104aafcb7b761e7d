"""Weather station API: sensors post readings; the peak per sensor is kept once archived."""
from fastapi import FastAPI

app = FastAPI()


class Archive:
    def __init__(self, client):
        self._client = client

    async def write(self, sensor: str, value: float) -> None:
        await self._client.put(f"/readings/{sensor}", json={"value": value})


class PeakTracker:
    def __init__(self, archive: Archive):
        self._archive = archive
        self.peaks: dict[str, float] = {}

    async def report(self, sensor: str, value: float) -> bool:
        peak = self.peaks.get(sensor)
        if peak is not None and value < peak / 100:
            return False            # a glitch of the sensor: not archived
        await self._archive.write(sensor, value)
        current = self.peaks.get(sensor)        # again: other readings landed meanwhile
        if current is None or value > current:
            self.peaks[sensor] = value
            return True
        return False


tracker = PeakTracker(Archive(None))


@app.post("/sensors/{sensor}")
async def post_reading(sensor: str, value: float):
    return {"new_peak": await tracker.report(sensor, value)}


@app.get("/sensors/{sensor}")
async def get_peak(sensor: str):
    return {"peak": tracker.peaks.get(sensor)}
