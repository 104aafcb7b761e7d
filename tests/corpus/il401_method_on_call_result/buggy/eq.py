"""IL401 (low) on `apply_eq`: the route filters the whole buffer with `sosfiltfilt` on the event
loop and converts the result in the same expression. Only `sosfiltfilt` is CPU-heavy:
`.tolist()` is a method of its result, not a `scipy.signal` function."""
import numpy as np
import scipy.signal
from fastapi import FastAPI

app = FastAPI()


@app.post("/eq")
async def apply_eq(cutoff: float) -> list[float]:
    sos = scipy.signal.butter(4, cutoff, btype="low", fs=44100, output="sos")
    audio = np.zeros(44100 * 60)
    return scipy.signal.sosfiltfilt(sos, audio).tolist()
