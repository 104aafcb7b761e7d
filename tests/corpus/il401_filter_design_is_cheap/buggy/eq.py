"""IL401 (low) on `apply_eq`: the route filters the whole buffer with `sosfiltfilt` on the event
loop; CPU time grows with the audio length and every other request waits."""
import numpy as np
import scipy.signal
from fastapi import FastAPI

app = FastAPI()


@app.post("/eq")
async def apply_eq(cutoff: float) -> list[float]:
    sos = scipy.signal.butter(4, cutoff, btype="low", fs=44100, output="sos")
    audio = np.zeros(44100 * 60)
    filtered = scipy.signal.sosfiltfilt(sos, audio)
    return filtered.tolist()
