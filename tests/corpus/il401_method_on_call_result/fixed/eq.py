"""Silent: the route designs the filter on the loop (`butter`, cheap) and converts the
coefficients with `.tolist()` in the same expression: a method on the result of a cheap
`scipy.signal` call is not itself a `scipy.signal` function. Filtering runs in a worker thread."""
import asyncio

import numpy as np
import scipy.signal
from fastapi import FastAPI

app = FastAPI()


@app.post("/eq")
async def apply_eq(cutoff: float) -> dict[str, list]:
    coefficients = scipy.signal.butter(4, cutoff, btype="low", fs=44100, output="sos").tolist()
    audio = np.zeros(44100 * 60)
    filtered = await asyncio.to_thread(scipy.signal.sosfiltfilt, coefficients, audio)
    return {"sos": coefficients, "audio": filtered.tolist()}
