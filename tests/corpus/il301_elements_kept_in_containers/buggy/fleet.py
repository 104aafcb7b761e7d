import threading

_lock = threading.Lock()
_trucks = {}
_positions = {}


def enlist(truck):
    with _lock:
        _trucks[truck.plate] = truck


def recall_all():
    with _lock:
        for t in list(_trucks.values()):
            t.park()                          # Truck._lock while holding fleet._lock


def note_position(plate, where):
    with _lock:
        _positions[plate] = where
