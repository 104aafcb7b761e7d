"""Silent: the route only designs the filter (`butter`: a few coefficients, microseconds) on the
loop and runs the filtering itself in a worker thread."""
import asyncio

import numpy as np
import scipy.signal
from fastapi import FastAPI

app = FastAPI()


@app.post("/eq")
async def apply_eq(cutoff: float) -> list[float]:
    sos = scipy.signal.butter(4, cutoff, btype="low", fs=44100, output="sos")
    audio = np.zeros(44100 * 60)
    filtered = await asyncio.to_thread(scipy.signal.sosfiltfilt, sos, audio)
    return filtered.tolist()
