"""Traffic counters shared by the whole server (a flat layout: `server.py` imports this module)."""
import threading

BYTES_IN: dict = {}
GUARD = threading.Lock()
