"""A module-level status poller: `_poll` re-arms its own Timer and stores it in the global
`_next`. `shutdown`, on the service's main thread, cancels whichever timer `_next` holds while a
running `_poll` may be replacing it: the new timer is never cancelled and polling goes on."""
import threading

_status_lock = threading.Lock()
_status = {}
_next = None


def _poll(source):
    global _next
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
    if _next is not None:
        _next.cancel()


def serve(source):
    threading.Timer(0.0, _poll, args=(source,)).start()
    threading.Thread(target=shutdown, name="shutdown").start()
