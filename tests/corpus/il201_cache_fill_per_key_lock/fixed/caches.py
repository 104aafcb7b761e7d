"""Caches that build each entry once: a lock per key serialises the check and the fill of that key."""
import asyncio
import threading
from contextlib import contextmanager


class ThumbnailCache:
    """The lock for a key comes from a helper that creates it under a guard."""

    def __init__(self, render):
        self._render = render
        self._thumbs = {}
        self._key_locks = {}
        self._guard = threading.Lock()

    def _lock_for(self, key):
        with self._guard:
            lock = self._key_locks.get(key)
            if lock is None:
                lock = self._key_locks[key] = threading.Lock()
            return lock

    def get(self, key):
        with self._lock_for(key):
            if key not in self._thumbs:
                self._thumbs[key] = self._render(key)
            return self._thumbs[key]


class WaveformCache:
    """The lock for a key is taken from the dict with setdefault (atomic under the GIL)."""

    def __init__(self, compute):
        self._compute = compute
        self._waves = {}
        self._build_locks = {}

    def get(self, key):
        lock = self._build_locks.setdefault(key, threading.Lock())
        with lock:
            wave = self._waves.get(key)
            if wave is None:
                wave = self._compute(key)
                self._waves[key] = wave
        return wave


_COVER_LOCKS = {}
_COVER_GUARD = threading.Lock()
_COVERS = {}


@contextmanager
def _cover_lock(key):
    with _COVER_GUARD:
        lock = _COVER_LOCKS.setdefault(key, threading.Lock())
    with lock:
        yield


def cover(key, fetch):
    with _cover_lock(key):
        if key not in _COVERS:
            _COVERS[key] = fetch(key)
        return _COVERS[key]


class ProcessorCache:
    """asyncio: one build per key, the lock taken from the dict by key."""

    def __init__(self, build):
        self._build = build
        self._processors = {}
        self._build_locks = {}

    async def get(self, key):
        build_lock = self._build_locks.setdefault(key, asyncio.Lock())
        async with build_lock:
            proc = self._processors.get(key)
            if proc is None:
                proc = await asyncio.to_thread(self._build, key)
                self._processors[key] = proc
        return proc


def start_all(thumbs: ThumbnailCache, waves: WaveformCache, keys, fetch):
    threads = [threading.Thread(target=thumbs.get, args=(k,)) for k in keys]
    threads += [threading.Thread(target=waves.get, args=(k,)) for k in keys]
    threads += [threading.Thread(target=cover, args=(k, fetch)) for k in keys]
    for t in threads:
        t.start()
    return threads


async def serve(procs: ProcessorCache, keys):
    await asyncio.gather(*(procs.get(k) for k in keys))
