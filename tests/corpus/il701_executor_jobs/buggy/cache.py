"""IL701: CONN is created at import time (main thread) and used by executor jobs on worker
threads: sqlite3 raises ProgrammingError in every job."""
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

CONN = sqlite3.connect("waveforms.db")
executor = ThreadPoolExecutor(max_workers=4)


def save_waveform(track_id, peaks):
    CONN.execute("INSERT INTO waveforms VALUES (?, ?)", (track_id, bytes(peaks)))
    CONN.commit()


def save_all(waveforms):
    for track_id, peaks in waveforms.items():
        executor.submit(save_waveform, track_id, peaks)
