"""IL201 on `Exclusive._owner`: `run` tests that nobody owns the object and stores its thread's
id as the owner in one critical section, runs the job with the lock released, then clears the
owner. `force_release` clears it whoever owns it: a second `run` then takes the object while the
first still works, and the first one's clearing frees it for a third run beside the second."""
import threading


class Busy(Exception):
    pass


class Exclusive:
    def __init__(self):
        self._lock = threading.Lock()
        self._owner = None

    def run(self, job):
        me = threading.get_ident()
        with self._lock:
            if self._owner is not None:
                raise Busy()
            self._owner = me
        try:
            return job()
        finally:
            with self._lock:
                self._owner = None

    def force_release(self):
        with self._lock:
            self._owner = None
