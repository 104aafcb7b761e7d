"""A cache of slow probes, one probe per origin at a time.

`begin` returns holding the origin's lock when the answer is unknown; the caller probes and
hands the answer to `finish`, which stores it and releases that lock. But `forget` calls
`finish` without `begin`: there the check and the store run in two critical sections, and a
rival `finish` can store an answer between them, which `forget` then overwrites.
"""
import threading


class ProbeCache:
    def __init__(self):
        self._lock = threading.Lock()
        self._locks = {}
        self._answers = {}

    def begin(self, origin):
        with self._lock:
            lock = self._locks.setdefault(origin, threading.RLock())
        lock.acquire()
        answer = self._answers.get(origin)
        if answer is not None:
            lock.release()
        return answer

    def finish(self, origin, answer):
        lock = self._locks[origin]
        with lock:
            if answer is None and self._answers.get(origin) is not None:
                raise ValueError("answer already known")
        self._answers[origin] = answer
        lock.release()

    def forget(self, origin):
        lock = self._locks[origin]
        lock.acquire()
        lock.release()
        self.finish(origin, None)


def probe(cache, origin, ask):
    answer = cache.begin(origin)
    if answer is None:
        answer = ask(origin)
        cache.finish(origin, answer)
    return answer
