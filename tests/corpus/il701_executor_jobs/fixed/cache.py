"""Fixed: each worker thread keeps its own connection in threading.local()."""
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

_local = threading.local()
executor = ThreadPoolExecutor(max_workers=4)


def save_waveform(track_id, peaks):
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = _local.conn = sqlite3.connect("waveforms.db")
    conn.execute("INSERT INTO waveforms VALUES (?, ?)", (track_id, bytes(peaks)))
    conn.commit()


def save_all(waveforms):
    for track_id, peaks in waveforms.items():
        executor.submit(save_waveform, track_id, peaks)
