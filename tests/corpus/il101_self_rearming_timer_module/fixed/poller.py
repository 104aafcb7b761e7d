"""A module-level status poller: `_poll` re-arms its own Timer and stores it in the global
`_next`. Each timer is stored and started before it can run, so the stores never overlap;
`shutdown` only sets an Event that the next poll checks."""
import threading

_status_lock = threading.Lock()
_status = {}
_next = None
_stopping = threading.Event()


def _poll(source):
    global _next
    if _stopping.is_set():
        return
    reading = source.read_status()
    with _status_lock:
        _status.update(reading)
    _next = threading.Timer(10.0, _poll, args=(source,))
    _next.daemon = True
    _next.start()


def status():
    with _status_lock:
        return dict(_status)


def shutdown():
    _stopping.set()


def serve(source):
    threading.Timer(0.0, _poll, args=(source,)).start()
    threading.Thread(target=shutdown, name="shutdown").start()
